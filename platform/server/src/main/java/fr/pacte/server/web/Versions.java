package fr.pacte.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Optimistic locking on the web, the same for every route: a row's {@code version} goes out as its {@code ETag}
 * and comes back in {@code If-Match} (API) or a {@code version} field (API body, page form); a stale one is a 409
 * from the service. Also the small model helpers pages share.
 */
public final class Versions {

  /** The field that carries the version read, in bodies and forms. */
  public static final String FIELD = "version";

  private Versions() {
  }

  /** The version the client read, as sent: the {@code If-Match} header (weak or strong ETag), else {@code fallback}. */
  public static String read(RoutingContext request, Object fallback) {
    String ifMatch = request.request().getHeader("If-Match");
    String raw = ifMatch != null ? ifMatch.replace("W/", "").replace("\"", "").trim()
        : fallback == null ? null : fallback.toString().trim();
    return raw == null || raw.isEmpty() ? null : raw;
  }

  /** The version read as a number; null if none was sent, a 400 naming {@code version} if it is not a number. */
  public static Integer expected(RoutingContext request, Object fallback) {
    return expected(request, fallback, FIELD);
  }

  /** The same, for a resource whose version field has another name ({@code field}, named in the 400). */
  public static Integer expected(RoutingContext request, Object fallback, String field) {
    String raw = read(request, fallback);
    if (raw == null) {
      return null;
    }
    try {
      return Integer.valueOf(raw);
    } catch (NumberFormatException e) {
      throw Problem.validation(List.of(new Problem.FieldError(field, "La version doit être un nombre entier.")));
    }
  }

  /** The version read, required: a 400 naming {@code version} with {@code message} if none was sent. */
  public static String required(RoutingContext request, Object fallback, String message) {
    String raw = read(request, fallback);
    if (raw == null) {
      throw Problem.validation(List.of(new Problem.FieldError(FIELD, message)));
    }
    return raw;
  }

  public static String etag(Object version) {
    return "\"" + version + "\"";
  }

  /** Answers a versioned resource: its JSON with its version as the ETag. */
  public static void ok(RoutingContext request, int status, Object version, JsonObject body) {
    request.response().putHeader("ETag", etag(version));
    Json.ok(request, status, body);
  }

  /** Answers a row that carries its own {@code version}. */
  public static void ok(RoutingContext request, JsonObject row) {
    ok(request, 200, row.getValue(FIELD), row);
  }

  /** JSON as plain maps and lists: what Pebble templates can walk. */
  public static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(Versions::plain).toList();
    }
    return value;
  }

  /** A query parameter, or an empty string (templates compare with {@code is empty}). */
  public static String query(RoutingContext request, String name) {
    String value = request.queryParams().get(name);
    return value == null ? "" : value;
  }
}
