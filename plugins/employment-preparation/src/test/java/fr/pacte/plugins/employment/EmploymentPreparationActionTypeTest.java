package fr.pacte.plugins.employment;

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

/** The descriptor against the fiche "PREPARATION A L'EMPLOI" of seed 002, section by section. */
class EmploymentPreparationActionTypeTest {

  private static final String FICHE = "PREPARATION A L'EMPLOI";

  private final ActionTypeDescriptor descriptor = new EmploymentPreparationActionType().descriptor();

  @Test
  void identifiesTheActionType() {
    assertSame(EmploymentPreparationActionType.DESCRIPTOR, descriptor);
    assertEquals("preparation-emploi", descriptor.code());
    assertEquals(LocalizedText.of("Préparation à l'emploi", "Employment preparation"), descriptor.label());
    assertEquals(FICHE, SeedFiche.asFicheTitle(descriptor.label().fr()), "the fiche's title");
    assertEquals(FollowUpMode.COLLECTIVE_WORKSHOPS, descriptor.mode());
    assertEquals(CapacityUnit.WORKSHOPS_PER_YEAR, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA dont les freins ont été résolus ou étant en cours de résolution ayant besoin "
        + "d'un soutien afin de se projeter vers l'emploi en vue de préparer une reprise d'activité ou tout du moins la "
        + "mise en œuvre d'un parcours centré sur l'emploi", descriptor.targetPublic().fr());
    assertEquals(Eligibility.Kind.RSA_ONLY, descriptor.eligibility().kind());
    assertNull(descriptor.eligibility().rsaQuotaPercent());
    assertTrue(descriptor.eligibility().admits(true, false));
    assertFalse(descriptor.eligibility().admits(false, true));
    assertEquals("Seuls les bénéficiaires du RSA sont éligibles", descriptor.eligibility().statement().fr());
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
    Map<String, ParticipationField> fields = fields();
    assertEquals(List.of("ateliers_suivis", "thematiques_ateliers", "actions_decouverte", "acces_emploi",
        "date_acces_emploi", "parcours_emploi_france_travail", "reorientation_socioprofessionnelle", "evolution_parcours"),
        List.copyOf(fields.keySet()));
    assertEquals(ParticipationField.Type.NUMBER, fields.get("ateliers_suivis").type());
    assertEquals(ParticipationField.Type.MULTI_CHOICE, fields.get("thematiques_ateliers").type());
    assertEquals(ParticipationField.Type.MULTI_CHOICE, fields.get("actions_decouverte").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("acces_emploi").type());
    assertEquals(ParticipationField.Type.DATE, fields.get("date_acces_emploi").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("parcours_emploi_france_travail").type());
    assertEquals(ParticipationField.Type.BOOLEAN, fields.get("reorientation_socioprofessionnelle").type());
    assertEquals(ParticipationField.Type.TEXT, fields.get("evolution_parcours").type());
    assertEquals(List.of("Construction ou consolidation du projet professionnel",
            "Découverte et familiarisation avec le monde de l'entreprise", "Découverte de l'offre de formation",
            "Maîtrise des techniques de recherches d'emploi", "Sensibilisation autour de l'immersion professionnelle",
            "Autre thématique proposée par le partenaire"),
        options("thematiques_ateliers"));
    assertEquals(List.of("Visites d'entreprises et de plateaux techniques",
            "Participation aux événements de recrutement sur le territoire"),
        options("actions_decouverte"));
  }

  @Test
  void themesAreTheHeadsOfTheModalitiesOwnLines() {
    List<String> themes = options("thematiques_ateliers");
    int first = descriptor.modalities().indexOf("Ateliers collectifs sur des thématiques spécifiques :") + 1;
    for (int i = 0; i < themes.size() - 1; i++) {
      assertTrue(descriptor.modalities().get(first + i).startsWith(themes.get(i) + " : "), themes.get(i));
    }
    List<String> discovery = options("actions_decouverte");
    int visits = descriptor.modalities().indexOf(discovery.get(0));
    assertEquals(discovery, descriptor.modalities().subList(visits, visits + 2));
  }

  @Test
  void countsOfEachList() {
    assertEquals(8, descriptor.objectives().size());
    assertEquals(12, descriptor.modalities().size(), "every line of the fiche's modalities, nested ones included");
    assertEquals(8, descriptor.participationFields().size());
    assertEquals(5, descriptor.indicators().size());
    assertEquals(3, descriptor.expectedOutcomes().size());
    assertEquals(3, descriptor.selectionCriteria().size());
    assertEquals(2, descriptor.applicationAttachments().size());
    assertEquals(4, descriptor.notes().size());
    assertUnique(descriptor.participationFields(), ParticipationField::code);
    assertUnique(descriptor.indicators(), IndicatorDefinition::code);
    assertUnique(descriptor.selectionCriteria(), SelectionCriterion::code);
    descriptor.indicators().forEach(i -> assertTrue(i.unit() != null && !i.unit().isBlank(), i.code()));
  }

