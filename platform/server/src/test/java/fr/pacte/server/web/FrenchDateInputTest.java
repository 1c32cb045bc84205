package fr.pacte.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dates typed in forms are read in one place: a date picker's ISO text or what people write (31/12/2025, 31/12/2025
 * 14:30), and no page or validator asks for "AAAA-MM-JJ".
 */
class FrenchDateInputTest {

  @Test
  void aDayIsReadFromADatePickerOrAsPeopleWriteIt() {
    assertEquals(LocalDate.of(2025, 12, 31), FrenchDates.parseDay("31/12/2025"));
    assertEquals(LocalDate.of(2025, 1, 2), FrenchDates.parseDay(" 2/1/2025 "));
    assertEquals(LocalDate.of(2025, 12, 31), FrenchDates.parseDay("2025-12-31"));
    for (String wrong : List.of("31/02/2025", "12/31/2025", "demain", "2025-13-01", "31-12-2025")) {
      assertThrows(DateTimeParseException.class, () -> FrenchDates.parseDay(wrong), wrong);
    }
  }

  @Test
  void aDateAndTimeIsReadFromAPickerOrAsPeopleWriteIt() {
    LocalDateTime expected = LocalDateTime.of(2025, 12, 31, 14, 30);
    for (String typed : List.of("31/12/2025 14:30", "31/12/2025 à 14h30", "31/12/2025 14h30", "2025-12-31T14:30",
        "2025-12-31 14:30")) {
      assertEquals(expected, FrenchDates.parseDateTime(typed), typed);
    }
    assertEquals(LocalDateTime.of(2025, 12, 31, 9, 0), FrenchDates.parseDateTime("31/12/2025 9h"));
    for (String wrong : List.of("31/12/2025", "31/12/2025 25:00", "31/12/2025 14:61", "31/02/2025 10:00")) {
      assertThrows(DateTimeParseException.class, () -> FrenchDates.parseDateTime(wrong), wrong);
    }
  }

  @Test
  void theFieldReaderTakesTheFrenchFormsAndSaysSoWhenItCannot() {
    Fields fields = Fields.of(new JsonObject().put("start", "01/06/2026").put("at", "01/06/2026 09:15")
        .put("end", "31/06/2026"));
    assertEquals(LocalDate.of(2026, 6, 1), fields.date("start", FrenchDates.TYPED_DAY_HINT));
    assertEquals(LocalDateTime.of(2026, 6, 1, 9, 15), fields.dateTime("at", FrenchDates.TYPED_DATE_TIME_HINT));
    assertNull(fields.date("end", FrenchDates.TYPED_DAY_HINT));
    assertEquals(1, fields.errors().size());
    String message = fields.errors().get(0).message();
    assertTrue(message.contains("JJ/MM/AAAA") && message.contains("31/06/2026"), message);
  }

  /** The pages and validators of the server: no message asks for the ISO form any more. */
  @Test
  void noPageNorValidatorAsksForADateWrittenAaaaMmJj() throws IOException {
    Path main = Path.of("src/main");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      files.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".peb"))
          // The YAML files of tenants/ are written by hand in their documented ISO format, not typed in a form.
          .filter(p -> !p.toString().contains("/config/") && !p.getFileName().toString().equals("ProgrammeFile.java")
              && !p.getFileName().toString().equals("DocumentUpload.java"))
          .forEach(p -> {
            try {
              List<String> lines = Files.readAllLines(p);
              for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("AAAA-MM-JJ") && !lines.get(i).strip().startsWith("*")
                    && !lines.get(i).strip().startsWith("//")) {
                  found.add(main.relativize(p) + ":" + (i + 1) + " " + lines.get(i).strip());
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    assertFalse(Files.notExists(main.resolve("resources/templates/layout.peb")), "run from the server module");
    assertEquals(List.of(), found);
  }
}
