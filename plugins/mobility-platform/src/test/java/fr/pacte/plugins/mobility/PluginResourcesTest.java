package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** What the host looks for in the jar: the extension index, the migration and the page template. */
class PluginResourcesTest {

  @Test
  void migrationCreatesATenantTableWithForcedRowLevelSecurity() throws IOException {
    String sql = resource("db/mobility-platform/V1__solicitations.sql");
    String flat = sql.replaceAll("\\s+", " ");
    assertTrue(flat.contains("CREATE TABLE mobility_platform.solicitations ("), "schema-qualified table");
    assertTrue(flat.contains("tenant_id text NOT NULL"));
    assertTrue(flat.contains("received_on date NOT NULL"));
    assertTrue(flat.contains("ALTER TABLE mobility_platform.solicitations ENABLE ROW LEVEL SECURITY;"));
    assertTrue(flat.contains("ALTER TABLE mobility_platform.solicitations FORCE ROW LEVEL SECURITY;"));
    assertTrue(flat.contains("CREATE POLICY tenant_isolation ON mobility_platform.solicitations "
        + "USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());"));
    assertTrue(flat.contains("ON mobility_platform.solicitations (tenant_id, received_on)"), "tenant/date index");
    assertFalse(sql.toUpperCase(Locale.ROOT).contains("GRANT"), "the host grants the runtime role its rights");
  }

  @Test
  void migrationAllowsExactlyTheChannelsOfTheForm() throws IOException {
    String sql = resource("db/mobility-platform/V1__solicitations.sql");
    for (SolicitationChannel channel : SolicitationChannel.values()) {
      assertTrue(sql.contains("'" + channel.code() + "'"), channel.code());
    }
    assertTrue(sql.contains("<= " + SolicitationInput.TERRITORY_MAX_LENGTH));
    assertTrue(sql.contains("<= " + SolicitationInput.REASON_MAX_LENGTH));
  }

  @Test
  void templateIsMainContentThatWorksWithoutInlineScriptOrStyle() throws IOException {
    String template = resource(HomePage.TEMPLATE);
    assertTrue(template.startsWith("<h1>"), "rendered inside the host's layout, starting with the h1");
    String lower = template.toLowerCase(Locale.ROOT);
    for (String forbidden : List.of("<html", "<head", "<body", "<script", "<style", "style=", "onclick", "onsubmit",
        "javascript:")) {
      assertFalse(lower.contains(forbidden), forbidden);
    }
    assertTrue(template.contains("<form method=\"post\" action=\"./solicitations\""));
    assertTrue(template.contains("<input type=\"hidden\" name=\"_csrf\" value=\"{{ csrfToken }}\">"));
  }

  @Test
  void bothExtensionsAreIndexedForPf4j() throws IOException {
    boolean module = false;
    boolean actionType = false;
    for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = index.openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        module |= text.contains(MobilityPlatformModule.class.getName());
        actionType |= text.contains(MobilityPlatformActionType.class.getName());
      }
    }
    assertTrue(module, "MobilityPlatformModule missing from META-INF/extensions.idx");
    assertTrue(actionType, "MobilityPlatformActionType missing from META-INF/extensions.idx");
  }

  @Test
  void navigationPointsAtTheModuleRoot() {
    List<NavigationEntry> navigation = new MobilityPlatformModule().navigation();
    assertEquals(1, navigation.size());
    assertEquals("Plateforme mobilité", navigation.get(0).label().fr());
    assertEquals("", navigation.get(0).path());
  }

  static String resource(String path) throws IOException {
    try (InputStream in = PluginResourcesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path + " missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
