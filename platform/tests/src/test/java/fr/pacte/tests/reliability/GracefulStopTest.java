package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;


import fr.pacte.server.identity.Sessions;
import fr.pacte.server.web.CsrfProtection;
import fr.pacte.testkit.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping Pacte (what SIGTERM does) lets a request under way finish and be stored, then stops the embedded
 * PostgreSQL cleanly, and prints no stack trace.
 */
class GracefulStopTest {

  private static final String BOUNDARY = "----pacte-graceful";

  @Test
  void aRequestUnderWayAtStopIsAnsweredAndTheDatabaseStopsCleanly() throws Exception {
    TestPlatform platform = TestPlatform.builder().tenant("somme", "80").start();
    Path postgres = platform.workDir().resolve("data").resolve("postgres");
    String session = platform.login("somme", "association").cookie(Sessions.cookieName("somme"));
    String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nstatuts\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + CsrfProtection.tokenFor(session) + "\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"statuts.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n% statuts\n" + "0".repeat(20_000) + "\n%%EOF\n\r\n"
        + "--" + BOUNDARY + "--\r\n";
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    int half = bytes.length / 2;

    PrintStream standardError = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LogCapture log = new LogCapture(); RawHttp http = new RawHttp(platform.pacte().port())) {
      http.send("POST /api/tenants/somme/organisations/association-demo/documents HTTP/1.1\r\nHost: pacte\r\n"
          + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + bytes.length + "\r\n"
          + "Cookie: " + Sessions.cookieName("somme") + "=" + session + "\r\n\r\n");
      http.send(java.util.Arrays.copyOfRange(bytes, 0, half));
      Thread.sleep(500);
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(platform::close);
      Thread.sleep(1000);
      assertFalse(stopping.isDone(), "the stop waits for the request under way");
      http.send(java.util.Arrays.copyOfRange(bytes, half, bytes.length));
      RawHttp.Answer answer = http.read(Duration.ofSeconds(20));
      assertEquals(201, answer.status(), answer.text());
      stopping.get(60, TimeUnit.SECONDS);
      assertEquals(List.of(), log.withStackTraces(), "stack traces logged while stopping");
      assertEquals(List.of(), log.errors());
    } finally {
      System.setErr(standardError);
    }
    assertFalse(printed.toString(StandardCharsets.UTF_8).contains("Exception"), printed.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(postgres.resolve("postmaster.pid")), "PostgreSQL stopped (no postmaster.pid left)");
  }
}
