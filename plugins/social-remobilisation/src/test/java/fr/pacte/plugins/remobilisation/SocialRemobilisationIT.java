package fr.pacte.plugins.remobilisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The built plugin jar, installed in a real platform with two tenants, enabled for the Somme only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialRemobilisationIT {

  private static final String PLUGIN = "social-remobilisation";

  private TestPlatform platform;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Path.of(System.getProperty("plugin.jar"))).start();
    TestPlatform.Response enabled = platform.putJson("/api/tenants/somme/plugins/" + PLUGIN, "{\"enabled\": true}");
    assertEquals(200, enabled.status(), enabled.body());
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void theDescriptorIsServedForTheTenantThatEnabledIt() {
    TestPlatform.Response response = platform.get("/api/tenants/somme/modules/" + PLUGIN + "/descriptor");
    assertEquals(200, response.status(), response.body());
    JsonObject descriptor = response.json();
    assertEquals("remobilisation-sociale", descriptor.getString("code"));
    assertEquals("Remobilisation sociale", descriptor.getJsonObject("label").getString("fr"));
    assertTrue(descriptor.containsKey("maximumDurationMonths"));
    assertEquals(null, descriptor.getValue("maximumDurationMonths"), "no maximum duration");
    assertEquals("WORKSHOPS_PER_YEAR", descriptor.getString("capacityUnit"));
    assertEquals("RSA_ONLY", descriptor.getJsonObject("eligibility").getString("kind"));
    assertFalse(descriptor.getJsonObject("renewal").getBoolean("renewable"));
    assertEquals(4, descriptor.getJsonArray("indicators").size());
    assertEquals(404, platform.get("/api/tenants/allier/modules/" + PLUGIN + "/descriptor").status());
  }

  @Test
  void theActionTypeIsListedForTheSommeOnly() {
    JsonArray types = platform.get("/api/tenants/somme/action-types").jsonArray();
    JsonObject type = types.stream().map(JsonObject.class::cast)
        .filter(t -> "remobilisation-sociale".equals(t.getString("code"))).findFirst().orElseThrow();
    assertEquals(PLUGIN, type.getString("plugin"));
    assertEquals("COLLECTIVE_WORKSHOPS", type.getString("mode"));
    assertEquals("[]", platform.get("/api/tenants/allier/action-types").body());
  }

  @Test
  void itsPageAppearsInTheSommeLayout() {
    TestPlatform.Response page = platform.get("/t/somme/modules/" + PLUGIN + "/", "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    String html = page.body();
    assertTrue(html.contains("<title>Remobilisation sociale"), "the page title");
    assertTrue(html.contains("<h1>Remobilisation sociale</h1>"));
    assertTrue(html.contains("Nombre de participants par ateliers"));
    assertTrue(html.contains("<span>Département somme</span>"), "inside the Somme's banner");
    assertTrue(html.contains("href=\"/t/somme/theme.css\""), "with the Somme's theme");
    assertTrue(html.contains("<main id=\"contenu\""));
    assertTrue(platform.get("/t/somme/", "Accept", "text/html").body().contains("/t/somme/modules/" + PLUGIN + "/"),
        "its navigation entry is in the Somme's menu");
    assertFalse(platform.get("/t/allier/", "Accept", "text/html").body().contains("modules/" + PLUGIN),
        "and not in the Allier's");
    assertEquals(404, platform.get("/t/allier/modules/" + PLUGIN + "/", "Accept", "text/html").status());
  }
}
