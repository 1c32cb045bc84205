package fr.pacte.plugins.mobility;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Error answers of the JSON API as problem details (RFC 9457), titles and details in French. */
final class Problem {

  static final String CONTENT_TYPE = "application/problem+json";
  static final String VALIDATION_TYPE = "urn:pacte:problem:validation";
  static final String INVALID_BODY_TYPE = "urn:pacte:problem:invalid-body";

  private Problem() {
  }

  static JsonObject validation(List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(error -> list.add(error.toJson()));
    return new JsonObject()
        .put("type", VALIDATION_TYPE)
        .put("title", "Données invalides")
        .put("status", 400)
        .put("detail", "La sollicitation n'a pas été enregistrée : corrigez les champs signalés.")
        .put("errors", list);
  }

  static JsonObject invalidBody() {
    return new JsonObject()
        .put("type", INVALID_BODY_TYPE)
        .put("title", "Corps de requête invalide")
        .put("status", 400)
        .put("detail", "Le corps de la requête doit être un objet JSON, par exemple "
            + "{\"receivedOn\": \"2026-11-02\", \"territory\": \"Amiens\", \"channel\": \"telephone\", \"reason\": \"…\"}.")
        .put("errors", new JsonArray());
  }

  static Future<Void> send(RoutingContext ctx, JsonObject problem) {
    return ctx.response()
        .setStatusCode(problem.getInteger("status"))
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(problem.encode());
  }
}
