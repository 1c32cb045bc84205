package fr.pacte.server.programmes;

import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The editable fields of a roadmap chantier, with the version the editor read. */
public record ChantierInput(String title, String description, List<String> partners, List<String> actions,
                            List<String> notes, Integer version) {

  /** @throws fr.pacte.server.web.Problem naming every field of the wrong type, too long or with controls */
  public static ChantierInput fromJson(JsonObject body, Integer version) {
    Fields fields = Fields.of(body);
    ChantierInput input = new ChantierInput(fields.line("title", ActionInput.TITLE),
        fields.text("description", ActionInput.LONG_TEXT), fields.lines("partners", ActionInput.MAX_ITEMS, ActionInput.ITEM),
        fields.lines("actions", ActionInput.MAX_ITEMS, ActionInput.ITEM),
        fields.lines("notes", ActionInput.MAX_ITEMS, ActionInput.ITEM), version);
    fields.throwIfAny();
    return input;
  }

  public static ChantierInput fromForm(MultiMap form, Integer version) {
    return new ChantierInput(ActionInput.text(form.get("title")), ActionInput.text(form.get("description")),
        ActionInput.lines(form.get("partners")), ActionInput.lines(form.get("actions")),
        ActionInput.lines(form.get("notes")), version);
  }

  /** What is wrong; {@code actionCodes} are the programme's action codes a chantier may serve. */
  public List<FieldError> errors(Set<String> actionCodes) {
    List<FieldError> errors = new ArrayList<>();
    if (title == null) {
      errors.add(new FieldError("title", "Le titre du chantier est obligatoire."));
    } else if (title.length() > ActionInput.TITLE) {
      errors.add(new FieldError("title", "Le titre ne doit pas dépasser " + ActionInput.TITLE + " caractères."));
    } else {
      Fields.accept(title, "title", ActionInput.TITLE, false, errors);
    }
    Fields.accept(description, "description", ActionInput.LONG_TEXT, true, errors);
    ActionInput.items(partners, "partners", errors);
    ActionInput.items(notes, "notes", errors);
    if (actions.size() > ActionInput.MAX_ITEMS) {
      errors.add(new FieldError("actions", "Au plus " + ActionInput.MAX_ITEMS + " actions."));
      return errors;
    }
    List<String> unknown = actions.stream().filter(code -> !actionCodes.contains(code)).toList();
    if (!unknown.isEmpty()) {
      errors.add(new FieldError("actions", "Codes d'action inconnus dans ce programme : " + String.join(", ", unknown) + "."));
    }
    if (version == null) {
      errors.add(new FieldError("version", "La version lue est obligatoire (champ version ou en-tête If-Match)."));
    }
    return errors;
  }
}
