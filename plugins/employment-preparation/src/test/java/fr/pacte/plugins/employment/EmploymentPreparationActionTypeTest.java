package fr.pacte.plugins.employment;

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
 * The descriptor against the fiche "PREPARATION A L'EMPLOI" of seed 002: the contract of every fiche
 * ({@link SeedFicheContract}) and what is this one's own.
 */
class EmploymentPreparationActionTypeTest extends SeedFicheContract {

  private final ActionTypeDescriptor descriptor = new EmploymentPreparationActionType().descriptor();

  EmploymentPreparationActionTypeTest() {
    super(EmploymentPreparationActionType.DESCRIPTOR, "PREPARATION A L'EMPLOI",
        "PUBLICS CIBLES", "ATTENDUS SUITE A LA PARTICIPATION AUX ATELIERS");
  }

  @Test
  void identifiesTheActionType() {
    assertSame(EmploymentPreparationActionType.DESCRIPTOR, descriptor);
    assertEquals("preparation-emploi", descriptor.code());
    assertEquals(LocalizedText.of("Préparation à l'emploi", "Employment preparation"), descriptor.label());
    assertEquals(FollowUpMode.COLLECTIVE_WORKSHOPS, descriptor.mode());
    assertEquals(CapacityUnit.WORKSHOPS_PER_YEAR, descriptor.capacityUnit());
  }

  @Test
  void onlyRsaRecipients() {
    assertEquals("Allocataires du RSA dont les freins ont été résolus ou étant en cours de résolution ayant besoin "
        + "d'un soutien afin de se projeter vers l'emploi en vue de préparer une reprise d'activité ou tout du moins la "
        + "mise en œuvre d'un parcours centré sur l'emploi", descriptor.targetPublic().fr());
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
        options(descriptor, "thematiques_ateliers"));
    assertEquals(List.of("Visites d'entreprises et de plateaux techniques",
            "Participation aux événements de recrutement sur le territoire"),
        options(descriptor, "actions_decouverte"));
  }

  @Test
  void themesAreTheHeadsOfTheModalitiesOwnLines() {
    List<String> themes = options(descriptor, "thematiques_ateliers");
    int first = descriptor.modalities().indexOf("Ateliers collectifs sur des thématiques spécifiques :") + 1;
    for (int i = 0; i < themes.size() - 1; i++) {
      assertTrue(descriptor.modalities().get(first + i).startsWith(themes.get(i) + " : "), themes.get(i));
    }
    List<String> discovery = options(descriptor, "actions_decouverte");
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
    assertEquals(4, descriptor.notes().size());
  }

  @Test
  void fiveIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre d'ateliers et d'actions organisées",
            "Nombre de participants par ateliers",
            "Nombre d'ateliers mobilisés par participant",
            "Accès à l'emploi des participants",
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
    for (String field : List.of("reorientation_socioprofessionnelle", "parcours_emploi_france_travail")) {
      published.add(fields(descriptor).get(field).label().fr());
    }
    published.addAll(List.of("ont mobilisables", "« immersion facilité »", "sont mobilisables"));
    SeedFiche.assertPublished(source, published);
    assertTrue(source.contains("- Remobilisation sociale\n- Préparation à l'emploi\n\nL'action portant sur la préparation"),
        "§II.B keeps the action RSA only");
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
}
