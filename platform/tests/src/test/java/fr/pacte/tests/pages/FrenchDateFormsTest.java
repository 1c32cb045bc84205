package fr.pacte.tests.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Date fields take what a date picker sends and what people type ("31/12/2025"), on the pages and the API alike, and
 * never ask for "AAAA-MM-JJ": the calls for projects' form, read through the shared date reader.
 */
class FrenchDateFormsTest {

  private static final String CALL_FORM = "title=Appel+dat%C3%A9+%C3%A0+la+fran%C3%A7aise&lots=plateforme-mobilite-solidaire"
      + "&lot.plateforme-mobilite-solidaire.territories=amiens&criteria=" + encode("Qualité | 2");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    pilot = platform.login("somme", "pilotage");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void theCallFormTakesDatesTypedAsPeopleWriteThem() {
    TestPlatform.Response created = pilot.postForm("/t/somme/appels", CALL_FORM + "&launchDecisionDate=" + encode("15/12/2030")
        + "&publicationDate=" + encode("02/01/2031") + "&deadlineDay=" + encode("31/01/2031") + "&deadlineTime=14%3A30");
    assertEquals(303, created.status(), created.body());
    String location = created.header("Location");
    String id = location.substring("/t/somme/appels/".length(), location.indexOf('?'));
    JsonObject call = pilot.get("/api/tenants/somme/calls/" + id).json();
    assertEquals("2030-12-15", call.getString("launchDecisionDate"));
    assertEquals("2031-01-02", call.getString("publicationDate"));
    assertEquals("2031-01-31T14:30", call.getString("deadline"));
  }

  @Test
  void aWrongDateOnTheCallFormIsExplainedInFrenchNextToTheFieldWithTheInputKept() {
    TestPlatform.Response refused = pilot.postForm("/t/somme/appels", CALL_FORM + "&publicationDate=" + encode("31/02/2031")
        + "&deadlineDay=" + encode("30/02/2031"), "Accept", "text/html");
    assertEquals(400, refused.status(), refused.body());
    String page = refused.body();
    assertTrue(page.contains("id=\"publicationDate-error\""), "the message is next to the field");
    assertTrue(page.contains("JJ/MM/AAAA, par exemple 31/12/2025"), page);
    assertTrue(page.contains("value=\"31/02/2031\""), "the input is kept");
    assertFalse(page.contains("AAAA-MM-JJ"), "the ISO form asked of people");
  }

  @Test
  void theApiTakesTheSameDatesAndNamesTheFieldOfAWrongOne() {
    JsonObject draft = new JsonObject().put("title", "Appel par l'API").put("deadline", "31/01/2031 12:00")
        .put("publicationDate", "02/01/2031").put("budgetCents", 10_000_000L)
        .put("lots", new JsonArray().add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité")
            .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens"))))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "qualite").put("label", "Qualité du projet")
            .put("weight", 3).put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
                .add(new JsonObject().put("score", 2).put("label", "Bon")))));
    TestPlatform.Response created = pilot.postJson("/api/tenants/somme/calls", draft.encode());
    assertEquals(201, created.status(), created.body());
    assertEquals("2031-01-02", created.json().getString("publicationDate"));
    assertEquals("2031-01-31T12:00", created.json().getString("deadline"));

    TestPlatform.Response refused = pilot.postJson("/api/tenants/somme/calls", draft.put("publicationDate", "le 2 janvier").encode());
    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("publicationDate", error.getString("field"));
    assertTrue(error.getString("message").contains("JJ/MM/AAAA"), error.encode());
  }
}
