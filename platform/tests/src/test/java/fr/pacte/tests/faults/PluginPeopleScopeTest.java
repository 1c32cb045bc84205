package fr.pacte.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.tests.faults.plugins.PeopleReadingModule;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module's SQL sees only the people and participations of the user its route acts for, as the host's pages and
 * API do: PostgreSQL's row-level security enforces the user's organisation and territories, whatever the module's
 * query asks for.
 */
class PluginPeopleScopeTest {

  private static final String API = "/api/tenants/somme";
  private static TestPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    Path plugins = Files.createTempDirectory("pacte-people-scope-plugins");
    Path reader = TestPluginJar.builder(PeopleReadingModule.ID).extension(PeopleReadingModule.class)
        .writeTo(plugins, "people-reader.jar");
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).plugin(reader)
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    assertEquals(200, platform.login("somme", "admin").putJson(API + "/plugins/" + PeopleReadingModule.ID,
        "{\"enabled\": true}").status());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aModulesQueryForAPersonOutsideTheUsersTerritoryOrOrganisationGetsNothing() {
    TestPlatform.Client referent = platform.login("somme", "referent");
    TestPlatform.Client amiens = platform.login("somme", "agent.amiens");
    TestPlatform.Client picardie = platform.login("somme", "agent.picardie-maritime");
    TestPlatform.Client operator = platform.login("somme", "association");
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Response created = referent.postJson(API + "/persons", new JsonObject().put("familyName", "Hors-Champ")
        .put("firstNames", "Alix").put("birthDate", "1984-06-07").put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05").put("referent", new JsonObject()
            .put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(201, created.status(), created.body());
    String person = created.json().getString("id");

    assertEquals(new JsonObject().put("people", 1).put("orientations", 0), seen(referent, person), "their référent");
    assertEquals(new JsonObject().put("people", 1).put("orientations", 0), seen(amiens, person), "the agent of Amiens");
    assertEquals(new JsonObject().put("people", 1).put("orientations", 0), seen(pilot, person), "the pilotage");
    assertEquals(new JsonObject().put("people", 0).put("orientations", 0), seen(picardie, person),
        "the agent of another territory gets nothing");
    assertEquals(new JsonObject().put("people", 0).put("orientations", 0), seen(operator, person),
        "an operator the person is not positioned with gets nothing");

    // Once positioned on the operator's item, the person is the operator's too; still not Picardie Maritime's.
    TestPlatform.Response item = pilot.postJson(API + "/offer", new JsonObject().put("actionType", "plateforme-mobilite-solidaire")
        .put("organisation", "association-demo").put("title", "Plateforme mobilité — portée des modules")
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 2)))
        .put("schedule", "Lundi, 9 h - 12 h").put("funders", new JsonArray().add("Département de la Somme")).encode());
    assertEquals(201, item.status(), item.body());
    TestPlatform.Response oriented = referent.postJson(API + "/orientations", new JsonObject().put("person", person)
        .put("offer", item.json().getString("id")).put("territory", "amiens").put("prescriberKind", "departement").encode());
    assertEquals(201, oriented.status(), oriented.body());
    assertEquals(new JsonObject().put("people", 1).put("orientations", 1), seen(operator, person));
    assertEquals(new JsonObject().put("people", 1).put("orientations", 1), seen(amiens, person));
    assertEquals(new JsonObject().put("people", 0).put("orientations", 0), seen(picardie, person));
  }

  private static JsonObject seen(TestPlatform.Client client, String person) {
    TestPlatform.Response response = client.get(API + "/modules/" + PeopleReadingModule.ID + "/people/" + person);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  @Test
  void aModulesPanelShowsThePersonOfThePageButNobodyOutsideTheViewersReach() {
    TestPlatform.Client referent = platform.login("somme", "referent");
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Client amiens = platform.login("somme", "agent.amiens");
    TestPlatform.Response item = pilot.postJson(API + "/offer", new JsonObject().put("actionType", "plateforme-mobilite-solidaire")
        .put("organisation", "association-demo").put("title", "Plateforme mobilité — panneaux des modules")
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 2))
            .add(new JsonObject().put("territory", "picardie-maritime").put("capacity", 2)))
        .put("schedule", "Lundi, 9 h - 12 h").put("funders", new JsonArray().add("Département de la Somme")).encode());
    assertEquals(201, item.status(), item.body());
    String inAmiens = null;
    for (String[] who : new String[][] {{"Panneau-Amiens", "amiens"}, {"Panneau-Littoral", "picardie-maritime"}}) {
      TestPlatform.Response created = referent.postJson(API + "/persons", new JsonObject().put("familyName", who[0])
          .put("firstNames", "Alix").put("birthDate", "1984-06-07").put("commune", "Ville").put("territory", who[1])
          .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05").put("referent", new JsonObject()
              .put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
      assertEquals(201, created.status(), created.body());
      TestPlatform.Response oriented = referent.postJson(API + "/orientations", new JsonObject()
          .put("person", created.json().getString("id")).put("offer", item.json().getString("id")).put("territory", who[1])
          .put("prescriberKind", "departement").encode());
      assertEquals(201, oriented.status(), oriented.body());
      if (inAmiens == null) {
        inAmiens = oriented.json().getString("id");
      }
    }
    String page = "/t/somme/parcours/orientations/" + inAmiens;

    String pilotPage = pilot.get(page, "Accept", "text/html").body();
    assertTrue(pilotPage.contains("Sur la même action") && pilotPage.contains("Panneau-Amiens")
        && pilotPage.contains("Panneau-Littoral"), "the pilotage sees the whole tenant, in the panel as elsewhere");
    TestPlatform.Response agentPage = amiens.get(page, "Accept", "text/html");
    assertEquals(200, agentPage.status());
    assertTrue(agentPage.body().contains("Panneau-Amiens"), "the person of the page, in the agent's territory");
    assertFalse(agentPage.body().contains("Panneau-Littoral"),
        "the panel, read for the agent of Amiens, cannot show a person of Picardie Maritime");
  }
}
