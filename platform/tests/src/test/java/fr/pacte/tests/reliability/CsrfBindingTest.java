package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.testkit.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CSRF token of a form is bound to the session: a token planted in the victim's browser does not pass. */
class CsrfBindingTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static TestPlatform platform;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aPlantedCsrfCookieWithTheSameFormValueIsRefusedOnAVictimsSession() throws Exception {
    TestPlatform.Client victim = platform.login("somme", "pilotage");
    String planted = "planted-by-another-site-0123456789-abcdefgh";
    HttpResponse<String> forged = post("/t/somme/organisations", "name=Structure+forgee&rna=W111111111&_csrf=" + planted,
        Sessions.cookieName("somme") + "=" + victim.cookie(Sessions.cookieName("somme")) + "; pacte_csrf=" + planted);
    assertEquals(403, forged.statusCode(), forged.body());
    assertFalse(victim.get("/api/tenants/somme/organisations").body().contains("Structure forgee"));
  }

  @Test
  void theTokenOfThePageItselfIsAccepted() throws Exception {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    String page = pilot.get("/t/somme/organisations/nouvelle", "Accept", "text/html").body();
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(token.find(), page);
    HttpResponse<String> created = post("/t/somme/organisations",
        "name=Structure+du+formulaire&rna=W222222222&_csrf=" + token.group(1),
        Sessions.cookieName("somme") + "=" + pilot.cookie(Sessions.cookieName("somme")) + "; pacte_csrf="
            + pilot.cookie("pacte_csrf"));
    assertEquals(303, created.statusCode(), created.body());
    assertTrue(pilot.get("/api/tenants/somme/organisations").body().contains("Structure du formulaire"));
  }

  @Test
  void theLoginFormBeforeAnySessionIsStillProtected() throws Exception {
    TestPlatform.Client browser = platform.anonymous();
    browser.get("/t/somme/connexion", "Accept", "text/html");
    HttpResponse<String> withoutToken = post("/t/somme/connexion", "username=pilotage&password=pacte-demo",
        "pacte_csrf=" + browser.cookie("pacte_csrf"));
    assertEquals(403, withoutToken.statusCode());
    HttpResponse<String> otherToken = post("/t/somme/connexion", "username=pilotage&password=pacte-demo&_csrf="
        + "b".repeat(43), "pacte_csrf=" + browser.cookie("pacte_csrf"));
    assertEquals(403, otherToken.statusCode());
    TestPlatform.Response signedIn = browser.postForm("/t/somme/connexion", "username=pilotage&password=pacte-demo");
    assertEquals(303, signedIn.status(), signedIn.body());
    assertTrue(browser.cookie(Sessions.cookieName("somme")) != null);
  }

  private HttpResponse<String> post(String path, String form, String cookies) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(platform.url() + path)).header("Content-Type", FORM)
        .header("Accept", "text/html").header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
