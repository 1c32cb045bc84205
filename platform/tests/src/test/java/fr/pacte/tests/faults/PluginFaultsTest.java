package fr.pacte.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Response;
import fr.pacte.tests.faults.plugins.CrossTenantModule;
import fr.pacte.tests.faults.plugins.FailingAtStartModule;
import fr.pacte.tests.faults.plugins.HealthyModule;
import fr.pacte.tests.faults.plugins.ThrowingRouteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Plugin faults: nothing a plugin jar or a plugin's code does stops the platform or reaches another plugin or
 * another tenant. One platform with good, failing, refused and malicious plugins for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginFaultsTest {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String UNISOLATED = "faults-unisolated";

  private Path pluginsDir;
  private TestPlatform platform;
  private TestPlatform.Client admins;

  @BeforeAll
  void start() throws IOException {
    pluginsDir = Files.createTempDirectory("pacte-faults-plugins-");
    TestPluginJar.builder(HealthyModule.ID).extension(HealthyModule.class).writeTo(pluginsDir, "healthy.jar");
    TestPluginJar.builder(ThrowingRouteModule.ID).extension(ThrowingRouteModule.class).writeTo(pluginsDir, "throwing.jar");
    TestPluginJar.builder(FailingAtStartModule.ID).extension(FailingAtStartModule.class).writeTo(pluginsDir, "failing-start.jar");
    TestPluginJar.builder(CrossTenantModule.ID).extension(CrossTenantModule.class).writeTo(pluginsDir, "cross-tenant.jar");
    // A table without the tenant and without row-level security: refused after migrating.
    TestPluginJar.builder(UNISOLATED).extension(HealthyModule.class)
        .resource("db/" + UNISOLATED + "/V1__open_notes.sql", "CREATE TABLE faults_unisolated.notes (id int PRIMARY KEY, body text);")
        .writeTo(pluginsDir, "unisolated.jar");
    // Refused jars.
    TestPluginJar.builder(null).extension(HealthyModule.class).writeTo(pluginsDir, "no-plugin-id.jar");
    TestPluginJar.builder("faults-no-manifest").withoutManifest().extension(HealthyModule.class)
        .writeTo(pluginsDir, "no-manifest.jar");
    TestPluginJar.builder("x").garbage().writeTo(pluginsDir, "x.jar");
    TestPluginJar.builder("faults-future-api").requires(">=2.0.0").extension(HealthyModule.class)
        .writeTo(pluginsDir, "future-api.jar");
    // Sorted after healthy.jar, so the first one wins and this one is the duplicate.
    TestPluginJar.builder(HealthyModule.ID).version("9.9.9").extension(HealthyModule.class)
        .writeTo(pluginsDir, "zz-healthy-duplicate.jar");

    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").pluginsDir(pluginsDir).start();
    admins = platform.administrators();
  }

  @AfterAll
  void stop() throws IOException {
    if (platform != null) {
      platform.close();
    }
    if (pluginsDir != null) {
      try (Stream<Path> files = Files.walk(pluginsDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  // ---------------------------------------------------------------- start-up and refused jars

  @Test
  void platformIsReadyDespiteBadPlugins() {
    Response ready = admins.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("UP", ready.json().getString("status"));
    assertEquals(200, admins.get("/t/somme/").status());
    assertEquals(200, admins.get("/t/allier/").status());
  }

  @Test
  void refusedJarsAreListedWithTheirFileAndReason() {
    Response response = admins.get("/api/plugins");
    assertEquals(200, response.status(), response.body());
    JsonArray refused = response.json().getJsonArray("refused");
    assertNotNull(refused, response.body());

    assertRefused(refused, "no-plugin-id.jar", "pas de descripteur");
    assertRefused(refused, "no-manifest.jar", "pas de descripteur");
    assertRefused(refused, "x.jar", "illisible");
    assertRefused(refused, "future-api.jar", "version d'API incompatible");
    assertRefused(refused, "zz-healthy-duplicate.jar", "identifiant en double");
    assertEquals(5, refused.size(), "only the bad jars are refused: " + refused.encodePrettily());

    // The incompatible plugin says what it requires.
    assertTrue(refusal(refused, "future-api.jar").getString("reason").contains(">=2.0.0"), refused.encodePrettily());
  }

  @Test
  void goodPluginsAreInstalledAndTheFirstOfADuplicateIdWins() {
    JsonArray installed = admins.get("/api/plugins").json().getJsonArray("plugins");
    List<String> ids = installed.stream().map(p -> ((JsonObject) p).getString("id")).toList();
    assertEquals(5, ids.size(), installed.encodePrettily());
    assertTrue(ids.containsAll(List.of(HealthyModule.ID, ThrowingRouteModule.ID, FailingAtStartModule.ID, CrossTenantModule.ID)),
        ids.toString());
    JsonObject healthy = plugin(installed, HealthyModule.ID);
    assertEquals("1.0.0", healthy.getString("version"), "the duplicate (9.9.9) must not replace the first jar");
    assertEquals("STARTED", healthy.getString("state"));
    assertEquals("STARTED", plugin(installed, CrossTenantModule.ID).getString("state"));
  }

  @Test
  void everyPluginJarGetsItsOwnModule() {
    // Each jar's extension index must be read, not only the first plugin's: otherwise a later plugin silently
    // runs with an empty default module (no routes, and a start() that never throws).
    enable("somme", HealthyModule.ID);
    enable("somme", ThrowingRouteModule.ID);
    enable("somme", CrossTenantModule.ID);
    for (String route : List.of(HealthyModule.ID + "/hello", ThrowingRouteModule.ID + "/ok", CrossTenantModule.ID + "/probe")) {
      Response response = admins.get("/api/tenants/somme/modules/" + route);
      assertEquals(200, response.status(), "module route " + route + " is served: " + response.body());
    }
    Response page = admins.get("/t/somme/modules/" + HealthyModule.ID + "/");
    assertEquals(200, page.status(), page.body());
    assertEquals("Module sain pour somme", page.body());
  }

  // ---------------------------------------------------------------- failure at start

  @Test
  void pluginFailingAtStartIsKeptAsFailedWithItsError() {
    JsonObject failing = plugin(admins.get("/api/plugins").json().getJsonArray("plugins"), FailingAtStartModule.ID);
    assertEquals("FAILED_AT_START", failing.getString("state"), failing.encodePrettily());
    assertNotNull(failing.getString("error"), failing.encodePrettily());
    assertTrue(failing.getString("error").contains(FailingAtStartModule.ERROR), failing.encodePrettily());

    JsonObject forSomme = plugin(admins.get("/api/tenants/somme/plugins").jsonArray(), FailingAtStartModule.ID);
    assertEquals("FAILED_AT_START", forSomme.getString("state"));
    assertFalse(forSomme.getBoolean("enabled"));
  }

  @Test
  void pluginFailingAtStartCannotBeEnabled() {
    for (String tenant : List.of("somme", "allier")) {
      Response response = admins.putJson("/api/tenants/" + tenant + "/plugins/" + FailingAtStartModule.ID, "{\"enabled\":true}");
      assertEquals(409, response.status(), response.body());
      assertTrue(response.header("Content-Type").startsWith(PROBLEM_JSON), response.header("Content-Type"));
      JsonObject problem = response.json();
      assertEquals(409, problem.getInteger("status"));
      assertTrue(problem.getString("detail").contains(FailingAtStartModule.ID), problem.encodePrettily());
      assertFalse(plugin(admins.get("/api/tenants/" + tenant + "/plugins").jsonArray(), FailingAtStartModule.ID)
          .getBoolean("enabled"));
    }
  }

  @Test
  void routesOfAPluginFailingAtStartAnswer404ForEveryTenant() {
    for (String tenant : List.of("somme", "allier")) {
      Response api = admins.get("/api/tenants/" + tenant + "/modules/" + FailingAtStartModule.ID + "/hello");
      assertEquals(404, api.status(), api.body());
      assertTrue(api.header("Content-Type").startsWith(PROBLEM_JSON), api.header("Content-Type"));
      Response page = admins.get("/t/" + tenant + "/modules/" + FailingAtStartModule.ID + "/");
      assertEquals(404, page.status(), page.body());
    }
  }

  // ---------------------------------------------------------------- failure in a handler

  @Test
  void aThrowingHandlerAnswers500WithoutLeakingAndMarksThePluginFailing() {
    enable("somme", ThrowingRouteModule.ID);
    enable("somme", HealthyModule.ID);

    Response boom = admins.get("/api/tenants/somme/modules/" + ThrowingRouteModule.ID + "/boom");
    assertEquals(500, boom.status(), boom.body());
    assertTrue(boom.header("Content-Type").startsWith(PROBLEM_JSON), boom.header("Content-Type"));
    assertEquals(500, boom.json().getInteger("status"));
    assertNoLeak(boom.body());

    JsonObject throwing = plugin(admins.get("/api/tenants/somme/plugins").jsonArray(), ThrowingRouteModule.ID);
    assertEquals("FAILING", throwing.getString("state"), throwing.encodePrettily());
    assertEquals("En échec", throwing.getString("stateLabel"));
    assertNotNull(throwing.getString("error"), throwing.encodePrettily());
    assertTrue(throwing.getString("error").contains(ThrowingRouteModule.SECRET), throwing.encodePrettily());
    assertTrue(throwing.getBoolean("enabled"), "a failing plugin stays enabled");

    // The plugin's other routes still answer.
    Response ok = admins.get("/api/tenants/somme/modules/" + ThrowingRouteModule.ID + "/ok");
    assertEquals(200, ok.status(), ok.body());
    assertEquals("somme", ok.json().getString("tenant"));

    // Other plugins are unaffected.
    Response healthy = admins.get("/api/tenants/somme/modules/" + HealthyModule.ID + "/hello");
    assertEquals(200, healthy.status(), healthy.body());
    assertEquals("somme", healthy.json().getString("tenant"));
    assertEquals("STARTED", plugin(admins.get("/api/plugins").json().getJsonArray("plugins"), HealthyModule.ID)
        .getString("state"));

    // Other tenants are unaffected: the plugin is not enabled there, the platform pages answer.
    Response allierBoom = admins.get("/api/tenants/allier/modules/" + ThrowingRouteModule.ID + "/boom");
    assertEquals(404, allierBoom.status(), allierBoom.body());
    assertEquals(404, admins.get("/api/tenants/allier/modules/" + ThrowingRouteModule.ID + "/ok").status());
    assertEquals(200, admins.get("/t/allier/").status());
    assertEquals(200, admins.get("/t/somme/").status());
    assertEquals(200, admins.get("/health/ready").status());
  }

  @Test
  void aThrowingPageHandlerAnswersAnErrorPageWithoutLeaking() {
    enable("somme", ThrowingRouteModule.ID);
    Response page = admins.get("/t/somme/modules/" + ThrowingRouteModule.ID + "/boom", "Accept", "text/html");
    assertEquals(500, page.status(), page.body());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertNoLeak(page.body());
  }

  @Test
  void reEnablingAFailingPluginClearsItsFailure() {
    enable("somme", ThrowingRouteModule.ID);
    assertEquals(500, admins.get("/api/tenants/somme/modules/" + ThrowingRouteModule.ID + "/boom").status());
    assertEquals("FAILING", plugin(admins.get("/api/tenants/somme/plugins").jsonArray(), ThrowingRouteModule.ID)
        .getString("state"));
    enable("somme", ThrowingRouteModule.ID);
    assertEquals("STARTED", plugin(admins.get("/api/tenants/somme/plugins").jsonArray(), ThrowingRouteModule.ID)
        .getString("state"));
  }

  @Test
  void aPluginWhoseTablesAreNotIsolatedIsRefusedInFrenchOnTheModulesPageAndInDetailForTheOperator() {
    JsonObject operatorView = plugin(admins.get("/api/plugins").json().getJsonArray("plugins"), UNISOLATED);
    assertEquals("FAILED_AT_START", operatorView.getString("state"), operatorView.encodePrettily());
    assertTrue(operatorView.getString("error").contains("faults_unisolated"), "the operator reads which schema: "
        + operatorView.encodePrettily());

    String row = row(admins.get("/t/somme/admin/modules", "Accept", "text/html").body(), UNISOLATED);
    String shown = row.substring(0, row.indexOf("<details class=\"technical\"", row.indexOf("error-detail")));
    assertTrue(shown.contains("ses tables ne sont pas isolées par département"), shown);
    assertFalse(shown.contains("IllegalStateException"), "no English internals in what the administrator reads: " + shown);
    assertFalse(shown.contains("tables not isolated"), shown);

    Response enabling = admins.putJson("/api/tenants/somme/plugins/" + UNISOLATED, "{\"enabled\":true}");
    assertEquals(409, enabling.status(), enabling.body());
    assertTrue(enabling.json().getString("detail").contains("ne sont pas isolées par département"), enabling.body());
    assertFalse(enabling.body().contains("IllegalStateException"), enabling.body());
  }

  @Test
  void modulesPageShowsFailedPluginsWithTheirErrorAndTheRefusedFiles() {
    enable("somme", ThrowingRouteModule.ID);
    assertEquals(500, admins.get("/api/tenants/somme/modules/" + ThrowingRouteModule.ID + "/boom").status());

    Response page = admins.get("/t/somme/admin/modules", "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    String html = page.body();

    String throwingRow = row(html, ThrowingRouteModule.ID);
    assertTrue(throwingRow.contains("En échec"), throwingRow);
    assertTrue(throwingRow.contains("boom-secret-detail"), throwingRow);

    String failingRow = row(html, FailingAtStartModule.ID);
    assertTrue(failingRow.contains("En échec au démarrage"), failingRow);
    assertTrue(failingRow.contains("start-failure-marker"), failingRow);

    String healthyRow = row(html, HealthyModule.ID);
    assertFalse(healthyRow.contains("En échec"), healthyRow);

    for (String file : List.of("no-plugin-id.jar", "no-manifest.jar", "x.jar", "future-api.jar", "zz-healthy-duplicate.jar")) {
      assertTrue(html.contains(file), "refused file " + file + " is shown");
    }
  }

  // ---------------------------------------------------------------- tenant isolation of plugin code

  @Test
  void aPluginCannotReadWriteOrSwitchToAnotherTenant() throws SQLException {
    // Allier has rows of its own in platform.tenant_plugin.
    enable("allier", HealthyModule.ID);
    JsonObject allierHealthy = plugin(admins.get("/api/tenants/allier/plugins").jsonArray(), HealthyModule.ID);
    assertTrue(allierHealthy.getBoolean("enabled"), allierHealthy.encodePrettily());
    assertTrue(allierRowsSeenByAllier() > 0, "allier has a row in platform.tenant_plugin");

    enable("somme", CrossTenantModule.ID);
    Response probe = admins.get("/api/tenants/somme/modules/" + CrossTenantModule.ID + "/probe");
    assertEquals(200, probe.status(), probe.body());
    JsonObject report = probe.json();
    assertEquals("somme", report.getString("tenant"));
    assertTrue(report.getLong("ownRows") > 0, "the plugin sees its own tenant's rows: " + report.encodePrettily());
    assertEquals(0L, report.getLong("foreignRows"), "no Allier row visible: " + report.encodePrettily());

    JsonObject insert = report.getJsonObject("foreignInsert");
    assertFalse(insert.getBoolean("succeeded"), report.encodePrettily());
    assertEquals("42501", insert.getString("sqlState"), "row-level security refuses the row: " + report.encodePrettily());

    JsonObject switchTenant = report.getJsonObject("switchTenant");
    assertFalse(switchTenant.getBoolean("succeeded"), report.encodePrettily());
    assertEquals("IllegalArgumentException", switchTenant.getString("error"), report.encodePrettily());
    assertTrue(switchTenant.getString("message").startsWith("Statement refused"), report.encodePrettily());
    assertEquals(null, switchTenant.getString("sqlState"), "refused before reaching the database");

    // The plugin is not marked as failing for attempts the platform refused.
    assertEquals("STARTED", plugin(admins.get("/api/tenants/somme/plugins").jsonArray(), CrossTenantModule.ID)
        .getString("state"));
    // And nothing was written for Allier.
    assertEquals(0, auditEventsSeenByAllier("y"));
  }

  // ---------------------------------------------------------------- helpers

  private void enable(String tenant, String pluginId) {
    Response response = admins.putJson("/api/tenants/" + tenant + "/plugins/" + pluginId, "{\"enabled\":true}");
    assertEquals(200, response.status(), "enable " + pluginId + " for " + tenant + ": " + response.body());
    assertTrue(response.json().getBoolean("enabled"), response.body());
  }

  private static void assertRefused(JsonArray refused, String file, String reason) {
    JsonObject refusal = refusal(refused, file);
    assertTrue(refusal.getString("reason").contains(reason),
        file + " should be refused for « " + reason + " »: " + refusal.encodePrettily());
  }

  private static JsonObject refusal(JsonArray refused, String file) {
    return refused.stream().map(JsonObject.class::cast).filter(r -> file.equals(r.getString("file"))).findFirst()
        .orElseThrow(() -> new AssertionError(file + " is not listed as refused: " + refused.encodePrettily()));
  }

  private static JsonObject plugin(JsonArray plugins, String id) {
    return plugins.stream().map(JsonObject.class::cast).filter(p -> id.equals(p.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not listed: " + plugins.encodePrettily()));
  }

  private static void assertNoLeak(String body) {
    assertFalse(body.contains("hunter2"), body);
    assertFalse(body.contains("boom-secret-detail"), body);
    assertFalse(body.contains("IllegalStateException"), body);
    assertFalse(body.contains("at fr.pacte"), body);
  }

  /** The {@code <tr id="module-...">} row of the Modules page. */
  private static String row(String html, String pluginId) {
    int start = html.indexOf("id=\"module-" + pluginId + "\"");
    assertTrue(start >= 0, "no row for " + pluginId + " in\n" + html);
    int end = html.indexOf("</tr>", start);
    return html.substring(start, end);
  }

  private long allierRowsSeenByAllier() throws SQLException {
    return countAsAllier("SELECT count(*) FROM platform.tenant_plugin");
  }

  private long auditEventsSeenByAllier(String action) throws SQLException {
    return countAsAllier("SELECT count(*) FROM platform.audit_event WHERE action = '" + action + "'");
  }

  /** Counts as the application role in an Allier transaction, the way the platform binds a tenant. */
  private long countAsAllier(String sql) throws SQLException {
    DatabaseSettings db = platform.pacte().node().database();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword())) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT set_config('pacte.tenant_id', 'allier', true)");
        try (ResultSet rows = statement.executeQuery(sql)) {
          rows.next();
          long count = rows.getLong(1);
          connection.rollback();
          return count;
        }
      }
    }
  }
}
