package fr.pacte.plugins.mobility;

import static fr.pacte.testkit.ActionTypeAssertions.assertUnique;
import static fr.pacte.testkit.ActionTypeAssertions.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import fr.pacte.testkit.ActionTypeAssertions;
import fr.pacte.testkit.SeedFiche;
import fr.pacte.testkit.SeedFicheContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The descriptor against the fiche "PLATEFORME MOBILITE SOLIDAIRE" of seed 002: the contract of every fiche
 * ({@link SeedFicheContract}) and what is this one's own.
 */
class MobilityPlatformActionTypeTest extends SeedFicheContract {

  private final ActionTypeDescriptor descriptor = new MobilityPlatformActionType().descriptor();

  MobilityPlatformActionTypeTest() {
    super(MobilityPlatformActionType.DESCRIPTOR, "PLATEFORME MOBILITE SOLIDAIRE",
        "PUBLICS CIBLES ET PREREQUIS", "ATTENDUS A LA FIN DE L'ACTION");
  }

  @Test
  void identifiesTheActionType() {
    assertSame(MobilityPlatformActionType.DESCRIPTOR, descriptor);
    assertEquals("plateforme-mobilite-solidaire", descriptor.code());
    assertEquals(LocalizedText.of("Plateforme mobilité solidaire", "Solidarity mobility platform"), descriptor.label());
    assertEquals(FollowUpMode.INDIVIDUAL_FOLLOW_UP, descriptor.mode());
    assertEquals(CapacityUnit.PEOPLE_IN_FILE_ACTIVE, descriptor.capacityUnit());
  }

  @Test
  void targetPublicAndEligibilityKeepTheFichesSeventyPercent() {
    assertEquals("Tous publics vulnérables ou en insertion dont 70% de BRSA nécessitant une solution de mobilité "
        + "ponctuelle ou pérenne", descriptor.targetPublic().fr());
    assertEquals(Eligibility.Kind.OPEN_WITH_RSA_QUOTA, descriptor.eligibility().kind());
    assertEquals(70, descriptor.eligibility().rsaQuotaPercent());
    assertTrue(descriptor.eligibility().admits(false, false), "open to people who are not on the RSA");
    assertEquals(1, descriptor.notes().size());
    String note = descriptor.notes().get(0);
    assertTrue(note.contains("§II.B") && note.contains("75 %") && note.contains("70 %"), note);
  }

  @Test
  void sixMonthsRenewableWhenSupportedTowardsTheLicence() {
    assertEquals("Entrées et sorties permanentes", descriptor.rhythm().fr());
    assertEquals(6, descriptor.maximumDurationMonths());
    assertTrue(descriptor.renewal().renewable());
    assertEquals("Renouvellement si accompagnement au permis", descriptor.renewal().condition().fr());
    assertEquals("accompagnement_permis", descriptor.renewal().conditionField());
    ParticipationField condition = fields(descriptor).get(descriptor.renewal().conditionField());
    assertEquals(ParticipationField.Type.BOOLEAN, condition.type(), "the renewal condition is a recorded boolean");
  }

  @Test
  void theKitsEnglishCheckAcceptsAnActionTypeWithoutARhythmAsTheApiDoes() {
    ActionTypeDescriptor d = descriptor;
    ActionTypeDescriptor withoutRhythm = new ActionTypeDescriptor(d.code(), d.label(), d.mode(), d.capacityUnit(),
        d.targetPublic(), d.eligibility(), null, d.maximumDurationMonths(), d.renewal(), d.objectives(), d.modalities(),
        d.participationFields(), d.indicators(), d.expectedOutcomes(), d.selectionCriteria(),
        d.applicationAttachments(), d.notes());
    ActionTypeAssertions.assertEnglishWritten(withoutRhythm);
  }

