package fr.pacte.plugins.fseplus;

import fr.pacte.api.FieldError;
import fr.pacte.api.Problems;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A request refused with a problem (RFC 9457): raised inside a transaction, so that nothing is written. */
final class Refusal extends RuntimeException {

  final JsonObject problem;

  Refusal(JsonObject problem) {
    super(problem.getString("detail"), null, false, false);
    this.problem = problem;
  }

  static Refusal invalid(List<FieldError> errors) {
    return new Refusal(Problems.validation("Rien n'a été enregistré : corrigez les champs signalés.", errors));
  }

  static Refusal invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  static Refusal notFound(String detail) {
    return new Refusal(Problems.notFound(detail));
  }

  static Refusal conflict() {
    return new Refusal(Problems.conflict("Quelqu'un a modifié ces données depuis que vous les avez lues : rechargez et recommencez."));
  }

  int status() {
    return problem.getInteger("status", 400);
  }

  List<FieldError> errors() {
    return problem.getJsonArray("errors", new io.vertx.core.json.JsonArray()).stream()
        .map(o -> (JsonObject) o).map(o -> new FieldError(o.getString("field"), o.getString("message"))).toList();
  }
}
