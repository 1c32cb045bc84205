package fr.pacte.plugins.employment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.NavigationEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the host looks for in the jar: the extension index and the page template; no migration. */
class PluginResourcesTest {

  @Test
  void templateIsMainContentThatWorksWithoutInlineScriptOrStyle() throws IOException {
    String template = resource(FichePage.TEMPLATE);
    assertTrue(template.startsWith("<h1>"), "rendered inside the host's layout, starting with the h1");
    assertTrue(FichePage.TEMPLATE.startsWith("templates/employment-preparation/"), "under the plugin's own folder");
    String lower = template.toLowerCase(Locale.ROOT);
    for (String forbidden : List.of("<html", "<head", "<body", "<script", "<style", "style=", "onclick", "onload",
        "javascript:", "| raw")) {
      assertFalse(lower.contains(forbidden), forbidden);
    }
  }

  @Test
  void noTableSoNoMigration() {
    assertNull(getClass().getClassLoader().getResource("db/employment-preparation"),
        "the module keeps no data: a table would need tenant_id and forced row-level security");
  }

  @Test
  void bothExtensionsAreIndexedForPf4j() throws IOException {
    boolean module = false;
    boolean actionType = false;
    for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = index.openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        module |= text.contains(EmploymentPreparationModule.class.getName());
        actionType |= text.contains(EmploymentPreparationActionType.class.getName());
      }
    }
    assertTrue(module, "EmploymentPreparationModule missing from META-INF/extensions.idx");
    assertTrue(actionType, "EmploymentPreparationActionType missing from META-INF/extensions.idx");
  }

  @Test
  void navigationPointsAtTheModuleRoot() {
    List<NavigationEntry> navigation = new EmploymentPreparationModule().navigation();
    assertEquals(1, navigation.size());
    assertEquals("Préparation à l'emploi", navigation.get(0).label().fr());
    assertEquals("", navigation.get(0).path());
  }

  static String resource(String path) throws IOException {
    try (InputStream in = PluginResourcesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path + " missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
