package fr.pacte.server.calls;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import fr.pacte.server.calls.InstructionStore.Decision;
import fr.pacte.server.calls.InstructionStore.ProjectDecision;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A letter sent after the committee's decision: the notification of the decision to an applicant, and for each of
 * its projects the acceptance or the refusal. The wording is the tenant's template ({@code tenants/<slug>/letters/
 * <kind>.txt}) or Pacte's French default, a Pebble text whose blank lines separate paragraphs; the PDF is made with
 * OpenPDF.
 */
public record Letter(String kind, String lot, String fileName, String heading, String text) {

  public static final List<String> KINDS = List.of("notification", "acceptance", "refusal");

  private static final PebbleEngine ENGINE = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false)
      .newLineTrimming(false).build();

  /** French name of a kind of letter. */
  public static String label(String kind) {
    return switch (kind) {
      case "notification" -> "Notification de la décision";
      case "acceptance" -> "Lettre d'acceptation";
      case "refusal" -> "Lettre de refus";
      default -> kind;
    };
  }

  /** Pacte's default wording of a kind of letter. */
  public static String defaultTemplate(String kind) {
    try (InputStream in = Letter.class.getResourceAsStream("/letters/" + kind + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wording of every kind for the tenant of the transaction: its own, else the default. */
  static Future<Map<String, String>> templates(SqlConnection connection, InstructionStore store) {
    Map<String, String> wording = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String kind : KINDS) {
      chain = chain.compose(done -> store.template(connection, kind).map(own -> {
        wording.put(kind, own.orElseGet(() -> defaultTemplate(kind)));
        return null;
      }));
    }
    return chain.map(wording);
  }

  /** The letters of one application: the notification, then an acceptance or a refusal per project. */
  static List<Letter> forApplication(String tenantName, CallForProjects call, Decision decision, Instructed application,
                                     List<ProjectDecision> projects, Map<String, String> wording, LocalDate today) {
    Map<String, Object> common = new HashMap<>();
    common.put("departement", tenantName);
    common.put("call", call.content().title());
    common.put("organisation", application.organisationName());
    common.put("committee", decision.committee());
    common.put("committeeDate", CallForProjects.dayLabel(decision.committeeDate()));
    common.put("deliberation", decision.deliberationRef());
    common.put("date", CallForProjects.dayLabel(today));
    common.put("maxConventionYears", call.content().maxConventionYears());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (ProjectDecision project : projects) {
      lines.add(project(call, application, project));
    }
    common.put("projects", lines);
    String organisation = application.organisationId();
    List<Letter> letters = new ArrayList<>();
    letters.add(new Letter("notification", "", "notification-" + organisation + ".pdf", label("notification"),
        render(wording.get("notification"), common)));
    for (Map<String, Object> line : lines) {
      boolean selected = (Boolean) line.get("selected");
      String kind = selected ? "acceptance" : "refusal";
      Map<String, Object> values = new HashMap<>(common);
      values.put("project", line);
      letters.add(new Letter(kind, (String) line.get("lotCode"), kind + "-" + organisation + "-" + line.get("lotCode") + ".pdf",
          label(kind), render(wording.get(kind), values)));
    }
    return letters;
  }

  private static Map<String, Object> project(CallForProjects call, Instructed application, ProjectDecision project) {
    Map<String, Object> line = new HashMap<>();
    String lotTitle = call.content().lots().stream().filter(l -> l.code().equals(project.lot()))
        .map(CallForProjects.Lot::title).findFirst().orElse(project.lot());
    Instructed.Project part = application.project(project.lot());
    line.put("lotCode", project.lot());
    line.put("lot", lotTitle);
    line.put("title", part == null ? "" : part.title());
    line.put("territories", String.join(", ", project.territories()));
    line.put("selected", project.selected());
    line.put("amount", CallForProjects.euros(project.amountCents()));
    line.put("requested", CallForProjects.euros(project.requestedCents()));
    return line;
  }

  static String render(String template, Map<String, Object> values) {
    StringWriter out = new StringWriter();
    try {
      ENGINE.getTemplate(template).evaluate(out, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The PDF: the heading, then one paragraph per block of the text; a first line "Objet : …" in bold. */
  public byte[] render() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 64, 64, 64, 64);
    try {
      PdfWriter.getInstance(document, bytes);
      document.addTitle(heading);
      document.open();
      Font title = new Font(Font.HELVETICA, 14, Font.BOLD);
      Font bold = new Font(Font.HELVETICA, 11, Font.BOLD);
      Font body = new Font(Font.HELVETICA, 11);
      Paragraph head = new Paragraph(heading, title);
      head.setSpacingAfter(18);
      document.add(head);
      for (String block : text.strip().split("\\R\\s*\\R")) {
        String paragraph = block.strip();
        if (paragraph.isEmpty()) {
          continue;
        }
        Paragraph p = new Paragraph(paragraph, paragraph.startsWith("Objet") ? bold : body);
        p.setSpacingAfter(10);
        p.setAlignment(Element.ALIGN_LEFT);
        document.add(p);
      }
    } catch (DocumentException e) {
      throw new IllegalStateException("letter " + fileName + " could not be written", e);
    } finally {
      document.close();
    }
    return bytes.toByteArray();
  }
}
