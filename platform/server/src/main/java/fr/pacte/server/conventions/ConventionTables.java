package fr.pacte.server.conventions;

import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.ListTable.Column;
import fr.pacte.server.web.ListTable.Line;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The conventions' lists as pages show and export them (CSV and XLSX): sortable, in pages of 50 rows. */
final class ConventionTables {

  private ConventionTables() {
  }

  static ListTable conventions(String tenant, List<Convention> list, Function<String, String> typeLabel, LocalDate today,
                               String caption) {
    List<Line> lines = new ArrayList<>();
    for (Convention c : list) {
      Map<String, String> cells = new HashMap<>();
      cells.put("reference", c.terms().reference());
      cells.put("title", c.terms().title());
      cells.put("organisation", c.organisationName());
      cells.put("actionType", typeLabel.apply(c.terms().actionType()));
      cells.put("period", Convention.tableDay(c.terms().periodStart()) + " – " + Convention.tableDay(c.terms().periodEnd()));
      cells.put("state", c.stateAt(today).label());
      cells.put("committed", Convention.euros(c.committedCents()));
      cells.put("voted", Convention.euros(c.votedCents()));
      cells.put("paid", Convention.euros(c.paidCents()));
      cells.put("due", Convention.euros(c.votedCents() - c.paidCents()));
      lines.add(new Line("convention-" + c.id(), "/t/" + tenant + "/conventions/" + c.id(), cells,
          Map.of("period", c.terms().periodStart())));
    }
    return new ListTable(caption, "conventions", List.of(Column.text("reference", "Référence"),
        Column.text("title", "Objet"), Column.text("organisation", "Organisation"), Column.text("actionType", "Type d'action"),
        Column.text("period", "Période"), Column.text("state", "État"), Column.number("committed", "Engagé"),
        Column.number("voted", "Voté"), Column.number("paid", "Payé"), Column.number("due", "Reste dû")), lines);
  }

  static ListTable payments(String tenant, List<ConventionViews.PaymentRow> rows) {
    List<Line> lines = new ArrayList<>();
    for (ConventionViews.PaymentRow p : rows) {
      Map<String, String> cells = new HashMap<>();
      cells.put("paidOn", Convention.tableDay(p.paidOn()));
      cells.put("reference", p.reference());
      cells.put("organisation", p.organisation());
      cells.put("year", String.valueOf(p.year()));
      cells.put("kind", Payment.kindLabel(p.kind()));
      cells.put("amount", Convention.euros(p.amountCents()));
      cells.put("mandate", p.mandate());
      lines.add(new Line(null, "/t/" + tenant + "/conventions/" + p.convention(), cells, Map.of("paidOn", p.paidOn())));
    }
    return new ListTable("Paiements des conventions", "paiements-conventions", List.of(Column.text("paidOn", "Date"),
        Column.text("reference", "Convention"), Column.text("organisation", "Organisation"), Column.number("year", "Année"),
        Column.text("kind", "Nature"), Column.number("amount", "Montant"), Column.text("mandate", "Mandat")), lines);
  }

  static ListTable tranches(String tenant, List<ConventionViews.TrancheRow> rows) {
    List<Line> lines = new ArrayList<>();
    for (ConventionViews.TrancheRow t : rows) {
      Map<String, String> cells = new HashMap<>();
      cells.put("reference", t.reference());
      cells.put("organisation", t.organisation());
      cells.put("year", String.valueOf(t.year()));
      cells.put("period", Convention.tableDay(t.start()) + " – " + Convention.tableDay(t.end()));
      cells.put("planned", Convention.euros(t.plannedCents()));
      cells.put("status", t.tranche().statusLabel());
      cells.put("voted", t.tranche().voted() ? Convention.euros(t.votedCents()) : "");
      cells.put("deliberation", t.tranche().deliberationReference() == null ? "" : t.tranche().deliberationReference()
          + " du " + Convention.tableDay(t.tranche().deliberationDate()));
      cells.put("paid", Convention.euros(t.paidCents()));
      cells.put("due", Convention.euros(t.dueCents()));
      lines.add(new Line(null, "/t/" + tenant + "/conventions/" + t.convention(), cells, Map.of("period", t.start())));
    }
    return new ListTable("Tranches annuelles des conventions", "tranches-conventions", List.of(
        Column.text("reference", "Convention"), Column.text("organisation", "Organisation"), Column.number("year", "Année"),
        Column.text("period", "Période"), Column.number("planned", "Prévu"), Column.text("status", "Tranche"),
        Column.number("voted", "Voté"), Column.text("deliberation", "Délibération"), Column.number("paid", "Payé"),
        Column.number("due", "Reste dû")), lines);
  }

