package fr.pacte.tests.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless input through the real server: control characters anywhere a request carries text,
 * over-long values, values of the wrong type, malformed identifiers, YAML bombs, dangling references and a race on
 * a unique identifier. Each is a 4xx problem naming the field (or a French page), never a 500, and nothing is
 * half-written.
 */
class BadInputTest {

  private static final String ORGANISATIONS = "/api/tenants/somme/organisations";
  private static final String PROGRAMME = "/api/tenants/somme/programmes/pdi-pti-2022-2025";
  private static final String CONTROL = "Ce texte contient un caractère de contrôle ou invisible non autorisé.";
  private static final String MEGABYTE = "a".repeat(1024 * 1024 - 200);
  private static TestPlatform platform;
  private static Client admin;
  private static Client operator;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    admin = platform.login("somme", "admin");
    operator = platform.loginPlatform("operateur");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static JsonObject organisation(String name) {
    return new JsonObject().put("name", name).put("siret", "130 030 133 00016").put("legalForm", "Association loi 1901")
        .put("address", new JsonObject().put("street", "12 rue des Jacobins").put("postalCode", "80000").put("city", "Amiens"))
        .put("territories", new JsonArray().add("amiens"));
  }

  /** A 400 problem+json whose errors name {@code field}. */
  private static void assertFieldRefused(Response response, String field) {
    assertEquals(400, response.status(), response.body());
    assertProblemNaming(response, field);
  }

