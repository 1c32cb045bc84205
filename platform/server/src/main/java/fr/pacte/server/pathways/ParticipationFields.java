package fr.pacte.server.pathways;

import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's reading of the fields an action type declares on a participation ({@link ParticipationField}): each
 * value checked against its declared type and options, unknown fields refused, required ones demanded. Values are
 * stored as JSON: text, true/false, ISO date, number, the French label of the option chosen (or a list of them).
 */
public final class ParticipationFields {

  private ParticipationFields() {
  }

  public static JsonObject check(List<ParticipationField> declared, JsonObject values) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Fields reader = Fields.of(values, "fields.", errors);
    Set<String> known = declared.stream().map(ParticipationField::code).collect(Collectors.toSet());
    for (String name : values.fieldNames()) {
      if (!known.contains(name)) {
        errors.add(new Problem.FieldError("fields." + name, "Ce champ n'existe pas pour ce type d'action ; champs : "
            + String.join(", ", known) + "."));
      }
    }
    JsonObject checked = new JsonObject();
    for (ParticipationField field : declared) {
      String code = field.code();
      Object value = values.getValue(code);
      if (value == null || value instanceof String blank && blank.isBlank()) {
        if (field.required()) {
          reader.error(code, "Renseignez « " + field.label().fr() + " ».");
        }
        continue;
      }
      List<String> options = field.options().stream().map(LocalizedText::fr).toList();
      switch (field.type()) {
        case TEXT -> {
          String text = reader.text(code, 2000);
          if (text != null) {
            checked.put(code, text);
          }
        }
        case BOOLEAN -> {
          Boolean bool = reader.bool(code);
          if (bool != null) {
            checked.put(code, bool);
          }
        }
        case DATE -> {
          String text = reader.line(code, 10);
          try {
            if (text != null) {
              checked.put(code, FrenchDates.parseDay(text).toString());
            }
          } catch (DateTimeParseException e) {
            reader.error(code, FrenchDates.TYPED_DAY_HINT);
          }
        }
        case NUMBER -> {
          Integer number = reader.integer(code, 0, 1_000_000);
          if (number != null) {
            checked.put(code, number);
          }
        }
        case CHOICE -> {
          String choice = reader.line(code, 300);
          if (choice != null && !options.contains(choice)) {
            reader.error(code, "Choisissez parmi : " + String.join(", ", options) + ".");
          } else if (choice != null) {
            checked.put(code, choice);
          }
        }
        case MULTI_CHOICE -> {
          List<String> chosen = value instanceof String one ? List.of(one) : reader.lines(code, options.size(), 300);
          List<String> unknown = chosen.stream().filter(c -> !options.contains(c)).toList();
          if (!unknown.isEmpty()) {
            reader.error(code, "« " + unknown.get(0) + " » n'est pas proposé ; choisissez parmi : " + String.join(", ", options) + ".");
          } else {
            checked.put(code, new JsonArray(chosen.stream().distinct().toList()));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return checked;
  }

  /** A page's form ({@code fields.<code>} inputs) as the API's JSON. */
  public static JsonObject fromForm(List<ParticipationField> declared, MultiMap form) {
    JsonObject values = new JsonObject();
    for (ParticipationField field : declared) {
      String name = "fields." + field.code();
      switch (field.type()) {
        case BOOLEAN -> values.put(field.code(), form.contains(name) ? "true" : "false");
        case MULTI_CHOICE -> {
          List<String> all = form.getAll(name);
          if (!all.isEmpty()) {
            values.put(field.code(), new JsonArray(all));
          }
        }
        default -> values.put(field.code(), form.get(name));
      }
    }
    return values;
  }
}
