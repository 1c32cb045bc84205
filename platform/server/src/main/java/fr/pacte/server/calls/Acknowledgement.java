package fr.pacte.server.calls;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import fr.pacte.server.calls.Application.Attachment;
import fr.pacte.server.calls.Application.Member;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.CallForProjects.Lot;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The acknowledgement of receipt of a submitted application, as a PDF: the time of receipt on the server's clock in
 * the tenant's time zone, the SHA-256 of the content received, and the list of the parts received.
 */
final class Acknowledgement {

  private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm'min'ss's'",
      Locale.FRENCH);

  private Acknowledgement() {
  }

  /** The time of receipt as the acknowledgement writes it ("22 août 2025 à 23h59min59s"). */
  static String receivedLabel(Instant at, ZoneId zone) {
    return at.atZone(zone).format(RECEIVED) + " (heure de " + zoneCity(zone) + ")";
  }

  private static String zoneCity(ZoneId zone) {
    String id = zone.getId();
    return id.contains("/") ? id.substring(id.indexOf('/') + 1).replace('_', ' ') : id;
  }

  static byte[] pdf(String tenantName, CallForProjects call, Application application, Instant at, ZoneId zone,
                    String hash, Map<String, String> territoryNames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 56, 56, 56, 56);
    PdfWriter.getInstance(document, out);
    document.addTitle("Accusé de réception de candidature");
    document.addAuthor(tenantName);
    document.open();
    Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, BaseFont.CP1252, 16);
    Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, BaseFont.CP1252, 12);
    Font body = FontFactory.getFont(FontFactory.HELVETICA, BaseFont.CP1252, 10);
    Font mono = FontFactory.getFont(FontFactory.COURIER, BaseFont.CP1252, 9);
    document.add(new Paragraph(tenantName, body));
    document.add(new Paragraph("Accusé de réception de candidature", title));
    document.add(new Paragraph(call.content().title(), heading));
    document.add(new Paragraph(" ", body));
    Member lead = application.members().stream().filter(Member::lead).findFirst().orElse(null);
    document.add(new Paragraph("Organisme porteur : " + (lead == null ? application.organisationId() : lead.name()), body));
    if (application.members().size() > 1) {
      document.add(new Paragraph("Groupement avec : " + String.join(", ", application.members().stream()
          .filter(m -> !m.lead()).map(Member::name).toList()), body));
    }
    document.add(new Paragraph("Candidature n° " + application.id(), body));
    document.add(new Paragraph("Reçue le " + receivedLabel(at, zone) + ", avant la date limite du "
        + CallForProjects.deadlineLabel(call.content().deadline()) + ".", body));
    document.add(new Paragraph("Empreinte SHA-256 du contenu reçu :", body));
    document.add(new Paragraph(hash, mono));
    document.add(new Paragraph(" ", body));
    document.add(new Paragraph("Pièces reçues", heading));
    document.add(new Paragraph("Partie générale : " + String.join(", ", ApplicationInput.GENERAL.stream()
        .map(ApplicationInput.Section::title).map(String::toLowerCase).toList()) + ".", body));
    for (Attachment attachment : application.attachments()) {
      if (attachment.general()) {
        document.add(new Paragraph("  – " + partLabel(attachment) + " : " + attachment.label() + " (" + attachment.fileName()
            + (attachment.versionNumber() == null ? "" : ", version " + attachment.versionNumber()) + ")", body));
      }
    }
    for (Project project : application.projects()) {
      Lot lot = call.content().lots().stream().filter(l -> l.code().equals(project.lotCode())).findFirst().orElse(null);
      document.add(new Paragraph("Projet, lot « " + (lot == null ? project.lotCode() : lot.title()) + " » — territoires : "
          + String.join(", ", project.territories().stream().map(t -> territoryNames.getOrDefault(t, t)).toList())
          + " ; montant demandé " + CallForProjects.euros(project.budget().requestedCents()) + " sur "
          + project.budget().years().size() + " ans ; description, objectifs chiffrés, indicateurs, budget.", body));
      for (Attachment attachment : application.attachments()) {
        if (attachment.lotCode().equals(project.lotCode())) {
          document.add(new Paragraph("  – " + partLabel(attachment) + " : " + attachment.label() + " ("
              + attachment.fileName() + (attachment.versionNumber() == null ? "" : ", version " + attachment.versionNumber())
              + ")", body));
        }
      }
    }
    document.add(new Paragraph(" ", body));
    document.add(new Paragraph("Ce document atteste la réception du dossier ; il ne préjuge pas de sa recevabilité ni "
        + "de la suite qui lui sera donnée.", body));
    document.close();
    return out.toByteArray();
  }

  private static String partLabel(Attachment attachment) {
    String label = ApplicationInput.GENERAL_PARTS.getOrDefault(attachment.part(),
        ApplicationInput.PROJECT_PARTS.getOrDefault(attachment.part(), attachment.part()));
    return label;
  }
}
