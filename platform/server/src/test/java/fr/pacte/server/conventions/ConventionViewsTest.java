package fr.pacte.server.conventions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.web.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sharing amounts between territories and the documents' and texts' checks, with figures worked by hand. */
class ConventionViewsTest {

  @Test
  void anAmountSharedTwoToOneIsRoundedDownToTheCentAndTheLastPartTakesWhatIsLeft() {
    // 70 000 € × 2/3 = 46 666,666… € → 46 666,66 €; the rest 23 333,34 €: together 70 000 € exactly.
    assertArrayEquals(new long[] {4_666_666, 2_333_334}, ConventionViews.split(7_000_000, List.of(2L, 1L)));
  }

  @Test
  void oneCentSharedThreeWaysGoesToTheLastTerritory() {
    assertArrayEquals(new long[] {0, 0, 1}, ConventionViews.split(1, List.of(1L, 1L, 1L)));
    assertArrayEquals(new long[] {33, 33, 34}, ConventionViews.split(100, List.of(1L, 1L, 1L)));
  }

  @Test
  void weightsOfObjectivesShareInProportion() {
    // 54 000 € for 120 and 80 people: 32 400 € and 21 600 €.
    assertArrayEquals(new long[] {3_240_000, 2_160_000}, ConventionViews.split(5_400_000, List.of(120L, 80L)));
    assertArrayEquals(new long[] {5_400_000}, ConventionViews.split(5_400_000, List.of(7L)));
  }

  @Test
  void aDocumentIsRecognisedFromItsContentAndABilanNamesItsYear() {
    byte[] pdf = "%PDF-1.4\n% bilan\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ConventionDocument.Upload upload = ConventionDocument.check("bilan", "", "2", 3, "../../bilan.docx", pdf);
    assertTrue(upload.fileName().equals("bilan.pdf"), upload.fileName());
    assertTrue(upload.label().equals("Bilan annuel"));
    Problem noYear = assertThrows(Problem.class, () -> ConventionDocument.check("bilan", "", "", 3, "b.pdf", pdf));
    assertTrue(noYear.errors().stream().anyMatch(e -> e.field().equals("year")));
    Problem yearOutside = assertThrows(Problem.class, () -> ConventionDocument.check("bilan", "", "4", 3, "b.pdf", pdf));
    assertTrue(yearOutside.errors().stream().anyMatch(e -> e.field().equals("year") && e.message().contains("de 1 à 3")));
    Problem executable = assertThrows(Problem.class, () -> ConventionDocument.check("other", "", "", 3, "x.pdf",
        new byte[] {'M', 'Z', 0, 0}));
    assertTrue(executable.errors().stream().anyMatch(e -> e.field().equals("file") && e.message().startsWith("Fichier refusé")));
  }

  @Test
  void pactesWordingOfTheConventionCompilesAndABrokenOneIsRefusedInFrench() {
    assertNull(ConventionText.refusal(ConventionText.defaultTemplate()));
    String refusal = ConventionText.refusal("# Article 1\n\n{% if title %}sans fin");
    assertNotNull(refusal);
    assertTrue(refusal.startsWith("un modèle de texte de convention valide"), refusal);
  }
}
