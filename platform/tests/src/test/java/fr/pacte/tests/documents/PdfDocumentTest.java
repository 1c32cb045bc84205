package fr.pacte.tests.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.documents.PdfDocument;
import fr.pacte.testkit.PdfText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated documents read back as a person would copy their text: French accents, tables, page footers. */
class PdfDocumentTest {

  @Test
  void aLetterKeepsItsFrenchTextItsFieldsAndItsTable() {
    byte[] pdf = PdfDocument.titled("Notification de décision", "Département de la Somme")
        .right("Amiens, le 3 octobre 2025")
        .subject("Appel à projets départemental territorialisé 2026-2028")
        .paragraph("Madame, Monsieur,\nla commission permanente a retenu votre projet « Plateforme mobilité ».")
        .fields(List.of(new PdfDocument.Field("Montant accordé", "45 000,00 €"), new PdfDocument.Field("Durée", "3 ans")))
        .table(List.of("Année", "Montant"), List.of(List.of("2026", "15 000,00 €"), List.of("2027", "15 000,00 €")))
        .bullets(List.of("Fiche descriptive synthétique", "Relevé d'identité bancaire"))
        .footer("Empreinte 3f2a")
        .toBytes();

    String text = PdfText.of(pdf);
    for (String expected : List.of("Département de la Somme", "Notification de décision", "Amiens, le 3 octobre 2025",
        "Objet : Appel à projets départemental territorialisé 2026-2028", "« Plateforme mobilité »", "Montant accordé",
        "45 000,00 €", "Relevé d'identité bancaire", "Empreinte 3f2a — page 1")) {
      assertTrue(text.replace('\u00a0', ' ').contains(expected), () -> "Missing «" + expected + "» in:\n" + text);
    }
  }

  @Test
  void aLongDocumentRunsOverPagesWithTheFooterOnEach() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      rows.add(List.of("Ligne " + i, i + ",00 €"));
    }
    byte[] pdf = PdfDocument.titled("Dossier de la commission", "Département de la Somme")
        .table(List.of("Projet", "Montant"), rows).footer("Dossier").toBytes();

    int pages = PdfText.pages(pdf);
    assertTrue(pages >= 3, "pages: " + pages);
    String text = PdfText.of(pdf);
    assertTrue(text.contains("Ligne 120"));
    assertEquals(pages, text.split("Dossier — page ").length - 1);
  }
}
