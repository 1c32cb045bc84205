package fr.pacte.server.programmes;

import fr.pacte.server.programmes.Programme.Indicator;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The editable fields of a programme action, from the API (JSON) or the page (form), with the version the editor
 * read. The code and place in the programme are not editable: other data refers to them.
 */
public record ActionInput(String title, String description, String targetPublic, List<String> pilots,
                          List<String> partners, String calendar, List<Indicator> indicators, List<String> notes,
                          Integer version) {

  /** Blank indicator rows of the form are left out; this many are offered for additions. */
  public static final int EMPTY_INDICATOR_ROWS = 2;

  /** Declared limits, shared by the API, the page and the service's check. */
  static final int TITLE = Fields.TITLE;
  static final int LONG_TEXT = Fields.LONG_TEXT;
  static final int SHORT_TEXT = Fields.MEDIUM_TEXT;
  static final int ITEM = Fields.MEDIUM_TEXT;
  static final int MAX_ITEMS = 100;
  static final int MAX_INDICATORS = 50;

  /** @throws fr.pacte.server.web.Problem naming every field of the wrong type, too long or with controls */
  public static ActionInput fromJson(JsonObject body, Integer version) {
    Fields fields = Fields.of(body);
    List<Indicator> indicators = new ArrayList<>();
    JsonArray array = fields.array("indicators", MAX_INDICATORS);
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject object)) {
        fields.error("indicators[" + i + "]", "Un indicateur est un objet {name, unit, period, target}.");
        continue;
      }
      Fields indicator = Fields.of(object, "indicators[" + i + "].", fields.errors());
      indicators.add(new Indicator(indicator.line("name", ITEM), indicator.line("unit", ITEM),
          indicator.line("period", ITEM), indicator.line("target", ITEM)));
    }
    ActionInput input = new ActionInput(fields.line("title", TITLE), fields.text("description", LONG_TEXT),
        fields.text("targetPublic", LONG_TEXT), fields.lines("pilots", MAX_ITEMS, ITEM),
        fields.lines("partners", MAX_ITEMS, ITEM), fields.text("calendar", SHORT_TEXT), indicators,
        fields.lines("notes", MAX_ITEMS, ITEM), version);
    fields.throwIfAny();
    return input;
  }

  /** From the page's form: lists are one item per line; indicators are numbered rows. */
  public static ActionInput fromForm(MultiMap form, Integer version) {
    List<Indicator> indicators = new ArrayList<>();
    for (int i = 0; form.contains("indicator_name_" + i) || form.contains("indicator_unit_" + i); i++) {
      Indicator indicator = new Indicator(text(form.get("indicator_name_" + i)), text(form.get("indicator_unit_" + i)),
          text(form.get("indicator_period_" + i)), text(form.get("indicator_target_" + i)));
      if (indicator.name() != null || indicator.unit() != null || indicator.period() != null || indicator.target() != null) {
        indicators.add(indicator);
      }
    }
    return new ActionInput(text(form.get("title")), text(form.get("description")), text(form.get("target_public")),
        lines(form.get("pilots")), lines(form.get("partners")), text(form.get("calendar")), indicators,
        lines(form.get("notes")), version);
  }

  /** What is wrong, field by field, in French; empty when the input can be saved. */
  public List<FieldError> errors() {
    List<FieldError> errors = new ArrayList<>();
    if (title == null) {
      errors.add(new FieldError("title", "Le titre de l'action est obligatoire."));
    } else if (title.length() > TITLE) {
      errors.add(new FieldError("title", "Le titre ne doit pas dépasser " + TITLE + " caractères."));
    } else {
      Fields.accept(title, "title", TITLE, false, errors);
    }
    Fields.accept(description, "description", LONG_TEXT, true, errors);
    Fields.accept(targetPublic, "targetPublic", LONG_TEXT, true, errors);
    Fields.accept(calendar, "calendar", SHORT_TEXT, true, errors);
    items(pilots, "pilots", errors);
    items(partners, "partners", errors);
    items(notes, "notes", errors);
    if (indicators.size() > MAX_INDICATORS) {
      errors.add(new FieldError("indicators", "Au plus " + MAX_INDICATORS + " indicateurs."));
    }
    for (int i = 0; i < indicators.size(); i++) {
      Indicator indicator = indicators.get(i);
      Fields.accept(indicator.name(), "indicators[" + i + "].name", ITEM, false, errors);
      Fields.accept(indicator.unit(), "indicators[" + i + "].unit", ITEM, false, errors);
      Fields.accept(indicator.period(), "indicators[" + i + "].period", ITEM, false, errors);
      Fields.accept(indicator.target(), "indicators[" + i + "].target", ITEM, false, errors);
      if (indicators.get(i).name() == null) {
        errors.add(new FieldError("indicators[" + i + "].name",
            "Chaque indicateur doit avoir un nom (ou laissez toute la ligne vide pour le retirer)."));
      }
    }
    if (version == null) {
      errors.add(new FieldError("version", "La version lue est obligatoire (champ version ou en-tête If-Match)."));
    }
    return errors;
  }

  /** Lists of one-line items (one per line on the page): bounded in count and length. */
  static void items(List<String> values, String field, List<FieldError> errors) {
    if (values.size() > MAX_ITEMS) {
      errors.add(new FieldError(field, "Au plus " + MAX_ITEMS + " éléments."));
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      Fields.accept(values.get(i), field + "[" + i + "]", ITEM, false, errors);
    }
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().replace("\r\n", "\n").strip();
    return text.isEmpty() ? null : text;
  }

  static List<String> lines(String value) {
    if (value == null) {
      return List.of();
    }
    return value.replace("\r\n", "\n").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
