package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.faults.TestPluginJar;
import fr.pacte.tests.faults.plugins.HealthyModule;
import fr.pacte.tests.faults.plugins.OncePerProcessModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Installing a plugin on a running platform of two nodes: a platform operator uploads the jar to one node, and both
 * serve it without a restart (the jar is kept in PostgreSQL, a signal tells the other node). A refused jar is refused
 * with its reason in French and leaves nothing; a new version replaces the old one, which is kept for rollback;
 * removing a plugin with tables asks for confirmation and keeps its data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePluginInstallTest {

  // Another node checks the jar and runs its migrations before serving it: seconds on a loaded machine.
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final String LIVE = "live-healthy";
  private static final String WITH_TABLE = "live-notes";

  private TestPlatform first;
  private TestPlatform second;
  private TestPlatform.Client firstOperators;
  private TestPlatform.Client secondOperators;

  @BeforeAll
  void start() {
    first = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").start();
    second = first.startSecondNode();
    firstOperators = first.administrators();
    secondOperators = second.administrators();
  }

  @AfterAll
  void stop() {
    first.close();
  }

  @Test
  void aJarUploadedToOneNodeIsServedByBothWithoutRestartForTheTenantThatEnablesIt() {
    String hello = "/api/tenants/%s/modules/" + LIVE + "/hello";
    assertEquals(404, secondOperators.get(hello.formatted("somme")).status(), "not installed yet");

    TestPlatform.Response installed = upload(firstOperators, TestPluginJar.builder(LIVE).extension(HealthyModule.class)
        .bytes(), LIVE + "-1.0.0.jar");
    assertEquals(201, installed.status(), installed.body());
    assertEquals("STARTED", installed.json().getString("state"));
    assertTrue(within(() -> plugin(secondOperators, LIVE) != null), "the second node runs it within " + WITHIN);

    TestPlatform.Response enabled = secondOperators.putJson("/api/tenants/somme/plugins/" + LIVE, "{\"enabled\": true}");
    assertEquals(200, enabled.status(), enabled.body());
    assertTrue(within(() -> firstOperators.get(hello.formatted("somme")).status() == 200), "the first node serves Somme");
    assertEquals("somme", secondOperators.get(hello.formatted("somme")).json().getString("tenant"),
        "the uploaded module answers on the second node too, in Somme's scope");
    assertEquals(404, firstOperators.get(hello.formatted("allier")).status(), "and not Allier, which did not enable it");
    assertEquals(404, secondOperators.get(hello.formatted("allier")).status());

    JsonArray stored = firstOperators.get("/api/platform/plugins").json().getJsonArray("installed");
    assertTrue(stored.stream().map(JsonObject.class::cast)
        .anyMatch(jar -> LIVE.equals(jar.getString("plugin")) && "active".equals(jar.getString("state"))), stored.encode());
  }

  @Test
  void aNodeWhoseOwnCheckFailsSaysSoOnTheApiAndThePlatformPageInsteadOfOnlyLogging() {
    TestPlatform.Response installed = upload(firstOperators, TestPluginJar.builder(OncePerProcessModule.ID)
        .extension(OncePerProcessModule.class).bytes(), OncePerProcessModule.ID + "-1.0.0.jar");
    assertEquals(201, installed.status(), installed.body());
    JsonArray answered = installed.json().getJsonArray("nodes");
    assertEquals(1, answered.size(), "the answer speaks for the node that installed it only: " + answered.encode());
    assertEquals("serving", answered.getJsonObject(0).getString("state"));

    // The second node's own start fails: both nodes' API say so, with the reason in French.
    assertTrue(within(() -> activeJar(firstOperators, OncePerProcessModule.ID).getJsonArray("refusedBy").contains("node-2")),
        "the refusal reaches the first node within " + WITHIN + ": " + activeJar(firstOperators, OncePerProcessModule.ID));
    JsonObject jar = activeJar(secondOperators, OncePerProcessModule.ID);
    JsonObject refusal = jar.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> "node-2".equals(n.getString("node"))).findFirst().orElseThrow();
    assertEquals("refused", refusal.getString("state"));
    assertTrue(refusal.getString("reason").contains("a échoué à son démarrage"), refusal.encode());
    assertFalse(refusal.getString("reason").contains(OncePerProcessModule.ERROR), "the technical detail stays in the log");
    assertTrue(jar.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .anyMatch(n -> "serving".equals(n.getString("state"))), "the first node serves it: " + jar.encode());

    String page = firstOperators.get("/plateforme/modules", "Accept", "text/html").body();
    String row = page.substring(page.indexOf("id=\"version-" + OncePerProcessModule.ID + "-active\""));
    row = row.substring(0, row.indexOf("</tr>")).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    assertTrue(row.contains("Refusé refusé par le nœud node-2 : le module du plugin « " + OncePerProcessModule.ID
        + " » a échoué à son démarrage"), row);
    assertTrue(row.contains("En service sur le nœud"), row);
    assertFalse(page.contains("servi par tous les nœuds"), "never said to be served everywhere");
  }

  @Test
  void refusedJarsAreRefusedInFrenchAndLeaveNothingBehind() {
    assertRefused(TestPluginJar.builder("live-future").requires(">=2.0.0").extension(HealthyModule.class).bytes(),
        "version d'API incompatible");
    assertRefused(TestPluginJar.builder("x").garbage().bytes(), "illisible");
    assertRefused(TestPluginJar.builder("live-empty").withoutIndex().extension(HealthyModule.class).bytes(),
        "aucune extension");
    assertRefused(TestPluginJar.builder("live-open").extension(HealthyModule.class)
        .resource("db/live-open/V1__open.sql", "CREATE TABLE live_open.notes (id int PRIMARY KEY, body text);").bytes(),
        "ne sont pas isolées par département");
    for (TestPlatform.Client node : new TestPlatform.Client[] {firstOperators, secondOperators}) {
      JsonObject listing = node.get("/api/platform/plugins").json();
      for (String refused : new String[] {"live-future", "live-empty", "live-open"}) {
        assertFalse(listing.encode().contains("\"" + refused + "\""), refused + " left nothing: " + listing.encode());
      }
    }
  }

  @Test
  void aNewVersionReplacesTheOldOneOnBothNodesWhichIsKeptForRollback() {
    byte[] v1 = TestPluginJar.builder(WITH_TABLE).extension(HealthyModule.class).resource("db/" + WITH_TABLE + "/V1__notes.sql", NOTES)
        .bytes();
    assertEquals(201, upload(firstOperators, v1, "notes-1.jar").status());
    byte[] v2 = TestPluginJar.builder(WITH_TABLE).version("1.1.0").extension(HealthyModule.class)
        .resource("db/" + WITH_TABLE + "/V1__notes.sql", NOTES)
        .resource("db/" + WITH_TABLE + "/V2__note_author.sql", "ALTER TABLE live_notes.notes ADD COLUMN author text;")
        .bytes();
    TestPlatform.Response replaced = upload(secondOperators, v2, "notes-2.jar");
    assertEquals(201, replaced.status(), replaced.body());
    assertEquals("1.1.0", replaced.json().getString("version"));
    assertTrue(within(() -> version(firstOperators, WITH_TABLE).equals("1.1.0")), "the first node runs 1.1.0");
    JsonArray stored = firstOperators.get("/api/platform/plugins").json().getJsonArray("installed");
    assertTrue(stored.encode().contains("\"previous\""), "1.0.0 is kept for rollback: " + stored.encode());

    TestPlatform.Response rolledBack = firstOperators.postJson("/api/platform/plugins/" + WITH_TABLE + "/rollback", "{}");
    assertEquals(200, rolledBack.status(), rolledBack.body());
    assertEquals("1.0.0", rolledBack.json().getString("version"));
    assertTrue(within(() -> version(secondOperators, WITH_TABLE).equals("1.0.0")), "the second node runs 1.0.0 again");
  }

  @Test
  void removingAPluginWithTablesAsksForConfirmationAndKeepsTheData() {
    byte[] jar = TestPluginJar.builder("live-kept").extension(HealthyModule.class)
        .resource("db/live-kept/V1__notes.sql", NOTES.replace("live_notes", "live_kept")).bytes();
    assertEquals(201, upload(firstOperators, jar, "kept.jar").status());
    assertEquals(200, firstOperators.putJson("/api/tenants/somme/plugins/live-kept", "{\"enabled\": true}").status());
    assertTrue(within(() -> secondOperators.get("/api/tenants/somme/modules/live-kept/hello").status() == 200));

    TestPlatform.Response unconfirmed = firstOperators.delete("/api/platform/plugins/live-kept");
    assertEquals(409, unconfirmed.status(), unconfirmed.body());
    assertTrue(unconfirmed.json().getString("detail").contains("données conservées")
        || unconfirmed.json().getString("detail").contains("ses données conservées"), unconfirmed.body());
    assertEquals(200, secondOperators.get("/api/tenants/somme/modules/live-kept/hello").status(), "still served");

    assertEquals(204, firstOperators.delete("/api/platform/plugins/live-kept?confirm=true").status());
    assertTrue(within(() -> secondOperators.get("/api/tenants/somme/modules/live-kept/hello").status() == 404),
        "the second node stops serving it");
    assertEquals(404, firstOperators.get("/api/tenants/somme/modules/live-kept/hello").status());
    assertEquals(null, plugin(secondOperators, "live-kept"));
    assertEquals(201, upload(firstOperators, jar, "kept.jar").status(), "reinstalled on its kept schema");
  }

  private static final String NOTES = """
      CREATE TABLE live_notes.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id text NOT NULL, body text);
      ALTER TABLE live_notes.notes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE live_notes.notes FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON live_notes.notes
        USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
      """;

  private void assertRefused(byte[] jar, String reason) {
    TestPlatform.Response refused = upload(firstOperators, jar, "refused.jar");
    assertEquals(400, refused.status(), refused.body());
    String message = refused.json().getJsonArray("errors").getJsonObject(0).getString("message");
    assertTrue(message.startsWith("Plugin refusé : ") && message.contains(reason), message);
  }

  private static TestPlatform.Response upload(TestPlatform.Client operators, byte[] jar, String fileName) {
    return operators.postJson("/api/platform/plugins", new JsonObject().put("fileName", fileName)
        .put("content", Base64.getEncoder().encodeToString(jar)).encode());
  }

  private static JsonObject plugin(TestPlatform.Client operators, String id) {
    return operators.get("/api/platform/plugins").json().getJsonArray("plugins").stream().map(JsonObject.class::cast)
        .filter(p -> id.equals(p.getString("id"))).findFirst().orElse(null);
  }

  /** The jar in service of a plugin, as GET /api/platform/plugins lists it with what each node did with it. */
  private static JsonObject activeJar(TestPlatform.Client operators, String id) {
    return operators.get("/api/platform/plugins").json().getJsonArray("installed").stream().map(JsonObject.class::cast)
        .filter(jar -> id.equals(jar.getString("plugin")) && "active".equals(jar.getString("state"))).findFirst()
        .orElseThrow();
  }

  private static String version(TestPlatform.Client operators, String id) {
    JsonObject plugin = plugin(operators, id);
    return plugin == null ? "" : plugin.getString("version");
  }

  private static boolean within(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.get();
  }
}
