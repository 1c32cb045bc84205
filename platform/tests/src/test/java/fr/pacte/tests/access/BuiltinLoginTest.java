package fr.pacte.tests.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in identity provider: sessions, logout, generic refusals, throttling and the audit of logins. */
class BuiltinLoginTest {

  private static TestPlatform platform;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").start();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static TestPlatform.Response attempt(TestPlatform.Client client, String tenant, String user, String password) {
    return client.postJson("/api/tenants/" + tenant + "/session",
        new JsonObject().put("username", user).put("password", password).encode());
  }

  @Test
  void aLoginOpensASessionThatLogoutCloses() {
    TestPlatform.Client client = platform.anonymous();
    TestPlatform.Response login = attempt(client, "somme", "admin", "pacte-demo");
    assertEquals(201, login.status(), login.body());
    assertEquals(List.of("tenant-administrator"), login.json().getJsonArray("roles").getList());
    String cookie = login.headers().get("Set-Cookie").stream().filter(c -> c.startsWith("pacte_session_somme="))
        .findFirst().orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Lax"), cookie);
    assertEquals(200, client.get("/api/tenants/somme/session").status());
    assertEquals(204, client.delete("/api/tenants/somme/session").status());
    assertEquals(401, client.get("/api/tenants/somme/session").status());
  }

  @Test
  void aStolenCookieIsUselessAfterLogout() {
    TestPlatform.Client client = platform.login("somme", "pilotage");
    String token = client.cookie("pacte_session_somme");
    assertEquals(204, client.delete("/api/tenants/somme/session").status());
    assertEquals(401, platform.get("/api/tenants/somme/session", "Cookie", "pacte_session_somme=" + token).status());
  }

  @Test
  void refusalsSayTheSameWhetherTheAccountExistsOrNot() {
    TestPlatform.Response wrongPassword = attempt(platform.anonymous(), "allier", "auditeur", "mauvais-mot-de-passe");
    TestPlatform.Response noSuchAccount = attempt(platform.anonymous(), "allier", "personne", "mauvais-mot-de-passe");
    TestPlatform.Response otherTenant = attempt(platform.anonymous(), "allier", "admin@somme", "pacte-demo");
    for (TestPlatform.Response refused : List.of(wrongPassword, noSuchAccount, otherTenant)) {
      assertEquals(401, refused.status());
      assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
      assertEquals("Identifiant ou mot de passe incorrect.", refused.json().getString("detail"));
    }
  }

  @Test
  void guessingIsSlowedDownPerAccountName() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, attempt(platform.anonymous(), "somme", "instructeur", "essai-" + i).status());
    }
    TestPlatform.Response blocked = attempt(platform.anonymous(), "somme", "instructeur", "pacte-demo");
    assertEquals(429, blocked.status(), "even the right password waits once the account name is throttled");
    assertTrue(blocked.json().getString("detail").contains("réessayez dans 15 minutes"));
    // The same number of tries on a name that does not exist is throttled the same way: nothing tells them apart.
    for (int i = 0; i < 5; i++) {
      attempt(platform.anonymous(), "somme", "inconnu", "essai-" + i);
    }
    assertEquals(429, attempt(platform.anonymous(), "somme", "inconnu", "x").status());
    // Another account is not affected.
    assertEquals(201, attempt(platform.anonymous(), "somme", "referent", "pacte-demo").status());
  }

  @Test
  void loginsAndFailuresAreInTheTenantsAuditTrail() {
    attempt(platform.anonymous(), "allier", "referent", "faux");
    platform.login("allier", "referent");
    TestPlatform.Response trail = platform.login("allier", "auditeur").get("/api/tenants/allier/audit?limit=50");
    assertEquals(200, trail.status());
    List<JsonObject> events = trail.jsonArray().stream().map(JsonObject.class::cast).toList();
    assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("login.failed")
        && e.getString("target").equals("account:referent")), trail.body());
    JsonObject success = events.stream().filter(e -> e.getString("action").equals("login.succeeded")
        && e.getString("target").equals("account:referent")).findFirst().orElseThrow();
    assertTrue(success.getString("actor").startsWith("allier:referent"));
    assertNotNull(success.getJsonObject("details").getString("address"));
    assertFalse(trail.body().contains("pacte-demo"), "no password in the trail");
  }

  @Test
  void theLoginPageAnswersInFrenchAndKeepsTheName() {
    TestPlatform.Client browser = platform.anonymous();
    assertEquals(200, browser.get("/t/somme/connexion", "Accept", "text/html").status());
    TestPlatform.Response refused = browser.postForm("/t/somme/connexion", "username=admin&password=faux");
    assertEquals(401, refused.status());
    assertTrue(refused.body().contains("Identifiant ou mot de passe incorrect."));
    assertTrue(refused.body().contains("value=\"admin\""), "the name typed is kept");
    TestPlatform.Response external = browser.postForm("/t/somme/connexion",
        "username=admin&password=pacte-demo&retour=https%3A%2F%2Fevil.example%2F");
    assertEquals("/t/somme/", external.header("Location"), "no redirect outside the tenant after login");
  }
}