  private static void assertProblemNaming(Response response, String field) {
    assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/problem+json"), response.body());
    JsonArray errors = response.json().getJsonArray("errors");
    assertTrue(errors != null && errors.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("field").equals(field)),
        "errors should name " + field + ": " + response.body());
  }

  private static String form(String... pairs) {
    List<String> encoded = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      encoded.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", encoded);
  }

  @Test
  void aNulOrControlCharacterInAnyJsonTextIsRefusedNamingTheField() {
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Nul\u0000part").encode()), "name");
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Cloche\u0007").encode()), "name");
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Association Escape")
        .put("address", new JsonObject().put("city", "Ami\u001bens")).encode()), "address.city");
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Association C1 \u0085").encode()), "name");
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Retour\nà la ligne").encode()), "name");
    assertEquals(404, admin.get(ORGANISATIONS + "/nulpart").status(), "nothing was written");
  }

  @Test
  void aNulInAPageFormIsRefusedWithAFrenchPageNamingTheField() {
    Response page = admin.postForm("/t/somme/organisations", form("name", "Nul\u0000part", "siret", "13003013300016",
        "address.city", "Amiens", "legalForm", "Association loi 1901"), "Accept", "text/html");
    assertEquals(400, page.status(), page.body());
    assertTrue(page.body().contains("id=\"name-error\">" + CONTROL), "the message is next to the field: " + page.body());
    assertTrue(page.body().contains("aria-invalid=\"true\""), page.body());
    for (String typed : List.of("13003013300016", "Amiens", "Association loi 1901")) {
      assertTrue(page.body().contains("value=\"" + typed + "\""), "the other fields keep what was typed: " + typed);
    }
    assertEquals(404, admin.get(ORGANISATIONS + "/nulpart").status(), "nothing was written");
  }

  /** The same on every kind of page form: the form again, the French message next to the field, the input kept. */
  @Test
  void aControlCharacterInAnyPageFormIsShownNextToItsFieldWithWhatWasTyped() {
    Client pilot = platform.login("somme", "pilotage");
    Response call = pilot.postForm("/t/somme/appels", form("title", "Appel\u0007", "thematic", "Insertion",
        "deadlineDay", "2031-02-01"), "Accept", "text/html");
    assertEquals(400, call.status(), call.body());
    assertTrue(call.body().contains("id=\"title-error\">" + CONTROL), call.body());
    assertTrue(call.body().contains("value=\"Insertion\""), "the thematic typed is kept");

    Response offer = pilot.postForm("/t/somme/offre/catalogue", form("actionType", "mobility-platform",
        "organisation", "association-demo", "title", "Ateliers\u0000", "location", "Amiens centre",
        "periodStart", "2026-01-05", "periodEnd", "2026-12-18"), "Accept", "text/html");
    assertEquals(400, offer.status(), offer.body());
    assertTrue(offer.body().contains("id=\"title-error\">" + CONTROL), offer.body());
    assertTrue(offer.body().contains("value=\"Amiens centre\""), "the place typed is kept");

    Response user = admin.postForm("/t/somme/admin/utilisateurs", form("username", "controle", "displayName", "Nom\u001b",
        "email", "controle@example.fr", "roles", "referent"), "Accept", "text/html");
    assertEquals(400, user.status(), user.body());
    assertTrue(user.body().contains("id=\"displayName-error\">" + CONTROL), user.body());
    assertTrue(user.body().contains("value=\"controle@example.fr\""), "the e-mail typed is kept");

    Client visitor = platform.anonymous();
    visitor.get("/t/somme/connexion", "Accept", "text/html"); // the login form's security cookie
    Response login = visitor.postForm("/t/somme/connexion", form("username", "ad\u0000min", "password", "x"),
        "Accept", "text/html");
    assertEquals(400, login.status(), login.body());
    assertTrue(login.body().contains("id=\"login-error\">L&#39;identifiant contient un caractère de contrôle")
        || login.body().contains("id=\"login-error\">L'identifiant contient un caractère de contrôle"), login.body());
  }

  @Test
  void aControlCharacterInAPathOrAQueryIsAClientErrorNeverA500() {
    for (String path : List.of("/t/somme/organisations/%00", ORGANISATIONS + "/%00", ORGANISATIONS + "/a%1fb",
        "/api/tenants/%00/organisations", PROGRAMME + "/actions/%00")) {
      HttpResponse<String> response = rawGet(path, "pacte_session_somme=" + admin.cookie("pacte_session_somme"));
      assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + " → " + response.statusCode() + " " + response.body());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(path.startsWith("/api/")
          ? "application/problem+json" : "text/html"), path);
    }
    Response publicPage = platform.get("/t/somme/offre?territoire=%00", "Accept", "text/html");
    assertEquals(400, publicPage.status(), publicPage.body());
    HttpResponse<String> api = rawGet("/api/tenants/somme/offer/data-inclusion?territoire=%00", "");
    assertEquals(400, api.statusCode(), api.body());
    assertEquals("territoire", new JsonObject(api.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  /** A GET outside the test kit's client, which holds answers to the document: a path with %00 matches no route there. */
  private static HttpResponse<String> rawGet(String path, String cookie) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url() + path)).timeout(Duration.ofSeconds(30))
          .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html").GET();
      if (!cookie.isEmpty()) {
        request.header("Cookie", cookie);
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theLoginRefusesNulAndOverLongUsernamesBeforeTheDatabase() {
    Client anonymous = platform.anonymous();
    assertFieldRefused(anonymous.postJson("/api/tenants/somme/session",
        new JsonObject().put("username", "ad\u0000min").put("password", "pacte-demo").encode()), "username");
    assertFieldRefused(anonymous.postJson("/api/tenants/somme/session",
        new JsonObject().put("username", MEGABYTE).put("password", "x").encode()), "username");
    assertFieldRefused(anonymous.postJson("/api/session",
        new JsonObject().put("username", MEGABYTE).put("password", "x").encode()), "username");
    assertFieldRefused(anonymous.postJson("/api/tenants/somme/session",
        new JsonObject().put("username", List.of("admin")).put("password", "pacte-demo").encode()), "username");
    Response huge = anonymous.postForm("/t/somme/connexion", form("username", MEGABYTE, "password", "x"), "Accept", "text/html");
    assertEquals(400, huge.status());
    assertFalse(huge.body().contains(MEGABYTE), "the over-long name is not echoed back");
    String long300 = "b".repeat(300);
    Response page = anonymous.postForm("/t/somme/connexion", form("username", long300, "password", "x"), "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("au plus 254 caractères"), "the login page says why: " + page.body());
    Response nul = anonymous.postForm("/t/somme/connexion", form("username", "ad\u0000min", "password", "x"), "Accept", "text/html");
    assertEquals(400, nul.status());
  }

  @Test
  void overLongTextsAreRefusedOnTheirFieldBeforeTheDatabase() {
    JsonObject tenant = new JsonObject().put("slug", "cantal").put("name", MEGABYTE).put("departementCode", "15")
        .put("branding", new JsonObject().put("colour", "#1f4e79"));
    assertFieldRefused(operator.postJson("/api/tenants", tenant.encode()), "name");
    assertEquals(404, platform.get("/t/cantal/").status(), "nothing was created");
    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("a".repeat(201)).encode()), "name");
  }

  @Test
  void aMalformedTenantIdentifierIsNotFound() {
    for (String slug : List.of("-1", "abc", "A", "x".repeat(300))) {
      Response response = operator.putJson("/api/platform/tenants/" + slug + "/status", "{\"active\": false}");
      assertEquals(404, response.status(), slug + ": " + response.body());
      assertTrue(response.header("Content-Type").startsWith("application/problem+json"));
    }
  }

  @Test
  void valuesOfTheWrongTypeAreRefusedNeverCoerced() {
    JsonObject action = admin.get(PROGRAMME).json().getJsonArray("axes").getJsonObject(0).getJsonArray("fiches")
        .getJsonObject(0).getJsonArray("actions").getJsonObject(0);
    String path = PROGRAMME + "/actions/" + action.getLong("id");
    JsonObject before = admin.get(path).json();
    assertFieldRefused(admin.putJson(path, new JsonObject().put("title", new JsonObject().put("$ne", 1))
        .put("version", before.getInteger("version")).encode()), "title");
    assertFieldRefused(admin.putJson(path, new JsonObject().put("title", "Titre").put("pilots", "pas une liste")
        .put("version", before.getInteger("version")).encode()), "pilots");
    assertFieldRefused(admin.putJson(path, new JsonObject().put("title", "Titre").put("notes", new JsonArray().add(12))
        .put("version", before.getInteger("version")).encode()), "notes[0]");
    assertEquals(before.getString("title"), admin.get(path).json().getString("title"), "nothing was stored");

    assertFieldRefused(admin.postJson(ORGANISATIONS, organisation("Forme booléenne").put("legalForm", true).encode()), "legalForm");
    assertFieldRefused(admin.postJson("/api/tenants/somme/users", new JsonObject().put("username", "typage")
        .put("displayName", "Typage").put("email", 42).put("roles", new JsonArray().add("territory-agent"))
        .put("territories", new JsonArray().add("amiens")).encode()), "email");
    JsonObject offer = new JsonObject().put("actionType", "mobility-platform").put("organisation", "association-demo")
        .put("title", "Lieu mal typé").put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 10)))
        .put("location", new JsonArray().add("Amiens"));
    assertFieldRefused(admin.postJson("/api/tenants/somme/offer", offer.encode()), "location");
    assertFieldRefused(operator.postJson("/api/tenants", new JsonObject().put("slug", "cantal").put("name", "Cantal")
        .put("departementCode", "15").put("branding", new JsonObject().put("colour", "#1f4e79").put("displayName", 7))
        .encode()), "branding.displayName");
  }

  @Test
  void aYamlBombOrDeepNestingIsRefusedInFrenchAndNothingIsWritten() {
    StringBuilder bomb = new StringBuilder("code: bombe\nkind: pdi\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      char previous = (char) (level - 1);
      bomb.append(level).append(": &").append(level).append(" [")
          .append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
    }
    String deep = "code: profond\nkind: pdi\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    String recursive = "code: boucle\nkind: pdi\nx: &x [*x]\n";
    for (String yaml : List.of(bomb.toString(), deep, recursive)) {
      Response response = admin.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
          .add(new JsonObject().put("name", "programmes/bombe.yaml").put("content", yaml))).encode());
      assertEquals(400, response.status(), response.body());
      assertTrue(response.header("Content-Type").startsWith("application/problem+json"));
      String message = response.json().getJsonArray("errors").getJsonObject(0).getString("message");
      assertTrue(message.startsWith("programmes/bombe.yaml, ligne "), message);
    }
    assertTrue(admin.get("/api/tenants/somme/programmes").jsonArray().stream().map(JsonObject.class::cast)
        .noneMatch(p -> List.of("bombe", "profond", "boucle").contains(p.getString("code"))));
  }

  @Test
  void anImportReferringToATerritoryTheTenantDoesNotHaveIsRefusedNamingTheLine() {
    String export = admin.get(PROGRAMME + "/export.yaml").body();
    String renamed = export.replace("\ncode: pdi-pti-2022-2025\n", "\ncode: pdi-pti-fantome\n")
        .replace("- territory: amiens\n", "- territory: atlantide\n");
    assertTrue(renamed.contains("territory: atlantide"), "the export has a roadmap for Amiens");
    Response response = admin.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "programmes/fantome.yaml").put("content", renamed))).encode());
    assertEquals(400, response.status(), response.body());
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertTrue(error.getString("field").matches("roadmaps\\[[0-9]+\\]\\.territory"), error.encode());
    assertTrue(error.getString("message").contains("atlantide") && error.getString("message").contains("ligne "), error.encode());
    assertTrue(admin.get("/api/tenants/somme/programmes").jsonArray().stream().map(JsonObject.class::cast)
        .noneMatch(p -> p.getString("code").equals("pdi-pti-fantome")), "nothing was written");
  }

  @Test
  void anImportWhoseRoadmapNamesAnActionTheProgrammeDoesNotHoldIsRefused() {
    String yaml = """
        code: essai-references
        kind: pdi
        title: Essai de références
        period: {from: 2026-01-01, to: 2026-12-31}
        axes:
          - code: "1"
            title: Axe
            fiches:
              - code: "1-1"
                title: Fiche
                actions:
                  - code: "1-1-1"
                    title: Action
        roadmaps:
          - territory: amiens
            title: Feuille de route d'Amiens
            chantiers:
              - code: "1"
                title: Chantier
                actions: ["1-1-1", "9-9-9"]
        """;
    Response refused = admin.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "programmes/essai.yaml").put("content", yaml))).encode());
    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("roadmaps[1].chantiers[1].actions", error.getString("field"));
    assertTrue(error.getString("message").contains("9-9-9") && !error.getString("message").contains("1-1-1"), error.encode());
    Response accepted = admin.postJson("/api/tenants/somme/import", new JsonObject().put("files", new JsonArray()
        .add(new JsonObject().put("name", "programmes/essai.yaml").put("content", yaml.replace(", \"9-9-9\"", "")))).encode());
    assertEquals(200, accepted.status(), "the same file with its references right is accepted: " + accepted.body());
  }

  @Test
  void twentyConcurrentCreationsWithTheSameRnaGiveOneOrganisationAndConflictsNamingTheField() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String cookie = "pacte_session_somme=" + admin.cookie("pacte_session_somme");
    CountDownLatch ready = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      JsonObject body = organisation("Association course " + i).put("siret", null).put("rna", "W801234567");
      HttpRequest request = HttpRequest.newBuilder(URI.create(platform.url() + ORGANISATIONS))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Cookie", cookie)
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
      answers.add(CompletableFuture.runAsync(() -> {
        try {
          ready.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }).thenCompose(go -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
    }
    ready.countDown();
    int created = 0;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      if (response.statusCode() == 201) {
        created++;
        continue;
      }
      // The check before the insert and the unique index (when two pass the check together) say the same: 409.
      assertEquals(409, response.statusCode(), response.body());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
      JsonArray errors = new JsonObject(response.body()).getJsonArray("errors");
      assertTrue(errors.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("field").equals("rna")), response.body());
    }
    assertEquals(1, created);
    long stored = admin.get(ORGANISATIONS).jsonArray().stream().map(JsonObject.class::cast)
        .filter(o -> "W801234567".equals(o.getString("rna"))).count();
    assertEquals(1, stored);
  }
}
