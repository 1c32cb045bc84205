package fr.pacte.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityMeasure;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.EligibilityRule;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The fiche check for a fiche published outside the Somme call (a PDI's "Faciliter l'accès aux modes de garde"), with
 * its own headings, a capacity unit and an eligibility rule of its own, no rhythm of the call's kind and, being in no
 * call, no criteria nor attachments.
 */
class PublishedFicheContractTest extends SeedFicheContract {

  static final ActionTypeDescriptor CHILDCARE = new ActionTypeDescriptor(
      "modes-de-garde",
      LocalizedText.of("Faciliter l'accès aux modes de garde", "Easier access to childcare"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      null,
      LocalizedText.of("Public en insertion, parents en instance de sépartation",
          "People in an insertion pathway, parents separating"),
      Eligibility.own(new EligibilityRule("public-en-insertion",
          LocalizedText.of("Public en insertion, sans quota", "People in an insertion pathway, no quota")),
          LocalizedText.of("Public en insertion", "People in an insertion pathway")),
      LocalizedText.of("Places réservées selon les besoins des parents", "Places booked as parents need them"),
      null, null,
      List.of("Développement et mobilisation des crèches AVIP",
          "Développement de la labellisation AVIP pour des assistantes maternelles"),
      List.of("Organisation de rencontres entre assistantes maternelles et référents insertion",
          "Travail avec les services d'aide à domicile"),
      List.of(),
      List.of(new IndicatorDefinition("places-reservees",
              LocalizedText.of("Nbr de places réservées en faveur des publics en insertion", "Places booked"), "places"),
          new IndicatorDefinition("sorties-positives",
              LocalizedText.of("Nbr de sorties positives", "Positive exits"), "personnes")),
      List.of("Les parents en parcours d'insertion accèdent plus facilement à une information complète relative à la "
          + "garde d'enfant"),
      List.of(), List.of(), List.of(),
      CapacityMeasure.own("places-de-garde", LocalizedText.of("places de garde", "childcare places"), true));

  PublishedFicheContractTest() throws IOException {
    super(CHILDCARE, fiche());
  }

  static PublishedFiche fiche() throws IOException {
    return PublishedFiche.of(PublishedFiche.resource(PublishedFicheContractTest.class,
            "/fr/pacte/testkit/fiche-modes-de-garde.txt"), "FACILITER L'ACCES AUX MODES DE GARDE")
        .publicUnder("PUBLIC CIBLE").indicatorsUnder("INDICATEURS").outcomesUnder("SITUATION D'ARRIVEE SOUHAITEE");
  }

  @Test
  void aUnitAndARuleOfItsOwnAreServedWithTheirLabels() {
    assertEquals(CapacityUnit.OWN, CHILDCARE.capacityUnit());
    assertEquals("places de garde", CHILDCARE.toJson().getJsonObject("capacity").getJsonObject("label").getString("fr"));
    assertEquals("Public en insertion, sans quota",
        CHILDCARE.toJson().getJsonObject("eligibility").getJsonObject("rule").getJsonObject("label").getString("fr"));
    assertEquals(Eligibility.Kind.OWN, CHILDCARE.eligibility().kind());
  }

  @Test
  void aSectionThatDriftsFromThePublishedTextFails() throws IOException {
    List<String> objectives = fiche().section("OBJECTIFS DE L'ACTION");
    assertEquals(2, objectives.size(), objectives.toString());
    assertThrows(AssertionFailedError.class, () -> fiche().section("PUBLICS CIBLES ET PREREQUIS"),
        "a heading the fiche does not have is reported");
  }
}
