package fr.pacte.server.conventions;

import fr.pacte.server.documents.PdfDocument;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of a convention d'objectifs et de moyens, in French, as a PDF: object, parties, period, objectives,
 * means, the operator's obligations (referencing on DORA, the monthly report due on the 30th, the yearly comité de
 * pilotage), amounts and payment terms, evaluation, renewal by yearly tranche, termination, and the amendments.
 * It is made from the terms in force at the date asked (today by default), so each amendment gives a new text.
 */
final class ConventionText {

  private ConventionText() {
  }

  static PdfDocument of(Convention convention, LocalDate at, String actionTypeLabel, Map<String, String> territoryNames) {
    Terms t = convention.termsAt(at);
    String unit = "WORKSHOPS_PER_YEAR".equals(t.unit()) ? "ateliers par an" : "personnes en file active";
    PdfDocument pdf = PdfDocument.titled("Convention d'objectifs et de moyens n° " + t.reference(), t.departement().name())
        .subject(t.title());
    List<PdfDocument.Field> parties = new ArrayList<>();
    parties.add(new PdfDocument.Field("Entre", t.departement().name()
        + (t.departement().siret() == null ? "" : " (SIRET " + t.departement().siret() + ")")));
    parties.add(new PdfDocument.Field("Et", convention.organisationName()
        + (t.members().isEmpty() ? "" : ", chef de file du groupement formé avec " + String.join(", ", t.members()))));
    for (Terms.Signatory s : t.signatories()) {
      parties.add(new PdfDocument.Field("Signataire", s.name() + ", " + s.capacity()));
    }
    if (t.decision().reference() != null) {
      parties.add(new PdfDocument.Field("Vu", "la délibération " + t.decision().reference()
          + (t.decision().date() == null ? "" : " du " + Convention.dayLabel(t.decision().date()))));
    }
    pdf.fields(parties);

    pdf.heading("Article 1 – Objet");
    pdf.paragraph("La présente convention a pour objet de définir les objectifs et les moyens de l'action « " + t.title()
        + " » (" + actionTypeLabel + "), que l'organisation s'engage à mettre en œuvre, et le soutien financier que le "
        + "Département lui apporte à ce titre.");
    pdf.heading("Article 2 – Durée");
    pdf.paragraph("La convention est conclue pour la période du " + Convention.dayLabel(t.periodStart()) + " au "
        + Convention.dayLabel(t.periodEnd()) + " (" + t.years().size() + " année(s)).");
    pdf.heading("Article 3 – Objectifs");
    pdf.paragraph("Les objectifs annuels sont fixés par territoire, en " + unit + " :");
    List<String> header = new ArrayList<>(List.of("Territoire"));
    t.years().forEach(y -> header.add("Année " + y.year()));
    List<List<String>> rows = new ArrayList<>();
    for (String territory : t.territories()) {
      List<String> row = new ArrayList<>(List.of(territoryNames.getOrDefault(territory, territory)));
      t.years().forEach(y -> row.add(String.valueOf(t.objective(y.year(), territory))));
      rows.add(row);
    }
    pdf.table(header, rows);
    pdf.heading("Article 4 – Moyens");
    List<String> means = new ArrayList<>();
    if (t.means().staffFte() != null) {
      means.add("Personnel : " + t.means().staffFte().toPlainString().replace('.', ',') + " équivalent(s) temps plein.");
    }
    if (t.means().schedule() != null) {
      means.add("Horaires et calendrier : " + t.means().schedule());
    }
    if (t.means().description() != null) {
      means.add(t.means().description());
    }
    pdf.paragraph(means.isEmpty() ? "Les moyens sont ceux décrits dans le dossier de candidature." : String.join("\n", means));
    pdf.heading("Article 5 – Obligations de l'organisation");
    pdf.bullets(List.of(
        "Référencer l'action et la tenir à jour sur la plateforme DORA.",
        "Remettre chaque mois, au plus tard le 30, le rapport d'activité de l'action.",
        "Participer au comité de pilotage annuel et y présenter le bilan de l'année écoulée.",
        "Mentionner le soutien du Département et des cofinanceurs dans toute communication."));
    pdf.heading("Article 6 – Montants");
    List<List<String>> money = new ArrayList<>();
    for (Funding.YearFigures f : convention.figures()) {
      Terms.Year y = t.year(f.year());
      if (y == null) {
        continue;
      }
      Tranche tranche = convention.tranche(f.year());
      List<String> funders = y.coFunders().stream().map(c -> c.kindLabel() + " " + Convention.euros(c.amountCents())).toList();
      money.add(List.of("Année " + f.year(), Convention.euros(y.totalCents()), Convention.euros(y.departementCents()),
          funders.isEmpty() ? "—" : String.join(", ", funders), tranche.statusLabel()
              + (tranche.voted() ? " : " + Convention.euros(tranche.votedCents()) : "")));
    }
    pdf.table(List.of("Année", "Budget", "Département", "Cofinancements", "Tranche"), money);
    pdf.paragraph("Les financements départementaux sont accordés sur une base annuelle et soumis au préalable à "
        + "l'approbation de l'assemblée délibérante. Les frais de fonctionnement indirects ne sont pas pris en charge "
        + "au-delà de " + t.indirectCostCapPercent() + " % du coût total de l'action.");
    pdf.heading("Article 7 – Modalités de paiement");
    pdf.paragraph("Pour chaque tranche votée : une avance de " + t.payment().advancePercent() + " % au début de l'année, "
        + "le solde " + t.payment().balanceMonthsAfterYear() + " mois après la fin de l'année, au vu du bilan annuel."
        + (t.payment().text() == null ? "" : "\n" + t.payment().text()));
    pdf.heading("Article 8 – Évaluation");
    pdf.paragraph(t.evaluation() == null ? "L'action est évaluée chaque année au vu du bilan présenté au comité de pilotage."
        : t.evaluation());
    pdf.heading("Article 9 – Reconduction");
    pdf.paragraph(t.renewal() == null ? "La convention est reconduite par tranche annuelle, après vote de l'assemblée "
        + "délibérante." : t.renewal());
    pdf.heading("Article 10 – Résiliation");
    pdf.paragraph("En cas de non-respect de ses engagements par l'une des parties, la convention peut être résiliée par "
        + "l'autre partie, par lettre recommandée avec accusé de réception, à l'expiration d'un délai d'un mois suivant "
        + "une mise en demeure restée sans effet."
        + (convention.terminationReason() == null ? "" : "\nConvention résiliée le " + convention.terminationReason()));
    List<Amendment> amendments = convention.amendments().stream().filter(a -> !a.effectiveFrom().isAfter(at)).toList();
    if (!amendments.isEmpty()) {
      pdf.heading("Avenants");
      pdf.bullets(amendments.stream().map(a -> "Avenant n° " + a.number() + " du " + Convention.dayLabel(a.signedOn())
          + ", en vigueur le " + Convention.dayLabel(a.effectiveFrom()) + " : " + a.object() + " — "
          + String.join(" ", a.changes())).toList());
    }
    pdf.footer("Convention " + t.reference() + " — texte en vigueur le " + Convention.dayLabel(at));
    return pdf;
  }
}
