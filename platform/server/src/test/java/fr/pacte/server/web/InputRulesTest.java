package fr.pacte.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.text.TextRules;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules every text obeys, the typed field reader and the database refusals turned into the caller's problem. */
class InputRulesTest {

  @Test
  void controlCharactersAreRefusedAndLineBreaksKeptInMultiLineTextsOnly() {
    for (String bad : List.of("a\u0000b", "\u0007", "x\u001b[0m", "x\u007f", "x\u0085", "x\ud800", "\udc00x", "\ufffe")) {
      assertTrue(TextRules.problem(bad, true).isPresent(), bad);
    }
    assertTrue(TextRules.problem("Deux\nlignes\tet\r\nune tabulation", true).isEmpty());
    assertEquals(TextRules.LINE_BREAK_MESSAGE, TextRules.problem("Deux\nlignes", false).orElseThrow());
    assertTrue(TextRules.problem("Itinér'Air — « mobilité » 😀", false).isEmpty(), "accents, quotes and emoji are text");
  }

  @Test
  void fieldsAreReadByTypeNeverCoerced() {
    JsonObject body = new JsonObject().put("title", new JsonObject().put("$ne", 1)).put("legalForm", true)
        .put("email", 42).put("notes", new JsonArray().add("ok").add(12)).put("count", "12").put("ratio", 1.5)
        .put("address", "pas un objet").put("name", "  Nom  ");
    Fields fields = Fields.of(body);
    assertNull(fields.line("title", 100));
    assertNull(fields.line("legalForm", 100));
    assertNull(fields.line("email", 100));
    assertEquals(List.of("ok"), fields.lines("notes", 10, 100));
    assertEquals(12, fields.integer("count", 0, 100));
    assertNull(fields.integer("ratio", 0, 100));
    fields.object("address").line("city", 10);
    assertEquals("Nom", fields.line("name", 100));
    assertEquals(List.of("title", "legalForm", "email", "notes[1]", "ratio", "address"),
        fields.errors().stream().map(FieldError::field).toList());
    Problem problem = assertThrows(Problem.class, fields::throwIfAny);
    assertEquals(400, problem.status());
  }

  @Test
  void textsHaveAMaximumLengthAndNoControls() {
    List<FieldError> errors = new ArrayList<>();
    assertNull(Fields.check("x".repeat(201), "name", 200, false, errors));
    assertNull(Fields.check("a\u0000b", "city", 200, true, errors));
    assertEquals("deux\nlignes", Fields.check("deux\r\nlignes", "description", 200, true, errors));
    assertEquals(List.of(new FieldError("name", "Au plus 200 caractères."), new FieldError("city", TextRules.CONTROL_MESSAGE)), errors);
  }

  @Test
  void aUniqueIndexRefusalIsA409NamingTheFieldOfItsLastColumn() {
    PgException rna = pg("23505", "Key (tenant_id, rna)=(somme, W801234567) already exists.", "organisation_rna");
    Problem problem = DatabaseProblems.problemOf(rna).orElseThrow();
    assertEquals(409, problem.status());
    assertEquals("rna", problem.errors().get(0).field());
    assertTrue(DatabaseProblems.isDuplicate(problem) && DatabaseProblems.isDuplicate(rna));
    assertEquals("departementCode", DatabaseProblems.problemOf(pg("23505",
        "Key (departement_code)=(80) already exists.", "tenant_departement_code_key")).orElseThrow().errors().get(0).field());
    assertEquals("siret", DatabaseProblems.problemOf(pg("23505", null, "organisation_siret")).orElseThrow().errors().get(0).field());
    assertEquals(400, DatabaseProblems.problemOf(pg("54000", "index row size 1048600 exceeds", null)).orElseThrow().status());
    assertEquals(400, DatabaseProblems.problemOf(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00", null))
        .orElseThrow().status());
    PgException rls = pg("42501", "new row violates row-level security policy", null);
    assertFalse(DatabaseProblems.problemOf(rls).isPresent(), "anything else is the platform's failure, not the caller's");
    assertEquals(rls, DatabaseProblems.translate(rls));
  }

  @Test
  void fieldNamesEchoedBackShowControlsAsEscapes() {
    assertEquals("a\\u0000b", InputGuard.safeName("a\u0000b"));
    assertEquals(100, InputGuard.safeName("x".repeat(1000)).length());
  }

  private static PgException pg(String sqlState, String detail, String constraint) {
    // message, severity, SQLSTATE, detail, then hint … data type (twelve fields), then the constraint
    return new PgException("refused", "ERROR", sqlState, detail, null, null, null, null, null, null, null, null, null, null,
        null, null, constraint);
  }

  @Test
  void amountsDatesAndListsOfObjectsAreReadByTypeToo() {
    JsonObject body = new JsonObject().put("budget", 1500).put("float", 15.5).put("text", "12").put("negative", -1)
        .put("day", "2026-08-22").put("dayNumber", 20260822).put("badDay", "22/13/2026").put("deadline", "2026-08-23T00:00")
        .put("lots", new JsonArray().add(new JsonObject().put("code", "a")).add("pas un objet"));
    Fields fields = Fields.of(body);
    assertEquals(1500L, fields.whole("budget", 0, 10_000, "montant"));
    assertNull(fields.whole("float", 0, 10_000, "montant"));
    assertEquals(12L, fields.whole("text", 0, 10_000, "montant"));
    assertNull(fields.whole("negative", 0, 10_000, "montant"));
    assertEquals(java.time.LocalDate.of(2026, 8, 22), fields.date("day", "date"));
    assertNull(fields.date("dayNumber", "date"));
    assertNull(fields.date("badDay", "date"));
    assertEquals(java.time.LocalDateTime.of(2026, 8, 23, 0, 0), fields.dateTime("deadline", "date"));
    List<Fields> lots = fields.objects("lots", 10);
    assertEquals(2, lots.size());
    assertEquals("a", lots.get(0).line("code", 10));
    lots.get(0).line("title", 3);
    lots.get(1).line("code", 10);
    assertEquals(List.of("float", "negative", "dayNumber", "badDay", "lots[1]"),
        fields.errors().stream().map(FieldError::field).toList());
    assertEquals("lots[0].title", lots.get(0).field("title"));
  }
}
