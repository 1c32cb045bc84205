package fr.pacte.tests.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Sessions;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PACTE_DB_READ_URL}: a node given a replica computes dashboards and indicators there, through a pool of its
 * own, while everything else stays on the primary. No replica runs in the tests, so the "replica" is the primary itself
 * at its own address: what is checked is where each request's transactions go.
 */
class ReadReplicaTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static Pacte replicated;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .withoutDemoPeople();
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    DatabaseSettings db = platform.pacte().node().database();
    PacteConfig config = new PacteConfig("127.0.0.1", 0, platform.workDir().resolve("replicated-node"),
        platform.pacte().config().pluginsDir(), platform.pacte().config().tenantsDir(),
        Optional.of(new PacteConfig.ExternalDatabase(db.jdbcUrl(), db.ownerUser(), db.ownerPassword(), db.appUser(),
            db.appPassword(), null, db.url())),
        "replicated-node", true, Optional.empty(), null).withoutDemoPeople();
    replicated = Pacte.start(config);
    // Two starts on a loaded machine may hold an event loop for a while (making the demonstration accounts); what this
    // test checks is where the reads go. From here on, a blocked event loop fails it as it fails every platform test.
    platform.forgiveBlockedThreads();
  }

  @AfterAll
  static void stop() {
    if (replicated != null) {
      replicated.close();
    }
    platform.close();
  }

  @Test
  void aNodeWithoutAReplicaReadsEverythingFromItsRequestPool() {
    assertSame(platform.pacte().node().transactions(), platform.pacte().node().reads());
  }

  @Test
  void withAReplicaTheDashboardIsComputedThereAndAWriteStaysOnThePrimary() throws Exception {
    TenantTransactions primary = replicated.node().transactions();
    TenantTransactions replica = replicated.node().reads();
    assertNotSame(primary, replica, "a pool of its own for the replica");
    // Sessions live in the database: the one opened on the first node is valid on this one.
    String cookie = Sessions.cookieName("somme") + "="
        + platform.login("somme", "pilotage").cookie(Sessions.cookieName("somme"));

    TenantTransactions.Tally before = replica.tally();
    assertEquals(200, get("/api/tenants/somme/indicators/dashboard", cookie).statusCode());
    assertTrue(replica.tally().since(before).transactions() >= 1, "the dashboard read on the replica");

    before = replica.tally();
    assertEquals(200, get("/api/tenants/somme/indicators", cookie).statusCode());
    assertTrue(replica.tally().since(before).transactions() >= 1, "the indicators read on the replica");

    before = replica.tally();
    TenantTransactions.Tally primaryBefore = primary.tally();
    assertEquals(200, get("/api/tenants/somme/offer", cookie).statusCode());
    assertEquals(0, replica.tally().since(before).transactions(), "the offer is not a dashboard: read on the primary");
    assertTrue(primary.tally().since(primaryBefore).transactions() >= 1);
  }

  @Test
  void withAReplicaTheReportExportsAreReadThereAndTheReportPageOnThePrimary() throws Exception {
    TenantTransactions primary = replicated.node().transactions();
    TenantTransactions replica = replicated.node().reads();
    String cookie = Sessions.cookieName("somme") + "="
        + platform.login("somme", "pilotage").cookie(Sessions.cookieName("somme"));

    for (String export : List.of("/t/somme/rapports?format=csv", "/t/somme/rapports?format=xlsx",
        "/t/somme/rapports/completude?format=csv", "/t/somme/bilans?format=csv")) {
      TenantTransactions.Tally before = replica.tally();
      HttpResponse<String> answer = get(export, cookie);
      assertEquals(200, answer.statusCode(), export + ": " + answer.body());
      assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains("attachment"), export);
      assertTrue(replica.tally().since(before).transactions() >= 1, export + " read on the replica");
    }

    TenantTransactions.Tally before = replica.tally();
    TenantTransactions.Tally primaryBefore = primary.tally();
    assertEquals(200, get("/t/somme/rapports", cookie).statusCode());
    assertEquals(0, replica.tally().since(before).transactions(),
        "the list page, which follows an operator's changes at once, reads the primary");
    assertTrue(primary.tally().since(primaryBefore).transactions() >= 1);
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(replicated.url() + path))
        .header("Cookie", cookie).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }
}
