package fr.pacte.tests.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Besoins page of the Somme: each action type named once with its needs per territory, its total, a chart of
 * needs against funded places, totals per territory, filters, and wording that agrees with the figures; the public
 * offer page before any search.
 */
class NeedsPageTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        // The places counted below are the offer's and the conventions': no demonstration people and their items.
        .withoutDemoPeople();
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    JsonObject item = new JsonObject().put("actionType", "preparation-entree-iae").put("organisation", "association-demo")
        .put("title", "Sas vers l'IAE").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 45))
            .add(new JsonObject().put("territory", "cinq-vallees").put("capacity", 30)))
        .put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = pilot.postJson("/api/tenants/somme/offer", item.encode());
    assertEquals(201, created.status(), created.body());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String page(String query) {
    TestPlatform.Response response = pilot.get("/t/somme/besoins" + query, "Accept", "text/html");
    assertEquals(200, response.status(), response.body());
    return response.body();
  }

  private static String row(String page, String id) {
    int start = page.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, "no row " + id);
    return page.substring(start, page.indexOf("</tr>", start)).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  @Test
  void eachActionTypeHasItsTotalOverTheTerritories() {
    String page = page("");
    // IAE: needs 20 + 20 + 60 + 20 + 20 = 140; places 45 (Amiens) + 30 (Cinq Vallées) here, and the 20 + 20 that
    // the demonstration convention funds in Picardie Maritime and Cinq Vallées = 115.
    String total = row(page, "besoin-preparation-entree-iae-total");
    assertTrue(total.contains("Total 140 115 manque 25"), total);
    // Cinq Vallées has 30 + 20 places for a need of 20: 30 beyond the need, never a "manque".
    String cinq = row(page, "besoin-preparation-entree-iae-cinq-vallees");
    assertTrue(cinq.contains("20 50 30 au-delà"), cinq);
    String amiens = row(page, "besoin-preparation-entree-iae-amiens");
    assertTrue(amiens.contains("60 45 manque 15"), amiens);
  }

  @Test
  void theActionTypeIsNamedOnceNotAgainInUnaccentedCapitals() {
    String whole = page("");
    // The remarks on the source quote it; the tables, totals and charts do not.
    String page = whole.substring(0, whole.indexOf("<summary>Remarques sur la source</summary>"));
    assertTrue(page.contains("Préparation"), "the action type's name");
    assertFalse(page.contains("PREPARATION ENTREE IAE"), "the source's label in capitals is on the page");
    assertFalse(page.contains("MOBILITE SOLIDAIRE"), "the source's label in capitals is on the page");
  }

  @Test
  void theWordingAgreesWithTheFigures() {
    String page = page("");
    assertFalse(page.contains("Un écart négatif est un manque"), "the intro speaks of negative gaps the page never shows");
    Matcher negative = Pattern.compile("manque -\\d|[^\\d]-\\d+ au-delà").matcher(page);
    assertFalse(negative.find(), "a negative figure: " + (negative.find(0) ? negative.group() : ""));
    assertTrue(page.contains("« Manque » donne le nombre de places qu'il faudrait en plus"), "the intro explains « manque »");
  }

  @Test
  void aChartSetsTheNeedsBesideTheFundedPlacesOfEachActionType() {
    String page = page("");
    int charts = page.split("<figure class=\"chart\">", -1).length - 1;
    assertEquals(5, charts, "one chart per action type of the call");
    String iae = page.substring(page.indexOf("<title id=\"graphique-aap-insertion-2026-2028-preparation-entree-iae\">"));
    iae = iae.substring(0, iae.indexOf("</svg>"));
    // Amiens' need (60) is the longest bar of the chart: 370 units; its 45 places are three quarters of it.
    assertTrue(iae.contains("width=\"370\" height=\"14\" class=\"bar-need\"><title>Besoin : 60</title>"), iae);
    assertTrue(iae.contains("width=\"278\" height=\"14\" class=\"bar-offered\"><title>Places financées : 45</title>"), iae);
  }

  @Test
  void totalsPerTerritoryAddTheActionTypesOfOneUnit() {
    String page = page("");
    String table = page.substring(page.indexOf("<table class=\"sortable territory-totals\">"));
    table = table.substring(0, table.indexOf("</table>")).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    // People in a file, Amiens: mobility 70 + psychological 120 + IAE 60 = 250 needed, 45 funded.
    assertTrue(table.contains("Amiens 250 45 manque 205"), table);
  }

  @Test
  void filtersKeepOneTerritoryOneActionTypeOrTheShortfalls() {
    String amiens = page("?territoire=amiens");
    assertTrue(amiens.contains("id=\"besoin-preparation-entree-iae-amiens\""));
    assertFalse(amiens.contains("id=\"besoin-preparation-entree-iae-cinq-vallees\""));
    assertTrue(amiens.contains("<option value=\"amiens\" selected>Amiens</option>"), "the filter keeps its choice");

    String iae = page("?type=preparation-entree-iae");
    assertTrue(iae.contains("id=\"besoin-preparation-entree-iae-total\""));
    assertFalse(iae.contains("id=\"besoin-preparation-emploi-total\""));

    String shortfalls = page("?type=preparation-entree-iae&manques=1");
    assertTrue(shortfalls.contains("id=\"besoin-preparation-entree-iae-amiens\""));
    assertFalse(shortfalls.contains("id=\"besoin-preparation-entree-iae-cinq-vallees\""), "Cinq Vallées is covered");
  }

  @Test
  void thePublicOfferPageSaysNothingOfASearchBeforeAnySearch() {
    String page = platform.anonymous().get("/t/allier/offre", "Accept", "text/html").body();
    assertFalse(page.contains("Aucune action ne correspond à votre recherche"), "before any search");
    assertTrue(page.contains("Aucune action n'est publiée pour le moment"), page);
    String searched = platform.anonymous().get("/t/allier/offre?territoire=nulle-part", "Accept", "text/html").body();
    assertTrue(searched.contains("Aucune action ne correspond à votre recherche"));
  }

  @Test
  void theNeedsShownAreExportedAsCsv() {
    TestPlatform.Response csv = pilot.get("/t/somme/besoins?type=preparation-entree-iae&format=csv");
    assertEquals(200, csv.status());
    assertEquals("text/csv; charset=utf-8", csv.header("Content-Type"));
    String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
    assertEquals("Appel à projets;Type d'action;Territoire;Unité;Besoin;Places financées;Manque", lines[0]);
    assertEquals(6, lines.length, "the five territories of the IAE need");
    assertTrue(page("").contains("format=csv"), "no export link on the page");
  }
}
