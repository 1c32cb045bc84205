package fr.pacte.server.indicators;

import fr.pacte.server.web.Problem;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an indicator or a dashboard is computed for: a period of whole months, and optionally one action type,
 * territory, operator (organisation) or convention. Read from the query string, the same on the API
 * ({@code from}, {@code to}, {@code actionType}, {@code territory}, {@code organisation}, {@code convention}) and on
 * the pages ({@code du}, {@code au}, {@code type}, {@code territoire}, {@code operateur}, {@code convention}), so a
 * page's filters stay in its address.
 */
record IndicatorFilter(YearMonth from, YearMonth to, String actionType, String territory, String organisation,
                       UUID convention) {

  private static final int MAX_MONTHS = 120;

  LocalDate start() {
    return from.atDay(1);
  }

  LocalDate end() {
    return to.atEndOfMonth();
  }

  /** The months of the period, first to last. */
  List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The API's parameters; by default the twelve months up to the current one. */
  static IndicatorFilter ofApi(MultiMap query, LocalDate today) {
    return parse(query, today, "from", "to", "actionType", "territory", "organisation", "convention");
  }

  /** The page's parameters (French names). */
  static IndicatorFilter ofPage(MultiMap query, LocalDate today) {
    return parse(query, today, "du", "au", "type", "territoire", "operateur", "convention");
  }

  private static IndicatorFilter parse(MultiMap query, LocalDate today, String fromKey, String toKey, String typeKey,
                                       String territoryKey, String organisationKey, String conventionKey) {
    List<Problem.FieldError> errors = new ArrayList<>();
    YearMonth to = month(query.get(toKey), toKey, errors);
    to = to == null ? YearMonth.from(today) : to;
    YearMonth from = month(query.get(fromKey), fromKey, errors);
    from = from == null ? to.minusMonths(11) : from;
    if (from.isAfter(to)) {
      errors.add(new Problem.FieldError(fromKey, "Le premier mois doit précéder le dernier."));
    } else if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
      errors.add(new Problem.FieldError(fromKey, "Dix ans au plus."));
    }
    String type = code(query.get(typeKey), typeKey, "^[a-z][a-z0-9-]{1,62}$", errors);
    String territory = code(query.get(territoryKey), territoryKey, "^[a-z0-9][a-z0-9-]{0,79}$", errors);
    String organisation = code(query.get(organisationKey), organisationKey, "^[a-z0-9][a-z0-9-]{1,79}$", errors);
    UUID convention = null;
    String conventionText = blank(query.get(conventionKey));
    if (conventionText != null) {
      try {
        convention = UUID.fromString(conventionText);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError(conventionKey, "Identifiant de convention invalide."));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new IndicatorFilter(from, to, type, territory, organisation, convention);
  }

  private static YearMonth month(String value, String key, List<Problem.FieldError> errors) {
    String text = blank(value);
    if (text == null) {
      return null;
    }
    try {
      YearMonth month = YearMonth.parse(text);
      if (month.getYear() < 2000 || month.getYear() > 2100) {
        errors.add(new Problem.FieldError(key, "Mois entre 2000 et 2100."));
        return null;
      }
      return month;
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(key, "Mois au format AAAA-MM, par exemple 2026-03."));
      return null;
    }
  }

  private static String code(String value, String key, String pattern, List<Problem.FieldError> errors) {
    String text = blank(value);
    if (text != null && !text.matches(pattern)) {
      errors.add(new Problem.FieldError(key, "Code inconnu."));
      return null;
    }
    return text;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
