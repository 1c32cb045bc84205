package fr.pacte.server.calls;

import fr.pacte.server.calls.Application.Attachment;
import fr.pacte.server.calls.Application.Member;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.documents.PdfDocument;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acknowledgement of receipt of a submitted application, as a French PDF document: the time of receipt on the
 * server's clock in the tenant's time zone, the SHA-256 of the content received, and the list of the parts received.
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

  /** The acknowledgement of an application submitted at {@code at}, whose content hashes to {@code hash}. */
  static PdfDocument document(String tenantName, CallForProjects call, Application application, Instant at, ZoneId zone,
                              String hash, Map<String, String> territoryNames) {
    Member lead = application.members().stream().filter(Member::lead).findFirst().orElse(null);
    List<PdfDocument.Field> fields = new ArrayList<>();
    fields.add(new PdfDocument.Field("Appel à projets", call.content().title()));
    fields.add(new PdfDocument.Field("Organisme porteur", lead == null ? application.organisationId() : lead.name()));
    if (application.members().size() > 1) {
      fields.add(new PdfDocument.Field("Groupement avec", String.join(", ", application.members().stream()
          .filter(m -> !m.lead()).map(Member::name).toList())));
    }
    fields.add(new PdfDocument.Field("Candidature n°", application.id().toString()));
    fields.add(new PdfDocument.Field("Reçue le", receivedLabel(at, zone)));
    fields.add(new PdfDocument.Field("Date limite", CallForProjects.deadlineLabel(call.content().deadline())));
    fields.add(new PdfDocument.Field("Empreinte SHA-256 du contenu reçu", hash));
    List<String> parts = new ArrayList<>();
    parts.add("Partie générale : " + String.join(", ", ApplicationInput.GENERAL.stream()
        .map(ApplicationInput.Section::title).map(String::toLowerCase).toList()) + ".");
    application.attachments().stream().filter(Attachment::general).forEach(a -> parts.add(attached(a)));
    for (Project project : application.projects()) {
      Lot lot = call.content().lots().stream().filter(l -> l.code().equals(project.lotCode())).findFirst().orElse(null);
      parts.add("Projet, lot « " + (lot == null ? project.lotCode() : lot.title()) + " » — territoires : "
          + String.join(", ", project.territories().stream().map(t -> territoryNames.getOrDefault(t, t)).toList())
          + " ; montant demandé " + CallForProjects.euros(project.budget().requestedCents()) + " sur "
          + project.budget().years().size() + " ans ; description, objectifs chiffrés, indicateurs, budget.");
      application.attachments().stream().filter(a -> a.lotCode().equals(project.lotCode())).forEach(a -> parts.add(attached(a)));
    }
    return PdfDocument.titled("Accusé de réception de candidature", tenantName)
        .fields(fields)
        .heading("Pièces reçues")
        .bullets(parts)
        .paragraph("Ce document atteste la réception du dossier ; il ne préjuge pas de sa recevabilité ni de la suite qui "
            + "lui sera donnée.")
        .footer("Empreinte SHA-256 : " + hash);
  }

  private static String attached(Attachment attachment) {
    return partLabel(attachment) + " : " + attachment.label() + " (" + attachment.fileName()
        + (attachment.versionNumber() == null ? "" : ", version " + attachment.versionNumber()) + ")";
  }

  private static String partLabel(Attachment attachment) {
    String label = ApplicationInput.GENERAL_PARTS.getOrDefault(attachment.part(),
        ApplicationInput.PROJECT_PARTS.getOrDefault(attachment.part(), attachment.part()));
    return label;
  }
}
