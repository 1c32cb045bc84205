package fr.pacte.plugins.psychological;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The descriptor against the fiche "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE" of seed 002: the contract of every fiche
 * ({@link SeedFicheContract}) and what is this one's own.
 */
class PsychologicalSupportActionTypeTest extends SeedFicheContract {

  private final ActionTypeDescriptor descriptor = new PsychologicalSupportActionType().descriptor();

  PsychologicalSupportActionTypeTest() {
    super(PsychologicalSupportActionType.DESCRIPTOR, "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE",
        "PUBLICS CIBLES ET PREREQUIS", "ATTENDUS EN FIN D'ACTION");
  }

  @Test
  void identifiesTheActionType() {
    assertSame(PsychologicalSupportActionType.DESCRIPTOR, descriptor);
    assertEquals("equilibre-emotionnel-psychologique", descriptor.code());
    assertEquals(LocalizedText.of("Equilibre émotionnel et psychologique", "Emotional and psychological balance"),
        descriptor.label());
    assertEquals(FollowUpMode.INDIVIDUAL_FOLLOW_UP, descriptor.mode());
    assertEquals(CapacityUnit.PEOPLE_IN_FILE_ACTIVE, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA présentant une problématique liée à la santé mentale entravant la mise en place "
        + "d'un parcours d'insertion", descriptor.targetPublic().fr());
    assertRsaOnly(descriptor);
  }

  @Test
  void twelveMonthsWithoutRenewal() {
    assertEquals("Entrées et sorties permanentes", descriptor.rhythm().fr());
    assertEquals(12, descriptor.maximumDurationMonths());
    assertFalse(descriptor.renewal().renewable());
    assertNull(descriptor.renewal().condition());
    assertNull(descriptor.renewal().conditionField());
  }

  @Test
  void participationFieldsFollowTheFicheWithoutFreeTextOnHealth() {
    Map<String, ParticipationField> fields = fields(descriptor);
    assertEquals(List.of("diagnostic_tripartite_date", "suite_diagnostic", "reprise_parcours_soin",
        "stabilisation_etat_sante", "reprise_accompagnement_referent"), List.copyOf(fields.keySet()));
    assertEquals(ParticipationField.Type.DATE, fields.get("diagnostic_tripartite_date").type());
    assertEquals(ParticipationField.Type.CHOICE, fields.get("suite_diagnostic").type());
    assertEquals(List.of("Accompagnement individuel spécialisé par le partenaire",
            "Poursuite de l'accompagnement par le référent RSA"),
        fields.get("suite_diagnostic").options().stream().map(LocalizedText::fr).collect(Collectors.toList()));
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("reprise_parcours_soin").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("stabilisation_etat_sante").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("reprise_accompagnement_referent").type());
    assertTrue(descriptor.participationFields().stream().noneMatch(f -> f.type() == ParticipationField.Type.TEXT),
        "no free text where a diagnosis could be written");
  }

  @Test
  void countsOfEachList() {
    assertEquals(4, descriptor.objectives().size());
    assertEquals(4, descriptor.modalities().size());
    assertEquals(5, descriptor.participationFields().size());
    assertEquals(4, descriptor.indicators().size());
    assertEquals(3, descriptor.expectedOutcomes().size());
    assertEquals(3, descriptor.notes().size());
  }

  @Test
  void fourIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre de personnes accompagnées",
            "Nombre de personnes ayant repris un parcours de soin",
            "Nombre d'accompagnements ayant permis une stabilisation de l'état de santé",
            "Nombre de rencontres et temps d'échange organisés à destination des professionnels"),
        indicatorLabels(descriptor));
  }

  @Test
  void notesRecordTheTwoNamesOfTheAction() {
    String note = descriptor.notes().get(0);
    assertTrue(note.contains("Gestion des équilibres émotionnels et psychologiques") && note.contains("§II.A")
        && note.contains("EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE"), note);
  }

  /** The remaining French texts taken from the call appear in seed 002 as they are. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of("Gestion des équilibres émotionnels et psychologiques"));
    descriptor.participationFields().forEach(f -> f.options().forEach(o -> published.add(o.fr())));
    SeedFiche.assertPublished(source, published);
    assertTrue(source.contains("seuls les bénéficiaires du RSA sont éligibles aux actions suivantes :\n\n"
        + "- Gestion des équilibres émotionnels et psychologiques"), "§II.B keeps the action RSA only");
  }

  @Test
  void servedAsJsonFieldForField() {
    JsonObject json = descriptor.toJson();
    assertEquals("equilibre-emotionnel-psychologique", json.getString("code"));
    assertEquals("INDIVIDUAL_FOLLOW_UP", json.getString("mode"));
    assertEquals("PEOPLE_IN_FILE_ACTIVE", json.getString("capacityUnit"));
    assertEquals("RSA_ONLY", json.getJsonObject("eligibility").getString("kind"));
    assertEquals(12, json.getInteger("maximumDurationMonths"));
    assertFalse(json.getJsonObject("renewal").getBoolean("renewable"));
    assertEquals(4, json.getJsonArray("indicators").size());
    assertEquals("Nombre de personnes accompagnées",
        json.getJsonArray("indicators").getJsonObject(0).getJsonObject("label").getString("fr"));
  }
}
