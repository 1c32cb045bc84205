package fr.pacte.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.tests.faults.plugins.HealthyModule;
import fr.pacte.tests.faults.plugins.ThrowingRouteModule;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A module's listeners hear the domain events of the tenants where it is enabled, and only those. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainEventsTest {

  private TestPlatform platform;
  private TestPlatform.Client admins;

  @BeforeAll
  void start() throws Exception {
    Path plugins = Files.createTempDirectory("pacte-events-plugins");
    TestPluginJar.builder(HealthyModule.ID).extension(HealthyModule.class).writeTo(plugins, "healthy.jar");
    TestPluginJar.builder(ThrowingRouteModule.ID).extension(ThrowingRouteModule.class).writeTo(plugins, "throwing.jar");
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").pluginsDir(plugins).start();
    admins = platform.administrators();
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void listenersHearTheirTenantsEventsOnly() {
    enable("somme", HealthyModule.ID);
    enable("allier", HealthyModule.ID);
    enable("somme", ThrowingRouteModule.ID);
    assertEquals(new JsonArray().add(HealthyModule.ID).add(ThrowingRouteModule.ID), heard("somme"));
    assertEquals(new JsonArray().add(HealthyModule.ID), heard("allier"), "Somme's events are not delivered in Allier");
  }

  private void enable(String tenant, String plugin) {
    assertEquals(200, admins.putJson("/api/tenants/" + tenant + "/plugins/" + plugin, "{\"enabled\": true}").status());
  }

  private JsonArray heard(String tenant) {
    return admins.get("/api/tenants/" + tenant + "/modules/" + HealthyModule.ID + "/heard").jsonArray();
  }
}
