package fr.pacte.tests.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, through the API and the pages of the foundation, for every demonstration account of the Somme
 * (one per role, the territory agent scoped to Amiens), a platform operator and an anonymous caller. Each cell is
 * a real request; a refusal must be 401 or 403 as problem+json (or the login page), never data.
 */
class AccessMatrixTest {

  private static final String SOMME = "/api/tenants/somme";
  private static final List<String> ACCOUNTS = List.of("admin", "pilotage", "agent.amiens", "referent",
      "association", "instructeur", "auditeur");

  private static TestPlatform platform;
  private static final Map<String, TestPlatform.Client> callers = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.root().resolve("tenants")))
        .pluginsDir(Repository.root().resolve("plugins")).start();
    callers.put("anonymous", platform.anonymous());
    ACCOUNTS.forEach(account -> callers.put(account, platform.login("somme", account)));
    callers.put("operateur", platform.loginPlatform("operateur"));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  /** One protected operation and who may do it; every other caller must be refused. */
  private record Cell(String what, BiFunction<TestPlatform.Client, String, TestPlatform.Response> call,
                      List<String> allowed, int allowedStatus) {
  }

  private static List<Cell> matrix() {
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell("list the Somme's modules", (c, who) -> c.get(SOMME + "/plugins"),
        List.of("admin", "pilotage", "auditeur"), 200));
    // A stale revision: allowed callers reach the service and get 409, nothing changes.
    cells.add(new Cell("enable a module", (c, who) -> c.putJson(SOMME + "/plugins/mobility-platform",
        "{\"enabled\": false, \"revision\": 999}"), List.of("admin"), 409));
    cells.add(new Cell("read the audit trail", (c, who) -> c.get(SOMME + "/audit"), List.of("admin", "auditeur"), 200));
    cells.add(new Cell("open the Modules page", (c, who) -> c.get("/t/somme/admin/modules"),
        List.of("admin", "pilotage", "auditeur"), 200));
    cells.add(new Cell("change a module from its page", (c, who) -> c.postForm("/t/somme/admin/modules/mobility-platform",
        "enabled=false&revision=999"), List.of("admin"), 303));
    // The mobility plugin declares its own roles (PacteModule.access()); the host enforces them.
    cells.add(new Cell("read a plugin's API (roles the plugin declares)",
        (c, who) -> c.get(SOMME + "/modules/mobility-platform/solicitations"),
        List.of("admin", "pilotage", "agent.amiens", "referent", "auditeur"), 200));
    cells.add(new Cell("write to a plugin's API (roles the plugin declares)",
        (c, who) -> c.postJson(SOMME + "/modules/mobility-platform/solicitations", "{}"),
        List.of("admin", "pilotage", "agent.amiens", "referent"), 400));
    cells.add(new Cell("open a plugin's page", (c, who) -> c.get("/t/somme/modules/mobility-platform/"),
        List.of("admin", "pilotage", "agent.amiens", "referent", "auditeur"), 200));
    // Conventions: staff, territory agents (their territories), operators (their organisation) and auditors read.
    cells.add(new Cell("list the Somme's conventions", (c, who) -> c.get(SOMME + "/conventions"),
        List.of("admin", "pilotage", "agent.amiens", "association", "auditeur"), 200));
    cells.add(new Cell("open the conventions page", (c, who) -> c.get("/t/somme/conventions"),
        List.of("admin", "pilotage", "agent.amiens", "association", "auditeur"), 200));
    // An incomplete convention: allowed callers reach the validation and get 400, nothing is written.
    cells.add(new Cell("enter a convention", (c, who) -> c.postJson(SOMME + "/conventions", "{}"),
        List.of("admin", "pilotage"), 400));
    // A stale version of a programme indicator's measure: the programme manager and the administrator reach the service.
    cells.add(new Cell("say how a programme indicator is computed", (c, who) -> c.putJson(SOMME
        + "/indicators/programme/pdi-pti-2022-2025/1-3-4/1/measure", "{\"measure\": \"entries\"}", "If-Match", "\"999\""),
        List.of("admin", "pilotage"), 409));
    cells.add(new Cell("who am I in the Somme", (c, who) -> c.get(SOMME + "/session"), ACCOUNTS, 200));
    cells.add(new Cell("list installed plugins (platform)", (c, who) -> c.get("/api/plugins"), List.of("operateur"), 200));
    cells.add(new Cell("create a tenant (platform)", (c, who) -> c.postJson("/api/tenants",
        "{\"slug\": \"essai-" + who.replace('.', '-') + "\", \"name\": \"Essai\", \"departementCode\": \"2A\","
            + " \"branding\": {\"colour\": \"#1f4e79\"}}"), List.of("operateur"), 201));
    return cells;
  }

  @Test
  void everyRoleIsAllowedWhereItShouldAndRefusedElsewhere() {
    List<String> wrong = new ArrayList<>();
    for (Cell cell : matrix()) {
      assertTrue(cell.allowed().stream().allMatch(callers::containsKey), cell.what());
      callers.forEach((who, client) -> {
        TestPlatform.Response response = cell.call().apply(client, who);
        // Sessions are per realm: a tenant's account has none on the platform's routes and the reverse, hence 401.
        boolean platformCell = cell.allowed().contains("operateur");
        boolean sessionHere = !who.equals("anonymous") && who.equals("operateur") == platformCell;
        int expected = cell.allowed().contains(who) ? cell.allowedStatus() : sessionHere ? 403 : 401;
        if (response.status() != expected) {
          wrong.add(cell.what() + " as " + who + ": expected " + expected + ", got " + response.status() + " "
              + response.body().substring(0, Math.min(160, response.body().length())));
        } else if (expected == 401 || expected == 403) {
          String type = String.valueOf(response.header("Content-Type"));
          if (!type.startsWith("application/problem+json")) {
            wrong.add(cell.what() + " as " + who + ": refusal is " + type + ", not problem+json");
          }
        }
      });
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void aBrowserWithoutSessionIsSentToTheLoginPageAndComesBack() {
    TestPlatform.Response page = platform.get("/t/somme/admin/modules", "Accept", "text/html");
    assertEquals(303, page.status());
    assertEquals("/t/somme/connexion?retour=%2Ft%2Fsomme%2Fadmin%2Fmodules", page.header("Location"));
    TestPlatform.Client browser = platform.anonymous();
    browser.get("/t/somme/connexion?retour=%2Ft%2Fsomme%2Fadmin%2Fmodules");
    TestPlatform.Response login = browser.postForm("/t/somme/connexion",
        "username=admin&password=pacte-demo&retour=%2Ft%2Fsomme%2Fadmin%2Fmodules");
    assertEquals(303, login.status(), login.body());
    assertEquals("/t/somme/admin/modules", login.header("Location"));
    assertEquals(200, browser.get("/t/somme/admin/modules", "Accept", "text/html").status());
  }

  @Test
  void aSessionOfOneTenantOpensNothingInAnother() {
    TestPlatform.Client sommeAdmin = callers.get("admin");
    assertEquals(401, sommeAdmin.get("/api/tenants/allier/plugins").status());
    assertEquals(401, sommeAdmin.get("/api/tenants/allier/audit").status());
    assertEquals(401, sommeAdmin.putJson("/api/tenants/allier/plugins/mobility-platform",
        "{\"enabled\": true, \"revision\": 0}").status());
    // A platform operator holds no tenant role: tenant data stays closed to them.
    assertEquals(401, callers.get("operateur").get(SOMME + "/audit").status());
  }

  @Test
  void theTerritoryAgentsScopeIsAmiensOnly() {
    TestPlatform.Response me = callers.get("agent.amiens").get(SOMME + "/session");
    assertEquals("territory-agent", me.json().getJsonArray("roles").getString(0));
    assertEquals(List.of("amiens"), me.json().getJsonObject("scope").getJsonArray("territories").getList());
    assertEquals("association-demo", callers.get("association").get(SOMME + "/session").json()
        .getJsonObject("scope").getString("organisation"));
  }

  @Test
  void theNavigationShowsWhatTheRoleMayOpen() {
    String adminHome = callers.get("admin").get("/t/somme/", "Accept", "text/html").body();
    String agentHome = callers.get("agent.amiens").get("/t/somme/", "Accept", "text/html").body();
    assertTrue(adminHome.contains("href=\"/t/somme/admin/modules\""));
    assertTrue(!agentHome.contains("href=\"/t/somme/admin/modules\""), "a territory agent has no Modules entry");
    assertTrue(agentHome.contains("Se déconnecter"));
  }
}
