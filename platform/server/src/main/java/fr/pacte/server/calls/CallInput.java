package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Contact;
import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.SubCriterion;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a call sent by the API, a page or a tenant's file, and says in French what is wrong, field by field (fields
 * named as in the JSON: {@code lots[2].territories}). Nothing is saved unless all of it is right.
 */
public final class CallInput {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern CRITERION_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
  /** "programme/fiche-or-action", as offer items name the programme action they serve. */
  private static final Pattern PROGRAMME_REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}/[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final long MAX_CENTS = 100_000_000_000_00L;

  private final JsonObject body;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private CallInput(JsonObject body) {
    this.body = body;
  }

  /**
   * The call's content, lots' needs left empty (the service takes them from the tenant's needs).
   *
   * @param actionTypes  the action types of the plugins enabled for the tenant; null to take any well-formed code
   * @param territories  the tenant's territory codes
   * @param timeZone     the tenant's time zone, in which the call's dates and deadline are read
   */
  public static Content parse(JsonObject body, Set<String> actionTypes, Set<String> territories, String timeZone) {
    CallInput input = new CallInput(body == null ? new JsonObject() : body);
    Content content = input.read(actionTypes, territories, timeZone);
    if (!input.errors.isEmpty()) {
      throw Problem.validation(input.errors);
    }
    return content;
  }

  /** The version an update or a publication is based on (If-Match or the body's {@code version}). */
  public static int expectedVersion(Object raw) {
    if (raw instanceof Number number && number.intValue() >= 0) {
      return number.intValue();
    }
    if (raw instanceof String text && text.matches("[0-9]{1,9}")) {
      return Integer.parseInt(text);
    }
    throw Problem.validation(List.of(new Problem.FieldError("version",
        "Indiquez la version de l'appel que vous avez lue (en-tête If-Match ou champ version).")));
  }

  private Content read(Set<String> actionTypes, Set<String> territories, String timeZone) {
    String title = text(body, "title", "title", true, 3, 300);
    String thematic = text(body, "thematic", "thematic", false, 0, 200);
    List<String> refs = strings(body, "programmeRefs", "programmeRefs", 200);
    for (int i = 0; i < refs.size(); i++) {
      if (!PROGRAMME_REF.matcher(refs.get(i)).matches()) {
        error("programmeRefs[" + i + "]", "Une référence de programme s'écrit « programme/fiche » ou « programme/action » "
            + "(par exemple « pdi-pti-2022-2025/1-1-1 »).");
      }
    }
    JsonObject texts = object(body, "texts", "texts");
    String context = text(texts, "context", "texts.context", false, 0, 60_000);
    String objectives = text(texts, "objectives", "texts.objectives", false, 0, 60_000);
    String publicText = text(texts, "public", "texts.public", false, 0, 60_000);
    String territoriesText = text(texts, "territories", "texts.territories", false, 0, 60_000);
    String launchDecision = text(body, "launchDecision", "launchDecision", false, 0, 300);
    LocalDate launchDecisionDate = date(body, "launchDecisionDate");
    LocalDate publicationDate = date(body, "publicationDate");
    LocalDateTime deadline = dateTime(body, "deadline");
    List<Contact> contacts = new ArrayList<>();
    JsonArray contactArray = array(body, "contacts", "contacts");
    for (int i = 0; i < contactArray.size(); i++) {
      String at = "contacts[" + i + "]";
      JsonObject contact = element(contactArray, i, at);
      String email = text(contact, "email", at + ".email", false, 0, 200);
      if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
        error(at + ".email", "Adresse électronique invalide : « " + email + " ».");
      }
      contacts.add(new Contact(text(contact, "name", at + ".name", true, 2, 200), text(contact, "role", at + ".role", false, 0, 200),
          email, text(contact, "phone", at + ".phone", false, 0, 40)));
    }
    Long budget = cents(body, "budgetCents", "budgetCents");
    List<String> generalParts = strings(body, "generalParts", "generalParts", 1000);
    List<String> projectParts = strings(body, "projectParts", "projectParts", 1000);
    List<String> documents = strings(body, "documents", "documents", 1000);
    Integer cap = integer(body, "indirectCostCapPercent", "indirectCostCapPercent", 0, 100,
        "Le plafond des frais indirects est un pourcentage entier de 0 à 100.");
    Integer years = integer(body, "maxConventionYears", "maxConventionYears", 1, 10,
        "La durée maximale des conventions est un nombre d'années de 1 à 10.");
    String needsFrom = text(body, "needsFrom", "needsFrom", false, 0, 80);
    if (!needsFrom.isEmpty() && !CODE.matcher(needsFrom).matches()) {
      error("needsFrom", "Le code d'un appel du fichier des besoins (minuscules, chiffres et tirets).");
    }
    List<String> notes = strings(body, "notes", "notes", 2000);
    List<Lot> lots = lots(actionTypes, territories, budget);
    List<Criterion> criteria = criteria(actionTypes);
    return new Content(title, thematic, refs, context, objectives, publicText, territoriesText, launchDecision,
        launchDecisionDate, publicationDate, deadline, timeZone, contacts, budget, generalParts, projectParts,
        documents, cap, years == null ? 3 : years, needsFrom.isEmpty() ? null : needsFrom, notes, lots, criteria);
  }

  private List<Lot> lots(Set<String> actionTypes, Set<String> territories, Long callBudget) {
    List<Lot> lots = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    JsonArray array = array(body, "lots", "lots");
    long sum = 0;
    for (int i = 0; i < array.size(); i++) {
      String at = "lots[" + i + "]";
      JsonObject lot = element(array, i, at);
      String code = text(lot, "code", at + ".code", true, 1, 80);
      if (!code.isEmpty() && !CODE.matcher(code).matches()) {
        error(at + ".code", "Le code d'un lot s'écrit en minuscules, chiffres et tirets.");
      } else if (!code.isEmpty() && !codes.add(code)) {
        error(at + ".code", "Deux lots ont le code « " + code + " ».");
      }
      String actionType = text(lot, "actionType", at + ".actionType", true, 1, 63);
      if (!actionType.isEmpty() && actionTypes != null && !actionTypes.contains(actionType)) {
        error(at + ".actionType", "« " + actionType + " » n'est pas un type d'action d'un module activé pour ce département.");
      }
      List<String> lotTerritories = strings(lot, "territories", at + ".territories", 100);
      if (lotTerritories.isEmpty()) {
        error(at + ".territories", "Un lot couvre au moins un territoire.");
      }
      for (String territory : lotTerritories) {
        if (!territories.contains(territory)) {
          error(at + ".territories", "« " + territory + " » n'est pas un territoire de ce département.");
        }
      }
      Long budget = cents(lot, "budgetCents", at + ".budgetCents");
      sum += budget == null ? 0 : budget;
      lots.add(new Lot(code, text(lot, "title", at + ".title", true, 2, 300), actionType, List.copyOf(new java.util.LinkedHashSet<>(lotTerritories)),
          budget, List.of()));
    }
    if (callBudget != null && sum > callBudget) {
      error("lots", "Les enveloppes des lots (" + CallForProjects.euros(sum) + ") dépassent l'enveloppe de l'appel ("
          + CallForProjects.euros(callBudget) + ").");
    }
    return lots;
  }

  private List<Criterion> criteria(Set<String> actionTypes) {
    List<Criterion> criteria = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    JsonArray array = array(body, "criteria", "criteria");
    for (int i = 0; i < array.size(); i++) {
      String at = "criteria[" + i + "]";
      JsonObject criterion = element(array, i, at);
      String code = text(criterion, "code", at + ".code", true, 1, 80);
      if (!code.isEmpty() && !CRITERION_CODE.matcher(code).matches()) {
        error(at + ".code", "Le code d'un critère s'écrit en minuscules, chiffres, tirets et soulignés.");
      }
      String actionType = text(criterion, "actionType", at + ".actionType", false, 0, 63);
      if (!actionType.isEmpty() && actionTypes != null && !actionTypes.contains(actionType)) {
        error(at + ".actionType", "« " + actionType + " » n'est pas un type d'action d'un module activé pour ce département.");
      }
      if (!code.isEmpty() && !keys.add(actionType + "|" + code)) {
        error(at + ".code", "Deux critères ont le code « " + code + " ».");
      }
      Integer weight = integer(criterion, "weight", at + ".weight", 1, 100, "Le poids d'un critère est un entier de 1 à 100.");
      criteria.add(new Criterion(code, text(criterion, "label", at + ".label", true, 2, 500), actionType,
          weight == null ? 1 : weight, scale(criterion, at), subCriteria(criterion, at)));
    }
    return criteria;
  }

  /**
   * A scale has at least two levels, with distinct scores in increasing order; a criterion given without one (and
   * without a weight) takes Pacte's four-level scale (and a weight of 1), to be set before reviewers score.
   */
  List<Level> scale(JsonObject criterion, String at) {
    if (criterion.getValue("scale") == null) {
      return CallService.DEFAULT_SCALE;
    }
    List<Level> levels = new ArrayList<>();
    JsonArray array = array(criterion, "scale", at + ".scale");
    for (int i = 0; i < array.size(); i++) {
      String levelAt = at + ".scale[" + i + "]";
      JsonObject level = element(array, i, levelAt);
      Integer score = integer(level, "score", levelAt + ".score", 0, 100, "Une note est un entier de 0 à 100.");
      if (score == null) {
        error(levelAt + ".score", "Donnez la note de ce niveau.");
      } else if (!levels.isEmpty() && score <= levels.get(levels.size() - 1).score()) {
        error(levelAt + ".score", "Les niveaux vont de la note la plus basse à la plus haute, sans doublon.");
      }
      levels.add(new Level(score == null ? 0 : score, text(level, "label", levelAt + ".label", true, 1, 200)));
    }
    if (levels.size() < 2) {
      error(at + ".scale", "Un barème a au moins deux niveaux, chacun avec sa note et son libellé.");
    }
    return levels;
  }

  private List<SubCriterion> subCriteria(JsonObject criterion, String at) {
    List<SubCriterion> subs = new ArrayList<>();
    JsonArray array = array(criterion, "subCriteria", at + ".subCriteria");
    for (int i = 0; i < array.size(); i++) {
      String subAt = at + ".subCriteria[" + i + "]";
      JsonObject sub = element(array, i, subAt);
      subs.add(new SubCriterion(text(sub, "code", subAt + ".code", true, 1, 80), text(sub, "label", subAt + ".label", true, 2, 500)));
    }
    return subs;
  }

  // ---- typed reads: each records its error and returns a harmless value so that every error is found at once

  private void error(String field, String message) {
    errors.add(new Problem.FieldError(field, message));
  }

  private String text(JsonObject object, String key, String field, boolean required, int min, int max) {
    Object value = object.getValue(key);
    if (value == null) {
      if (required) {
        error(field, "Ce champ est obligatoire.");
      }
      return "";
    }
    if (!(value instanceof String text)) {
      error(field, "Un texte était attendu.");
      return "";
    }
    String stripped = text.strip();
    if (required && stripped.isEmpty()) {
      error(field, "Ce champ est obligatoire.");
    } else if (!stripped.isEmpty() && (stripped.length() < min || stripped.length() > max)) {
      error(field, "De " + min + " à " + max + " caractères.");
    }
    return stripped;
  }

  private JsonObject object(JsonObject object, String key, String field) {
    Object value = object.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject json) {
      return json;
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(castMap(map));
    }
    error(field, "Un objet était attendu.");
    return new JsonObject();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private JsonArray array(JsonObject object, String key, String field) {
    Object value = object.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (value instanceof JsonArray json) {
      return json;
    }
    if (value instanceof List<?> list) {
      return new JsonArray(new ArrayList<>(list));
    }
    error(field, "Une liste était attendue.");
    return new JsonArray();
  }

  private JsonObject element(JsonArray array, int index, String field) {
    Object value = array.getValue(index);
    if (value instanceof JsonObject json) {
      return json;
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(castMap(map));
    }
    error(field, "Un objet était attendu.");
    return new JsonObject();
  }

  private List<String> strings(JsonObject object, String key, String field, int maxLength) {
    JsonArray array = array(object, key, field);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      if (!(value instanceof String text) || text.isBlank()) {
        error(field + "[" + i + "]", "Un texte non vide était attendu.");
      } else if (text.strip().length() > maxLength) {
        error(field + "[" + i + "]", "Au plus " + maxLength + " caractères.");
      } else {
        values.add(text.strip());
      }
    }
    return values;
  }

  private Integer integer(JsonObject object, String key, String field, int min, int max, String message) {
    Object value = object.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String text && text.strip().matches("-?[0-9]{1,9}")) {
      value = Integer.valueOf(text.strip());
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      error(field, message);
      return null;
    }
    return ((Number) value).intValue();
  }

  /** Money in integer cents: never a floating-point amount. */
  private Long cents(JsonObject object, String key, String field) {
    Object value = object.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof String text && text.strip().matches("[0-9]{1,15}")) {
      value = Long.valueOf(text.strip());
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
        || ((Number) value).longValue() > MAX_CENTS) {
      error(field, "Un montant en centimes d'euro : un entier positif (par exemple 1500000 pour 15 000 €).");
      return null;
    }
    return ((Number) value).longValue();
  }

  private LocalDate date(JsonObject object, String key) {
    Object value = object.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    try {
      return LocalDate.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      error(key, "Une date au format AAAA-MM-JJ était attendue (trouvé « " + value + " »).");
      return null;
    }
  }

  private LocalDateTime dateTime(JsonObject object, String key) {
    Object value = object.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    try {
      return LocalDateTime.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      error(key, "Une date et une heure locales au format AAAA-MM-JJTHH:MM étaient attendues (trouvé « " + value
          + " ») ; « le 22 août à minuit » s'écrit 2025-08-23T00:00.");
      return null;
    }
  }
}
