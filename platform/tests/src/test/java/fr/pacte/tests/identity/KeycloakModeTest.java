package fr.pacte.tests.identity;

import static fr.pacte.tests.identity.KeycloakFixtures.DIRECT_CLIENT;
import static fr.pacte.tests.identity.KeycloakFixtures.createDirectGrantClient;
import static fr.pacte.tests.identity.KeycloakFixtures.createUser;
import static fr.pacte.tests.identity.KeycloakFixtures.passwordGrant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.keycloak.RealmProvisioner;
import fr.pacte.testkit.KeycloakServer;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestMailServer;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Pacte with a real Keycloak: realms provisioned at start-up and for a tenant created through the API, the browser
 * login through the realm's own login page (code flow with PKCE), logout that ends the Keycloak session, bearer
 * tokens on the API, the Users page's operations carried out in the realm, and the e-mail digest of entries sent to
 * the territory agents whose accounts and addresses the realm keeps.
 */
@ExtendWith(KeycloakServer.Extension.class)
class KeycloakModeTest {

  private static final String SOMME = "kc-somme";
  private static final String ALLIER = "kc-allier";
  private static final String PASSWORD = "Mot de passe de test 2026";
  private static final String PLATFORM_CLIENT = "pacte-test-keycloak-mode";
  private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private static KeycloakServer keycloak;
  private static TestPlatform platform;
  private static TestMailServer smtp;

  @BeforeAll
  static void start(KeycloakServer server) {
    keycloak = server;
    smtp = TestMailServer.start();
    platform = TestPlatform.builder().tenantsDir(sommeWithTwoTerritories()).tenant(ALLIER, "03").keycloak(server)
        .plugin(Repository.builtPlugin("mobility-platform")).mailServer(smtp).start();
    RealmResource somme = keycloak.provisioner().tenantRealm(SOMME);
    createUser(somme, "direction", PASSWORD, List.of("tenant-administrator"), List.of(), null);
    createUser(somme, "agent-abbeville", PASSWORD, List.of("territory-agent"), List.of("picardie-maritime"), null);
    createUser(somme, "agent-amiens", PASSWORD, List.of("territory-agent"), List.of("amiens"), null);
    createUser(somme, "pilote", PASSWORD, List.of("programme-manager"), List.of(), null);
    createDirectGrantClient(somme, DIRECT_CLIENT, true);
    RealmResource platformRealm = keycloak.provisioner().admin().realm(RealmProvisioner.PLATFORM_REALM);
    createUser(platformRealm, "hebergeur", PASSWORD, List.of("platform-operator"), List.of(), null);
    // The platform realm is shared with other tests of this run: a client of this test's own.
    createDirectGrantClient(platformRealm, PLATFORM_CLIENT, true);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  /** The Somme of this test: two of its territories and the mobility platform, enough to orient someone. */
  private static Path sommeWithTwoTerritories() {
    try {
      Path tenants = Files.createTempDirectory("pacte-kc-tenants");
      Path folder = Files.createDirectories(tenants.resolve(SOMME));
      Files.writeString(folder.resolve("tenant.yaml"), """
          slug: %s
          name: Département de la Somme (Keycloak)
          departement: "80"
          branding:
            colour: "#005a87"
          territories:
            - code: picardie-maritime
              name: Picardie Maritime
            - code: amiens
              name: Amiens
          plugins:
            - id: mobility-platform
          """.formatted(SOMME));
      return tenants;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A browser: cookies of Pacte and of Keycloak, redirects followed by hand to see each step. Keycloak marks its
   * cookies Secure; browsers keep those on http://127.0.0.1 (a trustworthy origin), so this jar does too.
   */
  private static final class Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    /** name@port → {path, value} */
    private final java.util.Map<String, String[]> cookies = new java.util.LinkedHashMap<>();

    HttpResponse<String> get(String url) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
    }

    HttpResponse<String> post(String url, String form) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> json(String url) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
      HttpRequest probe = builder.copy().build();
      URI uri = probe.uri();
      String cookie = cookies.entrySet().stream()
          .filter(e -> e.getKey().endsWith("@" + uri.getPort()) && uri.getPath().startsWith(e.getValue()[0]))
          .map(e -> e.getKey().substring(0, e.getKey().lastIndexOf('@')) + "=" + e.getValue()[1])
          .collect(java.util.stream.Collectors.joining("; "));
      if (!cookie.isEmpty()) {
        builder.header("Cookie", cookie);
      }
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        String[] parts = header.split(";");
        String name = parts[0].substring(0, parts[0].indexOf('=')).trim();
        String value = parts[0].substring(parts[0].indexOf('=') + 1).trim();
        String path = "/";
        boolean gone = value.isEmpty();
        for (String attribute : parts) {
          String lower = attribute.trim().toLowerCase();
          if (lower.startsWith("path=")) {
            path = attribute.trim().substring(5);
          } else if (lower.equals("max-age=0") || lower.contains("expires=thu, 01 jan 1970") || lower.contains("expires=thu, 01-jan-1970")) {
            gone = true;
          }
        }
        String key = name + "@" + uri.getPort();
        if (gone) {
          cookies.remove(key);
        } else {
          cookies.put(key, new String[] {path, value});
        }
      }
      return response;
    }

