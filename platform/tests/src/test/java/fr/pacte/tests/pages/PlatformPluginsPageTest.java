package fr.pacte.tests.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import fr.pacte.tests.faults.TestPluginJar;
import fr.pacte.tests.faults.plugins.HealthyModule;
import fr.pacte.tests.organisations.Multipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The platform operator installs plugins from the plugins page, as with the API: a jar uploaded from the form is
 * listed with its version, a new version keeps the old one for rollback, a refused jar shows its French reason next
 * to the file field, removal asks for a confirmation that says the tenants' data is kept, and every change is in the
 * platform's audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformPluginsPageTest {

  private static final String PAGE = "/plateforme/modules";
  private static final String PLUGIN = "page-healthy";

  private TestPlatform platform;
  private Client operator;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").start();
    operator = platform.loginPlatform("operateur");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void theOperatorInstallsReplacesRollsBackAndRemovesAPluginFromThePageAndEachStepIsAudited() {
    String page = operator.get(PAGE, "Accept", "text/html").body();
    assertTrue(page.contains("enctype=\"multipart/form-data\"") && page.contains("name=\"jar\""), "the upload form");

    Response installed = upload(TestPluginJar.builder(PLUGIN).extension(HealthyModule.class).bytes(), "page-1.0.0.jar");
    assertEquals(303, installed.status(), installed.body());
    page = operator.get(PAGE + "?notice=installe&module=" + PLUGIN, "Accept", "text/html").body();
    assertTrue(page.contains("id=\"module-" + PLUGIN + "\""), "the plugin runs: " + page);
    assertTrue(page.contains("id=\"version-" + PLUGIN + "-active\"") && page.contains("page-1.0.0.jar"), "in service");

    Response replaced = upload(TestPluginJar.builder(PLUGIN).version("1.1.0").extension(HealthyModule.class).bytes(),
        "page-1.1.0.jar");
    assertEquals(303, replaced.status(), replaced.body());
    page = operator.get(PAGE, "Accept", "text/html").body();
    assertTrue(page.contains("Conservée pour un retour arrière") && page.contains("aria-label=\"Revenir à la version 1.0.0 de "
        + PLUGIN + "\""), "1.0.0 is kept for rollback");

    Response rolledBack = operator.postForm(PAGE + "/" + PLUGIN + "/retour", "");
    assertEquals(303, rolledBack.status(), rolledBack.body());
    assertEquals("1.0.0", platform.administrators().get("/api/platform/plugins").json().getJsonArray("plugins").stream()
        .map(io.vertx.core.json.JsonObject.class::cast).filter(p -> PLUGIN.equals(p.getString("id"))).findFirst()
        .orElseThrow().getString("version"));

    String confirmation = operator.get(PAGE + "/" + PLUGIN + "/suppression", "Accept", "text/html").body();
    assertTrue(confirmation.contains("données des départements qui l&#39;utilisent sont conservées")
        || confirmation.contains("données des départements qui l'utilisent sont conservées"), confirmation);
    assertTrue(platform.administrators().get("/api/platform/plugins").body().contains("\"" + PLUGIN + "\""),
        "asking for confirmation removes nothing");
    Response unconfirmed = operator.postForm(PAGE + "/" + PLUGIN + "/suppression", "");
    assertEquals(303, unconfirmed.status(), unconfirmed.body());
    assertTrue(platform.administrators().get("/api/platform/plugins").body().contains("\"" + PLUGIN + "\""),
        "a post without the confirmation page's answer removes nothing");
    Response removed = operator.postForm(PAGE + "/" + PLUGIN + "/suppression", "confirmation=oui");
    assertEquals(303, removed.status(), removed.body());
    assertFalse(platform.administrators().get("/api/platform/plugins").json().getJsonArray("plugins").encode()
        .contains("\"" + PLUGIN + "\""), "no longer running");

    String trail = operator.get("/plateforme/journal", "Accept", "text/html").body();
    for (String line : new String[] {"Module installé", "Module remplacé par une nouvelle version",
        "Module revenu à sa version précédente", "Module supprimé (données des départements conservées)"}) {
      assertTrue(trail.contains(line), line + " in the trail: " + trail);
    }
    String cells = trail.replaceAll("<td[^>]*>", "<td>");
    assertTrue(cells.contains("<td>" + PLUGIN + "</td>") && cells.contains("<td>Plateforme</td>"), trail);
    String json = platform.administrators().get("/api/platform/audit").body();
    assertTrue(json.contains("\"plugin.installed\"") && json.contains("\"plugin.removed\""), json);
  }

  @Test
  void aRefusedJarShowsItsFrenchReasonNextToTheFileFieldAndInstallsNothing() {
    Response refused = upload(TestPluginJar.builder("page-future").requires(">=2.0.0").extension(HealthyModule.class)
        .bytes(), "futur.jar");
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("id=\"jar-error\"") && refused.body().contains("Plugin refusé")
        && refused.body().contains("API incompatible"), refused.body());
    assertTrue(refused.body().contains("aria-describedby=\"jar-hint jar-error\""), "the reason is tied to the field");
    assertFalse(operator.get(PAGE, "Accept", "text/html").body().contains("page-future"), "nothing installed");

    Response empty = upload(new byte[0], "vide.jar");
    assertEquals(400, empty.status());
    assertTrue(empty.body().contains("id=\"jar-error\""), empty.body());
  }

  @Test
  void onlyThePlatformOperatorUploadsFromThePage() {
    Client admin = platform.login("somme", "admin");
    assertNotEquals(200, admin.get(PAGE, "Accept", "text/html").status());
    Response upload = admin.postBytes(PAGE, Multipart.CONTENT_TYPE, body(admin, new byte[] {1, 2, 3}, "x.jar"),
        "Accept", "text/html");
    assertTrue(upload.status() == 401 || upload.status() == 403 || upload.status() == 303, "refused: " + upload.status());
    assertFalse(operator.get(PAGE, "Accept", "text/html").body().contains("x.jar"));
  }

  private Response upload(byte[] jar, String fileName) {
    operator.get(PAGE, "Accept", "text/html");
    return operator.postBytes(PAGE, Multipart.CONTENT_TYPE, body(operator, jar, fileName), "Accept", "text/html");
  }

  private static byte[] body(Client client, byte[] jar, String fileName) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
        + client.csrfToken(PAGE) + "\r\n--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"jar\"; "
        + "filename=\"" + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(jar);
    body.writeBytes(("\r\n--" + Multipart.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }
}
