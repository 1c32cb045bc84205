package fr.pacte.tests.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The platform operator's pages: create a département, deactivate and reactivate it, see the installed plugins and
 * the jars refused, read the platform's audit trail; nobody else opens them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformAdministrationTest {

  private TestPlatform platform;
  private Client operator;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").plugin(Repository.builtPlugin("mobility-platform")).start();
    operator = platform.loginPlatform("operateur");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void theOperatorCreatesDeactivatesAndReactivatesADepartementFromThePages() {
    String home = operator.get("/", "Accept", "text/html").body();
    assertTrue(home.contains("href=\"/plateforme\""), "the menu leads the operator to the administration");
    Response refused = operator.postForm("/plateforme/departements", "slug=Gironde%21&name=&departementCode=33",
        "Accept", "text/html");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("id=\"slug-error\"") && refused.body().contains("value=\"Gironde!\""),
        "the message is next to the field and the input kept");
    Response created = operator.postForm("/plateforme/departements", "slug=gironde&name=D%C3%A9partement+de+la+Gironde"
        + "&departementCode=33&colour=%231f4e79&territories=" + java.net.URLEncoder.encode("bordeaux ; Bordeaux Métropole",
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(303, created.status(), created.body());
    assertEquals(200, platform.get("/t/gironde/", "Accept", "text/html").status());
    assertTrue(platform.get("/api/tenants/gironde").json().encode().contains("Bordeaux Métropole"));

    Response deactivated = operator.postForm("/plateforme/departements/gironde/statut", "active=false");
    assertEquals(303, deactivated.status(), deactivated.body());
    assertEquals(404, platform.get("/t/gironde/", "Accept", "text/html").status());
    String list = operator.get("/plateforme", "Accept", "text/html").body();
    assertTrue(list.contains("aria-label=\"Réactiver Département de la Gironde\""), "a deactivated one stays listed");
    assertEquals(303, operator.postForm("/plateforme/departements/gironde/statut", "active=true").status());
    assertEquals(200, platform.get("/t/gironde/", "Accept", "text/html").status());

    String journal = operator.get("/plateforme/journal", "Accept", "text/html").body();
    assertTrue(journal.contains("Département créé") && journal.contains("Département désactivé")
        && journal.contains("Département réactivé"), journal);
    String read = journal.replaceAll("(?s)<details class=\"technical\">.*?</details>", "").replaceAll("<[^>]+>", " ");
    assertTrue(read.contains("Département de la Gironde"), "the département by its name");
    assertFalse(read.contains("platform:") || read.contains("system —") || read.contains("tenant.yaml"),
        "the audit trail's codes where people read: " + read);
    assertTrue(journal.contains("class=\"sortable\"") && journal.contains("format=csv") && journal.contains("format=xlsx"),
        "the journal is a list like the others");
    String csv = operator.get("/plateforme/journal?format=csv").body();
    assertTrue(csv.contains("Date (UTC);Département;Événement;Objet;Par") && csv.contains("Département réactivé"), csv);
    JsonObject latest = operator.get("/api/platform/audit").jsonArray().getJsonObject(0);
    assertEquals("gironde", latest.getString("tenant"));
    assertEquals("tenant.reactivated", latest.getString("action"));
  }

  @Test
  void theOperatorSeesTheInstalledPluginsAndOnlyTheOperatorOpensThesePages() {
    Response plugins = operator.get("/plateforme/modules", "Accept", "text/html");
    assertEquals(200, plugins.status());
    assertTrue(plugins.body().contains("id=\"module-mobility-platform\""), plugins.body());
    String read = plugins.body().replaceAll("(?s)<details class=\"technical\">.*?</details>", "").replaceAll("<[^>]+>", " ");
    assertTrue(read.contains("Plateforme mobilité solidaire"), "the module by its name");
    assertFalse(read.contains("mobility-platform") || read.contains("SNAPSHOT"), "an identifier or a version where people read");
    assertTrue(plugins.body().contains("<summary>Détails techniques</summary><p class=\"muted\">Identifiant : mobility-platform, version"),
        "the identifier and version kept for the operator in a disclosure");
    assertTrue(operator.get("/plateforme/modules?format=csv").body().contains("Plateforme mobilité solidaire"));
    Client admin = platform.login("somme", "admin");
    for (String page : new String[] {"/plateforme", "/plateforme/modules", "/plateforme/journal"}) {
      int status = admin.get(page, "Accept", "text/html").status();
      assertTrue(status == 303 || status == 403, page + " answered " + status + " to a département's administrator");
    }
    assertEquals(401, admin.get("/api/platform/audit").status());
  }
}
