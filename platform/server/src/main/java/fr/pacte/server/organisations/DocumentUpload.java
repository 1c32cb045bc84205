package fr.pacte.server.organisations;

import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file sent for an organisation's vault, checked before anything is written: kind, label, expiry date, size and
 * type (from the content). A refusal lists every reason, in French, and the vault is left as it was.
 */
public record DocumentUpload(DocumentKind kind, String label, LocalDate validUntil, String fileName, String mediaType,
                             byte[] content, String sha256) {

  /** Largest file accepted in the vault. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /**
   * @param kindCode   the kind's code as sent
   * @param label      the person of a CV or the name of an attestation; ignored for single documents
   * @param validUntil {@code AAAA-MM-JJ}, required for attestations
   * @param fileName   the name the browser gave, kept for downloads only
   * @param content    the file, or null if no file was sent
   */
  public static DocumentUpload check(String kindCode, String label, String validUntil, String fileName, byte[] content) {
    List<FieldError> errors = new ArrayList<>();
    DocumentKind kind = DocumentKind.of(kindCode == null ? "" : kindCode.strip()).orElse(null);
    if (kind == null) {
      errors.add(new FieldError("kind", "Choisissez le type de document (statuts, RIB, CV, rapport d'activité, composition du "
          + "conseil d'administration, attestation)."));
    }
    String cleanLabel = label == null ? "" : label.strip();
    if (kind != null && !kind.named()) {
      cleanLabel = kind.label();
    } else if (kind != null && cleanLabel.isEmpty()) {
      errors.add(new FieldError("label", kind == DocumentKind.CV ? "Indiquez le nom de l'intervenant dont c'est le CV."
          : "Indiquez de quelle attestation il s'agit (par exemple « Attestation de vigilance URSSAF »)."));
    } else {
      fr.pacte.server.web.Fields.accept(cleanLabel, "label", 200, false, errors);
    }
    LocalDate until = null;
    if (validUntil != null && !validUntil.isBlank()) {
      try {
        until = fr.pacte.server.web.FrenchDates.parseDay(validUntil);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("validUntil", fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT));
      }
    } else if (kind != null && kind.expires()) {
      errors.add(new FieldError("validUntil", "Indiquez la date de fin de validité de l'attestation."));
    }
    FileType.Accepted type = null;
    if (content == null || content.length == 0) {
      errors.add(new FieldError("file", content == null ? "Choisissez un fichier." : "Fichier refusé : le fichier est vide."));
    } else if (content.length > MAX_BYTES) {
      errors.add(new FieldError("file", "Fichier refusé : il pèse " + megabytes(content.length)
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
    return new DocumentUpload(kind, cleanLabel, until, safeFileName(fileName, type), type.mediaType(), content, sha256(content));
  }

  /** The sent name without any path or control character, with the extension of the recognised type. */
  public static String safeFileName(String sent, FileType.Accepted type) {
    String base = sent == null ? "" : sent.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    int dot = base.lastIndexOf('.');
    String stem = dot > 0 ? base.substring(0, dot) : base;
    if (stem.isEmpty()) {
      stem = "document";
    }
    if (stem.length() > 150) {
      stem = stem.substring(0, 150);
    }
    return stem + "." + type.extension();
  }

  public static String megabytes(long bytes) {
    return String.format(java.util.Locale.FRANCE, "%.1f", bytes / (1024.0 * 1024.0));
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
