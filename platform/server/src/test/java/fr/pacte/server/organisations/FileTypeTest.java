package fr.pacte.server.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FileTypeTest {

  @Test
  void recognisesPdfPngAndJpegFromTheirFirstBytes() {
    assertEquals(FileType.PDF, FileType.sniff("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)).accepted());
    assertEquals(FileType.PNG, FileType.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}).accepted());
    assertEquals(FileType.JPEG, FileType.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16}).accepted());
  }

  @Test
  void recognisesOpenDocumentByItsMimetypeEntryAndDocxByItsBody() throws IOException {
    assertEquals(FileType.ODT, FileType.sniff(openDocument("application/vnd.oasis.opendocument.text")).accepted());
    assertEquals(FileType.ODS, FileType.sniff(openDocument("application/vnd.oasis.opendocument.spreadsheet")).accepted());
    assertEquals(FileType.DOCX, FileType.sniff(zip("[Content_Types].xml", "word/document.xml")).accepted());
    assertEquals(FileType.XLSX, FileType.sniff(zip("[Content_Types].xml", "xl/workbook.xml")).accepted());
  }

  @Test
  void refusesWhatIsNotADocumentAndSaysWhy() throws IOException {
    FileType.Verdict exe = FileType.sniff("MZ\u0090\u0000This program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1));
    assertFalse(exe.ok());
    assertTrue(exe.refusal().startsWith("Fichier refusé : programme exécutable Windows."), exe.refusal());
    assertTrue(exe.refusal().contains("pas dans son nom"), exe.refusal());
    assertTrue(FileType.sniff(zip("photos/a.txt")).refusal().contains("archive ZIP qui n'est pas un document bureautique"));
    assertTrue(FileType.sniff("Statuts de l'association".getBytes(StandardCharsets.UTF_8)).refusal().contains("format non reconnu"));
    assertTrue(FileType.sniff("<html><body>".getBytes(StandardCharsets.UTF_8)).refusal().contains("page web"));
    assertTrue(FileType.sniff(new byte[0]).refusal().contains("vide"));
    assertTrue(FileType.sniff(openDocument("application/vnd.oasis.opendocument.presentation")).refusal()
        .contains("opendocument.presentation"));
    assertTrue(FileType.sniff(new byte[] {'P', 'K', 3, 4, 1, 2}).refusal().contains("ZIP"));
  }

  private static byte[] openDocument(String mimetype) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      byte[] content = mimetype.getBytes(StandardCharsets.US_ASCII);
      ZipEntry entry = new ZipEntry("mimetype");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(content.length);
      CRC32 crc = new CRC32();
      crc.update(content);
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      zip.write(content);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