  @Test
  void participationFieldsFollowTheFiche() {
    Map<String, ParticipationField> fields = fields(descriptor);
    assertEquals(List.of("diagnostic", "solutions_mobilite", "accompagnement_permis", "code_route_date",
        "code_route_resultat", "permis_date", "permis_resultat"), List.copyOf(fields.keySet()));
    assertEquals(ParticipationField.Type.TEXT, fields.get("diagnostic").type());
    ParticipationField solutions = fields.get("solutions_mobilite");
    assertEquals(ParticipationField.Type.MULTI_CHOICE, solutions.type());
    assertEquals(List.of("Location sociale", "Garage solidaire", "Autoécole sociale", "Mise à disposition de deux roues",
            "Location ou acquisition d'un moyen de locomotion", "Mobilisation d'aides financières",
            "Levée de freins psychologiques"),
        solutions.options().stream().map(LocalizedText::fr).collect(Collectors.toList()));
    assertEquals(ParticipationField.Type.DATE, fields.get("code_route_date").type());
    assertEquals(ParticipationField.Type.CHOICE, fields.get("code_route_resultat").type());
    assertEquals(ParticipationField.Type.DATE, fields.get("permis_date").type());
    assertEquals(ParticipationField.Type.CHOICE, fields.get("permis_resultat").type());
    assertEquals(List.of("Obtenu", "Non obtenu"),
        fields.get("permis_resultat").options().stream().map(LocalizedText::fr).collect(Collectors.toList()));
  }

  @Test
  void objectivesAndModalitiesAsPublished() {
    assertEquals(5, descriptor.objectives().size());
    assertEquals("Faire des plateformes mobilité des acteurs pivot en matière de mobilité solidaire à l'échelle des "
        + "territoires d'action sociale", descriptor.objectives().get(0));
    assertTrue(descriptor.objectives().get(4).contains("services à la personnes"), "the fiche's spelling is kept");
    assertEquals(4, descriptor.modalities().size());
    assertTrue(descriptor.modalities().get(0).endsWith("au travers notamment la plateforme DORA"));
  }

  @Test
  void fiveIndicatorsWordForWord() {
    assertEquals(List.of(
            "Nombre de sollicitations des plateforme mobilité",
            "Nombre d'accompagnements réalisés",
            "Nombre de solutions mobilité mobilisées",
            "Nombre de personnes accompagnées au passage du code et du permis de conduire",
            "Nombre d'obtention du code et du permis de conduire"),
        descriptor.indicators().stream().map(i -> i.label().fr()).collect(Collectors.toList()));
    assertUnique(descriptor.indicators(), IndicatorDefinition::code);
    descriptor.indicators().forEach(i -> assertTrue(i.unit() != null && !i.unit().isBlank(), i.code()));
    assertEquals("sollicitations", descriptor.indicators().get(0).code());
  }

  @Test
  void fourExpectedOutcomes() {
    assertEquals(List.of(
        "Accès à une solution de mobilité pérenne",
        "Présentation et réussite aux examens du code et du permis",
        "Mise en place de solutions de mobilité transitoires en cas d'échec à l'examen",
        "Déploiement d'une offre de mobilité solidaire socle à l'échelle du territoire"), descriptor.expectedOutcomes());
  }

  @Test
  void threeCriteriaOfIndividualFollowUpAndTwoAttachments() {
    assertEquals(List.of(
            "Qualité de la méthodologie et de la pédagogie déployée",
            "Caractère éventuellement innovant de l'action proposée",
            "Modalité, rythme et intensité des accompagnements"),
        descriptor.selectionCriteria().stream().map(c -> c.label().fr()).collect(Collectors.toList()));
    assertUnique(descriptor.selectionCriteria(), SelectionCriterion::code);
    assertEquals(List.of(
        "Modélisation de l'accompagnement proposé",
        "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics"),
        descriptor.applicationAttachments());
  }

  /** The wording is copied from the source: every French text of the fiche appears in seed 002 as is. */
  @Test
  void frenchWordingIsVerbatimFromTheSeed() throws IOException {
    String source = SeedFiche.text();
    List<String> published = new ArrayList<>(List.of(descriptor.targetPublic().fr(), descriptor.rhythm().fr(),
        descriptor.renewal().condition().fr(), descriptor.eligibility().statement().fr()));
    published.addAll(descriptor.objectives());
    published.addAll(descriptor.modalities());
    published.addAll(descriptor.expectedOutcomes());
    descriptor.indicators().forEach(i -> published.add(i.label().fr()));
    descriptor.selectionCriteria().forEach(c -> published.add(c.label().fr()));
    published.forEach(text -> assertTrue(source.contains(text), "not in the seed: " + text));
    assertTrue(source.contains("6 mois maximum"));
  }
}
