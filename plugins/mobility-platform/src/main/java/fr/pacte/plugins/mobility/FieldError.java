package fr.pacte.plugins.mobility;

import io.vertx.core.json.JsonObject;

/** A message about one input field, in French, as shown next to the field and in problem+json "errors". */
public record FieldError(String field, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
