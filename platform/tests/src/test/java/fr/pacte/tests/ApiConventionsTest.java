package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Errors as problem+json, body limits, optimistic locking, audit, security headers, metrics and health. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiConventionsTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  private TestPlatform platform;
  private TestPlatform.Client admins;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Repository.builtPlugin("mobility-platform")).plugin(Repository.builtPlugin("fse-plus")).start();
    admins = platform.administrators();
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void validationErrorsListTheFieldsInFrench() {
    TestPlatform.Response response = admins.postJson("/api/tenants", "{\"slug\": \"X\", \"departementCode\": \"800\"}");
    assertEquals(400, response.status());
    assertEquals("application/problem+json", response.header("Content-Type"));
    JsonObject problem = response.json();
    assertEquals("Données invalides", problem.getString("title"));
    assertEquals(400, problem.getInteger("status"));
    JsonArray errors = problem.getJsonArray("errors");
    assertTrue(errors.stream().map(e -> ((JsonObject) e).getString("field")).toList()
        .containsAll(java.util.List.of("slug", "name", "departementCode", "branding.colour")), errors.encode());
    assertEquals(404, admins.get("/api/tenants/nulle-part").status());
  }

  @Test
  void malformedJsonAndOversizedBodiesAreRefusedClearly() {
    TestPlatform.Response malformed = admins.postJson("/api/tenants", "{not json");
    assertEquals(400, malformed.status());
    assertEquals("application/problem+json", malformed.header("Content-Type"));
    String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    TestPlatform.Response tooLarge = admins.postJson("/api/tenants", huge);
    assertEquals(413, tooLarge.status());
    assertEquals("Requête trop volumineuse", tooLarge.json().getString("title"));
  }

  @Test
  void aConcurrentChangeIsRefusedInsteadOfOverwritten() {
    String url = "/api/tenants/allier/plugins/mobility-platform";
    TestPlatform.Response first = admins.putJson(url, "{\"enabled\": true}");
    assertEquals(200, first.status(), first.body());
    int revision = first.json().getInteger("revision");
    assertEquals(200, admins.putJson(url, "{\"enabled\": false, \"revision\": " + revision + "}").status());
    TestPlatform.Response stale = admins.putJson(url, "{\"enabled\": true}", "If-Match", "\"" + revision + "\"");
    assertEquals(409, stale.status());
    assertTrue(stale.json().getString("detail").contains("modifié entre-temps"));
    JsonObject current = admins.get("/api/tenants/allier/plugins").jsonArray().stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("id").equals("mobility-platform")).findFirst().orElseThrow();
    assertFalse(current.getBoolean("enabled"), "the stale change did not overwrite the newer one");
    assertEquals(revision + 1, current.getInteger("revision"));
    assertNotNull(current.getString("changedBy"), "who changed it is recorded");
    assertNotNull(current.getString("changedAt"), "and when");
    JsonArray audit = admins.get("/api/tenants/allier/audit?limit=10").jsonArray();
    assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(event -> event.getString("action").equals("plugin.disabled")
        && event.getString("target").equals("plugin:mobility-platform") && event.getString("actor") != null
        && event.getString("occurredAt") != null), audit.encode());
    assertEquals(0, admins.get("/api/tenants/somme/audit?limit=50").jsonArray().stream().map(JsonObject.class::cast)
        .filter(event -> event.getString("action").equals("plugin.disabled")).count(), "Allier's changes are not in Somme's trail");
  }

  @Test
  void changesFromAnotherSiteAreRefused() {
    TestPlatform.Client admin = platform.login("somme", "admin");
    String page = "/t/somme/admin/modules/mobility-platform";
    TestPlatform.Response forged = admin.send("POST", page, FORM, "enabled=true&revision=0");
    assertEquals(403, forged.status(), "a form without the page's token is refused, even with a session");
    assertTrue(forged.body().contains("jeton de sécurité"));
    TestPlatform.Response wrongToken = admin.send("POST", page, FORM, "enabled=true&_csrf=" + "a".repeat(43));
    assertEquals(403, wrongToken.status());
    TestPlatform.Response matching = admin.postForm(page, "enabled=true&revision=0");
    assertEquals(303, matching.status(), "the token of the browser's own cookie is accepted");
    TestPlatform.Response plainText = admins.send("POST", "/api/tenants", "text/plain",
        "{\"slug\": \"intrus\", \"name\": \"x\", \"departementCode\": \"01\", \"branding\": {\"colour\": \"#1f4e79\"}}");
    assertEquals(415, plainText.status(), "JSON disguised as a simple cross-site request is refused");
    assertEquals(404, admins.get("/api/tenants/intrus").status());
    String cookie = platform.get("/t/somme/admin/modules", "Accept", "text/html").header("Set-Cookie");
    assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict"), cookie);
  }

  @Test
  void everyResponseCarriesSecurityHeadersAndARequestId() {
    TestPlatform.Response page = admins.get("/", "Accept", "text/html");
    assertEquals(200, page.status());
    String csp = page.header("Content-Security-Policy");
    assertTrue(csp.contains("frame-ancestors 'none'"));
    assertFalse(csp.contains("unsafe-inline"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertNotNull(page.header("X-Request-Id"));
    assertEquals("abcdef12-request", admins.get("/health/live", "X-Request-Id", "abcdef12-request").header("X-Request-Id"));
  }

  @Test
  void healthAndMetricsAreExposed() {
    assertEquals(200, admins.get("/health/live").status());
    TestPlatform.Response ready = admins.get("/health/ready");
    assertEquals(200, ready.status());
    assertEquals("UP", ready.json().getJsonObject("checks").getString("migrations"));
    admins.get("/api/tenants/somme/plugins");
    String metrics = admins.get("/metrics").body();
    assertTrue(metrics.lines().anyMatch(line -> line.startsWith("vertx_http_server_requests_total")
        && line.contains("tenant=\"somme\"") && line.contains("/api/tenants/:tenant/plugins\"")), "requests by tenant and route");
    assertTrue(metrics.contains("vertx_http_server_response_time_seconds_bucket"), "a latency histogram");
    assertTrue(metrics.contains("vertx_pool_"), "database pool metrics");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
  }

  /**
   * Every documented GET answers: with data for the administrators wherever its path names only fixed things of the
   * platform (the tenant, the plugin, a national référentiel entry); without a session, every documented GET is public
   * by design or refused with 401 before anything is looked up, whatever the identifiers. Each answer is also held to
   * the document's schemas by the test kit's client.
   */
  @Test
  void theOpenApiDocumentDescribesRoutesThatAnswer() {
    JsonObject document = admins.get("/api/openapi.json").json();
    assertTrue(document.getString("openapi").startsWith("3."));
    JsonObject paths = document.getJsonObject("paths");
    assertEquals(200, admins.putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": true}").status());
    assertEquals(200, admins.putJson("/api/tenants/somme/plugins/fse-plus", "{\"enabled\": true}").status());
    // The platform's fixed things; a référentiel's {code} is a national entry's (a programme's {code} is data).
    java.util.Map<String, String> fixed = java.util.Map.of("{tenant}", "somme", "{module}", "mobility-platform",
        "{plugin}", "mobility-platform", "{kind}/{code}", "exit-types/emploi-durable", "{kind}", "exit-types");
    int answered = 0;
    for (String path : paths.fieldNames()) {
      String concrete = concrete(path, fixed);
      if (!paths.getJsonObject(path).containsKey("get") || concrete.contains("{")) {
        continue;
      }
      int status = admins.get(concrete).status();
      assertEquals(200, status, "documented GET " + path + " answers");
      answered++;
    }
    assertTrue(answered >= 20, "most documented GETs were tried: " + answered);
    // Without a session, every documented GET is either public by design or refused with 401: never data.
    java.util.Set<String> open = java.util.Set.of("/api/tenants", "/api/tenants/{tenant}",
        "/api/tenants/{tenant}/action-types", "/api/tenants/{tenant}/offer/data-inclusion", "/health/live", "/health/ready",
        "/metrics", "/api/openapi.yaml", "/api/openapi.json", "/api/docs",
        "/api/tenants/{tenant}/conventions/open-data", "/api/tenants/{tenant}/conventions/open-data.csv");
    for (String path : paths.fieldNames()) {
      if (paths.getJsonObject(path).containsKey("get")) {
        String concrete = concrete(path, fixed).replaceAll("\\{[^}]+}", "1");
        int anonymous = platform.get(concrete).status();
        assertEquals(open.contains(path) ? 200 : 401, anonymous, "anonymous GET " + path + " (" + concrete + ")");
      }
    }
    TestPlatform.Response page = admins.get("/api/docs", "Accept", "text/html");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("/api/tenants/{tenant}/plugins/{plugin}"));
  }

  private static String concrete(String path, java.util.Map<String, String> values) {
    String concrete = path;
    // Longer names first, so that a pair such as {kind}/{code} is replaced before {kind} alone.
    for (java.util.Map.Entry<String, String> value : values.entrySet().stream()
        .sorted(java.util.Comparator.comparingInt((java.util.Map.Entry<String, String> e) -> e.getKey().length()).reversed())
        .toList()) {
      concrete = concrete.replace(value.getKey(), value.getValue());
    }
    return concrete;
  }
}
