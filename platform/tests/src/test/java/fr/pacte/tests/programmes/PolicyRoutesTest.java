package fr.pacte.tests.programmes;

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
 * Référentiels and programmes through the API and the pages, signed in with the Somme's demo accounts: who may do
 * what, versions (If-Match, hidden field) and their 409, field errors, territory agents on their own roadmap only,
 * export and import.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyRoutesTest {

  private static final String PROGRAMME = "/api/tenants/somme/programmes/pdi-pti-2022-2025";

  private TestPlatform platform;
  private Client admin;
  private Client pilotage;
  private Client auditeur;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    admin = platform.login("somme", "admin");
    pilotage = platform.login("somme", "pilotage");
    auditeur = platform.login("somme", "auditeur");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&").append(pairs[i]).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  private JsonObject chantierOf(String territory) {
    JsonArray roadmaps = pilotage.get(PROGRAMME).json().getJsonArray("roadmaps");
    for (Object roadmap : roadmaps) {
      if (((JsonObject) roadmap).getString("territory").equals(territory)) {
        return ((JsonObject) roadmap).getJsonArray("chantiers").getJsonObject(0);
      }
    }
    throw new AssertionError("no roadmap for " + territory);
  }

  @Test
  void anAdministratorOverridesAVocabularyLabelAndReturnsToTheNationalValue() {
    String entry = "/api/tenants/somme/referentials/vocabulary/feuille-de-route";
    Response read = auditeur.get(entry);
    assertEquals(200, read.status());
    assertEquals(false, read.json().getBoolean("overridden"));
    assertEquals(403, auditeur.putJson(entry, "{\"label\": \"Feuille de route\", \"version\": 0}").status());
    assertEquals(403, pilotage.putJson(entry, "{\"label\": \"Feuille de route\", \"version\": 0}").status());
    Response saved = admin.putJson(entry, "{\"label\": \"Feuille de route du territoire\"}", "If-Match", "\"0\"");
    assertEquals(200, saved.status(), saved.body());
    assertEquals("\"1\"", saved.header("ETag"));
    assertEquals("Feuille de route territoriale", saved.json().getString("nationalLabel"));
    Response stale = admin.putJson(entry, "{\"label\": \"Autre\", \"version\": 0}");
    assertEquals(409, stale.status());
    assertTrue(stale.header("Content-Type").startsWith("application/problem+json"));
    Response blank = admin.putJson(entry, "{\"label\": \"  \", \"version\": 1}");
    assertEquals(400, blank.status());
    assertEquals("label", blank.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Response page = pilotage.get("/t/somme/programmes/pdi-pti-2022-2025", "Accept", "text/html");
    assertTrue(page.body().contains("Feuille de route du territoire (par territoire)"), "the programme page prints the tenant's word");
    Response reset = admin.delete(entry, "If-Match", "\"1\"");
    assertEquals(200, reset.status(), reset.body());
    assertEquals("Feuille de route territoriale", reset.json().getString("label"));
    Response kinds = auditeur.get("/api/tenants/somme/referentials");
    assertEquals(7, kinds.json().getJsonArray("kinds").size(), "six référentiels and the reasons for refusing an orientation");
    assertEquals(8, kinds.json().getJsonArray("territories").size(), "5 territoires d'action sociale, 3 bassins de mobilité");
    assertEquals(401, platform.get("/api/tenants/somme/referentials").status());
  }

  @Test
  void aProgrammeManagerEditsAnActionAndAStaleFormGets409WithNothingOverwritten() {
    JsonObject action = pilotage.get(PROGRAMME).json().getJsonArray("axes").getJsonObject(1).getJsonArray("fiches")
        .getJsonObject(0).getJsonArray("actions").getJsonObject(0);
    String path = PROGRAMME + "/actions/" + action.getLong("id");
    int version = action.getInteger("version");
    JsonObject edit = new JsonObject().put("title", action.getString("title")).put("targetPublic", "Allocataires du RSA")
        .put("indicators", new JsonArray().add(new JsonObject().put("name", "Nombre de bénéficiaires").put("target", "120")))
        .put("version", version);
    assertEquals(403, auditeur.putJson(path, edit.encode()).status());
    Response saved = pilotage.putJson(path, edit.encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals(version + 1, saved.json().getInteger("version"));
    Response stale = pilotage.putJson(path, edit.put("targetPublic", "Écrasé").encode());
    assertEquals(409, stale.status());
    Response invalid = pilotage.putJson(path, new JsonObject().put("title", "").put("version", version + 1).encode());
    assertEquals(400, invalid.status());
    assertEquals("title", invalid.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("Allocataires du RSA", pilotage.get(path).json().getString("targetPublic"));

    String pagePath = "/t/somme/programmes/pdi-pti-2022-2025/actions/" + action.getLong("id");
    Response stalePage = pilotage.postForm(pagePath, form("version", String.valueOf(version), "title", "Titre périmé"),
        "Accept", "text/html");
    assertEquals(409, stalePage.status());
    assertTrue(stalePage.body().contains("modifiée par quelqu&#39;un d&#39;autre") || stalePage.body().contains("modifiée par quelqu'un d'autre"),
        stalePage.body());
    assertTrue(stalePage.body().contains("Titre périmé"), "what was typed is kept on the page");
    Response blankPage = pilotage.postForm(pagePath, form("version", String.valueOf(version + 1), "title", " "),
        "Accept", "text/html");
    assertEquals(400, blankPage.status());
    assertTrue(blankPage.body().contains("Le titre de l&#39;action est obligatoire") || blankPage.body().contains("Le titre de l'action est obligatoire"));
    Response savedPage = pilotage.postForm(pagePath, form("version", String.valueOf(version + 1), "title", "Titre révisé",
        "indicator_name_0", "Nombre de bénéficiaires", "indicator_target_0", "120"));
    assertEquals(303, savedPage.status(), savedPage.body());
    assertEquals("Titre révisé", pilotage.get(path).json().getString("title"));
  }

  @Test
  void aTerritoryAgentEditsTheRoadmapOfTheirOwnTerritoryOnly() {
    Client agent = platform.login("somme", "agent.amiens");
    JsonObject amiens = chantierOf("amiens");
    JsonObject other = chantierOf("picardie-maritime");
    JsonObject edit = new JsonObject().put("title", amiens.getString("title")).put("description", "Revu en comité")
        .put("partners", amiens.getJsonArray("partners")).put("version", amiens.getInteger("version"));
    Response saved = agent.putJson(PROGRAMME + "/chantiers/" + amiens.getLong("id"), edit.encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals("Revu en comité", saved.json().getString("description"));
    Response refused = agent.putJson(PROGRAMME + "/chantiers/" + other.getLong("id"),
        edit.put("version", other.getInteger("version")).encode());
    assertEquals(403, refused.status());
    assertFalse(refused.body().contains("picardie-maritime") || refused.body().contains("amiens"),
        "a territory's code in the refusal people read: " + refused.body());
    assertEquals(other.getString("description"), chantierOf("picardie-maritime").getString("description"));
    assertEquals(403, agent.putJson(PROGRAMME + "/actions/" + 1, "{\"title\": \"x\", \"version\": 1}").status(),
        "a territory agent does not edit the programme's actions");
  }

  @Test
  void exportThenImportThroughTheApi() {
    Response export = auditeur.get(PROGRAMME + "/export.yaml");
    assertEquals(200, export.status());
    assertTrue(export.body().contains("\ncode: pdi-2017-2021") || export.body().contains("supersedes: pdi-2017-2021"));
    String renamed = export.body().replace("\ncode: pdi-pti-2022-2025\n", "\ncode: pdi-pti-2022-2025-copie\n");
    JsonObject files = new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "programmes/pdi-pti-2022-2025-copie.yaml").put("content", renamed)));
    assertEquals(403, auditeur.postJson("/api/tenants/somme/import", files.encode()).status());
    Response imported = pilotage.postJson("/api/tenants/somme/import", files.encode());
    assertEquals(200, imported.status(), imported.body());
    assertEquals(new JsonArray().add("pdi-pti-2022-2025-copie"), imported.json().getJsonArray("created"));
    assertEquals(66, pilotage.get("/api/tenants/somme/programmes").jsonArray().stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("code").equals("pdi-pti-2022-2025-copie")).findFirst().orElseThrow()
        .getJsonObject("counts").getInteger("actions"));
    Response referentials = pilotage.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "referentiels.yaml").put("content", "overrides: {}\nareas: []\n"))).encode());
    assertEquals(403, referentials.status(), "only an administrator replaces the référentiels");
    Response bad = admin.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "referentiels.yaml").put("content", "overrides:\n  vocabulary:\n    - code: inconnu\n      label: X\n"))).encode());
    assertEquals(400, bad.status());
    String message = bad.json().getJsonArray("errors").getJsonObject(0).getString("message");
    assertTrue(message.startsWith("referentiels.yaml, ligne 3, champ « overrides.vocabulary[1].code »"), message);
  }
}
