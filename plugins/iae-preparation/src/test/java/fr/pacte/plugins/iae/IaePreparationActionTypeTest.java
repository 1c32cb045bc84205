package fr.pacte.plugins.iae;

import static fr.pacte.testkit.ActionTypeAssertions.fields;
import static fr.pacte.testkit.ActionTypeAssertions.indicatorLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.ParticipationField;
import fr.pacte.testkit.SeedFiche;
import fr.pacte.testkit.SeedFicheContract;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The descriptor against the fiche "PREPARATION ET SECURISATION DE L'ENTREE EN IAE" of seed 002: the contract of
 * every fiche ({@link SeedFicheContract}) and what is this one's own.
 */
class IaePreparationActionTypeTest extends SeedFicheContract {

  private final ActionTypeDescriptor descriptor = new IaePreparationActionType().descriptor();

  IaePreparationActionTypeTest() {
    super(IaePreparationActionType.DESCRIPTOR, "PREPARATION ET SECURISATION DE L'ENTREE EN IAE",
        "PUBLICS CIBLES ET PREREQUIS", "ATTENDUS EN FIN D'ACTION");
  }

  @Test
  void identifiesTheActionType() {
    assertSame(IaePreparationActionType.DESCRIPTOR, descriptor);
    assertEquals("preparation-entree-iae", descriptor.code());
    assertEquals("Préparation et sécurisation de l'entrée en IAE", descriptor.label().fr());
    assertEquals(FollowUpMode.INDIVIDUAL_FOLLOW_UP, descriptor.mode());
    assertEquals(CapacityUnit.PEOPLE_IN_FILE_ACTIVE, descriptor.capacityUnit());
  }

  @Test
  void openToEveryoneEligibleForIae() {
    assertEquals("Candidats souhaitant s'orienter vers l'IAE et ayant besoin de sécuriser leur préparation dans la "
        + "perspective de maximiser leur chance d'intégration\nCandidats non retenus sur la plateforme de l'inclusion",
        descriptor.targetPublic().fr());
    assertEquals(Eligibility.Kind.IAE_ELIGIBLE, descriptor.eligibility().kind());
    assertNull(descriptor.eligibility().rsaQuotaPercent(), "no RSA quota");
    assertTrue(descriptor.eligibility().admits(false, true), "open beyond RSA recipients");
    assertTrue(descriptor.eligibility().admits(true, true));
    assertFalse(descriptor.eligibility().admits(true, false), "IAE eligibility is what counts");
    assertEquals("Tous les publics éligibles à l'IAE", descriptor.eligibility().statement().fr());
  }

  @Test
  void fourMonthsWithoutRenewal() {
    assertEquals("Entrées et sorties permanentes", descriptor.rhythm().fr());
    assertEquals(4, descriptor.maximumDurationMonths());
    assertFalse(descriptor.renewal().renewable());
    assertNull(descriptor.renewal().condition());
    assertNull(descriptor.renewal().conditionField());
  }

  @Test
  void participationFieldsFollowTheFiche() {
    Map<String, ParticipationField> fields = fields(descriptor);
    assertEquals(List.of("candidat_non_retenu_plateforme", "inscription_plateforme_inclusion",
        "positionnements_plateforme_inclusion", "decouvertes_immersions", "recrutement_siae", "date_integration_siae",
        "maintien_siae", "preconisation_suite_parcours"), List.copyOf(fields.keySet()));
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("candidat_non_retenu_plateforme").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("inscription_plateforme_inclusion").type());
    assertEquals(ParticipationField.Type.NUMBER, fields.get("positionnements_plateforme_inclusion").type());
    assertEquals(ParticipationField.Type.NUMBER, fields.get("decouvertes_immersions").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("recrutement_siae").type());
    assertEquals(ParticipationField.Type.DATE, fields.get("date_integration_siae").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("maintien_siae").type());
    assertEquals(ParticipationField.Type.TEXT, fields.get("preconisation_suite_parcours").type());
  }

  @Test
  void countsOfEachList() {
    assertEquals(6, descriptor.objectives().size());
    assertEquals(7, descriptor.modalities().size(), "six bullets and the closing paragraph");
    assertEquals(8, descriptor.participationFields().size());
    assertEquals(4, descriptor.indicators().size());
    assertEquals(4, descriptor.expectedOutcomes().size());
    assertEquals(3, descriptor.notes().size());
  }

  @Test
  void fourIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre de personnes accompagnées",
            "Nombre de positionnements sur la plateforme de l'inclusion",
            "Nombre de découvertes/immersions réalisées",
            "Nombre de recrutements en SIAE"),
        indicatorLabels(descriptor));
  }

  @Test
  void notesRecordTheNamesAndTheWidenedPublic() {
    assertTrue(descriptor.notes().get(0).contains("Préparation à l'entrée en structure de l'IAE"));
    assertTrue(descriptor.notes().get(1).contains("§II.B") && descriptor.notes().get(1).contains("sans quota"));
  }

  /** The remaining French texts taken from the call appear in seed 002 as they are. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of("Préparation à l'entrée en structure de l'IAE",
        "préparation à l'entrée en structures de l'IAE", "PREPARATION ENTREE IAE", "en compléments des orientations",
        "nombre d'allocataires du RSA accompagnés en continu"));
    for (String field : List.of("inscription_plateforme_inclusion",
        "positionnements_plateforme_inclusion", "decouvertes_immersions", "preconisation_suite_parcours")) {
      published.add(fields(descriptor).get(field).label().fr());
    }
    SeedFiche.assertPublished(source, published);
    assertTrue(source.contains("élargie à tous les publics éligibles à l'IAE"), "§II.B");
  }

  @Test
  void servedAsJsonFieldForField() {
    JsonObject json = descriptor.toJson();
    assertEquals("preparation-entree-iae", json.getString("code"));
    assertEquals("INDIVIDUAL_FOLLOW_UP", json.getString("mode"));
    assertEquals("PEOPLE_IN_FILE_ACTIVE", json.getString("capacityUnit"));
    assertEquals("IAE_ELIGIBLE", json.getJsonObject("eligibility").getString("kind"));
    assertNull(json.getJsonObject("eligibility").getInteger("rsaQuotaPercent"));
    assertEquals(4, json.getInteger("maximumDurationMonths"));
    assertFalse(json.getJsonObject("renewal").getBoolean("renewable"));
    assertEquals(4, json.getJsonArray("indicators").size());
  }
}