  /** The dimension's French name, for headings and captions. */
  static String dimensionLabel(String dimension) {
    return switch (dimension) {
      case "actionType" -> "Type d'action";
      case "territory" -> "Territoire";
      case "operator" -> "Opérateur";
      default -> "Année";
    };
  }

  static ListTable figures(List<ConventionViews.FigureRow> rows, String dimension) {
    List<Line> lines = new ArrayList<>();
    for (ConventionViews.FigureRow f : rows) {
      Map<String, String> cells = new HashMap<>();
      cells.put("year", String.valueOf(f.calendarYear()));
      cells.put("group", f.groupLabel());
      cells.put("conventions", String.valueOf(f.conventions()));
      cells.put("committed", Convention.euros(f.committedCents()));
      cells.put("voted", Convention.euros(f.votedCents()));
      cells.put("paid", Convention.euros(f.paidCents()));
      cells.put("due", Convention.euros(f.dueCents()));
      lines.add(new Line(null, null, cells));
    }
    List<Column> columns = new ArrayList<>(List.of(Column.number("year", "Année")));
    if (!"year".equals(dimension)) {
      columns.add(Column.text("group", dimensionLabel(dimension)));
    }
    columns.addAll(List.of(Column.number("conventions", "Conventions"), Column.number("committed", "Engagé"),
        Column.number("voted", "Voté"), Column.number("paid", "Payé"), Column.number("due", "Reste dû")));
    String caption = "year".equals(dimension) ? "Engagements, votes et paiements par année"
        : "Engagements, votes et paiements par année et par " + dimensionLabel(dimension).toLowerCase();
    return new ListTable(caption, "montants-conventions-" + dimension, columns, lines);
  }

  static ListTable envelopes(String tenant, List<ConventionViews.EnvelopeRow> rows, Map<String, String> territoryNames) {
    List<Line> lines = new ArrayList<>();
    for (ConventionViews.EnvelopeRow e : rows) {
      Map<String, String> cells = new HashMap<>();
      cells.put("title", e.title());
      cells.put("envelope", e.envelopeCents() == null ? "" : Convention.euros(e.envelopeCents()));
      cells.put("conventions", String.valueOf(e.conventions()));
      cells.put("committed", Convention.euros(e.committedCents()));
      cells.put("voted", Convention.euros(e.votedCents()));
      cells.put("paid", Convention.euros(e.paidCents()));
      cells.put("remaining", e.remainingCents() == null ? "" : Convention.euros(e.remainingCents()));
      cells.put("actionTypes", String.join(", ", e.actionTypes()));
      List<String> places = new ArrayList<>();
      e.places().forEach((territory, count) -> places.add(territoryNames.getOrDefault(territory, territory) + " : " + count));
      cells.put("places", String.join(", ", places));
      lines.add(new Line(null, "/t/" + tenant + "/appels/" + e.call(), cells));
    }
    return new ListTable("Enveloppes des appels à projets et ce qu'elles financent", "enveloppes-appels", List.of(
        Column.text("title", "Appel à projets"), Column.number("envelope", "Enveloppe"),
        Column.number("conventions", "Conventions"), Column.number("committed", "Engagé"), Column.number("voted", "Voté"),
        Column.number("paid", "Payé"), Column.number("remaining", "Reste de l'enveloppe"),
        Column.text("actionTypes", "Actions financées"), Column.text("places", "Places (année 1)")), lines);
  }

