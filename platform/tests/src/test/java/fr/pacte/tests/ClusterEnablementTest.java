package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one database, as behind a load balancer: a change made through one node is effective on the
 * other within two seconds, carried by PostgreSQL LISTEN/NOTIFY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterEnablementTest {

  private static final Duration WITHIN = Duration.ofSeconds(2);
  private static final String DESCRIPTOR = "/api/tenants/%s/modules/mobility-platform/descriptor";

  private TestPlatform first;
  private TestPlatform second;
  private TestPlatform.Client firstAdmins;
  private TestPlatform.Client secondAdmins;

  @BeforeAll
  void start() {
    first = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    second = first.startSecondNode();
    firstAdmins = first.administrators();
    secondAdmins = second.administrators();
  }

  @AfterAll
  void stop() {
    first.close();
  }

  @Test
  void enablingOnOneNodeServesThePluginOnTheOtherAndDisablingHidesItAgain() {
    assertEquals(404, secondAdmins.get(DESCRIPTOR.formatted("somme")).status());

    assertEquals(200, firstAdmins.putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": true}").status());
    assertTrue(within(() -> secondAdmins.get(DESCRIPTOR.formatted("somme")).status() == 200),
        "the second node serves the plugin for Somme within " + WITHIN);
    assertEquals(404, secondAdmins.get(DESCRIPTOR.formatted("allier")).status(), "and still not for Allier");
    assertEquals(404, firstAdmins.get(DESCRIPTOR.formatted("allier")).status());

    assertEquals(200, firstAdmins.putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": false}").status());
    assertTrue(within(() -> secondAdmins.get(DESCRIPTOR.formatted("somme")).status() == 404),
        "the second node answers 404 again within " + WITHIN);
  }

  @Test
  void aTenantCreatedOnOneNodeIsServedByTheOtherWithoutRestart() {
    TestPlatform.Response created = secondAdmins.postJson("/api/tenants", """
        {"slug": "pas-de-calais", "name": "Département du Pas-de-Calais", "departementCode": "62",
         "branding": {"displayName": "Pas-de-Calais", "colour": "#24457a"},
         "territories": [{"code": "arras", "name": "Arrageois"}]}""");
    assertEquals(201, created.status(), created.body());
    assertTrue(within(() -> firstAdmins.get("/api/tenants/pas-de-calais").status() == 200),
        "the first node knows the new tenant within " + WITHIN);
    assertEquals("Arrageois", firstAdmins.get("/api/tenants/pas-de-calais").json().getJsonArray("territories")
        .getJsonObject(0).getString("name"));
    assertEquals(200, firstAdmins.get("/t/pas-de-calais/").status());
  }

  @Test
  void aTenantDeactivatedOnOneNodeIsClosedOnBothAndCanBeReactivated() {
    TestPlatform.Client allierAdmin = second.login("allier", "admin");
    assertEquals(200, allierAdmin.get("/api/tenants/allier/plugins").status());
    TestPlatform.Response refused = allierAdmin.putJson("/api/platform/tenants/allier/status", "{\"active\": false}");
    assertEquals(401, refused.status(), "a tenant administrator has no platform session");
    TestPlatform.Response off = firstAdmins.putJson("/api/platform/tenants/allier/status", "{\"active\": false}");
    assertEquals(200, off.status(), off.body());
    assertTrue(within(() -> second.get("/t/allier/").status() == 404), "the other node closes Allier too");
    assertEquals(404, allierAdmin.get("/api/tenants/allier/plugins").status(), "its sessions open nothing any more");
    assertTrue(second.get("/api/tenants").jsonArray().stream()
        .noneMatch(tenant -> ((io.vertx.core.json.JsonObject) tenant).getString("slug").equals("allier")));
    assertEquals(200, firstAdmins.putJson("/api/platform/tenants/allier/status", "{\"active\": true}").status());
    assertTrue(within(() -> second.get("/t/allier/").status() == 200), "reactivated on the other node");
    assertTrue(second.login("allier", "auditeur").get("/api/tenants/allier/audit").jsonArray().stream()
        .anyMatch(event -> ((io.vertx.core.json.JsonObject) event).getString("action").equals("tenant.deactivated")),
        "the deactivation is in Allier's audit trail");
  }

  private static boolean within(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.get();
  }
}
