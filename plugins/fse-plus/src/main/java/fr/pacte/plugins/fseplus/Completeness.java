package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How complete the data behind the common indicators is, item by item: of the participants who should have it (all of
 * them at entry, those who left at exit, those whose six-month collection fell due six months after), how many have it
 * filled. A sensitive characteristic answered « ne souhaite pas répondre » is filled: the answer is the person's.
 */
final class Completeness {

  /** One data item: when it is collected, the indicators it feeds, how many have it and out of how many. */
  record Item(String stage, String field, String label, String indicators, int filled, int expected) {

    /** The share filled, in whole percent rounded down (100 only when all are filled); null when nobody is expected. */
    Integer percent() {
      return expected == 0 ? null : (int) (100L * filled / expected);
    }

    JsonObject toJson() {
      return new JsonObject().put("stage", stage).put("field", field).put("label", label).put("indicators", indicators)
          .put("filled", filled).put("expected", expected).put("percent", percent());
    }

    java.util.Map<String, Object> view() {
      return java.util.Map.of("stage", STAGES.get(stage), "label", label, "indicators", indicators, "filled", filled,
          "expected", expected, "percent", percent() == null ? "—" : percent() + " %");
    }
  }

  static final java.util.Map<String, String> STAGES = Participant.ordered("entry", "À l'entrée", "exit", "À la sortie",
      "six-months", "Six mois après la sortie");

  private Completeness() {
  }

  static List<Item> of(List<Participant> participants, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<Participant> exited = participants.stream().filter(p -> p.exitDate() != null).toList();
    List<Participant> due = exited.stream().filter(p -> !today.isBefore(p.sixMonthsDueOn())).toList();
    items.add(item("entry", "gender", "Genre", "tous (ventilation femmes, hommes, non binaires)", participants,
        p -> p.gender() != null));
    items.add(item("entry", "labourStatus", "Situation sur le marché du travail", "EECO02 à EECO05", participants,
        p -> p.labourStatus() != null));
    items.add(item("entry", "education", "Niveau d'études (CITE)", "EECO09 à EECO11", participants,
        p -> p.education() != null));
    String[] codes = {"EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17"};
    for (int i = 0; i < Participant.SENSITIVE.size(); i++) {
      String column = Participant.SENSITIVE.get(i);
      items.add(item("entry", Participant.SENSITIVE_JSON.get(column), Participant.SENSITIVE_LABELS.get(column), codes[i],
          participants, p -> p.sensitive().get(column) != null));
    }
    items.add(item("exit", "exitResults", "Résultats immédiats à la sortie", "EECR01 à EECR04", exited,
        p -> p.exitCollectedOn() != null));
    items.add(item("six-months", "sixMonths", "Situation six mois après la sortie", "EECR05, EECR06", due,
        p -> p.sixMonthsCollectedOn() != null));
    return items;
  }

  private static Item item(String stage, String field, String label, String indicators, List<Participant> expected,
                           Predicate<Participant> filled) {
    return new Item(stage, field, label, indicators, (int) expected.stream().filter(filled).count(), expected.size());
  }

  static JsonArray toJson(List<Item> items) {
    return new JsonArray(items.stream().map(Item::toJson).toList());
  }
}
