package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.server.web.RequestDeadline;
import fr.pacte.testkit.TestPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A multipart upload whose body stops before its closing boundary, with a correct Content-Length: it is answered
 * within the deadline, with or without a session, and leaves no temporary file behind.
 */
class UploadDeadlineTest {

  private static final String BOUNDARY = "----pacte-truncated";
  private static TestPlatform platform;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static Path uploads() {
    return platform.workDir().resolve("data").resolve("uploads");
  }

  private static String truncatedUpload(String path, String cookies) {
    String part = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nrib\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rib.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n" + "0".repeat(64 * 1024);
    // Announces 5 MB, sends 64 KB and stops: no closing boundary will ever come.
    return "POST " + path + " HTTP/1.1\r\nHost: pacte\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
        + "\r\nContent-Length: 5000000\r\n" + (cookies == null ? "" : "Cookie: " + cookies + "\r\n") + "\r\n" + part;
  }

  @Test
  void withoutASessionTheUploadIsRefusedAtOnceWithoutReadingItsBody() throws Exception {
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      RawHttp.Answer answer = http.send(truncatedUpload("/api/tenants/somme/organisations/association-demo/documents",
          null)).read(Duration.ofSeconds(10));
      assertEquals(401, answer.status(), answer.text());
      assertTrue(answer.after().compareTo(Duration.ofSeconds(5)) < 0, "answered after " + answer.after());
      assertEquals("close", answer.header("Connection"));
    }
    assertNoTemporaryFile();
  }

  @Test
  void withARoleThatMayNotUploadTheUploadIsRefusedAtOnce() throws Exception {
    TestPlatform.Client auditor = platform.login("somme", "auditeur");
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      RawHttp.Answer answer = http.send(truncatedUpload("/api/tenants/somme/organisations/association-demo/documents",
          Sessions.cookieName("somme") + "=" + auditor.cookie(Sessions.cookieName("somme")))).read(Duration.ofSeconds(10));
      assertEquals(403, answer.status(), answer.text());
    }
    assertNoTemporaryFile();
  }

  @Test
  void withASessionAStalledBodyIsAnsweredWithinTheDeadlineAndItsFileRemoved() throws Exception {
    TestPlatform.Client operator = platform.login("somme", "association");
    String cookies = Sessions.cookieName("somme") + "=" + operator.cookie(Sessions.cookieName("somme"));
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      http.send(truncatedUpload("/api/tenants/somme/organisations/association-demo/documents", cookies));
      DatabaseCrashTest.awaitTrue(() -> count(uploads()) > 0, Duration.ofSeconds(5), "the body is being written to disk");
      RawHttp.Answer answer = http.read(RequestDeadline.BODY_STALL.plusSeconds(10));
      assertEquals(408, answer.status(), answer.text());
      assertEquals("application/problem+json", answer.header("Content-Type"));
      assertTrue(answer.closed() || "close".equals(answer.header("Connection")), answer.text());
    }
    assertNoTemporaryFile();
  }

  @Test
  void aPageUploadStalledByABrowserGetsAFrenchPage() throws Exception {
    TestPlatform.Client operator = platform.login("somme", "association");
    String cookies = Sessions.cookieName("somme") + "=" + operator.cookie(Sessions.cookieName("somme"));
    try (RawHttp http = new RawHttp(platform.pacte().port())) {
      String request = truncatedUpload("/t/somme/organisations/association-demo/documents", cookies)
          .replace("Host: pacte\r\n", "Host: pacte\r\nAccept: text/html\r\n");
      RawHttp.Answer answer = http.send(request).read(RequestDeadline.BODY_STALL.plusSeconds(10));
      assertEquals(408, answer.status(), answer.text());
      assertTrue(answer.body().contains("Délai dépassé"), answer.text());
    }
    assertNoTemporaryFile();
  }

  private static void assertNoTemporaryFile() throws InterruptedException {
    DatabaseCrashTest.awaitTrue(() -> count(uploads()) == 0, Duration.ofSeconds(5), "no temporary file left in " + uploads());
  }

  private static long count(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
