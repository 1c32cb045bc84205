package fr.pacte.server.programmes;

import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The editable fields of a roadmap chantier, with the version the editor read. */
public record ChantierInput(String title, String description, List<String> partners, List<String> actions,
                            List<String> notes, Integer version) {

  public static ChantierInput fromJson(JsonObject body, Integer version) {
    return new ChantierInput(ActionInput.text(body.getValue("title")), ActionInput.text(body.getValue("description")),
        ActionInput.list(body.getValue("partners")), ActionInput.list(body.getValue("actions")),
        ActionInput.list(body.getValue("notes")), version);
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
    } else if (title.length() > 500) {
      errors.add(new FieldError("title", "Le titre ne doit pas dépasser 500 caractères."));
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
