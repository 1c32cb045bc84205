package fr.pacte.api;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A field of the caller's input and what is wrong with it, in French: shown next to the field on a page and listed
 * in the {@code errors} of a validation problem ({@link Problems#validation}).
 *
 * @param field   the field's name as the caller sent it (JSON property or form field)
 * @param message what to correct, in French, e.g. "La date de réception est obligatoire (format AAAA-MM-JJ)."
 * @since 1.3.0
 */
public record FieldError(String field, String message) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** {@code {"field": …, "message": …}}, one item of a problem's {@code errors}. */
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
