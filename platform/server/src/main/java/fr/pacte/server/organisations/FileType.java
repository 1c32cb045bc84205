package fr.pacte.server.organisations;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The type of an uploaded file, recognised from its first bytes (and, for the zip-based office formats, from the
 * entries of the archive), never from its name: a renamed executable stays an executable.
 */
public final class FileType {

  /** An accepted type: its media type and the extension downloads get. */
  public record Accepted(String mediaType, String extension, String label) {
  }

  /** What sniffing concluded: an accepted type, or the French reason of a refusal. */
  public record Verdict(Accepted accepted, String refusal) {

    public boolean ok() {
      return accepted != null;
    }
  }

  public static final Accepted PDF = new Accepted("application/pdf", "pdf", "PDF");
  public static final Accepted PNG = new Accepted("image/png", "png", "image PNG");
  public static final Accepted JPEG = new Accepted("image/jpeg", "jpg", "image JPEG");
  public static final Accepted ODT = new Accepted("application/vnd.oasis.opendocument.text", "odt", "texte OpenDocument (ODT)");
  public static final Accepted ODS = new Accepted("application/vnd.oasis.opendocument.spreadsheet", "ods", "tableur OpenDocument (ODS)");
  public static final Accepted DOCX = new Accepted("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "docx", "document Word (DOCX)");
  public static final Accepted XLSX = new Accepted("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "xlsx", "classeur Excel (XLSX)");

  private static final String ACCEPTED_LIST = "PDF, PNG, JPEG, ODT, ODS, DOCX ou XLSX";
  /** Enough entries to find the marker of any real office document; a zip bomb is not walked further. */
  private static final int MAX_ZIP_ENTRIES = 2000;

  private FileType() {
  }

  public static Verdict sniff(byte[] content) {
    if (content.length == 0) {
      return refused("le fichier est vide.");
    }
    if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return new Verdict(PDF, null);
    }
    if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
      return new Verdict(PNG, null);
    }
    if (startsWith(content, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return new Verdict(JPEG, null);
    }
    if (startsWith(content, new byte[] {'P', 'K', 3, 4})) {
      return officeDocument(content);
    }
    return refused(describeUnknown(content));
  }

  private static Verdict officeDocument(byte[] content) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      ZipEntry entry;
      int seen = 0;
      while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ZIP_ENTRIES) {
        String name = entry.getName();
        if (seen == 1 && name.equals("mimetype")) {
          String mimetype = new String(zip.readNBytes(100), StandardCharsets.US_ASCII).strip();
          if (mimetype.equals(ODT.mediaType())) {
            return new Verdict(ODT, null);
          }
          if (mimetype.equals(ODS.mediaType())) {
            return new Verdict(ODS, null);
          }
          return refused("document OpenDocument d'un type non accepté (" + mimetype + ").");
        }
        if (name.equals("word/document.xml")) {
          return new Verdict(DOCX, null);
        }
        if (name.equals("xl/workbook.xml")) {
          return new Verdict(XLSX, null);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return refused("archive ZIP illisible ou endommagée.");
    }
    return refused("archive ZIP qui n'est pas un document bureautique.");
  }

  private static String describeUnknown(byte[] content) {
    if (startsWith(content, new byte[] {'M', 'Z'})) {
      return "programme exécutable Windows.";
    }
    if (startsWith(content, new byte[] {0x7f, 'E', 'L', 'F'})) {
      return "programme exécutable.";
    }
    if (startsWith(content, new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0})) {
      return "ancien format Microsoft Office (DOC/XLS) : enregistrez-le en PDF, DOCX ou ODT.";
    }
    if (startsWith(content, "GIF8".getBytes(StandardCharsets.US_ASCII))) {
      return "image GIF.";
    }
    String head = new String(content, 0, Math.min(content.length, 256), StandardCharsets.ISO_8859_1).strip().toLowerCase();
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<svg") || head.startsWith("<?xml")) {
      return "page web, SVG ou XML.";
    }
    return "format non reconnu.";
  }

  private static Verdict refused(String what) {
    return new Verdict(null, "Fichier refusé : " + what + " Formats acceptés : " + ACCEPTED_LIST
        + " (le type est lu dans le contenu du fichier, pas dans son nom).");
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
