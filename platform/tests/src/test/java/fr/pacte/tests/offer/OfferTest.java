package fr.pacte.tests.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offer catalogue, the public page, the data·inclusion export and the Somme's needs of seed 002 beside the offer,
 * on the real tenants and the five real action-type plugins.
 */
class OfferTest {

  private static final String OFFER = "/api/tenants/somme/offer";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client admin;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        // The places counted below are the offer's and the conventions': no demonstration people and their items.
        .withoutDemoPeople();
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static JsonObject item(String type, String title, Map<String, Integer> places) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    return new JsonObject().put("actionType", type).put("organisation", "association-demo").put("title", title)
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31").put("places", placeArray)
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h").put("funders", new JsonArray().add("Département de la Somme"))
        .put("programmeAction", "pdi-pti-2022-2025/1-1-1");
  }

  private static JsonObject create(JsonObject item) {
    TestPlatform.Response created = pilot.postJson(OFFER, item.encode());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static Map<String, JsonObject> needRows() {
    TestPlatform.Response response = pilot.get("/api/tenants/somme/needs");
    assertEquals(200, response.status(), response.body());
    JsonArray calls = response.jsonArray();
    assertEquals(1, calls.size());
    Map<String, JsonObject> rows = new LinkedHashMap<>();
    calls.getJsonObject(0).getJsonArray("rows").forEach(row -> rows.put(((JsonObject) row).getString("actionType") + "/"
        + ((JsonObject) row).getString("territory"), (JsonObject) row));
    return rows;
  }

  @Test
  void theSommeNeedsOfSeed002AreLoadedAsTargets() {
    JsonArray calls = pilot.get("/api/tenants/somme/needs").jsonArray();
    JsonObject call = calls.getJsonObject(0);
    assertEquals("aap-insertion-2026-2028", call.getString("call"));
    Map<String, Integer> totals = call.getJsonArray("rows").stream().map(JsonObject.class::cast)
        .collect(Collectors.groupingBy(row -> row.getString("actionType"), LinkedHashMap::new,
            Collectors.summingInt(row -> row.getInteger("need"))));
    // File active: 140+140+70+140+140, 50+35+120+20+35, 20+20+60+20+20; workshops a year: 192×4+354, 192×5.
    assertEquals(Map.of("plateforme-mobilite-solidaire", 630, "equilibre-emotionnel-psychologique", 260,
        "preparation-entree-iae", 140, "remobilisation-sociale", 1122, "preparation-emploi", 960), totals);
    Map<String, JsonObject> rows = needRows();
    assertEquals(25, rows.size());
    JsonObject amiensWorkshops = rows.get("remobilisation-sociale/amiens");
    assertEquals(354, amiensWorkshops.getInteger("need"));
    assertEquals("WORKSHOPS_PER_YEAR", amiensWorkshops.getString("unit"));
    assertEquals("ateliers par an", amiensWorkshops.getString("unitLabel"));
    assertEquals("Amiens", amiensWorkshops.getString("territoryName"));
    assertEquals("PEOPLE_IN_FILE_ACTIVE", rows.get("equilibre-emotionnel-psychologique/amiens").getString("unit"));

    // Loaded once: another node starting on the same database and files does not load them again.
    platform.startSecondNode();
    long loads = admin.get("/api/tenants/somme/audit?limit=500").jsonArray().stream().map(JsonObject.class::cast)
        .filter(event -> event.getString("action").equals("needs.loaded-from-file")).count();
    assertEquals(1, loads);
    assertEquals(25, needRows().size());
    // Other départements have no needs file.
    assertEquals(0, platform.login("allier", "pilotage").get("/api/tenants/allier/needs").jsonArray().size());
  }

  @Test
  void theNeedsViewSetsTheCurrentOfferBesideEachNeed() {
    Map<String, JsonObject> before = needRows();
    int amiens = before.get("preparation-entree-iae/amiens").getInteger("offered");
    create(item("preparation-entree-iae", "Sas vers l'IAE — Amiens", Map.of("amiens", 45, "cinq-vallees", 20)));
    // An item that ended last year is not part of the current offer.
    create(item("preparation-entree-iae", "Ancienne action IAE", Map.of("amiens", 100))
        .put("periodStart", "2022-01-01").put("periodEnd", LocalDate.now().minusYears(1).toString()));

    Map<String, JsonObject> after = needRows();
    JsonObject row = after.get("preparation-entree-iae/amiens");
    assertEquals(60, row.getInteger("need"));
    assertEquals(amiens + 45, row.getInteger("offered"));
    assertEquals(amiens + 45 - 60, row.getInteger("gap"));
    assertEquals(before.get("preparation-entree-iae/cinq-vallees").getInteger("gap") + 20,
        after.get("preparation-entree-iae/cinq-vallees").getInteger("gap"));

    String page = pilot.get("/t/somme/besoins", "Accept", "text/html").body();
    assertTrue(page.contains("id=\"besoin-preparation-entree-iae-amiens\""), page);
    String amiensRow = page.substring(page.indexOf("id=\"besoin-preparation-entree-iae-amiens\""));
    amiensRow = amiensRow.substring(0, amiensRow.indexOf("</tr>"));
    assertTrue(amiensRow.contains("manque " + (60 - amiens - 45)), amiensRow);
  }

  @Test
  void changesNeedTheVersionReadAndAreAudited() {
    JsonObject created = create(item("plateforme-mobilite-solidaire", "Plateforme mobilité Picardie Maritime",
        Map.of("picardie-maritime", 140)));
    String path = OFFER + "/" + created.getString("id");
    assertEquals(1, created.getInteger("version"));
    JsonObject edit = item("plateforme-mobilite-solidaire", "Plateforme mobilité Picardie Maritime", Map.of("picardie-maritime", 120))
        .put("version", 1);
    TestPlatform.Response saved = pilot.putJson(path, edit.encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals(2, saved.json().getInteger("version"));

    TestPlatform.Response stale = admin.putJson(path, edit.put("title", "Écrasement").encode());
    assertEquals(409, stale.status());
    assertEquals("application/problem+json", stale.header("Content-Type"));
    assertEquals("Plateforme mobilité Picardie Maritime", pilot.get(path).json().getString("title"));
    assertEquals(409, pilot.delete(path + "?version=1").status());

    JsonArray audit = admin.get("/api/tenants/somme/audit?limit=200").jsonArray();
    List<String> actions = audit.stream().map(JsonObject.class::cast).filter(e -> e.getString("target").equals("offer:" + created.getString("id")))
        .map(e -> e.getString("action")).toList();
    assertEquals(List.of("offer.updated", "offer.created"), actions);

    assertEquals(204, pilot.delete(path + "?version=2").status());
    assertEquals(404, pilot.get(path).status());
  }

  @Test
  void badInputIsRefusedFieldByField() {
    JsonObject bad = item("remobilisation-sociale", "Ateliers", Map.of("amiens", 10)).put("schedule", "")
        .put("organisation", "inconnue").put("periodEnd", "2025-01-01");
    TestPlatform.Response refused = pilot.postJson(OFFER, bad.encode());
    assertEquals(400, refused.status());
    List<String> fields = refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("schedule", "periodEnd")), fields.toString());
    TestPlatform.Response unknownOrganisation = pilot.postJson(OFFER, item("remobilisation-sociale", "Ateliers", Map.of("amiens", 10))
        .put("organisation", "inconnue").encode());
    assertEquals("organisation", unknownOrganisation.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(403, platform.login("somme", "association").postJson(OFFER, item("remobilisation-sociale", "Ateliers",
        Map.of("amiens", 10)).encode()).status());
    assertEquals(401, platform.anonymous().get(OFFER).status());
  }

  @Test
  void searchFiltersByTerritoryThematicPublicTypeAndPlacesLeft() {
    JsonObject workshops = create(item("preparation-emploi", "Ateliers préparation à l'emploi — Hauts-de-Somme",
        Map.of("hauts-de-somme", 192)).put("thematiques", new JsonArray().add("preparer-sa-candidature--valoriser-ses-competences")));
    JsonObject full = create(item("equilibre-emotionnel-psychologique", "Soutien psychologique — Somme-Santerre",
        Map.of("somme-santerre", 20)).put("thematiques", new JsonArray().add("sante--sante-mentale")));
    TestPlatform.Response filled = pilot.putJson(OFFER + "/" + full.getString("id"), item("equilibre-emotionnel-psychologique",
        "Soutien psychologique — Somme-Santerre", Map.of()).put("places", new JsonArray().add(new JsonObject()
            .put("territory", "somme-santerre").put("capacity", 20).put("taken", 20)))
        .put("thematiques", new JsonArray().add("sante--sante-mentale")).put("version", 1).encode());
    assertEquals(200, filled.status(), filled.body());

    assertEquals(List.of(workshops.getString("id")), ids("?territory=hauts-de-somme&actionType=preparation-emploi"));
    assertEquals(List.of(full.getString("id")), ids("?thematique=sante"), "a family matches its thematics");
    assertEquals(List.of(full.getString("id")), ids("?thematique=sante--sante-mentale"));
    assertFalse(ids("?territory=somme-santerre&placesLeft=1").contains(full.getString("id")), "no place left");
    assertTrue(ids("?territory=somme-santerre&placesLeft=0").contains(full.getString("id")));
    // Both action types admit RSA recipients only: the public is set for them.
    assertTrue(ids("?public=beneficiaires-des-minimas-sociaux").containsAll(List.of(workshops.getString("id"), full.getString("id"))));
    assertFalse(ids("?public=jeunes").contains(workshops.getString("id")));
    assertEquals(400, pilot.get(OFFER + "?placesLeft=beaucoup").status());
  }

  @Test
  void thePublicPageAndTheDataInclusionExportNeedNoAccount() {
    JsonObject mobility = create(item("plateforme-mobilite-solidaire", "Plateforme mobilité solidaire des Cinq Vallées",
        Map.of("cinq-vallees", 140)).put("thematiques", new JsonArray().add("mobilite--preparer-un-permis"))
        .put("contactEmail", "mobilite@example.org"));
    TestPlatform.Client visitor = platform.anonymous();
    String page = visitor.get("/t/somme/offre?territoire=cinq-vallees", "Accept", "text/html").body();
    assertTrue(page.contains("id=\"offre-" + mobility.getString("id") + "\""), page);
    assertTrue(page.contains("Plateforme mobilité solidaire des Cinq Vallées"));
    String elsewhere = visitor.get("/t/somme/offre?territoire=picardie-maritime&type=plateforme-mobilite-solidaire",
        "Accept", "text/html").body();
    assertFalse(elsewhere.contains("Plateforme mobilité solidaire des Cinq Vallées"), "the territory filter does not filter");

    TestPlatform.Response export = visitor.get(OFFER + "/data-inclusion");
    assertEquals(200, export.status(), export.body());
    JsonObject service = export.json().getJsonArray("services").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("pacte-somme--" + mobility.getString("id"))).findFirst().orElseThrow();
    assertEquals("pacte-somme", service.getString("source"));
    assertEquals("pacte-somme--association-demo", service.getString("structure_id"));
    assertEquals("Plateforme mobilité solidaire des Cinq Vallées", service.getString("nom"));
    assertEquals("accompagnement", service.getString("type"));
    assertEquals(new JsonArray().add("mobilite--preparer-un-permis"), service.getJsonArray("thematiques"));
    assertEquals(new JsonArray().add("80"), service.getJsonArray("zone_eligibilite"));
    assertEquals(LocalDate.now().toString().substring(0, 4), service.getString("date_maj").substring(0, 4));
    assertTrue(service.getString("lien_source").matches("http://127\\.0\\.0\\.1:\\d+/t/somme/offre#offre-.*"), service.getString("lien_source"));
    assertTrue(export.json().getJsonArray("structures").stream().map(JsonObject.class::cast)
        .anyMatch(s -> s.getString("id").equals("pacte-somme--association-demo")));

    JsonObject v0 = visitor.get(OFFER + "/data-inclusion?schema=v0").json().getJsonArray("services").stream()
        .map(JsonObject.class::cast).filter(s -> s.getString("nom").equals("Plateforme mobilité solidaire des Cinq Vallées"))
        .findFirst().orElseThrow();
    assertEquals("departement", v0.getString("zone_diffusion_type"));
    assertEquals("80", v0.getString("zone_diffusion_code"));
    assertTrue(v0.containsKey("presentation_resume"));
    assertTrue(v0.containsKey("profils"));
  }

  @Test
  void aDisabledActionTypeLeavesTheCatalogueTheExportAndTheNeeds() {
    JsonObject psy = create(item("equilibre-emotionnel-psychologique", "Équilibre émotionnel — Picardie Maritime",
        Map.of("picardie-maritime", 50)));
    assertTrue(ids("").contains(psy.getString("id")));
    int revision = admin.get("/api/tenants/somme/plugins").jsonArray().stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals("psychological-support")).findFirst().orElseThrow().getInteger("revision");
    TestPlatform.Response disabled = admin.putJson("/api/tenants/somme/plugins/psychological-support",
        new JsonObject().put("enabled", false).put("revision", revision).encode());
    assertEquals(200, disabled.status(), disabled.body());
    try {
      assertFalse(ids("").contains(psy.getString("id")));
      assertEquals(404, pilot.get(OFFER + "/" + psy.getString("id")).status());
      assertFalse(platform.anonymous().get(OFFER + "/data-inclusion").body().contains(psy.getString("id")));
      assertFalse(platform.anonymous().get("/t/somme/offre", "Accept", "text/html").body().contains("Équilibre émotionnel — Picardie Maritime"));
      assertFalse(needRows().keySet().stream().anyMatch(key -> key.startsWith("equilibre-emotionnel-psychologique/")));
      TestPlatform.Response refused = pilot.postJson(OFFER, item("equilibre-emotionnel-psychologique", "Nouveau", Map.of("amiens", 5)).encode());
      assertEquals("actionType", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    } finally {
      assertEquals(200, admin.putJson("/api/tenants/somme/plugins/psychological-support",
          new JsonObject().put("enabled", true).encode()).status());
    }
    assertTrue(ids("").contains(psy.getString("id")), "enabling it again brings its offer back");
    // The Allier enables no action type: its catalogue is empty and refuses every type.
    TestPlatform.Client allier = platform.login("allier", "pilotage");
    assertEquals(0, allier.get("/api/tenants/allier/offer").jsonArray().size());
    assertEquals(400, allier.postJson("/api/tenants/allier/offer", item("plateforme-mobilite-solidaire", "Plateforme",
        Map.of("departement", 10)).encode()).status());
  }

  @Test
  void staffPagesCreateAndEditAnItemAndRefuseAStaleEdit() {
    assertEquals(200, pilot.get("/t/somme/offre/catalogue/nouvelle", "Accept", "text/html").status());
    String form = "actionType=remobilisation-sociale&organisation=association-demo&title=Ateliers+du+Vimeu"
        + "&periodStart=2026-01-05&periodEnd=2028-12-18&schedule=Mardi+9h-12h&funders=D%C3%A9partement%0AFSE%2B"
        + "&places.picardie-maritime.capacity=96&places.picardie-maritime.taken=4&publics=beneficiaires-des-minimas-sociaux";
    TestPlatform.Response created = pilot.postForm("/t/somme/offre/catalogue", form, "Accept", "text/html");
    assertEquals(303, created.status(), created.body());
    String location = created.header("Location");
    assertTrue(location.matches("/t/somme/offre/catalogue/[0-9a-f-]{36}\\?notice=creee"), location);
    String page = pilot.get(location, "Accept", "text/html").body();
    assertTrue(page.contains("L'offre a été créée.") || page.contains("L&#39;offre a été créée."), page);
    assertTrue(page.contains("96 ateliers par an, dont 92 disponibles"), page);

    String itemPath = location.substring(0, location.indexOf('?'));
    TestPlatform.Response saved = pilot.postForm(itemPath, form.replace("96", "100") + "&version=1", "Accept", "text/html");
    assertEquals(303, saved.status(), saved.body());
    TestPlatform.Response stale = admin.postForm(itemPath, form.replace("96", "1") + "&version=1", "Accept", "text/html");
    assertEquals(409, stale.status());
    assertTrue(stale.body().contains("modifiée entre-temps"), stale.body());
    assertTrue(stale.body().contains("100 ateliers par an"), "the page shows what is saved");

    TestPlatform.Response invalid = pilot.postForm(itemPath, form.replace("schedule=Mardi+9h-12h", "schedule=") + "&version=2",
        "Accept", "text/html");
    assertEquals(400, invalid.status());
    assertTrue(invalid.body().contains("id=\"schedule-error\""), invalid.body());
    assertTrue(invalid.body().contains("value=\"Ateliers du Vimeu\""), "what was typed is kept");

    String catalogue = pilot.get("/t/somme/offre/catalogue?territoire=picardie-maritime&places=1", "Accept", "text/html").body();
    assertTrue(catalogue.contains("Ateliers du Vimeu"), catalogue);
  }

  private static List<String> ids(String query) {
    TestPlatform.Response response = pilot.get(OFFER + query);
    assertEquals(200, response.status(), response.body());
    return response.jsonArray().stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
