package fr.pacte.server.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.pacte.server.web.Problem;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentUploadTest {

  private static final byte[] PDF = "%PDF-1.4\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void singleDocumentsTakeTheKindAsLabelAndTheTypeFromTheContent() {
    DocumentUpload upload = DocumentUpload.check("statuts", "ignored", null, "C:\\Users\\x\\statuts 2024.docx", PDF);
    assertEquals(DocumentKind.STATUTS, upload.kind());
    assertEquals("Statuts", upload.label());
    assertEquals("application/pdf", upload.mediaType());
    assertEquals("statuts 2024.pdf", upload.fileName());
    assertEquals(64, upload.sha256().length());
  }

  @Test
  void attestationsNeedAnExpiryDateAndCvsAName() {
    Map<String, String> errors = errors(() -> DocumentUpload.check("attestation", "", "", "a.pdf", PDF));
    assertEquals("Indiquez la date de fin de validité de l'attestation.", errors.get("validUntil"));
    assertEquals(true, errors.get("label").startsWith("Indiquez de quelle attestation"));
    assertEquals("Indiquez le nom de l'intervenant dont c'est le CV.", errors(() -> DocumentUpload.check("cv", " ", null, "cv.pdf", PDF)).get("label"));
    DocumentUpload attestation = DocumentUpload.check("attestation", "Attestation de vigilance URSSAF", "2026-12-31", "u.pdf", PDF);
    assertEquals(LocalDate.of(2026, 12, 31), attestation.validUntil());
  }

  @Test
  void refusesTooLargeUnknownAndMissingFiles() {
    byte[] big = new byte[DocumentUpload.MAX_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    assertEquals("Fichier refusé : il pèse 10,0 Mio, la limite est de 10 Mio.", errors(() -> DocumentUpload.check("rib", null, null, "rib.pdf", big)).get("file"));
    assertEquals(true, errors(() -> DocumentUpload.check("rib", null, null, "rib.pdf", "MZ...".getBytes(StandardCharsets.US_ASCII)))
        .get("file").startsWith("Fichier refusé : programme exécutable Windows."));
    assertEquals("Choisissez un fichier.", errors(() -> DocumentUpload.check("rib", null, null, null, null)).get("file"));
    assertEquals(true, errors(() -> DocumentUpload.check("photo", null, null, "a.pdf", PDF)).containsKey("kind"));
  }

  private static Map<String, String> errors(Runnable check) {
    Problem problem = assertThrows(Problem.class, check::run);
    assertEquals(400, problem.status());
    return problem.errors().stream().collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message));
  }
}