  /** The selected projects still without a convention (the programme manager's list on the conventions page). */
  static ListTable awaiting(List<ConventionStore.Awaiting> rows) {
    List<Line> lines = new ArrayList<>();
    for (ConventionStore.Awaiting a : rows) {
      Map<String, String> cells = new HashMap<>();
      cells.put("organisation", a.organisationName());
      cells.put("title", a.title());
      cells.put("lot", a.lot());
      cells.put("call", a.callTitle());
      cells.put("committeeDate", Convention.tableDay(a.committeeDate()));
      cells.put("amount", Convention.euros(a.amountCents()));
      lines.add(new Line(null, null, cells, Map.of("committeeDate", a.committeeDate())));
    }
    return new ListTable("Projets retenus sans convention", "projets-retenus-sans-convention", List.of(
        Column.text("organisation", "Organisation"), Column.text("title", "Projet"), Column.text("lot", "Lot"),
        Column.text("call", "Appel à projets"), Column.text("committeeDate", "Décision"),
        Column.number("amount", "Montant décidé")), lines);
  }

  /** The payments recorded on one convention. */
  static ListTable conventionPayments(Convention c) {
    List<Line> lines = new ArrayList<>();
    for (Payment p : c.payments()) {
      Map<String, String> cells = new HashMap<>();
      cells.put("paidOn", Convention.tableDay(p.paidOn()));
      cells.put("year", String.valueOf(p.year()));
      cells.put("kind", Payment.kindLabel(p.kind()));
      cells.put("amount", Convention.euros(p.amountCents()));
      cells.put("mandate", p.mandateReference());
      lines.add(new Line(null, null, cells, Map.of("paidOn", p.paidOn())));
    }
    return new ListTable("Paiements de la convention " + c.terms().reference(), "paiements-" + fileName(c), List.of(
        Column.text("paidOn", "Date"), Column.number("year", "Année"), Column.text("kind", "Nature"),
        Column.number("amount", "Montant"), Column.text("mandate", "Mandat")), lines);
  }

  /** The amendments of one convention, each with what it changes. */
  static ListTable amendments(Convention c) {
    List<Line> lines = new ArrayList<>();
    for (Amendment a : c.amendments()) {
      Map<String, String> cells = new HashMap<>();
      cells.put("number", String.valueOf(a.number()));
      cells.put("signedOn", Convention.tableDay(a.signedOn()));
      cells.put("effectiveFrom", Convention.tableDay(a.effectiveFrom()));
      cells.put("object", a.object());
      cells.put("changes", String.join("\n", a.changes()));
      lines.add(new Line(null, null, cells, Map.of("signedOn", a.signedOn(), "effectiveFrom", a.effectiveFrom())));
    }
    return new ListTable("Avenants de la convention " + c.terms().reference(), "avenants-" + fileName(c), List.of(
        Column.number("number", "Avenant n°"), Column.text("signedOn", "Signé le"), Column.text("effectiveFrom", "En vigueur le"),
        Column.text("object", "Objet"), Column.text("changes", "Changements")), lines);
  }

  /** The documents attached to one convention; dates of deposit in the tenant's time zone. */
  static ListTable documents(Convention c, List<ConventionDocument> documents, java.time.ZoneId zone) {
    List<Line> lines = new ArrayList<>();
    for (ConventionDocument d : documents) {
      LocalDate uploadedOn = d.uploadedAt().atZoneSameInstant(zone).toLocalDate();
      Map<String, String> cells = new HashMap<>();
      cells.put("label", d.label());
      cells.put("kind", ConventionDocument.kindLabel(d.kind()));
      cells.put("year", d.year() == null ? "" : String.valueOf(d.year()));
      cells.put("uploadedOn", Convention.tableDay(uploadedOn));
      cells.put("fileName", d.fileName());
      cells.put("size", fr.pacte.server.organisations.DocumentUpload.megabytes(d.sizeBytes()) + " Mio");
      lines.add(new Line(null, null, cells, Map.of("uploadedOn", uploadedOn)));
    }
    return new ListTable("Documents joints à la convention " + c.terms().reference(), "documents-" + fileName(c), List.of(
        Column.text("label", "Document"), Column.text("kind", "Type"), Column.number("year", "Année"),
        Column.text("uploadedOn", "Déposé le"), Column.text("fileName", "Fichier"), Column.text("size", "Taille")), lines);
  }

  /** A convention's reference as part of a file name ("CD80/INS 2026" gives "CD80-INS-2026"). */
  private static String fileName(Convention c) {
    return c.terms().reference().replaceAll("[^A-Za-z0-9.-]+", "-");
  }
}
