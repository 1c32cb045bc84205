package fr.pacte.server.referentials;

import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** Helpers shared by the routes of the référentiels and the programmes: versions read, and models for Pebble. */
public final class Versions {

  private Versions() {
  }

  /** The version the client read: the {@code If-Match} header (ETag), else {@code fallback} (a field); null if none. */
  public static Integer expected(RoutingContext request, Object fallback) {
    String ifMatch = request.request().getHeader("If-Match");
    String raw = ifMatch != null ? ifMatch.replace("W/", "").replace("\"", "").trim()
        : fallback == null ? null : fallback.toString().trim();
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(raw);
    } catch (NumberFormatException e) {
      throw Problem.validation(List.of(new Problem.FieldError("version", "La version doit être un nombre entier.")));
    }
  }

  public static String etag(int version) {
    return "\"" + version + "\"";
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
