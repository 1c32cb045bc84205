package fr.pacte.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrenchDaysTest {

  @Test
  void takesTheTypedFrenchDayAndTheDatePickersIsoDay() {
    assertEquals(LocalDate.of(2025, 12, 31), FrenchDays.parse("31/12/2025"));
    assertEquals(LocalDate.of(2026, 2, 1), FrenchDays.parse(" 1/2/2026 "));
    assertEquals(LocalDate.of(2025, 12, 31), FrenchDays.parse("2025-12-31"));
  }

  @Test
  void refusesWhatIsNotADayOfTheCalendar() {
    assertFalse(FrenchDays.tryParse("31/02/2026").isPresent());
    assertFalse(FrenchDays.tryParse("demain").isPresent());
    assertTrue(FrenchDays.tryParse("29/02/2024").isPresent());
  }

  @Test
  void showsDaysTheFrenchWayAndNeverAsksForTheIsoForm() {
    assertEquals("1 janvier 2022", FrenchDays.longDate(LocalDate.of(2022, 1, 1)));
    assertEquals("01/01/2022", FrenchDays.shortDate(LocalDate.of(2022, 1, 1)));
    assertFalse(FrenchDays.INVALID.contains("AAAA-MM-JJ"));
    assertTrue(FrenchDays.REQUIRED.contains("JJ/MM/AAAA"));
  }
}
