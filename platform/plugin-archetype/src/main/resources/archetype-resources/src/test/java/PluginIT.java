package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
#if( $kind == "module" )
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built jar in a real platform with two départements, enabled for the Somme only: its menu entry and page, its
 * API, and its notes kept apart by row-level security; nothing of it in the Allier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginIT {

  private static final String PAGE = "/t/%s/modules/${pluginId}/";
  private static final String NOTES = "/api/tenants/%s/modules/${pluginId}/notes";

  private TestPlatform platform;
  private TestPlatform.Client somme;
  private TestPlatform.Client allier;

  @BeforeAll
  void start() {
    String jar = System.getProperty("plugin.jar");
    assertNotNull(jar, "the system property plugin.jar names the built jar (set it in the failsafe configuration)");
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").plugin(Path.of(jar)).start();
    somme = platform.login("somme", "admin");
    allier = platform.login("allier", "admin");
    assertEquals(200, somme.putJson("/api/tenants/somme/plugins/${pluginId}", "{\"enabled\": true}").status());
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void itsPageAndMenuEntryAreInTheDepartementThatEnabledItOnly() {
    TestPlatform.Response page = somme.get(PAGE.formatted("somme"), "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("<main id=\"contenu\""), "inside the host's layout");
    String home = somme.get("/t/somme/", "Accept", "text/html").body();
    assertTrue(home.contains("href=\"" + PAGE.formatted("somme") + "\""), "its menu entry");
    assertEquals(404, allier.get(PAGE.formatted("allier"), "Accept", "text/html").status());
    assertFalse(allier.get("/t/allier/", "Accept", "text/html").body().contains("modules/${pluginId}"));
  }

  @Test
  void aNoteWrittenInOneDepartementIsReadThereOnly() {
    TestPlatform.Response written = somme.postJson(NOTES.formatted("somme"), "{\"body\": \"Première note\"}");
    assertEquals(201, written.status(), written.body());
    assertEquals("Première note", somme.get(NOTES.formatted("somme")).json()
        .getJsonArray("notes").getJsonObject(0).getString("body"));
    assertTrue(somme.get(PAGE.formatted("somme"), "Accept", "text/html").body().contains("Première note"));
    assertEquals(400, somme.postJson(NOTES.formatted("somme"), "{\"body\": \"\"}").status());
    assertEquals(404, allier.get(NOTES.formatted("allier")).status());
  }
}
#else

import fr.pacte.testkit.ActionTypePluginContract;
import fr.pacte.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/** The built jar in a real platform with two tenants, enabled for the Somme only: the kit's contract, and the notes. */
class PluginIT extends ActionTypePluginContract {

  PluginIT() {
    super("${pluginId}", "${actionTypeCode}", "${label}");
  }

  @Override
  protected boolean ownsTables() {
    return true;
  }

  @Test
  void aNoteWrittenInOneDepartementIsReadThereOnly() {
    TestPlatform.Response written = enablingAdmin().postJson("/api/tenants/somme/modules/${pluginId}/notes",
        "{\"body\": \"Première note\"}");
    assertEquals(201, written.status(), written.body());
    assertEquals("Première note", enablingAdmin().get("/api/tenants/somme/modules/${pluginId}/notes").json()
        .getJsonArray("notes").getJsonObject(0).getString("body"));
    assertEquals(400, enablingAdmin().postJson("/api/tenants/somme/modules/${pluginId}/notes", "{\"body\": \"\"}").status());
  }
}
#end
