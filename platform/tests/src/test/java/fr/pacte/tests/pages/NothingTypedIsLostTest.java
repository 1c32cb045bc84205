package fr.pacte.tests.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Long texts are accepted up to their declared limit and, past it or past the whole body's limit, the page answers
 * on the form itself, the limit next to the field and what was typed kept; references are checked against the
 * tenant's data on the page and the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NothingTypedIsLostTest {

  private static final String PROGRAMME = "/api/tenants/somme/programmes/pdi-pti-2022-2025";
  private static final String PARAGRAPH = "Évaluation régulière des bénéficiaires, échanges réguliers avec les "
      + "référents, élaboration d'étapes désirées ; médiation, sécurité, égalité d'accès. ";

  private TestPlatform platform;
  private Client pilotage;
  private Client admin;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    pilotage = platform.login("somme", "pilotage");
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private JsonObject action(int axis) {
    return pilotage.get(PROGRAMME).json().getJsonArray("axes").getJsonObject(axis).getJsonArray("fiches")
        .getJsonObject(0).getJsonArray("actions").getJsonObject(0);
  }

  private static String text(int length, String end) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length - end.length()) {
      text.append(PARAGRAPH);
    }
    return text.substring(0, length - end.length()) + end;
  }

  /** The form as a browser sends it: fields in the page's order, the security token first. */
  private Response sendActionForm(JsonObject action, String description) {
    String path = "/t/somme/programmes/pdi-pti-2022-2025/actions/" + action.getLong("id");
    String body = "_csrf=" + pilotage.csrfToken(path) + "&version=" + action.getInteger("version")
        + "&title=" + URLEncoder.encode(action.getString("title"), StandardCharsets.UTF_8)
        + "&description=" + URLEncoder.encode(description, StandardCharsets.UTF_8);
    return pilotage.send("POST", path, "application/x-www-form-urlencoded", body, "Accept", "text/html");
  }

  @Test
  void aSixThousandCharacterDescriptionIsSavedFromTheActionPage() {
    JsonObject action = action(1);
    String description = text(6_000, "Fin de la description.");
    assertTrue(URLEncoder.encode(description, StandardCharsets.UTF_8).length() > 8_192, "over the decoder's old limit");
    Response saved = sendActionForm(action, description);
    assertEquals(303, saved.status(), saved.body());
    assertEquals(description, pilotage.get(PROGRAMME + "/actions/" + action.getLong("id")).json().getString("description"));
  }

  @Test
  void aDescriptionOverItsLimitIsRefusedNextToTheFieldWithWhatWasTypedKept() {
    JsonObject action = action(2);
    Response refused = sendActionForm(action, text(20_500, "Phrase finale gardée."));
    assertEquals(400, refused.status());
    String page = refused.body();
    assertTrue(page.contains("id=\"description-error\""), "the message is next to the field");
    assertTrue(page.contains("Au plus 20\u00a0000 caractères ; ce texte en compte 20\u00a0500"), page);
    assertTrue(page.contains("Phrase finale gardée."), "what was typed is kept");
    assertTrue(page.contains("20\u00a0000 caractères au plus."), "the limit is stated before one types");
    assertEquals(action.getString("description"), pilotage.get(PROGRAMME + "/actions/" + action.getLong("id")).json()
        .getString("description"), "nothing was saved");
    JsonObject api = new JsonObject().put("title", action.getString("title")).put("description", text(20_500, "."))
        .put("version", action.getInteger("version"));
    Response apiRefused = pilotage.putJson(PROGRAMME + "/actions/" + action.getLong("id"), api.encode());
    assertEquals(400, apiRefused.status());
    assertEquals("description", apiRefused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aFormOverTheWholeBodyLimitIsAnsweredOnTheFormNotWithAGenericPage() {
    JsonObject action = action(3);
    String start = "Début du texte collé. ";
    Response answered = sendActionForm(action, start + "é".repeat(200_000));
    assertEquals(400, answered.status());
    String page = answered.body();
    assertFalse(page.contains("Requête trop volumineuse") || page.contains("La requête est mal formée"), page);
    assertTrue(page.contains("id=\"description-error\"") && page.contains("Au plus 20\u00a0000 caractères"), page);
    assertTrue(page.contains(start), "the beginning of what was typed is kept");
    assertTrue(page.contains(action.getString("title").replace("'", "&#39;")) || page.contains(action.getString("title")),
        "the fields before it are kept");
    Response api = pilotage.putJson(PROGRAMME + "/actions/" + action.getLong("id"), new JsonObject()
        .put("title", "x").put("description", "é".repeat(600_000)).put("version", 1).encode());
    assertEquals(413, api.status(), "the API keeps its problem+json");
    assertTrue(api.header("Content-Type").startsWith("application/problem+json"));
  }

  private static JsonObject offer() {
    return new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Atelier mobilité").put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 5).put("taken", 2)));
  }

  @Test
  void moreOccupiedPlacesThanOfferedAreRefusedNamingTheField() {
    Response refused = pilotage.postJson("/api/tenants/somme/offer", offer().put("places", new JsonArray()
        .add(new JsonObject().put("territory", "amiens").put("capacity", 5).put("taken", 9))).encode());
    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("places.amiens.taken", error.getString("field"));
    assertTrue(error.getString("message").contains("(9)") && error.getString("message").contains("(5)"), error.encode());
    Response page = pilotage.postForm("/t/somme/offre/catalogue", "actionType=plateforme-mobilite-solidaire"
        + "&organisation=association-demo&title=Atelier+mobilit%C3%A9&periodStart=2026-01-01&periodEnd=2026-12-31"
        + "&places.amiens.capacity=5&places.amiens.taken=9", "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("id=\"places.amiens.taken-error\""), "the message is next to the field");
    assertTrue(page.body().contains("value=\"9\""), "the input is kept");
  }

  @Test
  void anOfferItemServingAProgrammeActionThatDoesNotExistIsRefused() {
    Response refused = pilotage.postJson("/api/tenants/somme/offer",
        offer().put("programmeAction", "pdi-pti-2022-2025/9-9-9").encode());
    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("programmeAction", error.getString("field"));
    assertTrue(error.getString("message").contains("9-9-9"), error.encode());
    Response page = pilotage.postForm("/t/somme/offre/catalogue", "actionType=plateforme-mobilite-solidaire&organisation=association-demo"
        + "&title=Atelier+mobilit%C3%A9&periodStart=2026-01-01&periodEnd=2026-12-31&places.amiens.capacity=5"
        + "&programmeAction=pdi-pti-2022-2025%2F9-9-9", "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("id=\"programmeAction-error\""), "the message is next to the field");
    assertTrue(page.body().contains("pdi-pti-2022-2025/9-9-9"), "the input is kept");
    Response accepted = pilotage.postJson("/api/tenants/somme/offer",
        offer().put("programmeAction", "pdi-pti-2022-2025/1-1-1").encode());
    assertEquals(201, accepted.status(), accepted.body());
  }

  @Test
  void anOperatorAccountTiedToAnOrganisationThatDoesNotExistIsRefused() {
    JsonObject user = new JsonObject().put("username", "operateur.fantome").put("displayName", "Opérateur fantôme")
        .put("roles", new JsonArray().add("operator")).put("organisation", "organisation-fantome");
    Response refused = admin.postJson("/api/tenants/somme/users", user.encode());
    assertEquals(400, refused.status(), refused.body());
    assertEquals("organisation", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertTrue(admin.get("/api/tenants/somme/users").body().indexOf("operateur.fantome") < 0, "nobody was created");
    Response page = admin.postForm("/t/somme/admin/utilisateurs", "username=operateur.fantome&displayName=Op%C3%A9rateur"
        + "&roles=operator&organisation=organisation-fantome", "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("Aucune organisation « organisation-fantome »"), page.body());
    Response accepted = admin.postJson("/api/tenants/somme/users", user.put("organisation", "association-demo").encode());
    assertEquals(201, accepted.status(), accepted.body());
  }

  @Test
  void theNewOfferFormOfATenantWithNoActionTypeSaysWhyAndWhoCanEnableOne() {
    String page = platform.login("allier", "pilotage").get("/t/allier/offre/catalogue/nouvelle", "Accept", "text/html").body();
    assertTrue(page.contains("Aucun type d'action n'est activé pour ce département"), page);
    assertTrue(page.contains("un administrateur du département les active sur la page"), page);
  }

  @Test
  void afterChoosingAPasswordTheLoginPageConfirmsIt() {
    String page = platform.get("/t/somme/connexion?bienvenue=1", "Accept", "text/html").body();
    assertTrue(page.contains("Votre mot de passe est enregistré."), page);
    assertFalse(platform.get("/t/somme/connexion", "Accept", "text/html").body().contains("Votre mot de passe est enregistré."));
  }
}
