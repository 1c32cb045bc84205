package fr.pacte.plugins.remobilisation;

import static fr.pacte.testkit.ActionTypeAssertions.assertRsaOnly;
import static fr.pacte.testkit.ActionTypeAssertions.fields;
import static fr.pacte.testkit.ActionTypeAssertions.indicatorLabels;
import static fr.pacte.testkit.ActionTypeAssertions.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.LocalizedText;
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
 * The descriptor against the fiche "REMOBILISATION SOCIALE" of seed 002: the contract of every fiche
 * ({@link SeedFicheContract}) and what is this one's own.
 */
class SocialRemobilisationActionTypeTest extends SeedFicheContract {

  private final ActionTypeDescriptor descriptor = new SocialRemobilisationActionType().descriptor();

  SocialRemobilisationActionTypeTest() {
    super(SocialRemobilisationActionType.DESCRIPTOR, "REMOBILISATION SOCIALE",
        "PUBLICS CIBLES ET PREREQUIS", "ATTENDUS SUITE A LA PARTICIPATION AUX ATELIERS ET AUX ACTIONS DE DECOUVERTE");
  }

  @Test
  void identifiesTheActionType() {
    assertSame(SocialRemobilisationActionType.DESCRIPTOR, descriptor);
    assertEquals("remobilisation-sociale", descriptor.code());
    assertEquals(LocalizedText.of("Remobilisation sociale", "Social remobilisation"), descriptor.label());
    assertEquals(FollowUpMode.COLLECTIVE_WORKSHOPS, descriptor.mode());
    assertEquals(CapacityUnit.WORKSHOPS_PER_YEAR, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA ayant besoin d'être redynamisés et de développer leurs compétences sociales et "
        + "relationnelles afin de garantir l'efficacité de l'accompagnement proposé", descriptor.targetPublic().fr());
    assertRsaOnly(descriptor);
  }

  @Test
  void noMaximumDurationAndNoRenewal() {
    assertEquals("Entrées et sorties permanentes", descriptor.rhythm().fr());
    assertNull(descriptor.maximumDurationMonths(), "the fiche sets no maximum");
    assertFalse(descriptor.renewal().renewable());
    assertNull(descriptor.renewal().conditionField());
  }

  @Test
  void participationFieldsFollowTheFiche() {
    Map<String, ParticipationField> fields = fields(descriptor);
    assertEquals(List.of("rendez_vous_preparatoires", "ateliers_suivis", "thematiques_ateliers", "actions_decouverte",
        "reorientation_socioprofessionnelle", "evolution_parcours"), List.copyOf(fields.keySet()));
    assertEquals(ParticipationField.Type.NUMBER, fields.get("rendez_vous_preparatoires").type());
    assertEquals(ParticipationField.Type.NUMBER, fields.get("ateliers_suivis").type());
    assertEquals(ParticipationField.Type.MULTI_CHOICE, fields.get("thematiques_ateliers").type());
    assertEquals(ParticipationField.Type.MULTI_CHOICE, fields.get("actions_decouverte").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("reorientation_socioprofessionnelle").type());
    assertEquals(ParticipationField.Type.TEXT, fields.get("evolution_parcours").type());
    assertEquals(List.of("Développement des compétences relationnelles (soft skills)",
            "Valorisation des potentialités et des compétences", "Travail l'image de soi (dont hygiène)",
            "Accès au droit (démarches administratives)", "Soutien à la parentalité (séparation parent/enfant)",
            "Anticiper les changements dans le cadre d'une reprise d'activité",
            "Connaissance des codes et du monde du travail", "Autre thématique proposée par le partenaire"),
        options(descriptor, "thematiques_ateliers"));
    assertEquals(List.of("Découverte de l'offre de service locale",
            "Découverte des actions relatives à la préparation vers l'emploi"),
        options(descriptor, "actions_decouverte"));
  }

  @Test
  void themesAreTheModalitiesOwnLines() {
    List<String> themes = options(descriptor, "thematiques_ateliers");
    int first = descriptor.modalities().indexOf("Ateliers collectifs sur des thématiques spécifiques :") + 1;
    assertEquals(themes.subList(0, themes.size() - 1), descriptor.modalities().subList(first, first + themes.size() - 1));
    assertEquals("Etc.", descriptor.modalities().get(first + themes.size() - 1));
  }

  @Test
  void countsOfEachList() {
    assertEquals(7, descriptor.objectives().size());
    assertEquals(16, descriptor.modalities().size(), "every line of the fiche's modalities, nested ones included");
    assertEquals(6, descriptor.participationFields().size());
    assertEquals(4, descriptor.indicators().size());
    assertEquals(4, descriptor.expectedOutcomes().size());
    assertEquals(3, descriptor.notes().size());
  }

  @Test
  void fourIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre d'ateliers et d'actions organisées",
            "Nombre de participants par ateliers",
            "Nombre d'ateliers mobilisés par participant",
            "Evolution des parcours des participants aux ateliers (ex : réorientation socioprofessionnelle)"),
        indicatorLabels(descriptor));
  }

  /** The remaining French texts taken from the call appear in seed 002 as they are. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of("Nombre d'ateliers annuels", "indicative et non exhaustive"));
    descriptor.participationFields().forEach(f -> f.options().stream()
        .filter(o -> !o.fr().startsWith("Autre thématique")).forEach(o -> published.add(o.fr())));
    published.add(fields(descriptor).get("reorientation_socioprofessionnelle").label().fr());
    SeedFiche.assertPublished(source, published);
    assertTrue(source.contains("- Gestion des équilibres émotionnels et psychologiques\n- Remobilisation sociale\n"),
        "§II.B keeps the action RSA only");
  }

  @Test
  void servedAsJsonFieldForField() {
    JsonObject json = descriptor.toJson();
    assertEquals("remobilisation-sociale", json.getString("code"));
    assertEquals("COLLECTIVE_WORKSHOPS", json.getString("mode"));
    assertEquals("WORKSHOPS_PER_YEAR", json.getString("capacityUnit"));
    assertEquals("RSA_ONLY", json.getJsonObject("eligibility").getString("kind"));
    assertTrue(json.containsKey("maximumDurationMonths"));
    assertNull(json.getValue("maximumDurationMonths"));
    assertEquals(4, json.getJsonArray("indicators").size());
  }
}
