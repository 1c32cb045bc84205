package fr.pacte.server.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A French document for people (an acknowledgement of receipt, a letter, a person's data, a committee file), laid
 * out in A4 by OpenPDF. Built block by block, then rendered on a worker thread:
 *
 * <pre>
 * PdfDocument.titled("Accusé de réception", "Département de la Somme")
 *     .paragraph("Votre dossier a été reçu le 22 août 2025 à 23 h 59.")
 *     .fields(List.of(new PdfDocument.Field("Empreinte", hash)))
 *     .render(vertx)
 * </pre>
 */
public final class PdfDocument {

  /** A label and its value, shown as two columns. */
  public record Field(String label, String value) {
  }

  private static final Color INK = new Color(0x1b, 0x1b, 0x1b);
  private static final Color MUTED = new Color(0x5a, 0x5a, 0x5a);
  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18, INK);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13, INK);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10.5f, INK);
  private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10.5f, INK);
  private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8.5f, MUTED);

  private final String title;
  private final String issuer;
  private final List<Consumer<Document>> blocks = new ArrayList<>();
  private String footer = "";

  private PdfDocument(String title, String issuer) {
    this.title = title;
    this.issuer = issuer;
  }

  /**
   * @param title  the document's title, also its PDF title
   * @param issuer who issues it (e.g. "Département de la Somme"), shown above the title
   */
  public static PdfDocument titled(String title, String issuer) {
    return new PdfDocument(title, issuer);
  }

  public PdfDocument heading(String text) {
    blocks.add(document -> add(document, spaced(new Paragraph(text, HEADING), 12, 4)));
    return this;
  }

  /** A paragraph; line breaks in the text are kept. */
  public PdfDocument paragraph(String text) {
    blocks.add(document -> add(document, spaced(new Paragraph(text, BODY), 0, 6)));
    return this;
  }

  /** Lines set flush right, e.g. "Amiens, le 3 octobre 2025". */
  public PdfDocument right(String text) {
    blocks.add(document -> {
      Paragraph paragraph = spaced(new Paragraph(text, BODY), 0, 6);
      paragraph.setAlignment(Element.ALIGN_RIGHT);
      add(document, paragraph);
    });
    return this;
  }

  /** "Objet : …" of a letter. */
  public PdfDocument subject(String text) {
    blocks.add(document -> {
      Paragraph paragraph = spaced(new Paragraph(), 6, 10);
      paragraph.add(new Chunk("Objet : ", BOLD));
      paragraph.add(new Chunk(text, BODY));
      add(document, paragraph);
    });
    return this;
  }

  public PdfDocument bullets(List<String> items) {
    blocks.add(document -> {
      com.lowagie.text.List list = new com.lowagie.text.List(false, 12);
      list.setListSymbol(new Chunk("•  ", BODY));
      items.forEach(item -> list.add(new com.lowagie.text.ListItem(item, BODY)));
      add(document, list);
      add(document, spaced(new Paragraph(" ", SMALL), 0, 2));
    });
    return this;
  }

  /** Labels and values in two columns. */
  public PdfDocument fields(List<Field> fields) {
    blocks.add(document -> {
      PdfPTable table = new PdfPTable(new float[] {1f, 2f});
      table.setWidthPercentage(100);
      table.setSpacingAfter(8);
      for (Field field : fields) {
        table.addCell(cell(field.label(), BOLD, false));
        table.addCell(cell(field.value() == null ? "" : field.value(), BODY, false));
      }
      add(document, table);
    });
    return this;
  }

  /** A table with a header row; figures are the caller's to format (French: "12 345,00 €"). */
  public PdfDocument table(List<String> headers, List<List<String>> rows) {
    blocks.add(document -> {
      PdfPTable table = new PdfPTable(headers.size());
      table.setWidthPercentage(100);
      table.setHeaderRows(1);
      table.setSpacingAfter(8);
      headers.forEach(header -> table.addCell(cell(header, BOLD, true)));
      rows.forEach(row -> row.forEach(value -> table.addCell(cell(value == null ? "" : value, BODY, false))));
      add(document, table);
    });
    return this;
  }

  /** Small text at the bottom of every page (e.g. an empreinte, the date it was made). */
  public PdfDocument footer(String text) {
    this.footer = text;
    return this;
  }

  /** The PDF, made on a worker thread: layout is CPU work that does not belong on an event loop. */
  public Future<byte[]> render(Vertx vertx) {
    return vertx.executeBlocking(this::toBytes, false);
  }

  /** The PDF, made on the calling thread. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 56, 56, 56, 64);
    PdfWriter writer = PdfWriter.getInstance(document, bytes);
    writer.setPageEvent(new Footer(footer));
    document.addTitle(title);
    document.addAuthor(issuer);
    document.addCreator("Pacte");
    document.open();
    writer.getExtraCatalog().put(com.lowagie.text.pdf.PdfName.LANG, new com.lowagie.text.pdf.PdfString("fr-FR"));
    add(document, spaced(new Paragraph(issuer, SMALL), 0, 4));
    add(document, spaced(new Paragraph(title, TITLE), 0, 12));
    blocks.forEach(block -> block.accept(document));
    document.close();
    return bytes.toByteArray();
  }

  /** Sends a PDF as the answer, to open in the browser or save under its name. */
  public static void respond(RoutingContext request, String fileName, byte[] pdf) {
    request.response().putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "inline; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "-") + "\"")
        .putHeader("Cache-Control", "private, no-store")
        .end(io.vertx.core.buffer.Buffer.buffer(pdf));
  }

  private static PdfPCell cell(String text, Font font, boolean header) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setPadding(4);
    cell.setBorderColor(new Color(0xc8, 0xc8, 0xc8));
    if (header) {
      cell.setBackgroundColor(new Color(0xee, 0xee, 0xee));
    }
    return cell;
  }

  private static Paragraph spaced(Paragraph paragraph, float before, float after) {
    paragraph.setSpacingBefore(before);
    paragraph.setSpacingAfter(after);
    return paragraph;
  }

  private static void add(Document document, Element element) {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF layout failed", e);
    }
  }

  private static final class Footer extends PdfPageEventHelper {

    private final String text;

    Footer(String text) {
      this.text = text;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
      String line = (text.isEmpty() ? "" : text + " — ") + "page " + writer.getPageNumber();
      com.lowagie.text.pdf.ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
          new Phrase(line, SMALL), (document.left() + document.right()) / 2, document.bottom() - 24, 0);
    }
  }
}
