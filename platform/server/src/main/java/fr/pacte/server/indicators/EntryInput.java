package fr.pacte.server.indicators;

import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A value (or a target) the programme manager enters for an indicator the data cannot give, for a period and
 * optionally a territory, with its source.
 *
 * @param subject   an action type's code, or a programme action ("pdi-pti-2022-2025/1-1-1")
 * @param indicator the indicator's code
 */
record EntryInput(String subject, String indicator, String territory, LocalDate periodStart, LocalDate periodEnd,
                  BigDecimal value, BigDecimal target, String source) {

  private static final BigDecimal MAX = new BigDecimal("999999999999.99");

  /** Reads the API's JSON (or a page's form as the same names); territories are the tenant's codes. */
  static EntryInput parse(JsonObject json, Set<String> territories, boolean changing) {
    Fields f = Fields.of(json);
    String subject = f.line("subject", 200);
    String indicator = f.line("indicator", 200);
    String territory = f.line("territory", 80);
    LocalDate start = f.date("periodStart", fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT);
    LocalDate end = f.date("periodEnd", fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT);
    BigDecimal value = decimal(f, "value");
    BigDecimal target = decimal(f, "target");
    String source = f.text("source", 500);
    if (!changing) {
      if (subject == null) {
        f.error("subject", "Indiquez le type d'action ou l'action du programme.");
      }
      if (indicator == null) {
        f.error("indicator", "Indiquez l'indicateur.");
      }
      if (start == null && clean(f, "periodStart")) {
        f.error("periodStart", "Indiquez le début de la période.");
      }
      if (end == null && clean(f, "periodEnd")) {
        f.error("periodEnd", "Indiquez la fin de la période.");
      }
      if (start != null && end != null && end.isBefore(start)) {
        f.error("periodEnd", "La fin de la période doit suivre son début.");
      }
      if (territory != null && !territories.contains(territory)) {
        f.error("territory", "Territoire inconnu de ce département.");
      }
    }
    if (value == null && target == null && clean(f, "value") && clean(f, "target")) {
      f.error("value", "Indiquez la valeur, la cible, ou les deux.");
    }
    if (source == null || source.strip().length() < 2) {
      f.error("source", "Indiquez la source de la valeur (enquête, outil, rapport…).");
    }
    f.throwIfAny();
    return new EntryInput(subject, indicator, territory, start, end, value, target, source.strip());
  }

  private static BigDecimal decimal(Fields f, String key) {
    Object raw = f.rawValue(key);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(raw.toString().strip().replace(',', '.'));
      if (value.signum() < 0 || value.compareTo(MAX) > 0 || value.scale() > 2) {
        f.error(key, "Un nombre positif, deux décimales au plus.");
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      f.error(key, "Un nombre est attendu, par exemple 12 ou 3,5.");
      return null;
    }
  }

  /** Whether no error was found on that field yet (a missing value is said once). */
  private static boolean clean(Fields f, String key) {
    return f.errors().stream().noneMatch(e -> e.field().equals(key));
  }

  static Problem invalid(String field, String message) {
    return Problem.validation(java.util.List.of(new Problem.FieldError(field, message)));
  }
}
