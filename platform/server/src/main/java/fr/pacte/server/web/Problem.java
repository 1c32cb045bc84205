package fr.pacte.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error for the caller, rendered as {@code application/problem+json} (RFC 9457) on the API and as a plain
 * French message on pages. Services throw it (or fail futures with it); the failure handler renders it.
 */
public final class Problem extends RuntimeException {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://pacte.example/problemes/";

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  /** A field at fault and what is wrong with it, in French. */
  public record FieldError(String field, String message) {

    public JsonObject toJson() {
      return new JsonObject().put("field", field).put("message", message);
    }
  }

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "requete-invalide", "Requête invalide", detail, List.of());
  }

  public static Problem validation(List<FieldError> errors) {
    return new Problem(400, "validation", "Données invalides",
        "Certaines valeurs ne sont pas acceptées ; voir la liste des champs en erreur.", errors);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "introuvable", "Ressource introuvable", detail, List.of());
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "conflit", "Conflit de modification", detail, List.of());
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "interdit", "Accès refusé", detail, List.of());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The last segment of the problem's type URI, e.g. {@code validation}. */
  public String type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage())
        .put("instance", instance);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }
    return json;
  }
}
