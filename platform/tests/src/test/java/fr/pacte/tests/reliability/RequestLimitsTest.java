package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.server.organisations.UploadBodies;
import fr.pacte.server.platform.RequestLimits;
import fr.pacte.server.web.RequestDeadline;
import fr.pacte.server.web.WebFeature;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  @Test
  void anUnknownHttpVersionIs505WithAProblemNotABareStatus() throws Exception {
    try (LogCapture log = new LogCapture()) {
      RawHttp.Answer api = raw("GET /health/live HTTP/9.9\r\nHost: pacte\r\n\r\n");
      assertProblem(api, 505);
      assertEquals("Version HTTP non prise en charge", new JsonObject(api.body()).getString("title"));
      RawHttp.Answer page = raw("GET /t/somme/ HTTP/2.5\r\nHost: pacte\r\nAccept: text/html\r\n\r\n");
      assertEquals(505, page.status(), page.text());
      assertTrue(page.header("Content-Type").startsWith("text/html"), page.text());
      assertTrue(page.body().contains("lang=\"fr\"") && page.body().contains("Version HTTP non prise en charge"), page.text());
      assertEquals(List.of(), log.errors());
    }
    // HTTP/1.0 and 1.1 are served as before.
    assertEquals(200, raw("GET /health/live HTTP/1.0\r\n\r\n").status());
  }

  @Test
  void headersThatTrickleInAreCutOffAtTheHeaderDeadline() throws Exception {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      long start = System.nanoTime();
      http.send("GET /health/live HTTP/1.1\r\nHost: pacte\r\n");
      boolean closed = false;
      // A header line every second: the connection is never idle, yet the headers never end.
      for (int i = 0; i < RequestLimits.HEADERS.toSeconds() + 10 && !closed; i++) {
        try {
          http.send("X-Slow-" + i + ": a\r\n");
          closed = http.closedWithin(Duration.ofSeconds(1));
        } catch (IOException reset) {
          closed = true;
        }
      }
      Duration after = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(closed, "headers sent slowly hold their connection");
      assertTrue(after.compareTo(RequestLimits.HEADERS.plusSeconds(3)) < 0, "closed after " + after);
      assertTrue(after.compareTo(RequestLimits.HEADERS.minusSeconds(1)) > 0, "closed early, after " + after);
    }
  }

  @Test
  void aKeepAliveConnectionLeftWaitingIsClosedAtTheHeaderDeadline() throws Exception {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      RawHttp.Answer first = http.send("GET /health/live HTTP/1.1\r\nHost: pacte\r\n\r\n").read(Duration.ofSeconds(10));
      assertEquals(200, first.status(), first.text());
      assertFalse(first.closed(), "the connection is kept alive after an answer");
      long start = System.nanoTime();
      assertTrue(http.closedWithin(RequestLimits.HEADERS.plusSeconds(3)), "an idle keep-alive connection is closed");
      Duration after = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(after.compareTo(RequestLimits.HEADERS.minusSeconds(1)) > 0, "closed early, after " + after);
    }
  }

  @Test
  void aFormBodyOverOneMebibyteIs413() {
    // A page form over the limit is answered on the form itself, with what could be kept (NothingTypedIsLostTest).
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Response api = pilot.send("POST", "/api/tenants/somme/organisations", "application/x-www-form-urlencoded",
        "name=" + "x".repeat((int) WebFeature.BODY_LIMIT_BYTES));
    assertEquals(413, api.status());
    assertEquals("application/problem+json", api.header("Content-Type"));
  }

  /**
   * A body whose bytes keep coming, one every two seconds (never stalled, never idle), is cut off at the request's total
   * deadline: 30 s for a request, 120 s for a document upload. Both run at once.
   */
  @Test
  void aBodyThatTricklesInIsCutOffAtTheTotalDeadline() throws Exception {
    TestPlatform.Client operator = platform.login("somme", "association");
    String cookie = Sessions.cookieName("somme") + "=" + operator.cookie(Sessions.cookieName("somme"));
    CompletableFuture<RawHttp.Answer> upload = CompletableFuture.supplyAsync(() -> trickle(
        "POST /api/tenants/somme/organisations/association-demo/documents HTTP/1.1\r\nHost: pacte\r\n"
            + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 5000000\r\nCookie: " + cookie + "\r\n\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\n",
        UploadBodies.DEADLINE.plusSeconds(10)));
    RawHttp.Answer json = trickle("POST /api/tenants/somme/session HTTP/1.1\r\nHost: pacte\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\": \"", RequestDeadline.REQUEST.plusSeconds(10));
    assertEquals(408, json.status(), json.text());
    assertEquals("application/problem+json", json.header("Content-Type"));
    assertTrue(json.after().compareTo(RequestDeadline.REQUEST.minusSeconds(1)) > 0
        && json.after().compareTo(RequestDeadline.REQUEST.plusSeconds(3)) < 0, "answered after " + json.after());
    RawHttp.Answer document = upload.get();
    assertEquals(408, document.status(), document.text());
    assertTrue(document.after().compareTo(UploadBodies.DEADLINE.minusSeconds(1)) > 0
        && document.after().compareTo(UploadBodies.DEADLINE.plusSeconds(3)) < 0, "answered after " + document.after());
  }

  /** Sends {@code head}, then one byte of body every two seconds until an answer comes; the answer and when it came. */
  private static RawHttp.Answer trickle(String head, Duration atMost) {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      long start = System.nanoTime();
      http.send(head);
      while (System.nanoTime() - start < atMost.toNanos()) {
        RawHttp.Answer answer = http.read(Duration.ofSeconds(2));
        if (!answer.text().isEmpty() || answer.closed()) {
          return new RawHttp.Answer(answer.text(), answer.closed(), Duration.ofNanos(System.nanoTime() - start));
        }
        try {
          http.send("a");
        } catch (IOException closed) {
          return new RawHttp.Answer("", true, Duration.ofNanos(System.nanoTime() - start));
        }
      }
      return new RawHttp.Answer("", false, atMost);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
