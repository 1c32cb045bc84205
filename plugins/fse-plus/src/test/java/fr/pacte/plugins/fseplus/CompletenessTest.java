package fr.pacte.plugins.fseplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompletenessTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  private static Participant participant(String gender, String disability, LocalDate exit, LocalDate exitCollected,
                                         LocalDate sixMonthsCollected) {
    Map<String, String> sensitive = new HashMap<>();
    Participant.SENSITIVE.forEach(column -> sensitive.put(column, null));
    sensitive.put("disability", disability);
    return new Participant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "amiens", true,
        LocalDate.of(2026, 1, 5), "30-54", exit, exit == null ? null : "emploi", gender, null, null, sensitive, null,
        List.of(), exitCollected, null, null, sixMonthsCollected, 1);
  }

  private static Completeness.Item item(List<Completeness.Item> items, String field) {
    return items.stream().filter(i -> i.field().equals(field)).findFirst().orElseThrow();
  }

  @Test
  void eachItemCountsThoseWhoHaveItAmongThoseWhoShouldAtEntryExitAndSixMonths() {
    List<Completeness.Item> items = Completeness.of(List.of(
        participant("woman", "refused", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 2), null),
        participant("man", null, LocalDate.of(2026, 4, 30), null, LocalDate.of(2026, 11, 2)),
        participant(null, "no", LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 1), null),
        participant(null, null, null, null, null)), TODAY);
    // Gender: 2 of 4; disability: 2 of 4, « ne souhaite pas répondre » being an answer.
    assertEquals(2, item(items, "gender").filled());
    assertEquals(4, item(items, "gender").expected());
    assertEquals(50, item(items, "gender").percent());
    assertEquals(2, item(items, "disability").filled());
    // Exit results: 2 of the 3 who left (66 %, rounded down).
    assertEquals(2, item(items, "exitResults").filled());
    assertEquals(3, item(items, "exitResults").expected());
    assertEquals(66, item(items, "exitResults").percent());
    // Six months: due for the exits of 31 March and 30 April (due 30 September and 30 October), not 30 September.
    assertEquals(1, item(items, "sixMonths").filled());
    assertEquals(2, item(items, "sixMonths").expected());
    assertEquals(0, item(items, "labourStatus").filled());
  }

  @Test
  void anItemNobodyShouldHaveYetHasNoShare() {
    List<Completeness.Item> items = Completeness.of(List.of(participant("woman", null, null, null, null)), TODAY);
    assertEquals(0, item(items, "exitResults").expected());
    assertNull(item(items, "exitResults").percent());
  }
}
