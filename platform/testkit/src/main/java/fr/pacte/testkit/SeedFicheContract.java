package fr.pacte.testkit;

import static fr.pacte.testkit.ActionTypeAssertions.criterionLabels;
import static fr.pacte.testkit.ActionTypeAssertions.indicatorLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.FollowUpMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the descriptor of an action type of the Somme call for projects 2026-2028 owes to its published fiche,
 * checked against the published text itself ({@link SeedFiche}). A plugin's descriptor test extends it, names the
 * fiche and the headings it uses, and adds what is its own (fields, indicators word for word, eligibility…).
 */
public abstract class SeedFicheContract {

  private final ActionTypeDescriptor descriptor;
  private final String ficheTitle;
  private final String publicHeading;
  private final String outcomesHeading;

  /**
   * @param descriptor      the descriptor under test
   * @param ficheTitle      the fiche's title, one of {@link SeedFiche#FICHE_TITLES}
   * @param publicHeading   the fiche's heading of its public ("PUBLICS CIBLES ET PREREQUIS", "PUBLICS CIBLES")
   * @param outcomesHeading the fiche's heading of its expected outcomes ("ATTENDUS EN FIN D'ACTION"…)
   */
  protected SeedFicheContract(ActionTypeDescriptor descriptor, String ficheTitle, String publicHeading,
                              String outcomesHeading) {
    this.descriptor = descriptor;
    this.ficheTitle = ficheTitle;
    this.publicHeading = publicHeading;
    this.outcomesHeading = outcomesHeading;
  }

  @Test
  void itsLabelIsTheFichesTitle() {
    assertTrue(SeedFiche.FICHE_TITLES.contains(ficheTitle), ficheTitle + " is not a fiche of the call");
    assertEquals(ficheTitle, SeedFiche.asFicheTitle(descriptor.label().fr()), "the fiche's title");
  }

  @Test
  void codesAreUniqueAndEveryIndicatorHasAUnit() {
    ActionTypeAssertions.assertCodesUniqueAndUnitsGiven(descriptor);
  }

  @Test
  void everyEnglishLabelIsWritten() {
    ActionTypeAssertions.assertEnglishWritten(descriptor);
  }

  @Test
  void criteriaAndAttachmentsAreThoseTheCallGivesForItsMode() {
    assertEquals(SeedFiche.publishedCriteria(descriptor.mode()), criterionLabels(descriptor));
    assertEquals(SeedFiche.publishedAttachments(descriptor.mode()), descriptor.applicationAttachments());
  }

  /** The eligibility and the attachments are worded as published (§II.B, §III.B.1, §IV). */
  @Test
  void eligibilityAndAttachmentsAreWordedAsPublished() throws IOException {
    List<String> texts = new ArrayList<>(List.of(descriptor.eligibility().statement().fr()));
    texts.addAll(descriptor.applicationAttachments());
    SeedFiche.assertPublished(SeedFiche.text(), texts);
  }

  /** Every section of the descriptor is the fiche's section, line for line, read from the published text. */
  @Test
  void everySectionIsTheFichesOwn() throws IOException {
    String source = SeedFiche.text();
    assertEquals(descriptor.targetPublic().fr(), String.join("\n", SeedFiche.section(source, ficheTitle, publicHeading)));
    List<String> rhythm = new ArrayList<>(List.of(descriptor.rhythm().fr()));
    if (descriptor.maximumDurationMonths() != null) {
      rhythm.add(descriptor.maximumDurationMonths() + " mois maximum");
    }
    if (descriptor.renewal().renewable()) {
      rhythm.add(descriptor.renewal().condition().fr());
    }
    assertEquals(rhythm, SeedFiche.section(source, ficheTitle, "RYTHME ET DUREE"),
        "the rhythm, then the maximum duration and the renewal where the fiche sets them, and nothing else");
    assertEquals(SeedFiche.section(source, ficheTitle, "OBJECTIFS DE L'ACTION"), descriptor.objectives());
    assertEquals(SeedFiche.section(source, ficheTitle, "MODALITES DE MISE EN OEUVRE"), descriptor.modalities());
    assertEquals(SeedFiche.section(source, ficheTitle, "INDICATEURS DE SUIVI :"), indicatorLabels(descriptor));
    assertEquals(SeedFiche.section(source, ficheTitle, outcomesHeading), descriptor.expectedOutcomes());
    List<String> criteria = SeedFiche.criteria(source, descriptor.mode() == FollowUpMode.INDIVIDUAL_FOLLOW_UP
        ? "d'un accompagnement individuel" : "d'ateliers collectifs");
    assertEquals(criteria, criterionLabels(descriptor));
    assertEquals(SeedFiche.publishedCriteria(descriptor.mode()), criteria, "the criteria as published");
  }
}
