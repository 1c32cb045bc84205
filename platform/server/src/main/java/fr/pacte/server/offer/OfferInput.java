package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks an offer item from the API (JSON) or a page (form, turned into the same JSON first). Every field
 * at fault is listed, in French.
 */
public final class OfferInput {

  private static final Pattern ORGANISATION = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
  private static final Pattern PROGRAMME_ACTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}/[A-Za-z0-9][A-Za-z0-9.-]{0,39}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()-]{6,20}");
  private static final int MAX_PLACES = 100_000;

  private OfferInput() {
  }

  /**
   * @param types       the action types of the plugins enabled for the tenant, by code
   * @param territories the territory codes places may be given for
   */
  public static OfferItem parse(JsonObject json, Map<String, ActionTypeDescriptor> types, Set<String> territories) {
    List<FieldError> errors = new ArrayList<>();
    String actionType = text(json, "actionType", errors, 63);
    ActionTypeDescriptor type = actionType == null ? null : types.get(actionType);
    if (actionType == null) {
      errors.add(new FieldError("actionType", "Choisissez le type d'action."));
    } else if (type == null) {
      errors.add(new FieldError("actionType", "Le type d'action « " + actionType + " » n'est pas activé pour ce département."));
    }
    String organisation = text(json, "organisation", errors, 80);
    if (organisation == null || !ORGANISATION.matcher(organisation).matches()) {
      errors.add(new FieldError("organisation", "Choisissez l'organisation qui porte l'action."));
    }
    String title = text(json, "title", errors, 150);
    if (title == null || title.length() < 3) {
      errors.add(new FieldError("title", "Indiquez l'intitulé de l'action (3 à 150 caractères)."));
    }
    String description = Fields.check(json.getValue("description"), "description", 10_000, true, errors);
    LocalDate start = date(json, "periodStart", "Indiquez la date de début.", errors);
    LocalDate end = date(json, "periodEnd", "Indiquez la date de fin.", errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(new FieldError("periodEnd", "La date de fin précède la date de début."));
    }
    String schedule = Fields.check(json.getValue("schedule"), "schedule", 2000, true, errors);
    if (schedule == null && type != null && type.mode() == FollowUpMode.COLLECTIVE_WORKSHOPS) {
      errors.add(new FieldError("schedule", "Indiquez le calendrier des ateliers (jours, horaires, fréquence) : c'est une action collective."));
    }
    List<String> funders = strings(json, "funders", errors, 200);
    String programmeAction = text(json, "programmeAction", errors, 120);
    if (programmeAction != null && !PROGRAMME_ACTION.matcher(programmeAction).matches()) {
      errors.add(new FieldError("programmeAction",
          "Écrivez le code du programme, une barre oblique et le code de l'action, par exemple pdi-pti-2022-2025/1-1-1."));
    }
    List<String> thematiques = strings(json, "thematiques", errors, 120);
    thematiques.stream().filter(t -> !DataInclusionVocabulary.isThematique(t)).forEach(t ->
        errors.add(new FieldError("thematiques", "Thématique inconnue du référentiel data·inclusion : « " + t + " ».")));
    List<String> publics = strings(json, "publics", errors, 120);
    publics.stream().filter(p -> !DataInclusionVocabulary.isPublic(p)).forEach(p ->
        errors.add(new FieldError("publics", "Public inconnu du référentiel data·inclusion : « " + p + " ».")));
    if (publics.contains("tous-publics") && publics.size() > 1) {
      errors.add(new FieldError("publics", "« Tous publics » ne se combine pas avec d'autres publics."));
    }
    if (publics.isEmpty() && type != null && type.eligibility().kind() == Eligibility.Kind.RSA_ONLY) {
      // The action type admits RSA recipients only: that is its public, whatever the form left empty.
      publics = List.of("beneficiaires-des-minimas-sociaux");
    }
    String email = text(json, "contactEmail", errors, 200);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("contactEmail", "Adresse électronique invalide."));
    }
    String phone = text(json, "contactPhone", errors, 30);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new FieldError("contactPhone", "Numéro de téléphone invalide."));
    }
    List<OfferItem.Place> places = places(json, territories, errors);
    String location = text(json, "location", errors, 300);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new OfferItem(null, actionType, organisation, null, title, description == null ? "" : description, start, end,
        schedule == null ? "" : schedule, funders, programmeAction, thematiques, publics, email, phone,
        nullToEmpty(location), places, 0, null);
  }

  /** The version the client read, required to change or delete an item. */
  public static int expectedVersion(Object version) {
    if (version instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    if (version instanceof String text && text.strip().matches("[0-9]{1,9}")) {
      return Integer.parseInt(text.strip());
    }
    throw Problem.validation(List.of(new FieldError("version",
        "Indiquez la version de l'offre que vous avez lue (champ version) : elle évite d'écraser la modification d'un autre.")));
  }

  /**
   * A page's form as the JSON the API takes. Places are {@code places.<territory>.capacity} and {@code .taken};
   * lists are one value per line ({@code funders}) or repeated fields ({@code thematiques}, {@code publics}).
   */
  public static JsonObject fromForm(MultiMap form, List<String> territories) {
    JsonObject json = new JsonObject();
    for (String field : List.of("actionType", "organisation", "title", "description", "periodStart", "periodEnd", "schedule",
        "programmeAction", "contactEmail", "contactPhone", "location", "version")) {
      json.put(field, form.get(field));
    }
    String funders = form.get("funders");
    json.put("funders", new JsonArray(funders == null ? List.of()
        : Arrays.stream(funders.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
    json.put("thematiques", new JsonArray(form.getAll("thematiques")));
    json.put("publics", new JsonArray(form.getAll("publics")));
    JsonArray places = new JsonArray();
    for (String territory : territories) {
      String capacity = form.get("places." + territory + ".capacity");
      String taken = form.get("places." + territory + ".taken");
      if (capacity != null && !capacity.isBlank()) {
        places.add(new JsonObject().put("territory", territory).put("capacity", capacity.strip())
            .put("taken", taken == null || taken.isBlank() ? "0" : taken.strip()));
      }
    }
    json.put("places", places);
    return json;
  }

  private static List<OfferItem.Place> places(JsonObject json, Set<String> territories, List<FieldError> errors) {
    Object value = json.getValue("places");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(new FieldError("places", "Indiquez les places offertes sur au moins un territoire."));
      return List.of();
    }
    Map<String, OfferItem.Place> places = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject place)) {
        errors.add(new FieldError("places", "Chaque élément de places est un objet {territory, capacity, taken}."));
        continue;
      }
      String territory = place.getValue("territory") instanceof String t ? t : null;
      String field = "places." + territory;
      if (territory == null || !territories.contains(territory)) {
        errors.add(new FieldError("places", "Territoire inconnu dans ce département : « " + place.getValue("territory") + " »."));
        continue;
      }
      if (places.containsKey(territory)) {
        errors.add(new FieldError(field + ".capacity", "Ce territoire figure deux fois."));
        continue;
      }
      Integer capacity = count(place.getValue("capacity"), field + ".capacity", "Le nombre de places est un entier positif.", errors);
      Integer taken = place.getValue("taken") == null ? Integer.valueOf(0)
          : count(place.getValue("taken"), field + ".taken", "Le nombre de places occupées est un entier positif.", errors);
      if (capacity != null && taken != null) {
        places.put(territory, new OfferItem.Place(territory, capacity, taken));
      }
    }
    return List.copyOf(places.values());
  }

  private static Integer count(Object value, String field, String message, List<FieldError> errors) {
    Integer parsed = null;
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      parsed = number.intValue();
    } else if (value instanceof String text && text.matches("[0-9]{1,6}")) {
      parsed = Integer.valueOf(text);
    }
    if (parsed == null || parsed < 0 || parsed > MAX_PLACES) {
      errors.add(new FieldError(field, message));
      return null;
    }
    return parsed;
  }

  private static LocalDate date(JsonObject json, String key, String missing, List<FieldError> errors) {
    String text = text(json, key, errors, 10);
    if (text == null) {
      errors.add(new FieldError(key, missing));
      return null;
    }
    try {
      return fr.pacte.server.web.FrenchDates.parseDay(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(key, fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT));
      return null;
    }
  }

  private static List<String> strings(JsonObject json, String key, List<FieldError> errors, int max) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError(key, "Une liste de textes est attendue."));
      return List.of();
    }
    if (array.size() > 100) {
      errors.add(new FieldError(key, "Au plus 100 éléments."));
      return List.of();
    }
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String item = Fields.check(array.getValue(i), key + "[" + i + "]", max, false, errors);
      if (item != null) {
        values.add(item);
      }
    }
    return List.copyOf(values);
  }

  /** A one-line text, trimmed, null when absent or blank; wrong types, controls and excess length are errors. */
  private static String text(JsonObject json, String key, List<FieldError> errors, int max) {
    return Fields.check(json.getValue(key), key, max, false, errors);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
