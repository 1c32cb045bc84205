package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Error answers of a module's JSON API as problem details (RFC 9457, {@code application/problem+json}), with the
 * same types, French titles and {@code errors: [{field, message}]} as the host's own API, so a client reads one
 * kind of error whichever part of Pacte answered.
 *
 * <pre>
 * if (!errors.isEmpty()) {
 *   Problems.send(ctx, Problems.validation("La sollicitation n'a pas été enregistrée : corrigez les champs signalés.", errors));
 *   return;
 * }
 * </pre>
 *
 * @since 1.3.0
 */
public final class Problems {

  /** The media type of a problem detail. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** Where the problem types live; a type is this followed by its French slug, e.g. {@code validation}. */
  public static final String TYPE_BASE = "https://pacte.example/problemes/";

  private Problems() {
  }

  /**
   * A problem of any status. Prefer the named ones below; use this for a status they do not cover.
   *
   * @param type   a lower-case slug appended to {@link #TYPE_BASE}, e.g. {@code quota-depasse}
   * @param title  a short French summary, the same for every occurrence of the type
   * @param detail what happened this time and what to do, in French
   * @param errors the fields at fault, or an empty list ({@code errors} is then {@code []})
   */
  public static JsonObject of(int status, String type, String title, String detail, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(error -> list.add(error.toJson()));
    // Always present, empty when no field is at fault: a client reads errors without testing for it.
    return new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("errors", list);
  }

  /** 400 "Données invalides", listing the fields at fault with their French messages. */
  public static JsonObject validation(String detail, List<FieldError> errors) {
    return of(400, "validation", "Données invalides", detail, errors);
  }

  /** 400 "Données invalides" with the host's general detail. */
  public static JsonObject validation(List<FieldError> errors) {
    return validation("Certaines valeurs ne sont pas acceptées ; voir la liste des champs en erreur.", errors);
  }

  /** 400 "Requête invalide": a request that cannot be read at all, e.g. a body that is not a JSON object. */
  public static JsonObject badRequest(String detail) {
    return of(400, "requete-invalide", "Requête invalide", detail, List.of());
  }

  /** 403 "Accès refusé": the caller may use the module but not on this data (e.g. outside their territories). */
  public static JsonObject forbidden(String detail) {
    return of(403, "interdit", "Accès refusé", detail, List.of());
  }

  /** 404 "Ressource introuvable". */
  public static JsonObject notFound(String detail) {
    return of(404, "introuvable", "Ressource introuvable", detail, List.of());
  }

  /** 409 "Conflit de modification": e.g. a stale version, never overwritten silently. */
  public static JsonObject conflict(String detail) {
    return of(409, "conflit", "Conflit de modification", detail, List.of());
  }

  /**
   * Answers the request with {@code problem}: its {@code status}, {@code Content-Type: application/problem+json},
   * and {@code instance} set to the request's path unless the problem names one.
   */
  public static Future<Void> send(RoutingContext request, JsonObject problem) {
    JsonObject body = problem.copy();
    if (!body.containsKey("instance")) {
      body.put("instance", request.request().path());
    }
    return request.response()
        .setStatusCode(body.getInteger("status", 500))
        .putHeader("Content-Type", MEDIA_TYPE)
        .end(body.encode());
  }

  /**
   * The request body as a JSON object, or null when it is missing, malformed, or another JSON value (array,
   * string, number, {@code null}): answer null with {@link #badRequest}, never a 500.
   */
  public static JsonObject jsonObject(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return Json.decodeValue(body) instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }
}
