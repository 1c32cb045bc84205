package fr.pacte.tests.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import fr.pacte.tests.TenantFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A person is shown only what their role can do: signed in with each demonstration account, every page reachable
 * from the menu and the pages they link to is opened, and every form shown is sent (with its security token only,
 * so that nothing is changed): none answers 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterfaceFollowsRoleTest {

  /** Every demonstration account of the Somme: one per role, and the agents of its five territories. */
  private static final List<String> SOMME_ACCOUNTS = List.of("admin", "pilotage", "agent.amiens", "agent.picardie-maritime",
      "agent.cinq-vallees", "agent.hauts-de-somme", "agent.somme-santerre", "referent", "association", "instructeur",
      "auditeur");
  /** A département without territories has no territory agents. */
  private static final List<String> ACCOUNTS_WITHOUT_TERRITORIES = List.of("admin", "pilotage", "referent", "association",
      "instructeur", "auditeur");
  private static final Pattern LINK = Pattern.compile("<a\\s[^>]*href=\"(/[^\"#]*)");
  private static final Pattern FORM = Pattern.compile("<form\\s[^>]*method=\"post\"[^>]*action=\"(/[^\"]*)\"",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FORM_ACTION_FIRST = Pattern.compile("<form\\s[^>]*action=\"(/[^\"]*)\"[^>]*method=\"post\"",
      Pattern.CASE_INSENSITIVE);
  /** Addresses that end the session or hand over a file rather than a page. */
  private static final Pattern SKIPPED = Pattern.compile(".*(/deconnexion|/connexion|\\.yaml|\\.csv|\\.xlsx|\\.json|/documents/[^/]+$|/api/.*|/assets/.*)");

  private TestPlatform platform;

  @BeforeAll
  void start() throws Exception {
    Path plugins = Files.createTempDirectory("pacte-plugins");
    Files.copy(Repository.builtPlugin("mobility-platform"), plugins.resolve("mobility-platform.jar"));
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).pluginsDir(plugins).start();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void noDemoAccountOfTheSommeIsShownALinkOrAFormThatAnswers403() {
    List<String> refusals = new ArrayList<>();
    for (String account : SOMME_ACCOUNTS) {
      refusals.addAll(crawl(platform.login("somme", account), account, "/t/somme/"));
    }
    assertEquals(List.of(), refusals);
  }

  @Test
  void noDemoAccountOfTheAllierOrTheDeuxSevresIsShownALinkOrAFormThatAnswers403() {
    List<String> refusals = new ArrayList<>();
    for (String tenant : List.of("allier", "deux-sevres")) {
      for (String account : ACCOUNTS_WITHOUT_TERRITORIES) {
        refusals.addAll(crawl(platform.login(tenant, account), tenant + ":" + account, "/t/" + tenant + "/"));
      }
    }
    assertEquals(List.of(), refusals);
  }

  @Test
  void thePlatformOperatorIsShownNoLinkOrFormThatAnswers403() {
    assertEquals(List.of(), crawl(platform.loginPlatform("operateur"), "operateur", "/"));
  }

  @Test
  void theMobilityPlatformIsInTheMenuOfTheRolesThatMayOpenItOnly() {
    String association = platform.login("somme", "association").get("/t/somme/", "Accept", "text/html").body();
    String instructor = platform.login("somme", "instructeur").get("/t/somme/", "Accept", "text/html").body();
    String pilot = platform.login("somme", "pilotage").get("/t/somme/", "Accept", "text/html").body();
    assertFalse(association.contains("/t/somme/modules/mobility-platform/"), "the association would get a 403");
    assertFalse(instructor.contains("/t/somme/modules/mobility-platform/"), "the instructor would get a 403");
    assertTrue(pilot.contains("/t/somme/modules/mobility-platform/"), "the programme manager opens it");
  }

  @Test
  void theModulesPageOffersItsButtonsToTheAdministratorOnly() {
    String admin = platform.login("somme", "admin").get("/t/somme/admin/modules", "Accept", "text/html").body();
    String pilot = platform.login("somme", "pilotage").get("/t/somme/admin/modules", "Accept", "text/html").body();
    String auditor = platform.login("somme", "auditeur").get("/t/somme/admin/modules", "Accept", "text/html").body();
    assertTrue(admin.contains("aria-label=\"Désactiver Plateforme mobilité solidaire\""), "the administrator has the buttons, named by the module's name");
    assertFalse(admin.contains("aria-label=\"Désactiver mobility-platform\""), "a button named by the plugin's identifier");
    for (String page : List.of(pilot, auditor)) {
      assertFalse(page.contains("Désactiver</button>") || page.contains("Activer</button>"), "no button that answers 403");
      assertTrue(page.contains("Activé"), "the state is still shown");
    }
  }

  /** Opens every page reachable from {@code start} (one per address shape) and sends every form once. */
  private List<String> crawl(Client client, String account, String start) {
    List<String> refusals = new ArrayList<>();
    Set<String> shapes = new LinkedHashSet<>();
    Map<String, String> forms = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    int opened = 0;
    while (!queue.isEmpty() && opened < 150) {
      String path = queue.removeFirst();
      if (!shapes.add(shape(path))) {
        continue;
      }
      opened++;
      Response page = client.get(path, "Accept", "text/html");
      if (page.status() == 403) {
        refusals.add(account + " GET " + path);
        continue;
      }
      for (String link : matches(LINK, page.body())) {
        String target = link.replace("&amp;", "&");
        if (target.startsWith(start) && !SKIPPED.matcher(target).matches()) {
          queue.addLast(target);
        }
      }
      for (Pattern pattern : List.of(FORM, FORM_ACTION_FIRST)) {
        for (String action : matches(pattern, page.body())) {
          if (!SKIPPED.matcher(action).matches()) {
            forms.putIfAbsent(shape(action), action.replace("&amp;", "&"));
          }
        }
      }
    }
    for (String action : forms.values()) {
      Response sent = client.postForm(action, "", "Accept", "text/html");
      if (sent.status() == 403) {
        refusals.add(account + " POST " + action);
      }
    }
    return refusals;
  }

  private static List<String> matches(Pattern pattern, String html) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(html);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** One address per kind of page: numbers, identifiers and query strings are set aside. */
  private static String shape(String path) {
    String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return withoutQuery.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}", "/{uuid}").replaceAll("/[0-9]+(?=/|$)", "/{n}");
  }
}
