package fr.pacte.tests.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list pages share one table: sorted by a click on a column's heading, in pages of 50 rows, exported as CSV and
 * XLSX with the page's filters and order; an offer item is deleted from its page; the users' scopes read as names.
 */
class ListPagesTest {

  private static final int CREATED = 55;
  private static TestPlatform platform;
  private static TestPlatform.Client admin;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    builder.plugin(Repository.builtPlugin("iae-preparation"));
    platform = builder.start();
    admin = platform.login("somme", "admin");
    for (int i = 1; i <= CREATED; i++) {
      JsonObject organisation = new JsonObject().put("name", String.format("Structure %03d", i))
          .put("rna", String.format("W%09d", 800_000_000 + i)).put("legalForm", "Association loi 1901")
          .put("address", new JsonObject().put("street", "1 rue de la Paix").put("postalCode", "80000").put("city", "Amiens"))
          .put("territories", new JsonArray().add("amiens"));
      TestPlatform.Response created = admin.postJson("/api/tenants/somme/organisations", organisation.encode());
      assertEquals(201, created.status(), created.body());
    }
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String html(String path) {
    TestPlatform.Response response = admin.get(path, "Accept", "text/html");
    assertEquals(200, response.status(), response.body());
    return response.body();
  }

  private static List<String> rowNames(String html) {
    List<String> names = new ArrayList<>();
    Matcher row = Pattern.compile("<tr id=\"organisation-[^\"]+\">\\s*<th scope=\"row\"><a href=\"[^\"]+\">([^<]+)</a>").matcher(html);
    while (row.find()) {
      names.add(row.group(1));
    }
    return names;
  }

  @Test
  void aListPastFiftyRowsIsShownInPages() {
    int total = admin.get("/api/tenants/somme/organisations").jsonArray().size();
    assertTrue(total > 50, "organisations: " + total);
    String first = html("/t/somme/organisations");
    assertEquals(50, rowNames(first).size());
    assertTrue(first.contains("<nav class=\"pagination\" aria-label=\"Pages de la liste\">"), "no pages");
    assertTrue(first.contains("lignes 1 à 50"), "the caption says which rows");
    String second = html("/t/somme/organisations?page=2");
    assertEquals(total - 50, rowNames(second).size());
    assertTrue(second.contains("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"));
  }

