package fr.pacte.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plugins answer errors in the host's problem+json shape: same types, French titles, fields at fault. */
class ProblemsTest {

  @Test
  void aValidationProblemNamesEachFieldWithItsFrenchMessage() {
    JsonObject problem = Problems.validation("La sollicitation n'a pas été enregistrée.",
        List.of(new FieldError("receivedOn", "La date de réception est obligatoire."),
            new FieldError("channel", "Canal inconnu.")));
    assertEquals(new JsonObject()
        .put("type", "https://pacte.example/problemes/validation")
        .put("title", "Données invalides")
        .put("status", 400)
        .put("detail", "La sollicitation n'a pas été enregistrée.")
        .put("errors", new JsonArray()
            .add(new JsonObject().put("field", "receivedOn").put("message", "La date de réception est obligatoire."))
            .add(new JsonObject().put("field", "channel").put("message", "Canal inconnu."))), problem);
  }

  @Test
  void theNamedProblemsCarryTheHostsTypesAndFrenchTitles() {
    assertProblem(Problems.badRequest("d"), 400, "requete-invalide", "Requête invalide");
    assertProblem(Problems.forbidden("d"), 403, "interdit", "Accès refusé");
    assertProblem(Problems.notFound("d"), 404, "introuvable", "Ressource introuvable");
    assertProblem(Problems.conflict("d"), 409, "conflit", "Conflit de modification");
    assertEquals("Certaines valeurs ne sont pas acceptées ; voir la liste des champs en erreur.",
        Problems.validation(List.of(new FieldError("x", "y"))).getString("detail"));
  }

  @Test
  void onlyAJsonObjectIsABody() {
    assertEquals(new JsonObject().put("a", 1), Problems.jsonObject(Buffer.buffer("{\"a\":1}")));
    assertNull(Problems.jsonObject(null));
    assertNull(Problems.jsonObject(Buffer.buffer()));
    assertNull(Problems.jsonObject(Buffer.buffer("[1]")));
    assertNull(Problems.jsonObject(Buffer.buffer("\"texte\"")));
    assertNull(Problems.jsonObject(Buffer.buffer("null")));
    assertNull(Problems.jsonObject(Buffer.buffer("{\"a\":")));
  }

  private static void assertProblem(JsonObject problem, int status, String type, String title) {
    assertEquals(status, problem.getInteger("status"));
    assertEquals(Problems.TYPE_BASE + type, problem.getString("type"));
    assertEquals(title, problem.getString("title"));
    assertEquals("d", problem.getString("detail"));
    assertEquals(new JsonArray(), problem.getJsonArray("errors"), "errors is always present");
  }
}
