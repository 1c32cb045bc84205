package fr.pacte.server.programmes;

import fr.pacte.server.programmes.Programme.Indicator;
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

  public static ActionInput fromJson(JsonObject body, Integer version) {
    List<Indicator> indicators = new ArrayList<>();
    Object raw = body.getValue("indicators");
    if (raw instanceof JsonArray array) {
      for (Object item : array) {
        JsonObject indicator = item instanceof JsonObject object ? object : new JsonObject();
        indicators.add(new Indicator(text(indicator.getValue("name")), text(indicator.getValue("unit")),
            text(indicator.getValue("period")), text(indicator.getValue("target"))));
      }
    }
    return new ActionInput(text(body.getValue("title")), text(body.getValue("description")),
        text(body.getValue("targetPublic")), list(body.getValue("pilots")), list(body.getValue("partners")),
        text(body.getValue("calendar")), indicators, list(body.getValue("notes")), version);
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
    } else if (title.length() > 500) {
      errors.add(new FieldError("title", "Le titre ne doit pas dépasser 500 caractères."));
    }
    for (int i = 0; i < indicators.size(); i++) {
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

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().replace("\r\n", "\n").strip();
    return text.isEmpty() ? null : text;
  }

  static List<String> list(Object value) {
    if (value instanceof JsonArray array) {
      return array.stream().map(ActionInput::text).filter(java.util.Objects::nonNull).toList();
    }
    return List.of();
  }

  static List<String> lines(String value) {
    if (value == null) {
      return List.of();
    }
    return value.replace("\r\n", "\n").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
