package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A participant of an FSE+ operation: a participation of the pathway on a co-funded convention, with its data at
 * entry (Regulation (EU) 2021/1057, Annex I), its immediate results at exit and its situation six months after.
 */
record Participant(UUID operationId, UUID participationId, UUID personId, String territory, boolean rsaRecipient,
                   LocalDate entryDate, String ageBand, LocalDate exitDate, String exitType, String gender,
                   String labourStatus, String education, Map<String, String> sensitive, LocalDate entryCollectedOn,
                   List<String> exitResults, LocalDate exitCollectedOn, Boolean employedAfterSixMonths,
                   Boolean improvedAfterSixMonths, LocalDate sixMonthsCollectedOn, int version) {

  static final List<String> SENSITIVE = List.of("disability", "third_country", "foreign_background", "minority",
      "homeless", "rural");
  static final Map<String, String> SENSITIVE_JSON = Map.of("disability", "disability", "third_country", "thirdCountryNational",
      "foreign_background", "foreignBackground", "minority", "minority", "homeless", "homeless", "rural", "ruralArea");
  static final Map<String, String> GENDERS = ordered("woman", "Femme", "man", "Homme", "non-binary", "Non binaire");
  static final Map<String, String> LABOUR = ordered("unemployed", "Chômeur (y compris de longue durée)",
      "long-term-unemployed", "Chômeur de longue durée", "inactive", "Inactif", "employed",
      "En emploi (y compris indépendant)");
  static final Map<String, String> EDUCATION = ordered("isced-0-2", "CITE 0 à 2 (jusqu'au premier cycle du secondaire)",
      "isced-3-4", "CITE 3 et 4 (deuxième cycle du secondaire, post-secondaire)", "isced-5-8", "CITE 5 à 8 (enseignement supérieur)");
  static final Map<String, String> ANSWERS = ordered("yes", "Oui", "no", "Non", "refused", "Ne souhaite pas répondre");
  static final Map<String, String> SENSITIVE_LABELS = ordered("disability", "Personne handicapée",
      "third_country", "Ressortissant de pays tiers", "foreign_background", "Personne d'origine étrangère",
      "minority", "Minorité (y compris communautés marginalisées telles que les Roms)",
      "homeless", "Sans domicile ou exclu du logement", "rural", "Vivant en zone rurale");
  static final Map<String, String> RESULTS = ordered("job-searching", "En recherche d'emploi à la sortie",
      "education-training", "Suit un enseignement ou une formation à la sortie",
      "qualification", "A obtenu une qualification à la sortie",
      "employment", "En emploi, y compris indépendant, à la sortie");
  static final Map<String, String> AGE_BANDS = ordered("below-18", "Moins de 18 ans", "18-29", "18 à 29 ans",
      "30-54", "30 à 54 ans", "55-plus", "55 ans et plus");

  static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  static String ageBand(LocalDate birth, LocalDate entry) {
    int age = Period.between(birth, entry).getYears();
    return age < 18 ? "below-18" : age < 30 ? "18-29" : age < 55 ? "30-54" : "55-plus";
  }

  /** The day the six-month collection falls due, or null before exit. */
  LocalDate sixMonthsDueOn() {
    return exitDate == null ? null : exitDate.plusMonths(6);
  }

  boolean sixMonthsDue(LocalDate today) {
    return exitDate != null && sixMonthsCollectedOn == null && !today.isBefore(sixMonthsDueOn());
  }

  boolean entryComplete() {
    return gender != null && labourStatus != null && education != null;
  }

  static Participant of(Row row) {
    Map<String, String> sensitive = new LinkedHashMap<>();
    SENSITIVE.forEach(column -> sensitive.put(column, row.getString(column)));
    String[] results = row.getArrayOfStrings("exit_results");
    return new Participant(row.getUUID("operation_id"), row.getUUID("participation_id"), row.getUUID("person_id"),
        row.getString("territory"), row.getBoolean("rsa_recipient"), row.getLocalDate("entry_date"),
        row.getString("age_band"), row.getLocalDate("exit_date"), row.getString("exit_type"), row.getString("gender"),
        row.getString("labour_status"), row.getString("education"), sensitive, row.getLocalDate("entry_collected_on"),
        results == null ? List.of() : List.of(results), row.getLocalDate("exit_collected_on"),
        row.getBoolean("employed_after_six_months"), row.getBoolean("improved_after_six_months"),
        row.getLocalDate("six_months_collected_on"), row.getInteger("version"));
  }

  /** As JSON; the sensitive characteristics only when {@code withSensitive} (roles that need them). */
  JsonObject toJson(boolean withSensitive, LocalDate today) {
    JsonObject json = new JsonObject()
        .put("operation", operationId.toString())
        .put("participation", participationId.toString())
        .put("person", personId.toString())
        .put("territory", territory)
        .put("rsaRecipient", rsaRecipient)
        .put("entryDate", entryDate.toString())
        .put("ageBand", ageBand)
        .put("exitDate", exitDate == null ? null : exitDate.toString())
        .put("exitType", exitType)
        .put("gender", gender)
        .put("labourStatus", labourStatus)
        .put("education", education)
        .put("entryComplete", entryComplete())
        .put("exitResults", new JsonArray(exitResults))
        .put("exitCollectedOn", exitCollectedOn == null ? null : exitCollectedOn.toString())
        .put("employedAfterSixMonths", employedAfterSixMonths)
        .put("improvedAfterSixMonths", improvedAfterSixMonths)
        .put("sixMonthsDueOn", sixMonthsDueOn() == null ? null : sixMonthsDueOn().toString())
        .put("sixMonthsDue", sixMonthsDue(today))
        .put("sixMonthsCollectedOn", sixMonthsCollectedOn == null ? null : sixMonthsCollectedOn.toString())
        .put("version", version);
    if (withSensitive) {
      JsonObject values = new JsonObject();
      sensitive.forEach((column, value) -> values.put(SENSITIVE_JSON.get(column), value));
      json.put("sensitive", values);
    } else {
      json.putNull("sensitive");
    }
    return json;
  }
}
