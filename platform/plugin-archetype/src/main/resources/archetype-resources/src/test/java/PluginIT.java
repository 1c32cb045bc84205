package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

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
