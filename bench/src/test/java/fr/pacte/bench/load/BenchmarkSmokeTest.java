package fr.pacte.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.bench.raw.RawBaseline;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, small enough for every build: each route of the month-end scenario for a second at low concurrency
 * against Pacte with its demonstration data, then against the raw baseline on the same database. It checks that
 * the benchmark still works (every answer a 2xx, histograms filled on both sides), never how fast anything is.
 */
class BenchmarkSmokeTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");

  private static TestPlatform platform;
  private static Vertx vertx;
  private static RawBaseline raw;
  private static LoadDriver.Target rawTarget;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(copy(Repository.tenants())).dbPoolSize(4);
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    DatabaseSettings database = platform.pacte().node().database();
    vertx = Vertx.vertx();
    raw = new RawBaseline(vertx, PgConnectOptions.fromUri(database.url()).setUser(database.appUser())
        .setPassword(database.appPassword()), 4);
    rawTarget = new LoadDriver.Target("raw", "127.0.0.1", raw.start(0, 1));
  }

  @AfterAll
  static void stop() {
    if (raw != null) {
      raw.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void everyRouteOfTheMonthEndScenarioAnswers2xxOnPacteAndOnTheRawBaselineWithFilledHistograms() {
    LoadDriver.Target pacte = new LoadDriver.Target("Pacte", "127.0.0.1", platform.pacte().port());
    try (LoadDriver driver = new LoadDriver(vertx, 2, 1)) {
      Scenario scenario = Scenario.discover(driver, pacte, "somme", "agent.amiens");
      Map<String, String> pacteCookies = driver.signIn(pacte, scenario.accounts());
      Map<String, String> rawCookies = driver.signIn(rawTarget, scenario.accounts());
      assertEquals(8, scenario.routes().size(), "the routes of the month-end scenario");
      for (Route route : scenario.routes()) {
        ResultsReport.Case measured = Benchmark.alternate(driver, route.name(), List.of(route), pacte, pacteCookies,
            rawTarget, rawCookies, 1, 2, Duration.ofSeconds(1), null);
        for (RouteResults side : List.of(measured.pacte().get(route.name()), measured.raw().get(route.name()))) {
          assertTrue(side.ok() > 0, route.name() + ": no 2xx answer");
          assertEquals(Map.of(), side.failures(), route.name() + ": answers other than 2xx");
        }
      }
    }
  }

  private static Path copy(Path tenants) {
    try {
      Path target = Files.createTempDirectory("pacte-bench-tenants-");
      try (Stream<Path> files = Files.walk(tenants)) {
        for (Path file : files.toList()) {
          Path copied = target.resolve(tenants.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copied);
          } else {
            Files.copy(file, copied);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
