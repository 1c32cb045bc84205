package fr.pacte.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.faults.plugins.EavesdroppingModule;
import fr.pacte.tests.faults.plugins.HealthyModule;
import fr.pacte.tests.faults.plugins.ThrowingRouteModule;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A module hears the domain events of the tenants where it is enabled, and only those: through its listeners, and
 * by no other way the API gives it (the event bus carries no domain event).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The first test counts every plugin.enabled event of both tenants; the others enable more plugins afterwards.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DomainEventsTest {

  private TestPlatform platform;
  private TestPlatform.Client admins;

  @BeforeAll
  void start() throws Exception {
    Path plugins = Files.createTempDirectory("pacte-events-plugins");
    TestPluginJar.builder(HealthyModule.ID).extension(HealthyModule.class).writeTo(plugins, "healthy.jar");
    TestPluginJar.builder(ThrowingRouteModule.ID).extension(ThrowingRouteModule.class).writeTo(plugins, "throwing.jar");
    TestPluginJar.builder(EavesdroppingModule.ID).extension(EavesdroppingModule.class).writeTo(plugins, "eavesdropper.jar");
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").pluginsDir(plugins).start();
    admins = platform.administrators();
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  @Order(1)
  void listenersHearTheirTenantsEventsOnly() {
    enable("somme", HealthyModule.ID);
    enable("allier", HealthyModule.ID);
    enable("somme", ThrowingRouteModule.ID);
    assertEquals(new JsonArray().add(HealthyModule.ID).add(ThrowingRouteModule.ID), heard("somme"));
    assertEquals(new JsonArray().add(HealthyModule.ID), heard("allier"), "Somme's events are not delivered in Allier");
  }

  @Test
  void aModuleListeningOnTheBusHearsNothingOfATenantWhereItIsDisabled() {
    enable("somme", EavesdroppingModule.ID);
    enable("allier", HealthyModule.ID);
    enable("somme", HealthyModule.ID);
    ping("allier");
    ping("somme");

    JsonObject overheard = admins.get("/api/tenants/somme/modules/" + EavesdroppingModule.ID + "/overheard").json();
    JsonObject listened = overheard.getJsonObject("listened");
    assertEquals(List.of("somme"), List.copyOf(listened.fieldNames()), "its listeners hear its enabled tenant only");
    JsonArray somme = listened.getJsonArray("somme");
    assertTrue(somme.contains("plugin.enabled {\"plugin\":\"" + HealthyModule.ID + "\"}"), somme.encode());
    assertTrue(somme.contains(HealthyModule.PING + " {\"from\":\"somme\"}"), somme.encode());

    JsonArray bus = overheard.getJsonArray("bus");
    assertTrue(bus.contains(EavesdroppingModule.OWN_ADDRESS + " " + EavesdroppingModule.OWN_MESSAGE),
        "its interceptors hear the bus: " + bus.encode());
    assertEquals(List.of(), bus.stream().map(String::valueOf).filter(message -> message.contains("allier")).toList(),
        "nothing of Allier, where it is disabled, crosses the bus");
    assertEquals(List.of(), bus.stream().map(String::valueOf)
            .filter(message -> message.contains("plugin.enabled") || message.contains(HealthyModule.PING)
                || message.startsWith(EavesdroppingModule.OLD_EVENTS_ADDRESS) || message.startsWith("consumer "))
            .toList(),
        "no domain event travels on the bus, not even of its own tenant");
  }

  @Test
  void aModuleRunsTimersAndBlockingWorkThroughItsTasks() {
    enable("somme", EavesdroppingModule.ID);
    JsonObject tasks = admins.get("/api/tenants/somme/modules/" + EavesdroppingModule.ID + "/tasks").json();
    assertTrue(tasks.getString("worker").startsWith("pacte-plugin-" + EavesdroppingModule.ID),
        "blocking work runs on the plugin's own workers: " + tasks.getString("worker"));
    assertTrue(tasks.getBoolean("timerFired"));
    assertTrue(tasks.getBoolean("cancelAccepted"));
    assertFalse(tasks.getBoolean("cancelledTimerFired"), "a cancelled timer never fires");
    assertFalse(tasks.getBoolean("foreignCancelAccepted"), "a timer it did not set is not its to cancel");
  }

  private void ping(String tenant) {
    assertEquals(204, admins.postJson("/api/tenants/" + tenant + "/modules/" + HealthyModule.ID + "/ping", "{}").status());
  }

  private void enable(String tenant, String plugin) {
    assertEquals(200, admins.putJson("/api/tenants/" + tenant + "/plugins/" + plugin, "{\"enabled\": true}").status());
  }

  private JsonArray heard(String tenant) {
    return admins.get("/api/tenants/" + tenant + "/modules/" + HealthyModule.ID + "/heard").jsonArray();
  }
}
