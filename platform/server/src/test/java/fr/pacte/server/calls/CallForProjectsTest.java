package fr.pacte.server.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallForProjectsTest {

  private static final Set<String> TYPES = Set.of("plateforme-mobilite-solidaire");
  private static final Set<String> TERRITORIES = Set.of("amiens");

  private static Content content(String deadline) {
    return content(deadline, "Europe/Paris");
  }

  private static Content content(String deadline, String timeZone) {
    return CallInput.parse(new JsonObject().put("title", "Appel").put("deadline", deadline), TYPES, TERRITORIES,
        timeZone);
  }

  @Test
  void aDeadlineAtMidnightIsWrittenAsMidnightOfTheDayBefore() {
    assertEquals("22 août 2025 à minuit", CallForProjects.deadlineLabel(LocalDateTime.parse("2025-08-23T00:00")));
    assertEquals("22 août 2025 à 12h00", CallForProjects.deadlineLabel(LocalDateTime.parse("2025-08-22T12:00")));
  }

  @Test
  void theDeadlineIsAParisInstantWinterAndSummerTime() {
    assertEquals(Instant.parse("2025-08-22T22:00:00Z"), content("2025-08-23T00:00").closesAt());
    assertEquals(Instant.parse("2026-01-15T23:00:00Z"), content("2026-01-16T00:00").closesAt());
  }

  @Test
  void theDeadlineFallsInTheTenantsTimeZoneInCayenne() {
    Content guyane = content("2025-08-23T00:00", "America/Cayenne");
    assertEquals("America/Cayenne", guyane.timeZone());
    assertEquals(Instant.parse("2025-08-23T03:00:00Z"), guyane.closesAt(), "midnight in Cayenne is 03:00 UTC");
  }

  @Test
  void aPublishedCallIsOpenUntilTheLastSecondAndClosedFromTheDeadline() {
    Content content = content("2025-08-23T00:00");
    CallForProjects call = new CallForProjects(UUID.randomUUID(), null, content, State.PUBLISHED, 2, content.closesAt(),
        null, null, null);
    assertEquals(State.PUBLISHED, call.stateAt(Instant.parse("2025-08-22T21:59:59Z")));
    assertEquals(State.CLOSED, call.stateAt(Instant.parse("2025-08-22T22:00:00Z")));
    CallForProjects draft = new CallForProjects(UUID.randomUUID(), null, content, State.DRAFT, 1, content.closesAt(), null, null, null);
    assertEquals(State.DRAFT, draft.stateAt(Instant.parse("2030-01-01T00:00:00Z")), "a draft never closes by itself");
  }

  @Test
  void moneyIsWrittenInEurosFromExactCents() {
    assertEquals("1 234 567,89 €", CallForProjects.euros(123_456_789L));
    assertEquals("15 000 €", CallForProjects.euros(1_500_000L));
  }

  @Test
  void theStatesFollowEachOtherFromDraftToArchived() {
    assertEquals(List.of(State.PUBLISHED, State.CLOSED, State.INSTRUCTION, State.DECIDED, State.ARCHIVED, State.ARCHIVED),
        List.of(State.DRAFT.next(), State.PUBLISHED.next(), State.CLOSED.next(), State.INSTRUCTION.next(), State.DECIDED.next(),
            State.ARCHIVED.next()));
  }

  @Test
  void lotEnvelopesAboveTheCallsAndAOneLevelScaleAreRefusedByField() {
    JsonObject body = new JsonObject().put("title", "Appel").put("budgetCents", 100)
        .put("lots", new JsonArray().add(new JsonObject().put("code", "a").put("title", "Lot A")
            .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens")).put("budgetCents", 101)))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "q").put("label", "Qualité")
            .put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Nul")))));
    Problem problem = assertThrows(Problem.class, () -> CallInput.parse(body, TYPES, TERRITORIES, "Europe/Paris"));
    assertEquals(List.of("lots", "criteria[0].scale"), problem.errors().stream().map(Problem.FieldError::field).toList());
  }
}