  @Test
  void fiveIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre d'ateliers et d'actions organisées",
            "Nombre de participants par ateliers",
            "Nombre d'ateliers mobilisés par participant",
            "Accès à l'emploi des participants",
            "Evolution des parcours des participants aux ateliers (ex : réorientation socioprofessionnelle)"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
  }

  @Test
  void criteriaOfCollectiveWorkshopsAndTheirAttachments() {
    assertEquals(List.of(
            "Diversité et cohérence des ateliers proposés",
            "Inscription des ateliers dans des modules permettant de maintenir une logique de parcours",
            "Capacité à s'appuyer sur le réseau des partenaires locaux et notamment sur des actions déjà existantes"),
        descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList()));
    assertEquals(List.of(
            "Préprojet de programmation d'ateliers",
            "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
        descriptor.applicationAttachments());
  }

  /** Every section of the descriptor is the fiche's section, line for line, read from seed 002. */
  @Test
  void everySectionIsTheFichesOwn() throws IOException {
    String source = SeedFiche.text();
    assertEquals(descriptor.targetPublic().fr(),
        String.join("\n", SeedFiche.section(source, FICHE, "PUBLICS CIBLES")));
    assertEquals(List.of(descriptor.rhythm().fr()), SeedFiche.section(source, FICHE, "RYTHME ET DUREE"),
        "no maximum duration in the fiche");
    assertEquals(SeedFiche.section(source, FICHE, "OBJECTIFS DE L'ACTION"), descriptor.objectives());
    assertEquals(SeedFiche.section(source, FICHE, "MODALITES DE MISE EN OEUVRE"), descriptor.modalities());
    assertEquals(SeedFiche.section(source, FICHE, "INDICATEURS DE SUIVI :"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
    assertEquals(SeedFiche.section(source, FICHE, "ATTENDUS SUITE A LA PARTICIPATION AUX ATELIERS"),
        descriptor.expectedOutcomes());
    assertEquals(SeedFiche.criteria(source, "d'ateliers collectifs"),
        descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList()));
  }

  /** The remaining French texts taken from the call appear in seed 002 as they are. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of(descriptor.eligibility().statement().fr(),
        "Nombre d'ateliers annuels", "indicative et non exhaustive"));
    published.addAll(descriptor.applicationAttachments());
    descriptor.participationFields().forEach(f -> f.options().stream()
        .filter(o -> !o.fr().startsWith("Autre thématique")).forEach(o -> published.add(o.fr())));
    for (String field : List.of("reorientation_socioprofessionnelle", "parcours_emploi_france_travail")) {
      published.add(fields().get(field).label().fr());
    }
    published.addAll(List.of("ont mobilisables", "« immersion facilité »", "sont mobilisables"));
    published.forEach(text -> assertTrue(SeedFiche.published(source, text), "not in the seed: " + text));
    assertTrue(source.contains("- Remobilisation sociale\n- Préparation à l'emploi\n\nL'action portant sur la préparation"),
        "§II.B keeps the action RSA only");
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
    assertEquals("preparation-emploi", json.getString("code"));
    assertEquals("COLLECTIVE_WORKSHOPS", json.getString("mode"));
    assertEquals("WORKSHOPS_PER_YEAR", json.getString("capacityUnit"));
    assertEquals("RSA_ONLY", json.getJsonObject("eligibility").getString("kind"));
    assertTrue(json.containsKey("maximumDurationMonths"));
    assertNull(json.getValue("maximumDurationMonths"));
    assertEquals(5, json.getJsonArray("indicators").size());
  }

  private List<String> options(String field) {
    return fields().get(field).options().stream().map(LocalizedText::fr).collect(Collectors.toList());
  }

  private Map<String, ParticipationField> fields() {
    return descriptor.participationFields().stream()
        .collect(Collectors.toMap(ParticipationField::code, f -> f, (a, b) -> a, LinkedHashMap::new));
  }

  private static <T> void assertUnique(List<T> items, Function<T, String> code) {
    assertEquals(items.size(), new HashSet<>(items.stream().map(code).collect(Collectors.toList())).size());
  }
}
