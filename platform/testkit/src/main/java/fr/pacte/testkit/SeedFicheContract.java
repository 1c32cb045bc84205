package fr.pacte.testkit;

import static fr.pacte.testkit.ActionTypeAssertions.criterionLabels;
import static fr.pacte.testkit.ActionTypeAssertions.indicatorLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.FollowUpMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the descriptor of an action type owes to its published fiche, checked against the published text itself: the
 * label is the fiche's title, each section is the fiche's own line for line, the criteria and attachments are those
 * published with it, codes are unique, every indicator has a unit and every label its English.
 *
 * <p>A plugin's descriptor test extends it with the fiche as published ({@link PublishedFiche}: the text, which the
 * plugin keeps among its test resources, the title and the headings), and adds what is its own (fields, indicators
 * word for word, eligibility…). The five fiches of the Somme call 2026-2028 use {@link PublishedFiche#somme2026}, or
 * the shorter constructor that names the fiche and two headings.
 */
public abstract class SeedFicheContract {

  private final ActionTypeDescriptor descriptor;
  private final PublishedFiche fiche;

  /**
   * A fiche of any published text.
   *
   * @param descriptor the descriptor under test
   * @param fiche      the fiche as published
   */
  protected SeedFicheContract(ActionTypeDescriptor descriptor, PublishedFiche fiche) {
    this.descriptor = descriptor;
    this.fiche = fiche;
  }

  /**
   * A fiche of the Somme call for projects 2026-2028.
   *
   * @param descriptor      the descriptor under test
   * @param ficheTitle      the fiche's title, one of {@link SeedFiche#FICHE_TITLES}
   * @param publicHeading   the fiche's heading of its public ("PUBLICS CIBLES ET PREREQUIS", "PUBLICS CIBLES")
   * @param outcomesHeading the fiche's heading of its expected outcomes ("ATTENDUS EN FIN D'ACTION"…)
   */
  protected SeedFicheContract(ActionTypeDescriptor descriptor, String ficheTitle, String publicHeading,
                              String outcomesHeading) {
    this(descriptor, somme2026(descriptor, ficheTitle, publicHeading, outcomesHeading));
  }

  private static PublishedFiche somme2026(ActionTypeDescriptor descriptor, String title, String publicHeading,
                                          String outcomesHeading) {
    assertTrue(SeedFiche.FICHE_TITLES.contains(title), title + " is not a fiche of the call");
    try {
      return PublishedFiche.somme2026(title, descriptor.mode(), publicHeading, outcomesHeading);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void itsLabelIsTheFichesTitle() {
    assertTrue(fiche.text().lines().map(String::strip).anyMatch(fiche.title()::equals),
        fiche.title() + " is not a line of the published text");
    assertEquals(SeedFiche.asFicheTitle(fiche.title()), SeedFiche.asFicheTitle(descriptor.label().fr()),
        "the fiche's title");
  }

  @Test
  void codesAreUniqueAndEveryIndicatorHasAUnit() {
    ActionTypeAssertions.assertCodesUniqueAndUnitsGiven(descriptor);
  }

  @Test
  void everyEnglishLabelIsWritten() {
    ActionTypeAssertions.assertEnglishWritten(descriptor);
  }

  /** The criteria and attachments published with the fiche; a fiche in no call that states none has none. */
  @Test
  void criteriaAndAttachmentsAreThoseThatArePublishedWithTheFiche() {
    assertEquals(fiche.criteria(), criterionLabels(descriptor));
    assertEquals(fiche.attachments(), descriptor.applicationAttachments());
  }

  /** The eligibility, the criteria and the attachments are worded as published. */
  @Test
  void eligibilityCriteriaAndAttachmentsAreWordedAsPublished() {
    List<String> texts = new ArrayList<>();
    if (descriptor.eligibility().statement() != null) {
      texts.add(descriptor.eligibility().statement().fr());
    }
    texts.addAll(descriptor.applicationAttachments());
    texts.addAll(criterionLabels(descriptor));
    SeedFiche.assertPublished(fiche.text(), texts);
  }

  /** Every section of the descriptor is the fiche's section, line for line, read from the published text. */
  @Test
  void everySectionIsTheFichesOwn() {
    if (fiche.publicHeading() != null) {
      assertEquals(String.join("\n", fiche.section(fiche.publicHeading())), descriptor.targetPublic().fr());
    }
    if (fiche.rhythmHeading() != null) {
      List<String> rhythm = new ArrayList<>();
      // The API allows an action type without a rhythm (e.g. places booked as needed).
      if (descriptor.rhythm() != null) {
        rhythm.add(descriptor.rhythm().fr());
      }
      if (descriptor.maximumDurationMonths() != null) {
        rhythm.add(descriptor.maximumDurationMonths() + " mois maximum");
      }
      if (descriptor.renewal().renewable()) {
        rhythm.add(descriptor.renewal().condition().fr());
      }
      assertEquals(rhythm, fiche.section(fiche.rhythmHeading()),
          "the rhythm, then the maximum duration and the renewal where the fiche sets them, and nothing else");
    }
    if (fiche.objectivesHeading() != null) {
      assertEquals(fiche.section(fiche.objectivesHeading()), descriptor.objectives());
    }
    if (fiche.modalitiesHeading() != null) {
      assertEquals(fiche.section(fiche.modalitiesHeading()), descriptor.modalities());
    }
    if (fiche.indicatorsHeading() != null) {
      assertEquals(fiche.section(fiche.indicatorsHeading()), indicatorLabels(descriptor));
    }
    if (fiche.outcomesHeading() != null) {
      assertEquals(fiche.section(fiche.outcomesHeading()), descriptor.expectedOutcomes());
    }
  }

  /** For the Somme call 2026-2028: the criteria are those the call lists for the actions of the descriptor's mode. */
  @Test
  void criteriaOfTheSommeCallAreTheOnesItListsForTheMode() throws IOException {
    if (!fiche.text().equals(SeedFiche.text())) {
      return;
    }
    List<String> criteria = SeedFiche.criteria(fiche.text(), descriptor.mode() == FollowUpMode.INDIVIDUAL_FOLLOW_UP
        ? "d'un accompagnement individuel" : "d'ateliers collectifs");
    assertEquals(criteria, criterionLabels(descriptor));
    assertEquals(SeedFiche.publishedCriteria(descriptor.mode()), criteria, "the criteria as published");
  }
}
