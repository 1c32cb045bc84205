package fr.pacte.plugins.fseplus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as French readers expect them: "22 août 2025" in text, 22/08/2025 in tables. */
final class FrenchDates {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private FrenchDates() {
  }

  static String day(LocalDate date) {
    return date == null ? "" : DAY.format(date);
  }

  static String shortDay(LocalDate date) {
    return date == null ? "" : SHORT.format(date);
  }
}
