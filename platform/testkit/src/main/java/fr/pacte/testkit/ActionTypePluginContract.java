package fr.pacte.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionType;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.PacteApi;
import fr.pacte.api.PacteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pf4j.DefaultVersionManager;

/**
 * What every action-type plugin must do once built, checked on its jar installed in a real platform with two tenants,
 * {@code somme} (which enables it) and {@code allier} (which does not). A plugin's integration test extends it, names
 * the plugin, its action type and the title expected on its page, and adds its own assertions (durations,
 * eligibility…) with {@link #servedDescriptor()}, {@link #fichePage()} and {@link #assertPageShows}:
 *
 * <pre>
 * class MyPluginIT extends ActionTypePluginContract {
 *   MyPluginIT() {
 *     super("my-plugin", "my-action-type", "Mon type d'action");
 *   }
 *
 *   &#64;Test
 *   void sixMonthsAtMost() {
 *     assertEquals(6, servedDescriptor().getInteger("maximumDurationMonths"));
 *     assertPageShows("&lt;li&gt;6 mois maximum&lt;/li&gt;");
 *   }
 * }
 * </pre>
 *
 * <p>The jar is the system property {@code plugin.jar}, which the plugin's failsafe configuration sets to the built
 * jar: the contract runs in the {@code integration-test} phase ({@code *IT} classes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ActionTypePluginContract {

  /** The tenant that enables the plugin, and the one that does not. */
  protected static final String ENABLING = "somme";
  protected static final String OTHER = "allier";

  private final String pluginId;
  private final String actionTypeCode;
  private final String title;
  private TestPlatform platform;
  private TestPlatform.Client enablingAdmin;
  private TestPlatform.Client otherAdmin;

  /**
   * @param pluginId       the jar's {@code Plugin-Id}
   * @param actionTypeCode the code of the action type it provides
   * @param title          the action type's French label, which titles its page and its menu entry
   */
  protected ActionTypePluginContract(String pluginId, String actionTypeCode, String title) {
    this.pluginId = pluginId;
    this.actionTypeCode = actionTypeCode;
    this.title = title;
  }

  /** Whether the plugin ships migrations; by default an action type keeps no table of its own, so it ships none. */
  protected boolean ownsTables() {
    return false;
  }

  @BeforeAll
  void startPlatform() {
    platform = TestPlatform.builder().tenant(ENABLING, "80").tenant(OTHER, "03").plugin(jar()).start();
    enablingAdmin = platform.login(ENABLING, "admin");
    otherAdmin = platform.login(OTHER, "admin");
    TestPlatform.Response enabled = enablingAdmin.putJson("/api/tenants/" + ENABLING + "/plugins/" + pluginId,
        "{\"enabled\": true}");
    assertEquals(200, enabled.status(), enabled.body());
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  /** The administrator of the tenant that enabled the plugin, signed in. */
  protected TestPlatform.Client enablingAdmin() {
    return enablingAdmin;
  }

  /** The platform under test. */
  protected TestPlatform platform() {
    return platform;
  }

  /** The built plugin jar. */
  protected static Path jar() {
    String jar = System.getProperty("plugin.jar");
    assertNotNull(jar, "the system property plugin.jar names the built jar (set it in the failsafe configuration)");
    return Path.of(jar);
  }

  /** The descriptor as the platform serves it to the tenant that enabled the plugin. */
  protected JsonObject servedDescriptor() {
    TestPlatform.Response response = enablingAdmin.get(moduleApi(ENABLING) + "/descriptor");
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  /** The plugin's page (its root) for the tenant that enabled it, whole. */
  protected String fichePage() {
    TestPlatform.Response page = enablingAdmin.get(modulePage(ENABLING), "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    return page.body();
  }

  /** The plugin's page shows each of these texts, as written in its HTML (escaped). */
  protected void assertPageShows(String... texts) {
    String page = fichePage();
    for (String text : texts) {
      assertTrue(page.contains(text), "not on the page: " + text);
    }
  }

  @Test
  void theDescriptorIsServedForTheTenantThatEnabledItOnly() throws IOException {
    JsonObject descriptor = servedDescriptor();
    assertEquals(actionTypeCode, descriptor.getString("code"));
    assertEquals(title, descriptor.getJsonObject("label").getString("fr"));
    assertEquals(actionType().toJson(), descriptor, "the ActionType extension's descriptor, every field");
    assertEquals(404, otherAdmin.get(moduleApi(OTHER) + "/descriptor").status());
  }

  @Test
  void theActionTypeIsListedForTheTenantThatEnabledItOnly() throws IOException {
    JsonArray types = platform.get("/api/tenants/" + ENABLING + "/action-types").jsonArray();
    JsonObject type = types.stream().map(JsonObject.class::cast)
        .filter(t -> actionTypeCode.equals(t.getString("code"))).findFirst().orElseThrow();
    assertEquals(pluginId, type.getString("plugin"));
    assertEquals(actionType().mode().name(), type.getString("mode"));
    assertEquals(actionType().toJson().put("plugin", pluginId), type);
    assertEquals("[]", platform.get("/api/tenants/" + OTHER + "/action-types").body());
  }

  @Test
  void itsPageAppearsInTheLayoutOfTheTenantThatEnabledItOnly() {
    String html = fichePage();
    assertTrue(html.contains("<title>" + escaped(title)), "the page title");
    assertTrue(html.contains("<h1>" + escaped(title) + "</h1>"), "its h1");
    assertTrue(html.contains("<span>Département " + ENABLING + "</span>"), "inside the tenant's banner");
    assertTrue(html.contains("href=\"/t/" + ENABLING + "/theme.css\""), "with the tenant's theme");
    assertTrue(html.contains("<main id=\"contenu\""));
    assertEquals(404, otherAdmin.get(modulePage(OTHER), "Accept", "text/html").status());
  }

  @Test
  void itsMenuEntryIsInTheMenuOfTheTenantThatEnabledItOnly() {
    String home = enablingAdmin.get("/t/" + ENABLING + "/", "Accept", "text/html").body();
    assertEquals(1, occurrences(home, "href=\"" + modulePage(ENABLING)), "one entry, at the module's root");
    assertTrue(home.contains("<a href=\"" + modulePage(ENABLING) + "\">" + escaped(title) + "</a>"),
        "labelled with the action type");
    assertFalse(otherAdmin.get("/t/" + OTHER + "/", "Accept", "text/html").body().contains("modules/" + pluginId),
        "and not in the other tenant's menu");
  }

  /** The jar is what the host looks for: its manifest, its two extensions, its resources in its own folders. */
  @Test
  void theJarDeclaresThePluginAndIndexesItsTwoExtensions() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertEquals(pluginId, manifest.getValue("Plugin-Id"));
      for (String entry : List.of("Plugin-Version", "Plugin-Requires", "Plugin-Provider", "Plugin-License",
          "Plugin-Description")) {
        String value = manifest.getValue(entry);
        assertTrue(value != null && !value.isBlank(), entry + " missing from the manifest");
      }
      assertTrue(new DefaultVersionManager().checkVersionConstraint(PacteApi.VERSION, manifest.getValue("Plugin-Requires")),
          "Plugin-Requires " + manifest.getValue("Plugin-Requires") + " accepts the API " + PacteApi.VERSION);
      List<Class<?>> extensions = extensions(jar);
      assertEquals(1, extensions.stream().filter(ActionType.class::isAssignableFrom).count(),
          "one ActionType in META-INF/extensions.idx: " + extensions);
      assertEquals(1, extensions.stream().filter(PacteModule.class::isAssignableFrom).count(),
          "one PacteModule in META-INF/extensions.idx: " + extensions);
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.startsWith("templates/") && !entry.isDirectory()) {
          assertTrue(name.startsWith("templates/" + pluginId + "/"), name + ": templates go under the plugin's folder");
          assertNoInlineCode(name, read(jar, entry));
        }
        if (name.startsWith("db/") && !entry.isDirectory()) {
          assertTrue(ownsTables(), name + ": the module keeps no data (a table would need tenant_id and forced "
              + "row-level security)");
          assertTrue(name.startsWith("db/" + pluginId + "/"), name + ": migrations go under the plugin's folder");
        }
      }
    }
  }

  /** The descriptor of the jar's ActionType extension, as the plugin's own classes give it. */
  protected ActionTypeDescriptor actionType() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      for (Class<?> extension : extensions(jar)) {
        if (ActionType.class.isAssignableFrom(extension)) {
          try {
            return ((ActionType) extension.getDeclaredConstructor().newInstance()).descriptor();
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(extension + " cannot be created as PF4J would", e);
          }
        }
      }
    }
    throw new AssertionError("no ActionType in the jar's META-INF/extensions.idx");
  }

  /** A text as Pebble's auto-escaping writes it. */
  protected static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private String moduleApi(String tenant) {
    return "/api/tenants/" + tenant + "/modules/" + pluginId;
  }

  private String modulePage(String tenant) {
    return "/t/" + tenant + "/modules/" + pluginId + "/";
  }

  private List<Class<?>> extensions(JarFile jar) throws IOException {
    JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
    assertNotNull(index, "META-INF/extensions.idx missing: is the PF4J annotation processor on the compiler's path?");
    List<Class<?>> classes = new ArrayList<>();
    for (String line : read(jar, index).lines().map(String::strip).toList()) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        try {
          classes.add(Class.forName(line, false, getClass().getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new AssertionError(line + " is indexed but not in the plugin's classes", e);
        }
      }
    }
    return classes;
  }

  private static String read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A plugin's template is main content served under a Content-Security-Policy without {@code unsafe-inline}. */
  private static void assertNoInlineCode(String name, String template) {
    assertTrue(template.startsWith("<h1>"), name + " is rendered inside the host's layout, starting with the h1");
    String lower = template.toLowerCase(Locale.ROOT);
    for (String forbidden : List.of("<html", "<head", "<body", "<script", "<style", "style=", "onclick", "onload",
        "onsubmit", "javascript:", "| raw")) {
      assertFalse(lower.contains(forbidden), name + " contains " + forbidden);
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
