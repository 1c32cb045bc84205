package fr.pacte.server.web;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dates as people read them, in the page templates: {@code {{ day | jour }}} gives "1 janvier 2022" in a sentence,
 * {@code {{ day | date_courte }}} gives "01/01/2022" in a table. They take a date, a date-time, or the ISO text the
 * API uses ("2022-01-01", "2022-01"); any other text is shown as it is, and nothing (null) as nothing.
 */
public final class FrenchDates extends AbstractExtension {

  static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
  static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
  static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MM/yyyy", Locale.FRENCH);

  @Override
  public Map<String, Filter> getFilters() {
    return Map.of("jour", new DateFilter(LONG, MONTH), "date_courte", new DateFilter(SHORT, SHORT_MONTH));
  }


  /** What a date field says when its text is not a date. */
  public static final String TYPED_DAY_HINT = "Date invalide : choisissez-la dans le calendrier ou écrivez-la JJ/MM/AAAA,"
      + " par exemple 31/12/2025.";

  /**
   * A day as a form sends it: the ISO form of a date picker ("2025-12-31") or as people type it ("31/12/2025").
   *
   * @throws DateTimeParseException when it is neither
   */
  public static LocalDate parseDay(String text) {
    // One rule for the host's fields and the plugins' (which reach it through the API).
    return fr.pacte.api.FrenchDays.parse(text);
  }


  private static final java.util.regex.Pattern TYPED_DATE_TIME = java.util.regex.Pattern.compile(
      "(\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:T|\\s+(?:à\\s+)?)(\\d{1,2})[:hH](\\d{2})?(?::(\\d{2}))?");

  /** What a date-and-time field says when its text is not one. */
  public static final String TYPED_DATE_TIME_HINT = "Date et heure invalides : choisissez-les dans le calendrier ou écrivez-les"
      + " JJ/MM/AAAA HH:MM, par exemple 31/12/2025 14:30.";

  /** What a date field says when it is required and left empty. */
  public static final String DAY_REQUIRED = "Indiquez la date : choisissez-la dans le calendrier ou écrivez-la JJ/MM/AAAA,"
      + " par exemple 31/12/2025.";

  /**
   * A local date and time as a form sends it: the ISO form of a date-time picker ("2025-12-31T14:30") or as people
   * type it ("31/12/2025 14:30", "31/12/2025 à 14h30").
   *
   * @throws DateTimeParseException when it is neither
   */
  public static java.time.LocalDateTime parseDateTime(String text) {
    String value = text.strip();
    java.util.regex.Matcher typed = TYPED_DATE_TIME.matcher(value);
    if (!typed.matches()) {
      return java.time.LocalDateTime.parse(value);
    }
    try {
      LocalDate day = parseDay(typed.group(1));
      return day.atTime(Integer.parseInt(typed.group(2)), typed.group(3) == null ? 0 : Integer.parseInt(typed.group(3)),
          typed.group(4) == null ? 0 : Integer.parseInt(typed.group(4)));
    } catch (java.time.DateTimeException e) {
      throw new DateTimeParseException("not a date and time: " + value, value, 0);
    }
  }

  /** "1 janvier 2022" (or "janvier 2022" for a month). */
  public static String longDate(Object value) {
    return format(value, LONG, MONTH);
  }

  /** "01/01/2022" (or "01/2022" for a month). */
  public static String shortDate(Object value) {
    return format(value, SHORT, SHORT_MONTH);
  }

  static String format(Object value, DateTimeFormatter day, DateTimeFormatter month) {
    if (value == null) {
      return null;
    }
    TemporalAccessor date;
    if (value instanceof LocalDate || value instanceof YearMonth) {
      date = (TemporalAccessor) value;
    } else if (value instanceof OffsetDateTime t) {
      date = t.toLocalDate();
    } else if (value instanceof ZonedDateTime t) {
      date = t.toLocalDate();
    } else {
      date = parse(value.toString());
    }
    if (date == null) {
      return value.toString();
    }
    return date instanceof YearMonth m ? month.format(m) : day.format(date);
  }

  private static TemporalAccessor parse(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text);
      }
      if (text.length() == 7) {
        return YearMonth.parse(text);
      }
      if (text.length() > 10 && text.charAt(10) == 'T') {
        return OffsetDateTime.parse(text).toLocalDate();
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  private record DateFilter(DateTimeFormatter day, DateTimeFormatter month) implements Filter {

    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
      return format(input, day, month);
    }
  }
}
