package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.database.ApplicationPool;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.web.RequestDeadline;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits of the README on database connections, reached for real: a node of two connections whose requests are
 * held by a lock. Waiting callers beyond the pool's queue are refused at once, the others after the 10 s wait, the
 * held requests at the 30 s deadline, readiness after 2 s: each a 503 problem, never a 500, and the node serves again
 * once the lock is gone.
 */
class PoolLimitsTest {

  private static final String ORGANISATIONS = "/api/tenants/somme/organisations";
  private static final int POOL = 2;
  private static TestPlatform platform;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").dbPoolSize(POOL).start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** An answer and how long it took. */
  private record Timed(HttpResponse<String> response, Duration after) {
  }

  private static CompletableFuture<Timed> get(String path, String cookie) {
    long start = System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(URI.create(platform.url() + path)).timeout(Duration.ofSeconds(90))
        .header("Cookie", cookie).GET().build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Timed(response, Duration.ofNanos(System.nanoTime() - start)));
  }

  private static void assertUnavailable(Timed answer) {
    assertEquals(503, answer.response().statusCode(), answer.response().body());
    assertTrue(answer.response().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        answer.response().body());
    assertEquals(503, new JsonObject(answer.response().body()).getInteger("status"));
  }

  @Test
  void aNodeOutOfConnectionsAnswers503WithinTheStatedLimitsAndRecovers() throws Exception {
    String cookie = "pacte_session_somme=" + platform.login("somme", "admin").cookie("pacte_session_somme");
    DatabaseSettings database = platform.pacte().node().database();
    List<Timed> waiting = new ArrayList<>();
    List<Timed> held;
    try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.ownerUser(), database.ownerPassword());
         Statement statement = owner.createStatement()) {
      owner.setAutoCommit(false);
      statement.execute("LOCK TABLE platform.organisation IN ACCESS EXCLUSIVE MODE");
      // Two requests take the two connections and wait on the lock.
      List<CompletableFuture<Timed>> holders = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        holders.add(get(ORGANISATIONS, cookie));
      }
      DatabaseCrashTest.awaitTrue(() -> locksAwaited(database) >= POOL, Duration.ofSeconds(15), "both connections are held");

      // Readiness needs a connection too: it says 503 after its 2 s.
      Timed ready = get("/health/ready", "").get();
      assertEquals(503, ready.response().statusCode(), ready.response().body());
      assertTrue(ready.after().compareTo(Duration.ofSeconds(4)) < 0, "readiness answered after " + ready.after());

      // More callers than the pool's queue holds: those beyond it are refused at once, the others after the wait.
      int callers = ApplicationPool.MAX_WAITING + 40;
      List<CompletableFuture<Timed>> queued = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        queued.add(get(ORGANISATIONS, cookie));
      }
      for (CompletableFuture<Timed> answer : queued) {
        waiting.add(answer.get());
      }
      held = new ArrayList<>();
      for (CompletableFuture<Timed> holder : holders) {
        held.add(holder.get());
      }
      owner.rollback();
    }
    waiting.forEach(PoolLimitsTest::assertUnavailable);
    long atOnce = waiting.stream().filter(t -> t.after().compareTo(Duration.ofSeconds(5)) < 0).count();
    assertTrue(atOnce >= 30, atOnce + " callers beyond the queue were refused at once");
    Duration wait = Duration.ofMillis(ApplicationPool.WAIT_TIMEOUT_MS);
    for (Timed answer : waiting) {
      assertTrue(answer.after().compareTo(wait.plusSeconds(5)) < 0, "a caller waited " + answer.after());
    }
    assertTrue(waiting.stream().anyMatch(t -> t.after().compareTo(wait.minusSeconds(1)) > 0), "queued callers waited 10 s");
    for (Timed answer : held) {
      assertUnavailable(answer);
      assertTrue(answer.after().compareTo(RequestDeadline.REQUEST.minusSeconds(1)) > 0
          && answer.after().compareTo(RequestDeadline.REQUEST.plusSeconds(4)) < 0, "a held request answered after " + answer.after());
    }
    DatabaseCrashTest.awaitTrue(() -> platform.get("/health/ready").status() == 200, Duration.ofSeconds(15),
        "readiness comes back once connections are free");
    assertEquals(200, platform.login("somme", "admin").get(ORGANISATIONS).status());
  }

  /** Sessions waiting on a lock, seen from another connection. */
  private static int locksAwaited(DatabaseSettings database) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.ownerUser(), database.ownerPassword());
         Statement statement = connection.createStatement();
         var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
      rows.next();
      return rows.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
