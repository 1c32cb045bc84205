package fr.pacte.tests.programmes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A programme's page as people read it: a table of contents, each axis's fiches and actions folded under it, dates
 * in French, the programme it replaces by its title, indicators without unit, period or target said so once.
 */
class ProgrammePageTest {

  private static final String PAGE = "/t/somme/programmes/pdi-pti-2022-2025";
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    pilot = platform.login("somme", "pilotage");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String page(String path) {
    TestPlatform.Response response = pilot.get(path, "Accept", "text/html");
    assertEquals(200, response.status(), response.body());
    return response.body();
  }

  /** What people read: the text without tags, nor the technical details folded for administrators. */
  private static String text(String html) {
    return html.replaceAll("(?s)<details class=\"technical\">.*?</details>", " ")
        .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  @Test
  void aTableOfContentsLeadsToEachAxisWhoseFichesAndActionsFold() {
    String html = page(PAGE);
    int axes = pilot.get("/api/tenants/somme/programmes/pdi-pti-2022-2025").json().getJsonArray("axes").size();
    assertTrue(axes > 3, "axes: " + axes);
    String toc = html.substring(html.indexOf("<nav class=\"toc\" aria-label=\"Sommaire du programme\">"));
    toc = toc.substring(0, toc.indexOf("</nav>"));
    for (int i = 0; i < axes; i++) {
      assertTrue(toc.contains("href=\"#axe-" + i + "\""), "no link to axis " + i + " in " + toc);
      assertTrue(html.contains("id=\"axe-" + i + "\""), "no target for axis " + i);
    }
    assertEquals(axes, html.split("<details class=\"axis-content\">", -1).length - 1, "one folding block per axis");
    // Every action sits inside a folded block: none between an axis heading and its block.
    Matcher action = Pattern.compile("<article id=\"action-").matcher(html);
    while (action.find()) {
      String before = html.substring(0, action.start());
      assertTrue(before.lastIndexOf("<details class=\"axis-content\">") > before.lastIndexOf("</details>"),
          "an action outside its axis's folding block");
    }
  }

  @Test
  void theHeaderReadsInFrenchWithTheReplacedProgrammeByItsTitle() {
    String text = text(page(PAGE));
    assertTrue(text.contains("du 1 janvier 2022 au 31 décembre 2025"), text.substring(0, 2000));
    assertTrue(text.contains("Remplace PDI 2017-2021 ."), "the replaced programme by its title");
    assertFalse(text.contains("pdi-2017-2021"), "the replaced programme's code is on the page");
    assertFalse(page(PAGE).contains("pdi-2017-2021</a>.<a") || page(PAGE).contains(".Exporter"), "text run together");
  }

  @Test
  void indicatorsWithoutUnitPeriodOrTargetSaySoOnce() {
    JsonObject action = pilot.get("/api/tenants/somme/programmes/pdi-pti-2022-2025").json().getJsonArray("axes")
        .getJsonObject(0).getJsonArray("fiches").getJsonObject(0).getJsonArray("actions").getJsonObject(0);
    assertTrue(action.getJsonArray("indicators").getJsonObject(0).getString("unit") == null, action.encode());
    String html = page(PAGE);
    assertFalse(html.contains("<td>—</td><td>—</td><td>—</td>"), "three dashes for nothing");
    assertTrue(html.contains("<td colspan=\"3\" class=\"muted\">Ni unité, ni période, ni cible dans le programme</td>"));
  }

  @Test
  void theListOfProgrammesGivesDatesAndTheReplacedProgrammeAsPeopleReadThem() {
    String text = text(page("/t/somme/programmes"));
    assertTrue(text.contains("01/01/2022 – 31/12/2025"), text);
    assertFalse(text.contains("2022-01-01"), text);
    assertFalse(text.contains("pdi-2017-2021"), "a code in the Remplace column: " + text);
    assertTrue(text.contains("PDI 2017-2021"), "the replaced programme by its title: " + text);
  }

  @Test
  void theListOfProgrammesIsSortedPagedAndExportedLikeEveryList() {
    String html = page("/t/somme/programmes");
    assertTrue(html.contains("class=\"sortable\""), "the shared list table");
    assertTrue(html.contains("<details class=\"technical\"><summary>Détails techniques</summary><p class=\"muted\">Code : pdi-pti-2022-2025"),
        "the code kept for administrators in a disclosure");
    String sorted = page("/t/somme/programmes?tri=period&ordre=asc");
    assertTrue(sorted.indexOf("id=\"programme-pdi-2017-2021\"") < sorted.indexOf("id=\"programme-pdi-pti-2022-2025\""),
        "the oldest period first");
    String csv = pilot.get("/t/somme/programmes?tri=period&ordre=desc&format=csv").body().replace("\uFEFF", "");
    String[] lines = csv.split("\r\n");
    assertEquals("Programme;Territoire;Type;Période;Adopté le;Contenu;Remplace", lines[0]);
    assertTrue(lines[1].contains("31/12/2025"), lines[1]);
    assertEquals(200, pilot.get("/t/somme/programmes?format=xlsx").status());
  }
}
