package fr.pacte.server.calls;

import fr.pacte.server.calls.Application.Attachment;
import fr.pacte.server.calls.Application.Member;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.documents.PdfDocument;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole application as one French PDF, for the committee's file: the general part section by section, then each
 * project with its territories, description, yearly objectives, indicators and budget computed by the server (totals,
 * the indirect-cost ratio, what the cap leaves unfunded, the fundable amount), and the parts attached from the vault.
 */
final class ApplicationFile {

  private ApplicationFile() {
  }

  static PdfDocument document(String tenantName, CallForProjects call, Application application, ZoneId zone,
                              Map<String, String> territoryNames) {
    Member lead = application.members().stream().filter(Member::lead).findFirst().orElse(null);
    List<PdfDocument.Field> head = new ArrayList<>();
    head.add(new PdfDocument.Field("Appel à projets", call.content().title()));
    head.add(new PdfDocument.Field("Organisme porteur", lead == null ? application.organisationId() : lead.name()));
    if (application.members().size() > 1) {
      head.add(new PdfDocument.Field("Groupement avec", String.join(", ", application.members().stream()
          .filter(m -> !m.lead()).map(Member::name).toList())));
    }
    head.add(new PdfDocument.Field("Candidature n°", application.id().toString()));
    head.add(new PdfDocument.Field("État", application.state().label()));
    head.add(new PdfDocument.Field("Déposée le", application.submittedAt() == null ? "non déposée"
        : Acknowledgement.receivedLabel(application.submittedAt(), zone)));
    if (application.contentHash() != null) {
      head.add(new PdfDocument.Field("Empreinte SHA-256", application.contentHash()));
    }
    PdfDocument pdf = PdfDocument.titled("Dossier de candidature", tenantName).fields(head);
    for (ApplicationInput.Section section : ApplicationInput.GENERAL) {
      JsonObject values = application.general().getJsonObject(section.key(), new JsonObject());
      List<PdfDocument.Field> fields = new ArrayList<>();
      for (ApplicationInput.Field field : section.fields()) {
        Object value = values.getValue(field.key());
        fields.add(new PdfDocument.Field(field.label(), value == null ? "—" : shown(field, value)));
      }
      pdf.heading(section.title()).fields(fields);
    }
    pdf.heading("Pièces de la partie générale").bullets(attachments(application, ""));
    for (Project project : application.projects()) {
      Lot lot = call.content().lots().stream().filter(l -> l.code().equals(project.lotCode())).findFirst().orElse(null);
      pdf.heading("Projet — " + (lot == null ? project.lotCode() : lot.title()));
      Budget budget = project.budget();
      pdf.fields(List.of(
          new PdfDocument.Field("Intitulé", orDash(project.title())),
          new PdfDocument.Field("Territoires", String.join(", ", project.territories().stream()
              .map(t -> territoryNames.getOrDefault(t, t)).toList())),
          new PdfDocument.Field("Description", orDash(project.description())),
          new PdfDocument.Field("Indicateurs proposés", project.indicators().isEmpty() ? "—" : String.join(" ; ", project.indicators())),
          new PdfDocument.Field("Coût total", CallForProjects.euros(budget.totalCents())),
          new PdfDocument.Field("Frais indirects", budget.indirectPercent() == null ? "—"
              : budget.indirectPercent().toPlainString().replace('.', ',') + " % du coût total"),
          new PdfDocument.Field("Montant demandé au Département", CallForProjects.euros(budget.requestedCents())),
          new PdfDocument.Field("Montant finançable", CallForProjects.euros(budget.fundableCents())
              + (budget.unfundedIndirectCents() > 0 ? " (frais indirects au-delà du plafond non financés : "
                  + CallForProjects.euros(budget.unfundedIndirectCents()) + ")" : ""))));
      List<List<String>> objectives = new ArrayList<>();
      project.objectives().forEach(o -> objectives.add(List.of(territoryNames.getOrDefault(o.territory(), o.territory()),
          "Année " + o.year(), String.valueOf(o.target()))));
      if (!objectives.isEmpty()) {
        pdf.table(List.of("Territoire", "Année", "Objectif"), objectives);
      }
      List<List<String>> years = new ArrayList<>();
      for (Budget.Year year : budget.years()) {
        years.add(List.of("Année " + year.year(), CallForProjects.euros(year.directCents()),
            CallForProjects.euros(year.indirectCents()), CallForProjects.euros(year.totalCents()),
            CallForProjects.euros(year.cofundingCents()), CallForProjects.euros(year.requestedCents()),
            CallForProjects.euros(year.fundableCents(budget.capPercent()))));
      }
      if (!years.isEmpty()) {
        pdf.table(List.of("Année", "Coûts directs", "Coûts indirects", "Total", "Cofinancements", "Demandé", "Finançable"), years);
      }
      pdf.bullets(attachments(application, project.lotCode()));
    }
    return pdf.footer("Dossier de candidature n° " + application.id());
  }

  private static String shown(ApplicationInput.Field field, Object value) {
    if (value instanceof Number number && field.key().endsWith("Cents")) {
      return CallForProjects.euros(number.longValue());
    }
    return value.toString();
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  private static List<String> attachments(Application application, String lot) {
    List<String> lines = application.attachments().stream().filter(a -> a.lotCode().equals(lot)).map(ApplicationFile::line)
        .toList();
    return lines.isEmpty() ? List.of("Aucune pièce jointe.") : lines;
  }

  private static String line(Attachment a) {
    String part = ApplicationInput.GENERAL_PARTS.getOrDefault(a.part(), ApplicationInput.PROJECT_PARTS.getOrDefault(a.part(), a.part()));
    return part + " : " + a.label() + " (" + a.fileName() + (a.versionNumber() == null ? "" : ", version " + a.versionNumber()) + ")";
  }
}
