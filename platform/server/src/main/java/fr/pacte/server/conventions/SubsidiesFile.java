package fr.pacte.server.conventions;

import fr.pacte.server.organisations.Organisation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-data file of a tenant's subsidies in the SCDL « Subventions » schema 2.1.1 (données essentielles des
 * conventions de subvention, décret n° 2017-779): one row per signed convention whose amount is above the legal
 * threshold (23 000 € unless the caller says otherwise), with the schema's column names in its order.
 */
public final class SubsidiesFile {

  /** The threshold of the décret: conventions above 23 000 € are published. */
  public static final long LEGAL_THRESHOLD_CENTS = 2_300_000L;

  /** The schema's columns, in its order (the list kept in {@code opendata/scdl-subventions-2.1.1.csv}). */
  public static final List<String> COLUMNS = List.of("nomAttribuant", "idAttribuant", "dateConvention",
      "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature",
      "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide");

  private SubsidiesFile() {
  }

  /** The rows, as column → value (texts, except {@code montant} and {@code pourcentageSubvention} as decimals). */
  public static List<Map<String, Object>> rows(List<Convention> conventions, Map<String, Organisation> organisations,
                                               long thresholdCents) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Convention convention : conventions) {
      if (convention.signedOn() == null || convention.committedCents() <= thresholdCents) {
        continue;
      }
      Terms terms = convention.terms();
      Organisation beneficiary = organisations.get(terms.organisation());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("nomAttribuant", terms.departement().name());
      row.put("idAttribuant", terms.departement().siret());
      row.put("dateConvention", convention.signedOn().toString());
      row.put("referenceDecision", terms.decision().reference());
      row.put("nomBeneficiaire", beneficiary == null ? convention.organisationName() : beneficiary.name());
      row.put("idBeneficiaire", beneficiary == null ? null : beneficiary.siret());
      row.put("rnaBeneficiaire", beneficiary == null ? null : beneficiary.rna());
      row.put("objet", terms.title().length() > 256 ? terms.title().substring(0, 256) : terms.title());
      row.put("montant", BigDecimal.valueOf(convention.committedCents(), 2));
      row.put("nature", "aide en numéraire");
      row.put("conditionsVersement", instalments(terms) ? "échelonné" : "unique");
      LocalDate first = convention.signedOn().isBefore(terms.periodStart()) ? convention.signedOn() : terms.periodStart();
      row.put("datesPeriodeVersement", first + "/" + terms.periodEnd().plusMonths(terms.payment().balanceMonthsAfterYear()));
      row.put("idRAE", null);
      row.put("notificationUE", terms.notificationUe());
      row.put("pourcentageSubvention", new BigDecimal("1.00"));
      row.put("dispositifAide", null);
      rows.add(row);
    }
    return rows;
  }

  /** Paid in several times: more than one year, or an advance then a balance. */
  private static boolean instalments(Terms terms) {
    int advance = terms.payment().advancePercent();
    return terms.years().size() > 1 || (advance > 0 && advance < 100);
  }

  public static String csv(List<Map<String, Object>> rows) {
    List<List<String>> lines = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (String column : COLUMNS) {
        Object value = row.get(column);
        line.add(value == null ? "" : value instanceof Boolean flag ? (flag ? "oui" : "non")
            : value instanceof BigDecimal number ? number.toPlainString() : value.toString());
      }
      lines.add(line);
    }
    return Csv.write(',', COLUMNS, lines);
  }

  public static JsonArray json(List<Map<String, Object>> rows) {
    JsonArray array = new JsonArray();
    for (Map<String, Object> row : rows) {
      JsonObject object = new JsonObject();
      for (String column : COLUMNS) {
        Object value = row.get(column);
        object.put(column, value instanceof BigDecimal number ? number.doubleValue() : value);
      }
      array.add(object);
    }
    return array;
  }
}
