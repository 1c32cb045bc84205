package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.web.WebFeature;
import fr.pacte.server.platform.RequestLimits;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that cannot even be routed get a problem+json (a French page in a browser) with the right status, and are
 * never logged as errors: they are the client's mistakes. Each limit the README states is checked here.
 */
class RequestLimitsTest {

  private static TestPlatform platform;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static RawHttp.Answer raw(String request) throws Exception {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      return http.send(request).read(Duration.ofSeconds(10));
    }
  }

  private static void assertProblem(RawHttp.Answer answer, int status) {
    assertEquals(status, answer.status(), answer.text());
    assertEquals("application/problem+json", answer.header("Content-Type"), answer.text());
    assertEquals(status, new JsonObject(answer.body()).getInteger("status"));
  }

  @Test
  void aBadPercentEscapeInAnAddressIsAProblemNotAnError() throws Exception {
    try (LogCapture log = new LogCapture()) {
      for (String path : List.of("/t/somme/organisations/%zz", "/api/tenants/somme/organisations/%zz", "/%", "/a%2")) {
        RawHttp.Answer api = raw("GET " + path + " HTTP/1.1\r\nHost: pacte\r\n\r\n");
        assertProblem(api, 400);
        assertEquals("Adresse invalide", new JsonObject(api.body()).getString("title"));
      }
      RawHttp.Answer page = raw("GET /t/somme/organisations/%zz HTTP/1.1\r\nHost: pacte\r\nAccept: text/html\r\n\r\n");
      assertEquals(400, page.status());
      assertTrue(page.header("Content-Type").startsWith("text/html"), page.text());
      assertTrue(page.body().contains("lang=\"fr\"") && page.body().contains("Adresse invalide"), page.text());
      assertEquals(List.of(), log.errors());
    }
  }

  @Test
  void anAddressLongerThanTheLimitIs414WithAProblem() throws Exception {
    try (LogCapture log = new LogCapture()) {
      assertProblem(raw("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: pacte\r\n\r\n"), 414);
      // Just under the limit, the address is routed (and not found).
      String path = "/" + "a".repeat(RequestLimits.MAX_REQUEST_LINE - 20);
      assertProblem(raw("GET " + path + " HTTP/1.1\r\nHost: pacte\r\n\r\n"), 404);
      assertEquals(List.of(), log.errors());
    }
  }

  @Test
  void headersLargerThanTheLimitAre431WithAProblem() throws Exception {
    assertProblem(raw("GET /health/live HTTP/1.1\r\nHost: pacte\r\nX-Filler: " + "b".repeat(RequestLimits.MAX_HEADERS + 10)
        + "\r\n\r\n"), 431);
  }

  @Test
  void aSessionCookieWithANulCharacterIs400WithAProblem() throws Exception {
    try (LogCapture log = new LogCapture()) {
      RawHttp.Answer answer = raw("GET /api/tenants/somme/organisations HTTP/1.1\r\nHost: pacte\r\n"
          + "Cookie: pacte_session_somme=abc\u0000def\r\n\r\n");
      assertProblem(answer, 400);
      RawHttp.Answer page = raw("GET /t/somme/ HTTP/1.1\r\nHost: pacte\r\nAccept: text/html\r\n"
          + "Cookie: pacte_session_somme=abc\u0000def\r\n\r\n");
      assertEquals(400, page.status());
      assertTrue(page.body().contains("Requête mal formée"), page.text());
      assertEquals(List.of(), log.errors());
    }
  }

  @Test
  void aMalformedRequestLineIs400WithAProblem() throws Exception {
    try (LogCapture log = new LogCapture()) {
      assertProblem(raw("GARBAGE\r\n\r\n"), 400);
      assertProblem(raw("GET /health/live HTTP/1.1\r\nHost: pacte\r\nBad Header Line\r\n\r\n"), 400);
      assertEquals(List.of(), log.errors());
    }
  }

  @Test
  void aJsonBodyOverOneMebibyteIs413WithAProblem() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Response tooBig = pilot.postJson("/api/tenants/somme/organisations",
        new JsonObject().put("name", "x".repeat((int) WebFeature.BODY_LIMIT_BYTES)).encode());
    assertEquals(413, tooBig.status());
    assertEquals("application/problem+json", tooBig.header("Content-Type"));
  }

  @Test
  void aConnectionThatSendsNothingMoreIsClosedAfterTheIdleTimeout() throws Exception {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      http.send("GET /health/live HTTP/1.1\r\nHost: pacte\r\n");
      assertTrue(http.closedWithin(RequestLimits.IDLE.plusSeconds(5)), "a half-sent request holds its connection");
    }
  }
}
