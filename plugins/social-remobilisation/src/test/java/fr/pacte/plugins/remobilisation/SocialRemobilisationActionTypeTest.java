package fr.pacte.plugins.remobilisation;

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

/** The descriptor against the fiche "REMOBILISATION SOCIALE" of seed 002, section by section. */
class SocialRemobilisationActionTypeTest {

  private static final String FICHE = "REMOBILISATION SOCIALE";

  private final ActionTypeDescriptor descriptor = new SocialRemobilisationActionType().descriptor();

  @Test
  void identifiesTheActionType() {
    assertSame(SocialRemobilisationActionType.DESCRIPTOR, descriptor);
    assertEquals("remobilisation-sociale", descriptor.code());
    assertEquals(LocalizedText.of("Remobilisation sociale", "Social remobilisation"), descriptor.label());
    assertEquals(FICHE, SeedFiche.asFicheTitle(descriptor.label().fr()), "the fiche's title");
    assertEquals(FollowUpMode.COLLECTIVE_WORKSHOPS, descriptor.mode());
    assertEquals(CapacityUnit.WORKSHOPS_PER_YEAR, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA ayant besoin d'être redynamisés et de développer leurs compétences sociales et "
        + "relationnelles afin de garantir l'efficacité de l'accompagnement proposé", descriptor.targetPublic().fr());
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
        options("thematiques_ateliers"));
    assertEquals(List.of("Découverte de l'offre de service locale",
            "Découverte des actions relatives à la préparation vers l'emploi"),
        options("actions_decouverte"));
  }

  @Test
  void themesAreTheModalitiesOwnLines() {
    List<String> themes = options("thematiques_ateliers");
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
            "Nombre d'ateliers et d'actions organisées",
            "Nombre de participants par ateliers",
            "Nombre d'ateliers mobilisés par participant",
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
        String.join("\n", SeedFiche.section(source, FICHE, "PUBLICS CIBLES ET PREREQUIS")));
    assertEquals(List.of(descriptor.rhythm().fr()), SeedFiche.section(source, FICHE, "RYTHME ET DUREE"),
        "no maximum duration in the fiche");
    assertEquals(SeedFiche.section(source, FICHE, "OBJECTIFS DE L'ACTION"), descriptor.objectives());
    assertEquals(SeedFiche.section(source, FICHE, "MODALITES DE MISE EN OEUVRE"), descriptor.modalities());
    assertEquals(SeedFiche.section(source, FICHE, "INDICATEURS DE SUIVI :"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
    assertEquals(SeedFiche.section(source, FICHE, "ATTENDUS SUITE A LA PARTICIPATION AUX ATELIERS ET AUX ACTIONS DE DECOUVERTE"),
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
    published.add(fields().get("reorientation_socioprofessionnelle").label().fr());
    published.forEach(text -> assertTrue(SeedFiche.published(source, text), "not in the seed: " + text));
    assertTrue(source.contains("- Gestion des équilibres émotionnels et psychologiques\n- Remobilisation sociale\n"),
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
    assertEquals("remobilisation-sociale", json.getString("code"));
    assertEquals("COLLECTIVE_WORKSHOPS", json.getString("mode"));
    assertEquals("WORKSHOPS_PER_YEAR", json.getString("capacityUnit"));
    assertEquals("RSA_ONLY", json.getJsonObject("eligibility").getString("kind"));
    assertTrue(json.containsKey("maximumDurationMonths"));
    assertNull(json.getValue("maximumDurationMonths"));
    assertEquals(4, json.getJsonArray("indicators").size());
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
