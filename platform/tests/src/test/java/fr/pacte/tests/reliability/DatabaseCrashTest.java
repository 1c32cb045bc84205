package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL is killed ({@code kill -9} of its postmaster) while organisations are being created: every
 * creation answered 201 is there afterwards, the supervisor starts PostgreSQL again, and readiness comes back to 200
 * without restarting Pacte — on the node that embeds it and on a second node that reaches it as an external database.
 * Meanwhile writes are refused with a 503 problem, never a 500.
 */
class DatabaseCrashTest {

  private static final String API = "/api/tenants/somme/organisations";
  private static TestPlatform platform;
  private static TestPlatform secondNode;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenant("somme", "80").start();
    secondNode = platform.startSecondNode();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void theEmbeddedDatabaseIsDurable() throws SQLException {
    DatabaseSettings database = platform.pacte().node().database();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.ownerUser(),
        database.ownerPassword()); Statement statement = connection.createStatement()) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
          rows.next();
          assertEquals("on", rows.getString(1), setting);
        }
      }
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesAKilledPostmasterAndReadinessComesBack() throws Exception {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    AtomicInteger sequence = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      writers.submit(() -> {
        while (writing.get()) {
          int n = sequence.incrementAndGet();
          String id = "crash-" + n;
          try {
            TestPlatform.Response created = pilot.postJson(API, new JsonObject().put("id", id)
                .put("name", "Structure " + n).put("rna", String.format("W%09d", n)).encode());
            if (created.status() == 201) {
              acknowledged.add(id);
            } else {
              failures.incrementAndGet();
              if (created.status() != 503 || !"application/problem+json".equals(created.header("Content-Type"))) {
                refusals.add(created.status() + " " + created.body());
              }
            }
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
      });
    }
    awaitTrue(() -> acknowledged.size() >= 20, Duration.ofSeconds(60), "writes before the crash");
    long postmaster = postmasterPid();
    ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
    awaitTrue(() -> failures.get() > 0, Duration.ofSeconds(30), "writes refused while the database is down");

    awaitTrue(() -> platform.get("/health/ready").status() == 200, Duration.ofSeconds(60), "readiness back");
    int afterRecovery = acknowledged.size();
    awaitTrue(() -> acknowledged.size() >= afterRecovery + 20, Duration.ofSeconds(60), "writes after recovery");
    writing.set(false);
    writers.shutdown();
    assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));

    assertNotEquals(postmaster, postmasterPid(), "the postmaster was started again");
    awaitTrue(() -> secondNode.get("/health/ready").status() == 200, Duration.ofSeconds(30),
        "the node using it as an external database is ready again");
    Set<String> stored = pilot.get(API).jsonArray().stream().map(JsonObject.class::cast)
        .map(organisation -> organisation.getString("id")).collect(Collectors.toSet());
    List<String> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
    assertEquals(List.of(), lost, "writes answered 201 then lost, out of " + acknowledged.size());
    assertEquals(List.of(), List.copyOf(refusals), "while the database is away, writes get a 503 problem");
    assertEquals(200, secondNode.login("somme", "pilotage").get(API + "/" + acknowledged.peek()).status());
  }

  private static long postmasterPid() throws IOException {
    Path pidFile = platform.workDir().resolve("data").resolve("postgres").resolve("postmaster.pid");
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
  }
}