  @Test
  void aClickOnAColumnsHeadingSortsTheListAndASecondClickReversesIt() {
    String page = html("/t/somme/organisations");
    Matcher heading = Pattern.compile("<th scope=\"col\"><a href=\"([^\"]+)\">Nom<").matcher(page);
    assertTrue(heading.find(), "the Nom heading is not a link");
    String ascending = heading.group(1).replace("&amp;", "&");
    assertEquals("/t/somme/organisations?ordre=asc&tri=name", ascending);
    String sorted = html(ascending);
    assertTrue(sorted.contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/t/somme/organisations?ordre=desc&amp;tri=name\">Nom"),
        "the heading says the order and its link reverses it");
    List<String> names = rowNames(sorted);
    List<String> expected = new ArrayList<>(names);
    expected.sort(java.text.Collator.getInstance(java.util.Locale.FRENCH));
    assertEquals(expected, names);
    List<String> descending = rowNames(html("/t/somme/organisations?ordre=desc&tri=name"));
    assertEquals(String.format("Structure %03d", CREATED), descending.get(0));
  }

  @Test
  void theWholeListIsExportedAsCsvAndXlsxInThePagesOrder() throws Exception {
    int total = admin.get("/api/tenants/somme/organisations").jsonArray().size();
    TestPlatform.Response csv = admin.get("/t/somme/organisations?tri=name&ordre=desc&format=csv");
    assertEquals(200, csv.status());
    assertEquals("text/csv; charset=utf-8", csv.header("Content-Type"));
    assertEquals("attachment; filename=\"organisations.csv\"", csv.header("Content-Disposition"));
    String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
    assertEquals("Nom;Type;SIRET;RNA;Commune", lines[0]);
    assertEquals(total + 1, lines.length, "every row, not one page");
    assertTrue(lines[1].startsWith(String.format("Structure %03d;", CREATED)), lines[1]);

    HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(platform.url() + "/t/somme/organisations?format=xlsx"))
        .header("Cookie", Sessions.cookieName("somme") + "=" + admin.cookie(Sessions.cookieName("somme"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, xlsx.statusCode());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx.headers().firstValue("Content-Type").orElse(""));
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertEquals("Nom", sheet.getRow(0).getCell(0).getStringCellValue());
      assertEquals(total, sheet.getLastRowNum(), "a row per organisation under the headings");
    }
  }

  @Test
  void everyListPageHasTheSharedTable() {
    for (String path : List.of("/t/somme/organisations", "/t/somme/offre/catalogue", "/t/somme/appels",
        "/t/somme/admin/utilisateurs", "/t/somme/programmes", "/t/somme/referentiels", "/t/somme/referentiels/types-de-sortie",
        "/t/somme/referentiels/vocabulaire")) {
      String page = html(path);
      if (page.contains("class=\"sortable\"")) {
        assertTrue(page.contains("?format=csv") && page.contains("format=xlsx"), "no export on " + path);
      } else {
        assertTrue(page.contains("Aucune"), "no table and no word on " + path);
      }
      assertEquals(200, admin.get(path + (path.contains("?") ? "&" : "?") + "format=csv").status(), path);
    }
  }

  @Test
  void theApplicationsOfACallAreASortableListExportedAsCsvAndXlsx() {
    String call = admin.get("/api/tenants/somme/calls").jsonArray().getJsonObject(0).getString("id");
    String path = "/t/somme/appels/" + call + "/candidatures";
    String page = html(path + "?tri=fundable&ordre=desc");
    assertTrue(page.contains("Aucune candidature.") || page.contains("<table class=\"sortable applications\">"), page);
    if (page.contains("class=\"sortable applications\"")) {
      assertTrue(page.contains("aria-sort=\"descending\"><a href=\"" + path + "?ordre=asc&amp;tri=fundable\">Montant finançable"), page);
    }
    TestPlatform.Response csv = admin.get(path + "?format=csv");
    assertEquals(200, csv.status());
    assertEquals("text/csv; charset=utf-8", csv.header("Content-Type"));
    assertTrue(csv.body().replace("\uFEFF", "").startsWith("Organisme porteur;Groupement;Lot;"), csv.body());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        admin.get(path + "?format=xlsx").header("Content-Type"));
  }

  @Test
  void eachNeedsTableOfTheBesoinsPageIsSortedAndExportedByItsOwnParametersWithItsTotal() {
    String table = "aap-insertion-2026-2028-preparation-entree-iae";
    String page = html("/t/somme/besoins?" + table + ".tri=need&" + table + ".ordre=desc");
    assertTrue(page.contains("<table class=\"sortable needs\">"), "the needs of an action type in the shared table");
    assertTrue(page.contains("<table class=\"sortable territory-totals\">"), "the totals per territory too");
    String rows = page.substring(page.indexOf("<table class=\"sortable needs\">"));
    rows = rows.substring(0, rows.indexOf("</table>"));
    assertTrue(rows.indexOf("id=\"besoin-preparation-entree-iae-amiens\"") < rows.indexOf("id=\"besoin-preparation-entree-iae-cinq-vallees\""),
        "Amiens' need (60) first when sorted by need, descending");
    assertTrue(rows.contains("<tfoot><tr class=\"total\" id=\"besoin-preparation-entree-iae-total\">"), "the total under the rows");
    String[] lines = admin.get("/t/somme/besoins?" + table + ".format=csv&" + table + ".tri=need&" + table + ".ordre=desc")
        .body().replace("\uFEFF", "").split("\r\n");
    assertEquals("Territoire;Besoin;Places financées;Écart", lines[0]);
    assertTrue(lines[1].startsWith("Amiens;60;"), lines[1]);
    assertTrue(lines[lines.length - 1].startsWith("Total;140;"), lines[lines.length - 1]);
  }

  @Test
  void theTerritoriesOfTheHomePageAreASortableListExportedAsCsv() {
    String page = html("/t/somme/?tri=name&ordre=desc");
    assertTrue(page.contains("<table class=\"sortable territories\">"), page);
    String[] lines = admin.get("/t/somme/?format=csv&tri=name").body().replace("\uFEFF", "").split("\r\n");
    assertEquals("Territoire;Couche", lines[0]);
    assertEquals("Amiens;Territoire d'action sociale", lines[1]);
  }

  @Test
  void theDocumentsOfAnOrganisationAreASortableListExportedByTheirOwnParameters() {
    String page = html("/t/somme/organisations/association-demo");
    assertTrue(page.contains("Aucun document déposé.") || page.contains("<table class=\"sortable documents\">"), page);
    TestPlatform.Response csv = admin.get("/t/somme/organisations/association-demo?documents.format=csv&documents.tri=uploadedAt");
    assertEquals(200, csv.status());
    assertEquals("attachment; filename=\"documents.csv\"", csv.header("Content-Disposition"));
    assertTrue(csv.body().replace("\uFEFF", "").startsWith(
        "Document;Intitulé;Version en cours;Déposée le;Déposée par;Validité;Versions précédentes"), csv.body());
  }

  @Test
  void thePageOfTheReferentialsHasATablePerListEachSortedAndExportedByItsOwnParameters() {
    String page = html("/t/somme/referentiels?territoires.tri=name&territoires.ordre=desc");
    assertEquals(3, page.split("<table id=\"|<table class=\"sortable\"", -1).length - 1, "référentiels, territories, other areas");
    assertTrue(page.contains("href=\"/t/somme/referentiels?territoires.ordre=desc&amp;territoires.tri=name&amp;territoires.format=csv\""),
        page);
    assertTrue(page.indexOf("id=\"territoire-somme-santerre\"") < page.indexOf("id=\"territoire-amiens\""),
        "the territories in the order asked, the other tables as they were");
    String territories = admin.get("/t/somme/referentiels?territoires.format=csv&territoires.tri=name").body().replace("\uFEFF", "");
    String[] lines = territories.split("\r\n");
    assertEquals("Nom;Couche;Validité", lines[0]);
    assertTrue(lines[1].startsWith("Amiens;"), lines[1]);
    assertFalse(territories.contains("picardie-maritime"), "a territory's code in the file people read");
    String kinds = admin.get("/t/somme/referentiels?format=csv").body();
    assertTrue(kinds.contains("Référentiel;Description;Entrées;Surchargées par le département"), kinds);
  }

  @Test
  void theUsersPageNamesTheScopesTerritoriesAndOrganisationsAndOffersTheOrganisationsToChoose() {
    String page = html("/t/somme/admin/utilisateurs");
    assertTrue(page.contains("Territoire : Amiens"), "agent.amiens's scope by the territory's name");
    assertTrue(page.contains("Territoire : Picardie Maritime"));
    assertFalse(page.contains("Territoires : amiens"), "a territory's code");
    JsonObject demo = admin.get("/api/tenants/somme/organisations/association-demo").json();
    assertTrue(page.contains("Organisation : " + demo.getString("name")), "the operator's organisation by its name");
    assertTrue(page.contains("<select id=\"organisation\" name=\"organisation\""), "the organisation is typed, not chosen");
    assertTrue(page.contains("<option value=\"association-demo\">" + demo.getString("name") + "</option>"));
  }

  @Test
  void anOfferItemIsDeletedFromItsPageOnceConfirmedAtTheVersionShown() {
    JsonObject item = new JsonObject().put("actionType", "preparation-entree-iae").put("organisation", "association-demo")
        .put("title", "Offre à supprimer").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 10)))
        .put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = admin.postJson("/api/tenants/somme/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    String page = "/t/somme/offre/catalogue/" + id;
    assertTrue(html(page).contains("action=\"" + page + "/supprimer\""), "no delete form on the item's page");

    TestPlatform.Response unconfirmed = admin.postForm(page + "/supprimer", "version=1");
    assertEquals(303, unconfirmed.status());
    assertTrue(unconfirmed.header("Location").contains("notice=confirmer"));
    assertTrue(html(page + "?notice=confirmer").contains("Cochez la case pour confirmer la suppression."));
    assertEquals(200, admin.get("/api/tenants/somme/offer/" + id).status(), "deleted without confirmation");

    TestPlatform.Response stale = admin.postForm(page + "/supprimer", "version=7&confirmation=1");
    assertEquals(303, stale.status());
    assertTrue(stale.header("Location").contains("notice=modifiee"), stale.header("Location"));
    assertEquals(200, admin.get("/api/tenants/somme/offer/" + id).status(), "deleted at a stale version");

    TestPlatform.Response deleted = admin.postForm(page + "/supprimer", "version=1&confirmation=1");
    assertEquals(303, deleted.status());
    assertEquals("/t/somme/offre/catalogue?notice=supprimee", deleted.header("Location"));
    assertEquals(404, admin.get("/api/tenants/somme/offer/" + id).status());
    assertTrue(html("/t/somme/offre/catalogue?notice=supprimee").contains("L'offre a été supprimée."));
  }

  @Test
  void anOffersDatesMayBeTypedAsPeopleWriteThem() {
    JsonObject item = new JsonObject().put("actionType", "preparation-entree-iae").put("organisation", "association-demo")
        .put("title", "Dates écrites à la main").put("periodStart", "01/01/2026").put("periodEnd", "31/12/2027")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 10)));
    TestPlatform.Response created = admin.postJson("/api/tenants/somme/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    assertEquals("2026-01-01", created.json().getJsonObject("period").getString("start"));
    assertEquals("2027-12-31", created.json().getJsonObject("period").getString("end"));
    TestPlatform.Response wrong = admin.postJson("/api/tenants/somme/offer", item.put("periodEnd", "31/02/2027").encode());
    assertEquals(400, wrong.status());
    assertFalse(wrong.body().contains("AAAA-MM-JJ"), wrong.body());
    assertTrue(wrong.body().contains("JJ/MM/AAAA"), wrong.body());
  }

  @Test
  void anOffersProgrammeActionIsChosenFromTheProgrammesAndShownByItsTitle() {
    String form = html("/t/somme/offre/catalogue/nouvelle");
    assertTrue(form.contains("<select id=\"programmeAction\" name=\"programmeAction\""), "the programme action is typed");
    JsonObject action = admin.get("/api/tenants/somme/programmes/pdi-pti-2022-2025").json().getJsonArray("axes")
        .getJsonObject(0).getJsonArray("fiches").getJsonObject(0).getJsonArray("actions").getJsonObject(0);
    String label = "PDI/PTI 2022-2025 — Action " + action.getString("code") + " — " + action.getString("title");
    assertTrue(form.contains("<option value=\"pdi-pti-2022-2025/" + action.getString("code") + "\">" + label + "</option>"),
        "no choice for the action " + action.getString("code"));

    JsonObject item = new JsonObject().put("actionType", "preparation-entree-iae").put("organisation", "association-demo")
        .put("title", "Offre liée au programme").put("periodStart", "2026-01-01").put("periodEnd", "2027-12-31")
        .put("programmeAction", "pdi-pti-2022-2025/" + action.getString("code"))
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 10)));
    TestPlatform.Response created = admin.postJson("/api/tenants/somme/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    String page = html("/t/somme/offre/catalogue/" + created.json().getString("id"));
    assertTrue(page.contains("<dt>Action du programme</dt><dd>" + label + "</dd>"), "the action by its title");
    assertTrue(page.contains("<dt>Période</dt><dd>du 1 janvier 2026 au 31 décembre 2027</dd>"), "dates in a sentence");
    assertTrue(page.contains("<option value=\"pdi-pti-2022-2025/" + action.getString("code") + "\" selected>"));
  }
}
