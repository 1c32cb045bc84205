package fr.pacte.bench.national;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.Pacte;
import fr.pacte.server.database.EmbeddedDatabase;
import fr.pacte.testkit.Repository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The national data set at a small scale on five départements (the Somme, the Deux-Sèvres, the Allier, the Nord and the
 * Lozère): its figures follow each one's RSA population, the same seed gives the same data whichever départements are
 * generated with it, and Pacte serves it.
 */
class NationalDataSetTest {

  private static final double SCALE = 0.01;
  private static NationalDataSet.Options full;
  private static NationalDataSet.Options pair;
  private static NationalDataSet.Summary summary;

  @BeforeAll
  static void generate() throws Exception {
    Path work = Files.createTempDirectory("pacte-national-");
    full = options(work.resolve("five"), Set.of("80", "79", "03", "59", "48"));
    summary = NationalDataSet.generate(full);
    pair = options(work.resolve("two"), Set.of("80", "48"));
    NationalDataSet.generate(pair);
  }

  private static NationalDataSet.Options options(Path out, Set<String> departements) {
    return new NationalDataSet.Options(17, SCALE, out, Repository.tenants(), Repository.root().resolve("plugins"), 2,
        Optional.empty(), departements);
  }

  @Test
  void peopleParticipationsAndReportsFollowEachDepartementsRsaPopulation() throws SQLException {
    Map<String, Long> people = perTenant(full, "SELECT tenant_id, count(*) FROM platform.person GROUP BY 1");
    assertEquals(Math.round(19_814 * SCALE), people.get("somme"));
    assertEquals(Math.round(4_096 * SCALE), people.get("deux-sevres"));
    long nord = people.get("nord");
    assertTrue(nord > 3 * people.get("somme"), "the Nord has about four times the Somme's people: " + people);
    Map<String, Long> participations = perTenant(full, "SELECT tenant_id, count(*) FROM platform.orientation GROUP BY 1");
    double perPerson = participations.get("nord") / (double) nord;
    assertTrue(perPerson > 2.0 && perPerson < 2.8, "about 2.4 participations a person: " + perPerson);
    Map<String, Long> reports = perTenant(full, """
        SELECT tenant_id, min(n) FROM (SELECT tenant_id, offer_id, territory, count(*) AS n FROM platform.monthly_report
        GROUP BY 1, 2, 3) r GROUP BY 1""");
    assertEquals(36L, reports.get("lozere"), "36 monthly reports per item and territory");
    assertEquals(summary.rows().get("person"), people.values().stream().mapToLong(Long::longValue).sum());
    Map<String, Long> attended = perTenant(full, "SELECT tenant_id, count(*) FROM platform.workshop_attendance GROUP BY 1");
    assertTrue(attended.get("nord") > 0, "participants attend workshops");
  }

  @Test
  void theSameSeedGivesTheSameDataWhicheverDepartementsAreGeneratedWithIt() throws SQLException {
    String checksum = """
        SELECT tenant_id, ('x' || left(md5(string_agg(t::text, ',' ORDER BY t::text)), 15))::bit(60)::bigint
        FROM (SELECT p.tenant_id, p::text AS t FROM platform.person p
              UNION ALL SELECT o.tenant_id, o::text FROM platform.orientation o
              UNION ALL SELECT c.tenant_id, c.reference || c.terms::text FROM platform.convention c
                WHERE c.reference LIKE 'CPOM-%') t
        GROUP BY 1""";
    Map<String, Long> five = perTenant(full, checksum);
    Map<String, Long> two = perTenant(pair, checksum);
    assertEquals(five.get("somme"), two.get("somme"));
    assertEquals(five.get("lozere"), two.get("lozere"));
  }

  @Test
  void pacteServesTheGeneratedDashboardIndicatorsAndOffer() throws Exception {
    long entries = perTenant(full, "SELECT tenant_id, count(*) FROM platform.orientation WHERE entry_date BETWEEN "
        + "'2025-01-01' AND '2025-12-31' GROUP BY 1").get("nord");
    try (Pacte pacte = Pacte.start(full.pacteConfig(0))) {
      HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
      String base = pacte.url() + "/api/tenants/nord";
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "pilotage")
              .put("password", "pacte-demo").encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, login.statusCode(), login.body());

      HttpResponse<String> dashboard = get(http, base + "/indicators/dashboard?from=2025-01&to=2025-12");
      assertEquals(200, dashboard.statusCode(), dashboard.body());
      long shown = new JsonObject(dashboard.body()).getJsonArray("months").stream()
          .mapToLong(m -> ((JsonObject) m).getLong("entries")).sum();
      assertEquals(entries, shown, "the dashboard counts the generated entries of 2025");
      assertTrue(new JsonObject(dashboard.body()).getJsonArray("months").stream()
          .anyMatch(m -> ((JsonObject) m).getLong("sessions") > 0), "and the workshop sessions");

      HttpResponse<String> indicators = get(http, base + "/indicators?from=2025-01&to=2025-12");
      assertEquals(200, indicators.statusCode(), indicators.body());

      HttpResponse<String> offer = get(http, base + "/offer");
      assertEquals(200, offer.statusCode(), offer.body());
      JsonArray items = new JsonArray(offer.body());
      assertTrue(items.size() >= 5, "an item per action type at least: " + items.size());

      HttpResponse<String> reports = get(http, base + "/reports?from=2026-11&to=2026-11");
      assertEquals(200, reports.statusCode(), reports.body());
      assertTrue(new JsonArray(reports.body()).size() > 0, "the operators' reports of November 2026");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A query's first column (tenant) to its second (a number), on a generated database. */
  private static Map<String, Long> perTenant(NationalDataSet.Options options, String sql) throws SQLException {
    EmbeddedDatabase database = EmbeddedDatabase.start(options.dataDir());
    try (Connection connection = NationalDataSet.connect(database.settings()); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      Map<String, Long> values = new LinkedHashMap<>();
      while (rows.next()) {
        values.put(rows.getString(1), rows.getLong(2));
      }
      return values;
    } finally {
      database.close();
    }
  }
}
