package fr.pacte.server.reporting;

import fr.pacte.server.conventions.Convention;
import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.reporting.MonthlyReport.Line;
import fr.pacte.server.web.FrenchDates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The monthly report and the fiche bilan as French A4 documents. */
final class ReportDocuments {

  private ReportDocuments() {
  }

  static PdfDocument report(MonthlyReport r, String departement, String territoryName) {
    PdfDocument pdf = PdfDocument.titled("Rapport mensuel — " + r.monthLabel(), departement)
        .subject(r.title())
        .fields(List.of(new PdfDocument.Field("Opérateur", r.organisationName()),
            new PdfDocument.Field("Territoire", territoryName),
            new PdfDocument.Field("Mois", r.monthLabel()),
            new PdfDocument.Field("Échéance", FrenchDates.longDate(r.dueOn())),
            new PdfDocument.Field("État", r.state().label())));
    String section = null;
    List<List<String>> rows = new ArrayList<>();
    for (Line line : r.lines()) {
      if (!line.section().equals(section)) {
        flush(pdf, section, rows);
        section = line.section();
        rows = new ArrayList<>();
      }
      rows.add(List.of(line.label(), Line.french(line.prefilled()), Line.french(line.value()),
          line.corrected() ? line.comment() : ""));
    }
    flush(pdf, section, rows);
    if (r.comment() != null && !r.comment().isBlank()) {
      pdf.heading("Commentaire de l'opérateur").paragraph(r.comment());
    }
    if (r.reopenReason() != null) {
      pdf.heading("Réouverture").paragraph(r.reopenReason());
    }
    return pdf.footer("Chiffres préremplis à partir des parcours enregistrés dans Pacte ; un chiffre corrigé porte le "
        + "commentaire de l'opérateur.");
  }

  private static void flush(PdfDocument pdf, String section, List<List<String>> rows) {
    if (section != null && !rows.isEmpty()) {
      pdf.heading(section).table(List.of("Indicateur", "Prérempli", "Déclaré", "Commentaire"), rows);
    }
  }

  static PdfDocument evaluation(YearlyEvaluation e, String departement, Map<String, String> territoryNames) {
    JsonObject f = e.figures();
    boolean workshops = "WORKSHOPS_PER_YEAR".equals(f.getString("unit"));
    PdfDocument pdf = PdfDocument.titled("Fiche bilan — année " + e.year(), departement)
        .subject(e.conventionTitle())
        .fields(List.of(new PdfDocument.Field("Convention", e.reference()),
            new PdfDocument.Field("Opérateur", e.organisationName()),
            new PdfDocument.Field("Période", FrenchDates.longDate(java.time.LocalDate.parse(f.getString("periodStart")))
                + " au " + FrenchDates.longDate(java.time.LocalDate.parse(f.getString("periodEnd")))),
            new PdfDocument.Field("État", e.state().label())));
    List<List<String>> rows = new ArrayList<>();
    JsonArray territories = f.getJsonArray("territories", new JsonArray());
    for (int i = 0; i < territories.size(); i++) {
      JsonObject t = territories.getJsonObject(i);
      rows.add(List.of(territoryNames.getOrDefault(t.getString("territory"), t.getString("territory")),
          String.valueOf(t.getValue("objective")), Line.french(new java.math.BigDecimal(t.getValue("result").toString())),
          t.getValue("ratePercent") + " %", String.valueOf(t.getValue("entries")), String.valueOf(t.getValue("exits"))));
    }
    pdf.heading("Objectifs et résultats").table(List.of("Territoire", workshops ? "Ateliers prévus" : "File active prévue",
        workshops ? "Ateliers tenus" : "File active moyenne", "Atteinte", "Entrées", "Sorties"), rows);
    List<List<String>> exits = new ArrayList<>();
    JsonArray byType = f.getJsonArray("exitsByType", new JsonArray());
    for (int i = 0; i < byType.size(); i++) {
      exits.add(List.of(byType.getJsonObject(i).getString("label"), String.valueOf(byType.getJsonObject(i).getValue("count"))));
    }
    if (exits.isEmpty()) {
      pdf.heading("Typologie des sorties").paragraph("Aucune sortie dans l'année.");
    } else {
      pdf.heading("Typologie des sorties").table(List.of("Type de sortie", "Sorties"), exits);
    }
    JsonObject progress = f.getJsonObject("progress", ProgressSummary.none());
    long grids = ((Number) progress.getValue("grids", 0)).longValue();
    if (grids == 0) {
      pdf.heading("Grilles de progression").paragraph("Aucune grille de progression remplie dans l'année.");
    } else {
      pdf.heading("Grilles de progression").paragraph(grids + " grille(s) remplie(s) dans l'année pour "
          + progress.getValue("participations") + " participation(s) ; " + progress.getValue("compared")
          + " participation(s) ont au moins deux grilles, dont la première et la dernière sont comparées.")
          .table(ProgressSummary.CRITERIA_HEADINGS, ProgressSummary.criteriaRows(progress));
    }
    Object answered = progress.getJsonObject("satisfaction", new JsonObject()).getValue("answered", 0);
    if (((Number) answered).longValue() == 0) {
      pdf.heading("Questionnaires de satisfaction").paragraph("Aucun questionnaire de satisfaction rempli dans l'année.");
    } else {
      pdf.heading("Questionnaires de satisfaction").paragraph(answered + " questionnaire(s) rempli(s) dans l'année.")
          .table(ProgressSummary.satisfactionHeadings(), ProgressSummary.satisfactionRows(progress));
    }
    JsonObject reports = f.getJsonObject("reports", new JsonObject());
    pdf.heading("Rapports mensuels").paragraph(reports.getValue("sent") + " rapport(s) transmis sur "
        + reports.getValue("expected") + " attendu(s), dont " + reports.getValue("approved") + " approuvé(s) par la direction.");
    pdf.heading("Bilan de l'opérateur")
        .fields(List.of(new PdfDocument.Field("Réalisations", blank(e.achievements())),
            new PdfDocument.Field("Difficultés", blank(e.difficulties())),
            new PdfDocument.Field("Perspectives", blank(e.outlook()))));
    if (e.committeeDate() != null) {
      List<PdfDocument.Field> committee = new ArrayList<>(List.of(
          new PdfDocument.Field("Date", FrenchDates.longDate(e.committeeDate())),
          new PdfDocument.Field("Participants", e.committeeParticipants()),
          new PdfDocument.Field("Compte rendu", e.committeeMinutes()),
          new PdfDocument.Field("Décision", e.decision().label())));
      if (e.decisionCents() != null) {
        committee.add(new PdfDocument.Field("Montant de la tranche suivante", Convention.euros(e.decisionCents())));
      }
      if (e.decisionObjectives() != null) {
        committee.add(new PdfDocument.Field("Nouveaux objectifs", e.decisionObjectives()));
      }
      pdf.heading("Comité de pilotage").fields(committee);
    }
    return pdf.footer("Fiche bilan préremplie à partir des parcours et des rapports mensuels enregistrés dans Pacte.");
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? "(non renseigné)" : text;
  }
}
