package fr.pacte.server.conventions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The yearly figures of conventions as a French spreadsheet (CSV, semicolons, amounts in euros with a comma). */
final class ConventionExport {

  static final List<String> HEADER = List.of("Référence", "Objet", "Organisation", "Type d'action", "Territoires", "État",
      "Année", "Début", "Fin", "Tranche", "Délibération", "Budget", "Coût éligible", "Cofinancements", "Engagé", "Voté",
      "Prévisionnel", "Payé", "Reste dû");

  private ConventionExport() {
  }

  static List<List<String>> rows(List<Convention> conventions) {
    List<List<String>> rows = new ArrayList<>();
    for (Convention c : conventions) {
      for (Funding.YearFigures f : c.figures()) {
        Tranche tranche = c.tranche(f.year());
        rows.add(List.of(c.terms().reference(), c.terms().title(), c.organisationName(), c.terms().actionType(),
            String.join(", ", c.terms().territories()), c.state().label(), String.valueOf(f.year()),
            Convention.tableDay(f.start()), Convention.tableDay(f.end()), tranche.statusLabel(),
            tranche.deliberationReference() == null ? "" : tranche.deliberationReference(), euros(f.budgetCents()),
            euros(f.eligibleCents()), euros(f.coFundingCents()), euros(f.committedCents()), euros(f.votedCents()),
            euros(f.provisionalCents()), euros(f.paidCents()), euros(f.dueCents())));
      }
    }
    return rows;
  }

  static String csv(List<Convention> conventions) {
    return Csv.write(';', HEADER, rows(conventions));
  }

  /** "1234,50": euros with a decimal comma, as a French spreadsheet reads a number. */
  private static String euros(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString().replace('.', ',');
  }
}
