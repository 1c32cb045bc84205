package fr.pacte.tests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A national instance serves about a hundred départements: the tenant tag stays on the request count and the latency
 * histogram (a few service-level buckets), so that /metrics stays small enough to scrape often.
 */
class MetricsSeriesTest {

  private static final List<String> ROUTES = List.of("/api/tenants/%s", "/t/%s/", "/api/tenants/%s/action-types");
  private static TestPlatform platform;
  private static final List<String> slugs = new ArrayList<>();

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder();
    for (String code : departementCodes(101)) {
      String slug = "d" + code.toLowerCase(java.util.Locale.ROOT);
      slugs.add(slug);
      builder.tenant(slug, code);
    }
    platform = builder.start();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aHundredAndOneTenantsOnThreeRoutesStayUnderTenThousandSeries() {
    for (String slug : slugs) {
      for (String route : ROUTES) {
        assertEquals(200, platform.get(String.format(route, slug)).status(), String.format(route, slug));
      }
    }
    TestPlatform.Response scrape = platform.get("/metrics");
    assertEquals(200, scrape.status());
    List<String> series = scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

    assertTrue(series.size() < 10_000, series.size() + " series");
    // Every tenant is counted, on each route, with its latency histogram…
    for (String slug : slugs) {
      assertTrue(series.stream().anyMatch(line -> line.startsWith("vertx_http_server_requests_total")
          && line.contains("tenant=\"" + slug + "\"") && line.contains("/t/:tenant/\"")), slug);
    }
    assertTrue(series.stream().anyMatch(line -> line.startsWith("vertx_http_server_response_time_seconds_bucket")
        && line.contains("tenant=\"" + slugs.get(0) + "\"") && line.contains("le=\"0.1\"")), "a 100 ms bucket");
    // …and nothing else carries the tenant, nor publishes quantiles.
    assertFalse(series.stream().anyMatch(line -> line.contains("_bytes") && line.contains("tenant=")), "sizes by tenant");
    assertFalse(series.stream().anyMatch(line -> line.contains("quantile=")), "quantiles");
  }

  /** Valid département codes, in order: 01 to 95 (2A and 2B for Corsica), then 971 to 976. */
  private static List<String> departementCodes(int count) {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 95; n++) {
      if (n == 20) {
        codes.add("2A");
        codes.add("2B");
      } else {
        codes.add(String.format("%02d", n));
      }
    }
    for (int n = 971; n <= 976; n++) {
      codes.add(String.valueOf(n));
    }
    return codes.subList(0, count);
  }
}
