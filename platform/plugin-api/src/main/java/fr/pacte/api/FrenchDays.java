package fr.pacte.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Days as the host's pages show and take them, so that a plugin's forms read like the host's: "1 janvier 2022" in a
 * sentence, "01/01/2022" in a table, and a date field that takes a date picker's "2025-12-31" or the typed
 * "31/12/2025" — never asking people for "AAAA-MM-JJ" (the API's JSON keeps ISO dates).
 *
 * @since 1.5.0
 */
public final class FrenchDays {

  /** What a date field says when its text is not a date. */
  public static final String INVALID = "Date invalide : choisissez-la dans le calendrier ou écrivez-la JJ/MM/AAAA,"
      + " par exemple 31/12/2025.";

  /** What a date field says when it is required and left empty. */
  public static final String REQUIRED = "Indiquez la date : choisissez-la dans le calendrier ou écrivez-la JJ/MM/AAAA,"
      + " par exemple 31/12/2025.";

  private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
  private static final Pattern TYPED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

  private FrenchDays() {
  }

  /**
   * A day as a form or the API sends it: the ISO form of a date picker ("2025-12-31") or as people type it
   * ("31/12/2025", "1/2/2026").
   *
   * @throws DateTimeParseException when it is neither, or not a day of the calendar (31/02/2026)
   */
  public static LocalDate parse(String text) {
    String day = text.strip();
    Matcher typed = TYPED.matcher(day);
    if (typed.matches()) {
      try {
        return LocalDate.of(Integer.parseInt(typed.group(3)), Integer.parseInt(typed.group(2)),
            Integer.parseInt(typed.group(1)));
      } catch (DateTimeException e) {
        throw new DateTimeParseException("not a day: " + day, day, 0);
      }
    }
    return LocalDate.parse(day);
  }

  /** The day of {@code text} ({@link #parse}), or empty when it is not one. */
  public static Optional<LocalDate> tryParse(String text) {
    try {
      return text == null ? Optional.empty() : Optional.of(parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** "1 janvier 2022": a day in a sentence. */
  public static String longDate(LocalDate day) {
    return day.format(LONG);
  }

  /** "01/01/2022": a day in a table. */
  public static String shortDate(LocalDate day) {
    return day.format(SHORT);
  }
}
