package fr.pacte.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused form's errors as pages show them: one French message per field, next to the field (the form macro of
 * {@code form.peb} reads this map), the messages of a field joined.
 */
public final class FormErrors {

  private FormErrors() {
  }

  public static Map<String, String> byField(Problem problem) {
    return byField(problem.errors());
  }

  public static Map<String, String> byField(List<Problem.FieldError> errors) {
    Map<String, String> map = new LinkedHashMap<>();
    errors.forEach(error -> map.merge(error.field(), error.message(), (a, b) -> a + " " + b));
    return map;
  }

  /** A 400 or a 409: the form is shown again (nothing was saved) rather than an error page. */
  public static boolean refusesForm(Throwable error) {
    return error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409);
  }
}
