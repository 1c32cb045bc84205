package fr.pacte.tests.access;

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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant administrator manages users with the built-in provider: create and invite, scope, deactivate, audit. */
class UsersTest {

  private static final String USERS = "/api/tenants/somme/users";
  private static TestPlatform platform;
  private static TestPlatform.Client admin;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.root().resolve("tenants"))).start();
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static JsonObject newAgent(String username) {
    return new JsonObject().put("username", username).put("displayName", "Camille Martin")
        .put("email", username + "@somme.example").put("roles", new JsonArray().add("territory-agent"))
        .put("territories", new JsonArray().add("cinq-vallees"));
  }

  @Test
  void anInvitedUserChoosesAPasswordAndLogsInWithTheScopeGiven() {
    TestPlatform.Response created = admin.postJson(USERS, newAgent("c.martin").encode());
    assertEquals(201, created.status(), created.body());
    String invitation = created.json().getString("invitation");
    assertTrue(invitation.startsWith("/t/somme/invitation/"), invitation);

    TestPlatform.Client newcomer = platform.anonymous();
    assertEquals(200, newcomer.get(invitation, "Accept", "text/html").status());
    TestPlatform.Response tooShort = newcomer.postForm(invitation, "password=court&confirmation=court");
    assertEquals(400, tooShort.status());
    assertTrue(tooShort.body().contains("au moins 12 caractères"));
    String password = "Un mot de passe assez long";
    String form = "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&confirmation="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    assertEquals(303, newcomer.postForm(invitation, form).status());
    assertEquals(404, newcomer.get(invitation, "Accept", "text/html").status(), "an invitation serves once");

    JsonObject me = platform.login("somme", "c.martin", password).get("/api/tenants/somme/session").json();
    assertEquals(List.of("territory-agent"), me.getJsonArray("roles").getList());
    assertEquals(List.of("cinq-vallees"), me.getJsonObject("scope").getJsonArray("territories").getList());
  }

  @Test
  void badInputIsRefusedFieldByFieldAndNothingIsCreated() {
    JsonObject wrong = newAgent("Pas Valide!").put("roles", new JsonArray().add("platform-operator"))
        .put("territories", new JsonArray().add("lille")).put("email", "pas-une-adresse");
    TestPlatform.Response refused = admin.postJson(USERS, wrong.encode());
    assertEquals(400, refused.status());
    List<String> fields = refused.json().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("username", "roles", "territories", "email")), fields.toString());
    assertFalse(admin.get(USERS).body().contains("Pas Valide"));
    assertEquals(409, admin.postJson(USERS, newAgent("admin").encode()).status(), "an existing username is refused");
    TestPlatform.Response operatorWithoutOrganisation = admin.postJson(USERS, new JsonObject().put("username", "asso2")
        .put("displayName", "Asso").put("roles", new JsonArray().add("operator")).encode());
    assertEquals("organisation", operatorWithoutOrganisation.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aRoleChangeOnAStaleVersionIsRefusedAndADeactivationEndsTheSessions() {
    JsonObject user = admin.postJson(USERS, newAgent("d.durand").encode()).json().getJsonObject("user");
    String url = USERS + "/" + user.getString("id");
    JsonObject change = newAgent("d.durand").put("territories", new JsonArray().add("amiens").add("cinq-vallees"));
    TestPlatform.Response changed = admin.putJson(url, change.copy().put("version", user.getString("version")).encode());
    assertEquals(200, changed.status(), changed.body());
    TestPlatform.Response stale = admin.putJson(url, change.copy().put("territories", new JsonArray().add("amiens"))
        .put("version", user.getString("version")).encode());
    assertEquals(409, stale.status(), "the second editor read an older version");
    assertEquals(2, admin.get(url).json().getJsonArray("territories").size(), "the newer change was kept");

    // The demonstration referent is signed in; deactivating them ends their session at once.
    TestPlatform.Client referent = platform.login("somme", "referent");
    JsonObject referentUser = admin.get(USERS).jsonArray().stream().map(JsonObject.class::cast)
        .filter(u -> u.getString("username").equals("referent")).findFirst().orElseThrow();
    JsonObject deactivate = referentUser.copy().put("active", false);
    assertEquals(200, admin.putJson(USERS + "/" + referentUser.getString("id"), deactivate.encode(),
        "If-Match", "\"" + referentUser.getString("version") + "\"").status());
    assertEquals(401, referent.get("/api/tenants/somme/session").status());
    TestPlatform.Response again = platform.anonymous().postJson("/api/tenants/somme/session",
        new JsonObject().put("username", "referent").put("password", "pacte-demo").encode());
    assertEquals(401, again.status(), "a deactivated account cannot log in");

    List<String> actions = admin.get("/api/tenants/somme/audit?limit=100").jsonArray().stream()
        .map(e -> ((JsonObject) e).getString("action")).toList();
    assertTrue(actions.containsAll(List.of("user.created", "user.access-changed", "user.deactivated")), actions.toString());
  }

  @Test
  void theUsersPageCreatesAUserAndShowsErrorsNextToTheFields() {
    TestPlatform.Response page = admin.get("/t/somme/admin/utilisateurs", "Accept", "text/html");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("agent.amiens") && page.body().contains("Territoire : Amiens"));
    TestPlatform.Response invalid = admin.postForm("/t/somme/admin/utilisateurs",
        "username=e.petit&displayName=&roles=territory-agent");
    assertEquals(400, invalid.status());
    assertTrue(invalid.body().contains("id=\"displayName-error\""), "the message is next to the name field");
    assertTrue(invalid.body().contains("Un agent de territoire travaille sur au moins un territoire"));
    assertTrue(invalid.body().contains("value=\"e.petit\""), "what was typed is kept");
    TestPlatform.Response created = admin.postForm("/t/somme/admin/utilisateurs",
        "username=e.petit&displayName=Emma+Petit&roles=referent&territories=amiens");
    assertEquals(201, created.status());
    assertTrue(created.body().contains("/t/somme/invitation/"), "the invitation link is shown once");
    assertEquals(403, platform.login("somme", "pilotage").get("/t/somme/admin/utilisateurs").status());
  }
}
