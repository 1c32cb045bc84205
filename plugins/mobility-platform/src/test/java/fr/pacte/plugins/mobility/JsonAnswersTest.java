package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.FieldError;
import fr.pacte.api.Problems;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON the API answers with: the descriptor, rows and problem details. */
class JsonAnswersTest {

  @Test
  void descriptorJsonMirrorsTheRecord() {
    JsonObject json = new JsonObject(MobilityPlatformActionType.DESCRIPTOR.toJson().encode());
    assertEquals("plateforme-mobilite-solidaire", json.getString("code"));
    assertEquals("Plateforme mobilité solidaire", json.getJsonObject("label").getString("fr"));
    assertEquals("Solidarity mobility platform", json.getJsonObject("label").getString("en"));
    assertEquals("INDIVIDUAL_FOLLOW_UP", json.getString("mode"));
    assertEquals("PEOPLE_IN_FILE_ACTIVE", json.getString("capacityUnit"));
    assertEquals(6, json.getInteger("maximumDurationMonths"));
    assertEquals("OPEN_WITH_RSA_QUOTA", json.getJsonObject("eligibility").getString("kind"));
    assertEquals(70, json.getJsonObject("eligibility").getInteger("rsaQuotaPercent"));
    JsonObject renewal = json.getJsonObject("renewal");
    assertEquals(true, renewal.getBoolean("renewable"));
    assertEquals("accompagnement_permis", renewal.getString("conditionField"));
    assertEquals(5, json.getJsonArray("objectives").size());
    assertEquals(4, json.getJsonArray("modalities").size());
    assertEquals(7, json.getJsonArray("participationFields").size());
    JsonObject solutions = json.getJsonArray("participationFields").getJsonObject(1);
    assertEquals("MULTI_CHOICE", solutions.getString("type"));
    assertEquals("Autoécole sociale", solutions.getJsonArray("options").getJsonObject(2).getString("fr"));
    JsonArray indicators = json.getJsonArray("indicators");
    assertEquals(5, indicators.size());
    assertEquals("Nombre de sollicitations des plateforme mobilité",
        indicators.getJsonObject(0).getJsonObject("label").getString("fr"));
    assertEquals(4, json.getJsonArray("expectedOutcomes").size());
    assertEquals(3, json.getJsonArray("selectionCriteria").size());
    assertEquals(2, json.getJsonArray("applicationAttachments").size());
    assertEquals(1, json.getJsonArray("notes").size());
  }

  @Test
  void solicitationJson() {
    Solicitation row = new Solicitation(7, LocalDate.of(2026, 11, 2), "Amiens", "telephone", null,
        OffsetDateTime.of(2026, 11, 2, 9, 30, 0, 0, ZoneOffset.UTC));
    assertEquals(new JsonObject().put("id", 7L).put("receivedOn", "2026-11-02").put("territory", "Amiens")
            .put("channel", "telephone").putNull("reason").put("createdAt", "2026-11-02T09:30Z"),
        row.toJson());
  }

  @Test
  void validationProblemListsTheFields() {
    JsonObject problem = SolicitationApi.invalid(List.of(new FieldError("receivedOn", SolicitationInput.RECEIVED_ON_REQUIRED)));
    assertEquals(Problems.TYPE_BASE + "validation", problem.getString("type"));
    assertEquals("Données invalides", problem.getString("title"));
    assertEquals(400, problem.getInteger("status"));
    assertTrue(problem.getString("detail").startsWith("La sollicitation n'a pas été enregistrée"));
    assertEquals(new JsonArray().add(new JsonObject().put("field", "receivedOn")
        .put("message", SolicitationInput.RECEIVED_ON_REQUIRED)), problem.getJsonArray("errors"));
  }

  @Test
  void invalidBodyProblem() {
    JsonObject problem = SolicitationApi.invalidBody();
    assertEquals(400, problem.getInteger("status"));
    assertEquals(Problems.TYPE_BASE + "requete-invalide", problem.getString("type"));
    assertTrue(problem.getString("detail").startsWith("Le corps de la requête doit être un objet JSON"));
    assertEquals(new JsonArray(), problem.getJsonArray("errors"));
  }

  @Test
  void onlyAJsonObjectIsABody() {
    assertEquals(new JsonObject().put("receivedOn", "2026-11-02"),
        SolicitationApi.jsonObject(Buffer.buffer("{\"receivedOn\":\"2026-11-02\"}")));
    assertNull(SolicitationApi.jsonObject(null));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer()));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer("receivedOn=2026-11-02")));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer("[{\"receivedOn\":\"2026-11-02\"}]")));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer("\"2026-11-02\"")));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer("null")));
    assertNull(SolicitationApi.jsonObject(Buffer.buffer("{\"receivedOn\":")));
  }
}
