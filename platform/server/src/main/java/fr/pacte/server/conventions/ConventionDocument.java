package fr.pacte.server.conventions;

import fr.pacte.server.organisations.DocumentUpload;
import fr.pacte.server.organisations.FileType;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A document attached to a convention: the signed convention, an amendment, a yearly bilan or another document. Kept
 * in the database as deposited (never replaced: a new deposit is a new document), its type read from its content as
 * in the organisations' vault.
 */
public record ConventionDocument(UUID id, UUID conventionId, String kind, String label, Integer year, String fileName,
                                 String mediaType, int sizeBytes, String sha256, String uploadedBy, OffsetDateTime uploadedAt) {

  public static final List<String> KINDS = List.of("signed-convention", "amendment", "bilan", "other");

  public static String kindLabel(String kind) {
    return switch (kind) {
      case "signed-convention" -> "Convention signée";
      case "amendment" -> "Avenant";
      case "bilan" -> "Bilan annuel";
      default -> "Autre document";
    };
  }

  /** A deposit, checked before anything is written. */
  public record Upload(String kind, String label, Integer year, String fileName, String mediaType, byte[] content,
                       String sha256) {
  }

  /**
   * Checks a deposit: its kind, label (the kind's name when blank), the year a bilan is of, and the file (10 Mio at
   * most, PDF, image or office document recognised from its content). A refusal lists every reason in French.
   */
  public static Upload check(String kindCode, String label, String yearText, int years, String fileName, byte[] content) {
    List<FieldError> errors = new ArrayList<>();
    String kind = kindCode == null ? "" : kindCode.strip();
    if (!KINDS.contains(kind)) {
      errors.add(new FieldError("kind", "Choisissez le type de document : convention signée, avenant, bilan annuel ou autre."));
    }
    String cleanLabel = label == null ? "" : label.strip();
    if (cleanLabel.isEmpty() && KINDS.contains(kind)) {
      cleanLabel = kindLabel(kind);
    }
    fr.pacte.server.web.Fields.accept(cleanLabel, "label", 200, false, errors);
    Integer year = null;
    if (yearText != null && !yearText.isBlank()) {
      if (yearText.strip().matches("[0-9]{1,2}") && Integer.parseInt(yearText.strip()) >= 1
          && Integer.parseInt(yearText.strip()) <= years) {
        year = Integer.parseInt(yearText.strip());
      } else {
        errors.add(new FieldError("year", "L'année est celle de la convention, de 1 à " + years + "."));
      }
    } else if ("bilan".equals(kind)) {
      errors.add(new FieldError("year", "Indiquez l'année de la convention dont c'est le bilan."));
    }
    FileType.Accepted type = null;
    if (content == null || content.length == 0) {
      errors.add(new FieldError("file", content == null ? "Choisissez un fichier." : "Fichier refusé : le fichier est vide."));
    } else if (content.length > DocumentUpload.MAX_BYTES) {
      errors.add(new FieldError("file", "Fichier refusé : il pèse " + DocumentUpload.megabytes(content.length)
          + " Mio, la limite est de 10 Mio."));
    } else {
      FileType.Verdict verdict = FileType.sniff(content);
      if (verdict.ok()) {
        type = verdict.accepted();
      } else {
        errors.add(new FieldError("file", verdict.refusal()));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new Upload(kind, cleanLabel, year, DocumentUpload.safeFileName(fileName, type), type.mediaType(), content,
        DocumentUpload.sha256(content));
  }

  public static Optional<String> kindOf(String code) {
    return KINDS.contains(code) ? Optional.of(code) : Optional.empty();
  }

  public JsonObject toJson(String tenant) {
    String path = "/api/tenants/" + tenant + "/conventions/" + conventionId + "/documents/" + id;
    return new JsonObject().put("id", id.toString()).put("convention", conventionId.toString()).put("kind", kind)
        .put("kindLabel", kindLabel(kind)).put("label", label).put("year", year).put("fileName", fileName)
        .put("mediaType", mediaType).put("sizeBytes", sizeBytes).put("sha256", sha256).put("uploadedBy", uploadedBy)
        .put("uploadedAt", uploadedAt.toString()).put("content", path + "/content");
  }
}