    /** Follows redirects, as a browser does, until a page answers. */
    HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
      while (response.statusCode() / 100 == 3) {
        URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
        response = get(next.toString());
      }
      return response;
    }

    /** Fills Keycloak's login form on the page and sends it. */
    HttpResponse<String> signIn(HttpResponse<String> loginPage, String username) throws Exception {
      Matcher form = LOGIN_FORM.matcher(loginPage.body());
      assertTrue(form.find(), "Keycloak's login form is shown: " + loginPage.uri());
      String action = form.group(1).replace("&amp;", "&");
      return post(action, "username=" + username + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aPersonLogsInThroughTheRealmAndLogoutEndsTheKeycloakSessionToo() throws Exception {
    Browser browser = new Browser();
    HttpResponse<String> toKeycloak = browser.get(platform.url() + "/t/" + SOMME + "/connexion?retour=%2Ft%2F" + SOMME
        + "%2Fadmin%2Fmodules");
    assertEquals(303, toKeycloak.statusCode());
    String authorize = toKeycloak.headers().firstValue("Location").orElseThrow();
    assertTrue(authorize.startsWith(keycloak.url() + "/realms/pacte-" + SOMME + "/protocol/openid-connect/auth?"), authorize);
    assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("client_id=pacte-web"), authorize);

    HttpResponse<String> loginPage = browser.follow(toKeycloak);
    HttpResponse<String> back = browser.signIn(loginPage, "direction");
    String callback = back.headers().firstValue("Location").orElseThrow(() -> new AssertionError(back.statusCode()
        + " " + back.body().replaceAll("\\s+", " ").replaceAll(".*<body", "<body")));
    assertTrue(callback.startsWith(platform.url() + "/t/" + SOMME + "/connexion/retour?"), callback);
    HttpResponse<String> landed = browser.get(callback);
    assertEquals(303, landed.statusCode(), landed.body());
    assertEquals("/t/" + SOMME + "/admin/modules", landed.headers().firstValue("Location").orElseThrow());
    assertEquals(200, browser.get(platform.url() + "/t/" + SOMME + "/admin/modules").statusCode());
    JsonObject me = new JsonObject(browser.json(platform.url() + "/api/tenants/" + SOMME + "/session").body());
    assertEquals("direction", me.getString("username"));
    assertEquals(List.of("tenant-administrator"), me.getJsonArray("roles").getList());

    // The same callback cannot be replayed: its state served once.
    assertEquals(400, browser.get(callback).statusCode());

    String page = browser.get(platform.url() + "/t/" + SOMME + "/").body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(csrf.find());
    HttpResponse<String> logout = browser.post(platform.url() + "/t/" + SOMME + "/deconnexion", "_csrf=" + csrf.group(1));
    String endSession = logout.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError(logout.statusCode() + " " + logout.body()));
    assertTrue(endSession.startsWith(keycloak.url() + "/realms/pacte-" + SOMME + "/protocol/openid-connect/logout?"),
        endSession);
    assertTrue(endSession.contains("id_token_hint="));
    HttpResponse<String> afterLogout = browser.follow(logout);
    assertEquals(platform.url() + "/t/" + SOMME + "/", afterLogout.uri().toString());
    assertEquals(401, browser.json(platform.url() + "/api/tenants/" + SOMME + "/session").statusCode());
    // Keycloak's session is over as well: logging in again shows its login form instead of coming straight back.
    HttpResponse<String> again = browser.follow(browser.get(platform.url() + "/t/" + SOMME + "/connexion"));
    assertTrue(LOGIN_FORM.matcher(again.body()).find(), "Keycloak asks for the password again");

    List<String> actions = platform.anonymous().get("/api/tenants/" + SOMME + "/audit", "Authorization",
            "Bearer " + token(SOMME, "direction")).jsonArray().stream()
        .map(e -> ((JsonObject) e).getString("action")).toList();
    assertTrue(actions.contains("login.succeeded"), actions.toString());
  }

  @Test
  void bearerTokensOpenTheirTenantOnly() {
    String token = token(SOMME, "direction");
    assertEquals(200, platform.get("/api/tenants/" + SOMME + "/plugins", "Authorization", "Bearer " + token).status());
    TestPlatform.Response elsewhere = platform.get("/api/tenants/" + ALLIER + "/plugins", "Authorization", "Bearer " + token);
    assertEquals(401, elsewhere.status(), "a Somme token on Allier's URL");
    assertEquals("application/problem+json", elsewhere.header("Content-Type"));
    assertEquals(401, platform.get("/api/tenants/" + SOMME + "/plugins", "Authorization", "Bearer abc.def.ghi").status());
    String agent = token(SOMME, "agent-abbeville");
    assertEquals(403, platform.get("/api/tenants/" + SOMME + "/plugins", "Authorization", "Bearer " + agent).status());
    JsonObject me = platform.get("/api/tenants/" + SOMME + "/session", "Authorization", "Bearer " + agent).json();
    assertEquals(List.of("picardie-maritime"), me.getJsonObject("scope").getJsonArray("territories").getList());
    assertEquals(404, platform.postJson("/api/tenants/" + SOMME + "/session", "{\"username\": \"direction\"}").status(),
        "no password login at Pacte when Keycloak holds the accounts");
  }

  @Test
  void theUsersApiCreatesChangesAndDeactivatesUsersInTheRealm() {
    String bearer = "Bearer " + token(SOMME, "direction");
    JsonObject draft = new JsonObject().put("username", "c.leroy").put("displayName", "Claire Leroy")
        .put("roles", new JsonArray().add("referent")).put("territories", new JsonArray());
    TestPlatform.Response created = platform.postJson("/api/tenants/" + SOMME + "/users", draft.encode(),
        "Authorization", bearer);
    assertEquals(201, created.status(), created.body());
    assertTrue(created.json().getString("temporaryPassword").length() >= 12);
    String id = created.json().getJsonObject("user").getString("id");
    RealmResource realm = keycloak.provisioner().tenantRealm(SOMME);
    UserRepresentation inRealm = realm.users().get(id).toRepresentation();
    assertEquals(List.of("UPDATE_PASSWORD"), inRealm.getRequiredActions());
    assertTrue(realm.users().get(id).roles().realmLevel().listAll().stream().anyMatch(r -> r.getName().equals("referent")));

    String version = created.json().getJsonObject("user").getString("version");
    JsonObject change = draft.copy().put("roles", new JsonArray().add("operator"))
        .put("organisation", "association-demo").put("active", false).put("version", version);
    TestPlatform.Response changed = platform.putJson("/api/tenants/" + SOMME + "/users/" + id, change.encode(),
        "Authorization", bearer);
    assertEquals(200, changed.status(), changed.body());
    inRealm = realm.users().get(id).toRepresentation();
    assertFalse(inRealm.isEnabled());
    assertEquals(List.of("association-demo"), inRealm.getAttributes().get(RealmProvisioner.ORGANISATION_ATTRIBUTE));
    assertTrue(realm.users().get(id).roles().realmLevel().listAll().stream().noneMatch(r -> r.getName().equals("referent")),
        "the role taken away is gone from the realm");
    assertEquals(409, platform.putJson("/api/tenants/" + SOMME + "/users/" + id, change.encode(), "Authorization", bearer)
        .status(), "the version read before the change is stale");
    assertTrue(platform.get("/api/tenants/" + SOMME + "/users", "Authorization", bearer).body().contains("c.leroy"));
  }

  @Test
  void aTenantCreatedByAPlatformOperatorGetsItsRealmAndFirstAdministrator() {
    String operator = passwordGrant(keycloak, RealmProvisioner.PLATFORM_REALM, PLATFORM_CLIENT, "hebergeur", PASSWORD)
        .accessToken();
    TestPlatform.Response created = platform.postJson("/api/tenants", """
        {"slug": "kc-cantal", "name": "Département du Cantal", "departementCode": "15",
         "branding": {"colour": "#1f4e79"}}""", "Authorization", "Bearer " + operator);
    assertEquals(201, created.status(), created.body());
    JsonObject first = created.json().getJsonObject("firstAdministrator");
    assertEquals("admin", first.getString("username"));
    assertNotNull(first.getString("temporaryPassword"));
    assertTrue(keycloak.provisioner().isActive("kc-cantal"));
    assertEquals(401, platform.postJson("/api/tenants", "{}", "Authorization", "Bearer " + token(SOMME, "direction"))
        .status(), "a tenant's token is no platform token");

    // Deactivating the tenant disables its realm; reactivating enables it again.
    assertEquals(200, platform.putJson("/api/platform/tenants/kc-cantal/status", "{\"active\": false}",
        "Authorization", "Bearer " + operator).status());
    assertFalse(keycloak.provisioner().isActive("kc-cantal"));
    assertEquals(404, platform.get("/t/kc-cantal/").status());
    assertEquals(200, platform.putJson("/api/platform/tenants/kc-cantal/status", "{\"active\": true}",
        "Authorization", "Bearer " + operator).status());
    assertTrue(keycloak.provisioner().isActive("kc-cantal"));
  }

  @Test
  void anEntryInAmiensIsMailedToTheAmiensAgentOfTheRealmAndNotToThePicardieMaritimeAgent() {
    String pilot = "Bearer " + token(SOMME, "pilote");
    String api = "/api/tenants/" + SOMME;
    TestPlatform.Response offer = platform.postJson(api + "/offer", new JsonObject().put("actionType", "plateforme-mobilite-solidaire")
        .put("organisation", "association-demo").put("title", "Plateforme mobilité solidaire d'Amiens")
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 3))).encode(),
        "Authorization", pilot);
    assertEquals(201, offer.status(), offer.body());
    TestPlatform.Response person = platform.postJson(api + "/persons", new JsonObject().put("familyName", "Annoncee")
        .put("firstNames", "Maxime").put("birthDate", "1987-03-09").put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
        .put("referent", new JsonObject().put("username", "referent").put("name", "Référent de parcours")
            .put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode(),
        "Authorization", pilot);
    assertEquals(201, person.status(), person.body());
    TestPlatform.Response oriented = platform.postJson(api + "/orientations", new JsonObject()
        .put("person", person.json().getString("id")).put("offer", offer.json().getString("id")).put("territory", "amiens")
        .put("prescriberKind", "departement").encode(), "Authorization", pilot);
    assertEquals(201, oriented.status(), oriented.body());
    TestPlatform.Response accepted = platform.postJson(api + "/orientations/" + oriented.json().getString("id") + "/accept",
        new JsonObject().put("entryDate", "2026-02-02").put("version", oriented.json().getInteger("version")).encode(),
        "Authorization", pilot);
    assertEquals(200, accepted.status(), accepted.body());

    // The addresses are the realm's: Pacte keeps no account of these agents.
    assertTrue(platform.pacte().pathways().digest().send().await() >= 1);
    TestMailServer.Received mail = smtp.awaitTo("agent-amiens@example.org", Duration.ofSeconds(30))
        .orElseThrow(() -> new AssertionError("no digest for the Amiens agent: " + smtp.received()));
    assertTrue(mail.body().contains("ANNONCEE Maxime") && mail.subject().contains("territoire Amiens"), mail.subject() + mail.body());
    // The demonstration entries of Picardie Maritime may reach its agent; this one, in Amiens, does not.
    assertTrue(smtp.received().stream().filter(m -> m.to().contains("agent-abbeville@example.org"))
        .noneMatch(m -> m.body().contains("ANNONCEE")), () -> "the agent of Picardie Maritime hears nothing of an entry in Amiens: "
        + smtp.received());
    assertEquals(0, platform.pacte().pathways().digest().send().await(), "an entry is mailed once");
  }

  private static String token(String tenant, String username) {
    return passwordGrant(keycloak, "pacte-" + tenant, DIRECT_CLIENT, username, PASSWORD).accessToken();
  }
}
