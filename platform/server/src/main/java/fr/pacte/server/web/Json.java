package fr.pacte.server.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for JSON requests and responses. */
public final class Json {

  public static final String MEDIA_TYPE = "application/json; charset=utf-8";

  private Json() {
  }

  /**
   * For {@code Route.respond}: marks the answer as this API's JSON and passes the future on; Vert.x writes its result
   * (JsonObject, JsonArray) and sends a failure to the failure handler (problem+json).
   */
  public static <T> Future<T> answer(RoutingContext request, Future<T> result) {
    request.response().putHeader("Content-Type", MEDIA_TYPE);
    return result;
  }

  /** The request body as a JSON object, or a 400 problem explaining what is wrong. */
  public static JsonObject body(RoutingContext request) {
    try {
      JsonObject body = request.body().asJsonObject();
      if (body == null) {
        throw Problem.badRequest("Un corps JSON est attendu.");
      }
      return body;
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw Problem.badRequest("Le corps de la requête n'est pas un objet JSON valide.");
    }
  }

  public static void ok(RoutingContext request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
  }

  public static void ok(RoutingContext request, JsonArray body) {
    request.response().putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
  }
}
