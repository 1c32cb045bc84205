package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The built plugin jar, installed in a real platform with two tenants, as a plugin developer would test it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobilityPlatformIT {

  private TestPlatform platform;
  private TestPlatform.Client somme;
  private TestPlatform.Client allier;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Path.of(System.getProperty("plugin.jar"))).start();
    somme = platform.login("somme", "admin");
    allier = platform.login("allier", "admin");
    assertEquals(200, somme.putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": true}").status());
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void theDescriptorIsServedForTheTenantThatEnabledIt() {
    JsonObject descriptor = somme.get("/api/tenants/somme/modules/mobility-platform/descriptor").json();
    assertEquals("plateforme-mobilite-solidaire", descriptor.getString("code"));
    assertEquals(6, descriptor.getInteger("maximumDurationMonths"));
    assertEquals(404, allier.get("/api/tenants/allier/modules/mobility-platform/descriptor").status());
    assertTrue(somme.get("/api/tenants/somme/action-types").body().contains("plateforme-mobilite-solidaire"));
    assertEquals("[]", allier.get("/api/tenants/allier/action-types").body());
  }

  @Test
  void aSolicitationIsRecordedValidatedAndCounted() {
    String url = "/api/tenants/somme/modules/mobility-platform/solicitations";
    long before = somme.get(url).json().getLong("count");
    TestPlatform.Response created = somme.postJson(url,
        "{\"receivedOn\": \"2026-10-05\", \"territory\": \"Picardie Maritime\", \"channel\": \"telephone\", \"reason\": \"Trajet vers un chantier d'insertion\"}");
    assertEquals(201, created.status(), created.body());
    assertEquals(before + 1, somme.get(url).json().getLong("count"));

    TestPlatform.Response invalid = somme.postJson(url, "{\"territory\": \"Amiens\"}");
    assertEquals(400, invalid.status());
    assertEquals("application/problem+json", invalid.header("Content-Type"));
    assertTrue(invalid.body().contains("receivedOn"));
    assertEquals(before + 1, somme.get(url).json().getLong("count"), "a refused input saves nothing");
  }

  @Test
  void itsPageAppearsInTheTenantLayout() {
    TestPlatform.Response page = somme.get("/t/somme/modules/mobility-platform/", "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("Plateforme mobilité solidaire"));
    assertTrue(page.body().contains("Nombre de sollicitations des plateforme mobilité"));
    assertTrue(somme.get("/t/somme/", "Accept", "text/html").body().contains("/t/somme/modules/mobility-platform/"),
        "its navigation entry is in Somme's menu");
    assertTrue(!allier.get("/t/allier/", "Accept", "text/html").body().contains("modules/mobility-platform"),
        "and not in Allier's");
  }
}
