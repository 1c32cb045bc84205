package fr.pacte.plugins.psychological;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.SelectionCriterion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The descriptor against the fiche "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE" of seed 002, section by section. */
class PsychologicalSupportActionTypeTest {

  private static final String FICHE = "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE";

  private final ActionTypeDescriptor descriptor = new PsychologicalSupportActionType().descriptor();

  @Test
  void identifiesTheActionType() {
    assertSame(PsychologicalSupportActionType.DESCRIPTOR, descriptor);
    assertEquals("equilibre-emotionnel-psychologique", descriptor.code());
    assertEquals(LocalizedText.of("Equilibre émotionnel et psychologique", "Emotional and psychological balance"),
        descriptor.label());
    assertEquals(SeedFiche.FICHE_TITLES.get(1), SeedFiche.asFicheTitle(descriptor.label().fr()), "the fiche's title");
    assertEquals(FollowUpMode.INDIVIDUAL_FOLLOW_UP, descriptor.mode());
    assertEquals(CapacityUnit.PEOPLE_IN_FILE_ACTIVE, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA présentant une problématique liée à la santé mentale entravant la mise en place "
        + "d'un parcours d'insertion", descriptor.targetPublic().fr());
    assertEquals(Eligibility.Kind.RSA_ONLY, descriptor.eligibility().kind());
    assertNull(descriptor.eligibility().rsaQuotaPercent());
    assertTrue(descriptor.eligibility().admits(true, false));
    assertFalse(descriptor.eligibility().admits(false, true), "not open to other IAE-eligible people");
    assertEquals("Seuls les bénéficiaires du RSA sont éligibles", descriptor.eligibility().statement().fr());
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
    Map<String, ParticipationField> fields = fields();
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
    assertEquals(3, descriptor.selectionCriteria().size());
    assertEquals(2, descriptor.applicationAttachments().size());
    assertEquals(3, descriptor.notes().size());
    assertUnique(descriptor.participationFields(), ParticipationField::code);
    assertUnique(descriptor.indicators(), IndicatorDefinition::code);
    assertUnique(descriptor.selectionCriteria(), SelectionCriterion::code);
    descriptor.indicators().forEach(i -> assertTrue(i.unit() != null && !i.unit().isBlank(), i.code()));
  }

  @Test
  void fourIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre de personnes accompagnées",
            "Nombre de personnes ayant repris un parcours de soin",
            "Nombre d'accompagnements ayant permis une stabilisation de l'état de santé",
            "Nombre de rencontres et temps d'échange organisés à destination des professionnels"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
  }

  @Test
  void criteriaOfIndividualFollowUpAndItsAttachments() {
    assertEquals(List.of(
            "Qualité de la méthodologie et de la pédagogie déployée",
            "Caractère éventuellement innovant de l'action proposée",
            "Modalité, rythme et intensité des accompagnements"),
        descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList()));
    assertEquals(List.of(
            "Modélisation de l'accompagnement proposé",
            "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
        descriptor.applicationAttachments());
  }

  @Test
  void notesRecordTheTwoNamesOfTheAction() {
    String note = descriptor.notes().get(0);
    assertTrue(note.contains("Gestion des équilibres émotionnels et psychologiques") && note.contains("§II.A")
        && note.contains("EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE"), note);
  }

  /** Every section of the descriptor is the fiche's section, line for line, read from seed 002. */
  @Test
  void everySectionIsTheFichesOwn() throws IOException {
    String source = SeedFiche.text();
    assertEquals(descriptor.targetPublic().fr(),
        String.join("\n", SeedFiche.section(source, FICHE, "PUBLICS CIBLES ET PREREQUIS")));
    assertEquals(List.of(descriptor.rhythm().fr(), descriptor.maximumDurationMonths() + " mois maximum"),
        SeedFiche.section(source, FICHE, "RYTHME ET DUREE"), "no renewal in the fiche either");
    assertEquals(SeedFiche.section(source, FICHE, "OBJECTIFS DE L'ACTION"), descriptor.objectives());
    assertEquals(SeedFiche.section(source, FICHE, "MODALITES DE MISE EN OEUVRE"), descriptor.modalities());
    assertEquals(SeedFiche.section(source, FICHE, "INDICATEURS DE SUIVI :"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
    assertEquals(SeedFiche.section(source, FICHE, "ATTENDUS EN FIN D'ACTION"), descriptor.expectedOutcomes());
    assertEquals(SeedFiche.criteria(source, "d'un accompagnement individuel"),
        descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList()));
  }

  /** The remaining French texts taken from the call appear in seed 002 as they are. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of(descriptor.eligibility().statement().fr(),
        "Gestion des équilibres émotionnels et psychologiques"));
    published.addAll(descriptor.applicationAttachments());
    descriptor.participationFields().forEach(f -> f.options().forEach(o -> published.add(o.fr())));
    published.forEach(text -> assertTrue(SeedFiche.published(source, text), "not in the seed: " + text));
    assertTrue(source.contains("seuls les bénéficiaires du RSA sont éligibles aux actions suivantes :\n\n"
        + "- Gestion des équilibres émotionnels et psychologiques"), "§II.B keeps the action RSA only");
  }

  @Test
  void everyEnglishLabelIsWritten() {
    List<LocalizedText> texts = new ArrayList<>(List.of(descriptor.label(), descriptor.targetPublic(),
        descriptor.eligibility().statement(), descriptor.rhythm()));
    descriptor.participationFields().forEach(f -> {
      texts.add(f.label());
      texts.addAll(f.options());
    });
    descriptor.indicators().forEach(i -> texts.add(i.label()));
    descriptor.selectionCriteria().forEach(c -> texts.add(c.label()));
    texts.forEach(text -> assertTrue(!text.en().equals(text.fr()), "English missing for: " + text.fr()));
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

  private Map<String, ParticipationField> fields() {
    return descriptor.participationFields().stream()
        .collect(Collectors.toMap(ParticipationField::code, f -> f, (a, b) -> a, LinkedHashMap::new));
  }

  private static <T> void assertUnique(List<T> items, Function<T, String> code) {
    assertEquals(items.size(), new HashSet<>(items.stream().map(code).collect(Collectors.toList())).size());
  }
}
