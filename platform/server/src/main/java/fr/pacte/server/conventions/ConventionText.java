package fr.pacte.server.conventions;

import fr.pacte.server.documents.PdfDocument;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a convention d'objectifs et de moyens, in French, as a PDF. Its wording is the tenant's template
 * ({@code tenants/<slug>/conventions/convention.txt}) or Pacte's default (object, parties, period, objectives, means,
 * the operator's obligations — referencing on DORA, the monthly report due on the 30th, the yearly comité de
 * pilotage —, amounts and payment terms, evaluation, renewal by yearly tranche, termination, amendments): a Pebble
 * text whose blank lines separate blocks, "# " starting an article's heading, "- " a list, and the blocks
 * {@code [parties]}, {@code [objectifs]}, {@code [montants]} and {@code [avenants]} standing for the tables made from
 * the data. It is filled with the terms in force at the date asked (today by default), so each amendment gives a new
 * text.
 */
final class ConventionText {

  private static final PebbleEngine ENGINE = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false)
      .newLineTrimming(false).build();

  private ConventionText() {
  }

  /** Pacte's French wording. */
  static String defaultTemplate() {
    try (InputStream in = ConventionText.class.getResourceAsStream("/conventions/convention.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null when the template compiles, else why not (in French, for the tenant's file). */
  static String refusal(String template) {
    try {
      ENGINE.getTemplate(template);
      return null;
    } catch (PebbleException e) {
      return "un modèle de texte de convention valide (syntaxe Pebble) : " + e.getPebbleMessage()
          + (e.getLineNumber() == null ? "" : " à la ligne " + e.getLineNumber());
    }
  }

  /** The values a template reads, from the terms in force at {@code at}. */
  static Map<String, Object> values(Convention convention, Terms t, LocalDate at, String actionTypeLabel, String unitLabel) {
    Map<String, Object> values = new HashMap<>();
    values.put("reference", t.reference());
    values.put("title", t.title());
    values.put("actionType", actionTypeLabel);
    values.put("departement", t.departement().name());
    values.put("departementSiret", t.departement().siret() == null ? "" : t.departement().siret());
    values.put("organisation", convention.organisationName());
    values.put("members", String.join(", ", t.members()));
    values.put("periodStart", Convention.dayLabel(t.periodStart()));
    values.put("periodEnd", Convention.dayLabel(t.periodEnd()));
    values.put("yearCount", t.years().size());
    values.put("unit", unitLabel);
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
    values.put("means", String.join("\n", means));
    values.put("indirectCap", t.indirectCostCapPercent());
    values.put("advancePercent", t.payment().advancePercent());
    values.put("balanceMonths", t.payment().balanceMonthsAfterYear());
    values.put("paymentText", t.payment().text() == null ? "" : t.payment().text());
    values.put("evaluation", t.evaluation() == null ? "" : t.evaluation());
    values.put("renewal", t.renewal() == null ? "" : t.renewal());
    values.put("decision", t.decision().reference() == null ? "" : t.decision().reference());
    values.put("termination", convention.terminationReason() == null ? "" : convention.terminationReason());
    values.put("committed", Convention.euros(convention.committedCents()));
    values.put("at", Convention.dayLabel(at));
    return values;
  }

  static PdfDocument of(String template, Convention convention, LocalDate at, String actionTypeLabel, String unitLabel,
                        Map<String, String> territoryNames) {
    Terms t = convention.termsAt(at);
    StringWriter text = new StringWriter();
    try {
      ENGINE.getTemplate(template).evaluate(text, values(convention, t, at, actionTypeLabel, unitLabel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PdfDocument pdf = PdfDocument.titled("Convention d'objectifs et de moyens n° " + t.reference(), t.departement().name())
        .subject(t.title());
    for (String raw : text.toString().strip().split("\\R\\s*\\R")) {
      String block = raw.strip();
      if (block.isEmpty()) {
        continue;
      }
      switch (block) {
        case "[parties]" -> pdf.fields(parties(convention, t));
        case "[objectifs]" -> objectives(pdf, t, territoryNames);
        case "[montants]" -> amounts(pdf, convention, t);
        case "[avenants]" -> amendments(pdf, convention, at);
        default -> {
          if (block.startsWith("# ")) {
            pdf.heading(block.substring(2).strip());
          } else if (block.startsWith("- ")) {
            pdf.bullets(block.lines().map(line -> line.strip().replaceFirst("^- ", "")).toList());
          } else {
            pdf.paragraph(block);
          }
        }
      }
    }
    pdf.footer("Convention " + t.reference() + " — texte en vigueur le " + Convention.dayLabel(at));
    return pdf;
  }

  private static List<PdfDocument.Field> parties(Convention convention, Terms t) {
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
    return parties;
  }

  private static void objectives(PdfDocument pdf, Terms t, Map<String, String> territoryNames) {
    List<String> header = new ArrayList<>(List.of("Territoire"));
    t.years().forEach(y -> header.add("Année " + y.year()));
    List<List<String>> rows = new ArrayList<>();
    for (String territory : t.territories()) {
      List<String> row = new ArrayList<>(List.of(territoryNames.getOrDefault(territory, territory)));
      t.years().forEach(y -> row.add(String.valueOf(t.objective(y.year(), territory))));
      rows.add(row);
    }
    pdf.table(header, rows);
  }

  private static void amounts(PdfDocument pdf, Convention convention, Terms t) {
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
  }

  private static void amendments(PdfDocument pdf, Convention convention, LocalDate at) {
    List<Amendment> amendments = convention.amendments().stream().filter(a -> !a.effectiveFrom().isAfter(at)).toList();
    if (!amendments.isEmpty()) {
      pdf.heading("Avenants");
      pdf.bullets(amendments.stream().map(a -> "Avenant n° " + a.number() + " du " + Convention.dayLabel(a.signedOn())
          + ", en vigueur le " + Convention.dayLabel(a.effectiveFrom()) + " : " + a.object() + " — "
          + String.join(" ", a.changes())).toList());
    }
  }
}
