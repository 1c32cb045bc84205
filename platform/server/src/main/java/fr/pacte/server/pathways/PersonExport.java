package fr.pacte.server.pathways;

import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A person's data as a readable PDF, from the same export as the JSON (their right of access). */
final class PersonExport {

  private PersonExport() {
  }

  /**
   * @param exitLabels the tenant's labels of exit types (référentiel exit-types), so that the person reads words
   */
  static PdfDocument pdf(JsonObject export, RequestContext context, java.util.Map<String, String> exitLabels) {
    JsonObject p = export.getJsonObject("person");
    JsonObject referent = p.getJsonObject("referent");
    PdfDocument pdf = PdfDocument.titled("Vos données personnelles", export.getString("tenantName", export.getString("tenant")))
        .paragraph("Ce document reprend toutes les données que le Département conserve sur vous dans Pacte pour votre "
            + "parcours d'insertion, au " + OrientationService.FRENCH_DATE.format(context.today()) + ".")
        .heading("Identité")
        .fields(List.of(
            new PdfDocument.Field("Nom", p.getString("familyName")),
            new PdfDocument.Field("Prénoms", p.getString("firstNames")),
            new PdfDocument.Field("Date de naissance", date(p.getString("birthDate"))),
            new PdfDocument.Field("Commune", p.getString("commune")),
            new PdfDocument.Field("Courriel", text(p.getString("email"))),
            new PdfDocument.Field("Téléphone", text(p.getString("phone"))),
            new PdfDocument.Field("Allocataire du RSA", p.getBoolean("rsaRecipient") ? "Oui" + (p.getString("rsaCheckedOn") == null
                ? "" : ", vérifié le " + date(p.getString("rsaCheckedOn"))) : "Non"),
            new PdfDocument.Field("Éligibilité IAE", p.getValue("iaeEligible") == null ? "Non connue"
                : p.getBoolean("iaeEligible") ? "Éligible" : "Non éligible"),
            new PdfDocument.Field("Référent de parcours", referent.getString("name") + " — " + referent.getString("organisation")),
            new PdfDocument.Field("Numéro CAF ou MSA", text(p.getString("cafNumber"))),
            new PdfDocument.Field("Identifiant France Travail", text(p.getString("franceTravailId")))));
    List<List<String>> rows = new ArrayList<>();
    for (Object item : export.getJsonArray("orientations")) {
      JsonObject o = (JsonObject) item;
      JsonObject exit = o.getJsonObject("exit");
      rows.add(List.of(o.getString("offerTitle"), o.getString("stateLabel"), date(o.getString("entryDate")),
          exit == null ? "" : date(exit.getString("date")) + " (" + exitLabels.getOrDefault(exit.getString("type"),
              exit.getString("type")) + ")"));
    }
    pdf.heading("Orientations sur des actions");
    if (rows.isEmpty()) {
      pdf.paragraph("Aucune.");
    } else {
      pdf.table(List.of("Action", "État", "Entrée", "Sortie"), rows);
    }
    JsonArray workshops = export.getJsonArray("workshops");
    if (!workshops.isEmpty()) {
      pdf.heading("Ateliers");
      pdf.table(List.of("Date", "Thème", "Présence"), workshops.stream().map(JsonObject.class::cast)
          .map(w -> List.of(w.getString("startsAt").replace('T', ' '), w.getString("theme"),
              WorkshopSession.label(w.getString("status")))).toList());
    }
    JsonArray evaluations = export.getJsonArray("evaluations", new JsonArray());
    if (!evaluations.isEmpty()) {
      pdf.heading("Grilles de progression et questionnaires de satisfaction");
      List<List<String>> grids = new ArrayList<>();
      for (Object item : evaluations) {
        JsonObject e = (JsonObject) item;
        for (Object a : e.getJsonArray("assessments")) {
          JsonObject assessment = (JsonObject) a;
          ProgressGrids.Moment moment = ProgressGrids.Moment.of(assessment.getString("moment")).orElseThrow();
          grids.add(List.of(e.getString("offerTitle"), moment.label() + ", le " + date(assessment.getString("date")),
              levels(assessment.getJsonObject("scores"), ProgressGrids.criteria(assessment.getString("actionType")),
                  ProgressGrids.LEVELS)));
        }
        JsonObject satisfaction = e.getJsonObject("satisfaction");
        if (satisfaction != null) {
          grids.add(List.of(e.getString("offerTitle"), "Questionnaire de satisfaction, le " + date(satisfaction.getString("date")),
              levels(satisfaction.getJsonObject("answers"), ProgressGrids.QUESTIONNAIRE, ProgressGrids.SATISFACTION_LEVELS)));
        }
      }
      pdf.table(List.of("Action", "Quand", "Réponses"), grids);
    }
    JsonArray reads = export.getJsonArray("reads");
    pdf.heading("Consultations de vos données");
    pdf.paragraph(reads.size() + " consultation(s) enregistrée(s), la plus récente d'abord :");
    pdf.table(List.of("Quand", "Qui"), reads.stream().map(JsonObject.class::cast).limit(50)
        .map(r -> List.of(r.getString("at").substring(0, 16).replace('T', ' '), r.getString("actorName"))).toList());
    return pdf.footer("Document établi le " + OrientationService.FRENCH_DATE.format(context.today()) + " au titre du droit d'accès (RGPD, article 15).");
  }

  private static String levels(JsonObject values, List<ProgressGrids.Item> items, List<String> labels) {
    List<String> lines = new ArrayList<>();
    for (ProgressGrids.Item item : items) {
      Integer level = values.getInteger(item.code());
      lines.add(item.label() + " : " + (level == null ? "—" : labels.get(level - 1)));
    }
    return String.join(" ; ", lines);
  }

  private static String date(String iso) {
    return iso == null ? "" : OrientationService.FRENCH_DATE.format(LocalDate.parse(iso));
  }

  private static String text(String value) {
    return value == null ? "—" : value;
  }
}
