package fr.pacte.tests.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.CallService;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls for projects on the real tenants and the five action-type plugins: the Somme's call 2026-2028 as seed 002
 * publishes it, drafts, publication, the frozen grid, stale versions, the closing at the deadline, the public page
 * and tenant isolation.
 */
class CallsTest {

  private static final String CALLS = "/api/tenants/somme/calls";
  private static final String SOMME_TITLE = "Appel à projets départemental territorialisé 2026-2028 – Thématique : Insertion";
  private static final List<String> TERRITORIES = List.of("picardie-maritime", "cinq-vallees", "amiens", "somme-santerre",
      "hauts-de-somme");
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static Pool pool;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(platform.pacte().node().database().appConnectOptions())
        .using(platform.pacte().node().vertx()).build();
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close().await();
    }
    platform.close();
  }

  /** The service as the node has it, but on a clock the test sets. */
  private static CallService at(LocalDateTime parisTime) {
    Clock clock = Clock.fixed(parisTime.atZone(ZoneId.of("Europe/Paris")).toInstant(), ZoneOffset.UTC);
    return new CallService(new TenantTransactions(pool), platform.pacte().tenants(), platform.pacte().plugins(),
        new AuditStore(), clock);
  }

  private static JsonObject sommeCall() {
    TestPlatform.Response response = pilot.get(CALLS);
    assertEquals(200, response.status(), response.body());
    return response.jsonArray().stream().map(JsonObject.class::cast)
        .filter(call -> "aap-insertion-2026-2028".equals(call.getString("code"))).findFirst().orElseThrow();
  }

  private static JsonObject draft(String title, String deadline) {
    return new JsonObject().put("title", title).put("thematic", "Insertion").put("deadline", deadline)
        .put("needsFrom", "aap-insertion-2026-2028").put("budgetCents", 50_000_000L)
        .put("lots", new JsonArray().add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité")
            .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens").add("cinq-vallees"))
            .put("budgetCents", 20_000_000L)))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "qualite").put("label", "Qualité du projet")
            .put("weight", 3).put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
                .add(new JsonObject().put("score", 2).put("label", "Bon")))));
  }

  private static JsonObject create(JsonObject body) {
    TestPlatform.Response created = pilot.postJson(CALLS, body.encode());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static JsonObject publish(JsonObject call) {
    TestPlatform.Response published = pilot.postJson(CALLS + "/" + call.getString("id") + "/publish", "{}",
        "If-Match", "\"" + call.getInteger("version") + "\"");
    assertEquals(200, published.status(), published.body());
    return published.json();
  }

  @Test
  void theSommeCallOfSeed002IsLoadedAsPublishedOnlineFrom3JuneAndClosesAtTheEndOf22AugustParisTime() {
    JsonObject call = sommeCall();
    assertEquals(SOMME_TITLE, call.getString("title"));
    assertEquals("2025-06-03", call.getString("publicationDate"));
    assertEquals("Commission permanente", call.getString("launchDecision"));
    assertEquals("2025-06-02", call.getString("launchDecisionDate"));
    assertEquals("2025-06-02T22:00:00Z", call.getString("publishedAt"), "published from 3 June, Paris time");
    assertEquals("2025-08-23T00:00", call.getString("deadline"));
    assertEquals("22 août 2025 à minuit", call.getString("deadlineLabel"));
    assertEquals("2025-08-22T22:00:00Z", call.getString("closesAt"), "midnight at the end of 22 August in Paris (UTC+2)");
    assertEquals("decided", call.getString("state"), "its deadline has passed on the server's clock, and the "
        + "demonstration's commission permanente has decided on it");
    assertFalse(call.getBoolean("open"));
    assertEquals(20, call.getInteger("indirectCostCapPercent"));
    assertEquals(3, call.getInteger("maxConventionYears"));
    assertEquals(7, call.getJsonArray("generalParts").size());
    assertEquals(5, call.getJsonArray("projectParts").size());
    assertEquals(6, call.getJsonArray("documents").size());
    assertEquals("Le RIB ou RIP de la structure", call.getJsonArray("documents").getString(5));
    assertEquals(2, call.getJsonArray("contacts").size());
    assertNull(call.getValue("budgetCents"), "the call publishes no envelope amount");
  }

  @Test
  void theSommeCallHasFiveLotsOnTheFiveTerritoriesWithTheNeedsOfSeed002() {
    JsonArray lots = sommeCall().getJsonArray("lots");
    assertEquals(5, lots.size());
    Map<String, Map<String, Integer>> needs = new LinkedHashMap<>();
    for (Object item : lots) {
      JsonObject lot = (JsonObject) item;
      assertEquals(TERRITORIES, lot.getJsonArray("territories").getList());
      needs.put(lot.getString("actionType"), lot.getJsonArray("needs").stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(n -> n.getString("territory"), n -> n.getInteger("target"), (a, b) -> a, LinkedHashMap::new)));
    }
    assertEquals(Map.of("picardie-maritime", 140, "cinq-vallees", 140, "amiens", 70, "somme-santerre", 140, "hauts-de-somme", 140),
        needs.get("plateforme-mobilite-solidaire"));
    assertEquals(Map.of("picardie-maritime", 50, "cinq-vallees", 35, "amiens", 120, "somme-santerre", 20, "hauts-de-somme", 35),
        needs.get("equilibre-emotionnel-psychologique"));
    assertEquals(354, needs.get("remobilisation-sociale").get("amiens"));
    assertEquals(192, needs.get("preparation-emploi").get("amiens"));
    JsonObject remobilisation = lots.stream().map(JsonObject.class::cast)
        .filter(lot -> lot.getString("actionType").equals("remobilisation-sociale")).findFirst().orElseThrow();
    assertEquals("WORKSHOPS_PER_YEAR", remobilisation.getJsonArray("needs").getJsonObject(0).getString("unit"));
  }

  @Test
  void theSommeGridHasTheFourGeneralCriteriaOfSectionIIIBAndEachActionTypesOwnIncludingTheMobilityFiches() {
    JsonArray criteria = sommeCall().getJsonArray("criteria");
    List<JsonObject> general = criteria.stream().map(JsonObject.class::cast).filter(c -> c.getValue("actionType") == null).toList();
    assertEquals(List.of("qualite-projet", "experience-structure", "logistique-accessibilite", "cout-projet"),
        general.stream().map(c -> c.getString("code")).toList());
    assertEquals(6, general.get(0).getJsonArray("subCriteria").size());
    assertTrue(general.get(3).getJsonArray("subCriteria").getJsonObject(1).getString("label").contains("au-delà de 20%"));
    List<String> mobility = criteria.stream().map(JsonObject.class::cast)
        .filter(c -> "plateforme-mobilite-solidaire".equals(c.getString("actionType"))).map(c -> c.getString("code")).toList();
    assertEquals(List.of("qualite_methodologie_pedagogie", "caractere_innovant", "modalite_rythme_intensite"), mobility);
    List<String> workshops = criteria.stream().map(JsonObject.class::cast)
        .filter(c -> "remobilisation-sociale".equals(c.getString("actionType"))).map(c -> c.getString("code")).toList();
    assertEquals(List.of("diversite_coherence_ateliers", "ateliers_en_modules", "appui_partenaires_locaux"), workshops);
    criteria.stream().map(JsonObject.class::cast).forEach(c -> {
      assertTrue(c.getInteger("weight") >= 1);
      assertTrue(c.getJsonArray("scale").size() >= 2, "every criterion has a scale of labelled levels: " + c);
    });
  }

  @Test
  void aCallClosesAtItsDeadlineOnTheServersClockOpenAt235959AndClosedAt000000() {
    JsonObject call = publish(create(draft("Appel mobilité 2030", "2030-03-16T00:00")));
    UUID id = UUID.fromString(call.getString("id"));
    assertEquals("published", call.getString("state"));

    CallService beforeMidnight = at(LocalDateTime.parse("2030-03-15T23:59:59"));
    assertEquals(0, beforeMidnight.closeDue().await());
    assertTrue(beforeMidnight.get("somme", id).await().openAt(beforeMidnight.now()), "23:59:59 on the last day is still open");

    CallService atMidnight = at(LocalDateTime.parse("2030-03-16T00:00:00"));
    assertFalse(atMidnight.get("somme", id).await().openAt(atMidnight.now()), "closed at read time from 00:00:00 on");
    assertTrue(atMidnight.closeDue().await() >= 1);
    assertEquals(0, atMidnight.closeDue().await(), "a call is closed once");
    JsonObject stored = pilot.get(CALLS + "/" + id).json();
    assertEquals("closed", stored.getString("state"));
    assertEquals(call.getInteger("version") + 1, stored.getInteger("version"));
  }

  @Test
  void twoNodesClosingAtTheSameTimeCloseEachDueCallOnceAndOnlyOnce() {
    JsonObject call = publish(create(draft("Appel clos par un seul nœud", "2032-01-01T00:00")));
    CallService first = at(LocalDateTime.parse("2032-01-01T00:00:01"));
    CallService second = at(LocalDateTime.parse("2032-01-01T00:00:01"));
    List<JsonObject> due = pilot.get(CALLS).jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("state").equals("published") && c.getString("closesAt") != null
            && java.time.Instant.parse(c.getString("closesAt")).isBefore(first.now()))
        .toList();
    assertTrue(due.stream().anyMatch(c -> c.getString("id").equals(call.getString("id"))));
    var both = io.vertx.core.Future.all(first.closeDue(), second.closeDue()).await();
    assertEquals(due.size(), (int) both.<Integer>resultAt(0) + both.<Integer>resultAt(1), "each due call closed by one node");
    JsonObject closed = pilot.get(CALLS + "/" + call.getString("id")).json();
    assertEquals("closed", closed.getString("state"));
    assertEquals(call.getInteger("version") + 1, closed.getInteger("version"), "closed once: one version more");
  }

  @Test
  void theGridIsFrozenOncePublishedEditsAreRefusedWithAConflictInFrench() {
    JsonObject call = publish(create(draft("Appel figé", "2031-01-10T12:00")));
    JsonObject changed = draft("Appel figé", "2031-01-10T12:00");
    changed.getJsonArray("criteria").getJsonObject(0).put("weight", 9);
    TestPlatform.Response refused = pilot.putJson(CALLS + "/" + call.getString("id"), changed.encode(),
        "If-Match", "\"" + call.getInteger("version") + "\"");
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.json().getString("detail").contains("figés depuis sa publication"), refused.body());
    assertEquals(3, pilot.get(CALLS + "/" + call.getString("id")).json().getJsonArray("criteria").getJsonObject(0).getInteger("weight"));
    JsonObject somme = sommeCall();
    TestPlatform.Response seeded = pilot.putJson(CALLS + "/" + somme.getString("id"), changed.encode(),
        "If-Match", "\"" + somme.getInteger("version") + "\"");
    assertEquals(409, seeded.status(), seeded.body());
  }

  @Test
  void anUpdateFromAStaleVersionIsAConflictAndChangesNothing() {
    JsonObject call = create(draft("Appel brouillon", "2031-05-01T00:00"));
    String path = CALLS + "/" + call.getString("id");
    TestPlatform.Response first = pilot.putJson(path, draft("Appel brouillon, relu", "2031-05-01T00:00").encode(), "If-Match", "\"1\"");
    assertEquals(200, first.status(), first.body());
    assertEquals(2, first.json().getInteger("version"));
    TestPlatform.Response stale = pilot.putJson(path, draft("Appel écrasé", "2031-05-01T00:00").encode(), "If-Match", "\"1\"");
    assertEquals(409, stale.status(), stale.body());
    assertEquals("Appel brouillon, relu", pilot.get(path).json().getString("title"));
  }

  @Test
  void aCallCopiedFromTheSommesIsADraftWithItsLotsAndGridAndNoDates() {
    JsonObject somme = sommeCall();
    TestPlatform.Response copied = pilot.postJson(CALLS + "/" + somme.getString("id") + "/copy", "{}");
    assertEquals(201, copied.status(), copied.body());
    JsonObject copy = copied.json();
    assertEquals("draft", copy.getString("state"));
    assertEquals("Copie de " + SOMME_TITLE, copy.getString("title"));
    assertEquals(somme.getString("id"), copy.getString("copiedFrom"));
    assertNull(copy.getValue("deadline"));
    assertEquals(somme.getJsonArray("lots"), copy.getJsonArray("lots"));
    assertEquals(somme.getJsonArray("criteria"), copy.getJsonArray("criteria"));
  }

  @Test
  void wrongFieldsAreRefusedAsProblemJsonNamingEachField() {
    JsonObject body = draft("Appel erroné", "le 22 août");
    body.getJsonArray("lots").getJsonObject(0).put("actionType", "inconnu").put("territories", new JsonArray().add("lyon"));
    body.put("budgetCents", -5);
    TestPlatform.Response refused = pilot.postJson(CALLS, body.encode());
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
    List<String> fields = refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("deadline", "budgetCents", "lots[0].actionType", "lots[0].territories")), fields.toString());

    JsonObject unknownRef = draft("Appel à la fiche inconnue", "2031-05-01T00:00");
    unknownRef.put("programmeRefs", new JsonArray().add("pdi-pti-2022-2025/1-1-1").add("pdi-pti-2022-2025/9-9-9"));
    TestPlatform.Response ref = pilot.postJson(CALLS, unknownRef.encode());
    assertEquals(400, ref.status(), ref.body());
    assertEquals("programmeRefs[1]", ref.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aDraftPageWithoutTitleShowsTheFrenchMessageNextToTheField() {
    TestPlatform.Response page = pilot.postForm("/t/somme/appels", "title=&deadlineDay=2031-02-01&lots=plateforme-mobilite-solidaire"
        + "&lot.plateforme-mobilite-solidaire.territories=amiens&criteria=Qualit%C3%A9+%7C+2");
    assertEquals(400, page.status(), page.body());
    assertTrue(page.body().contains("id=\"title-error\">Ce champ est obligatoire."), page.body());
  }

  @Test
  void thePublicPageListsTheSommesPublishedCallWithoutSigningIn() {
    TestPlatform.Response page = platform.anonymous().get("/t/somme/appels-a-projets");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains(SOMME_TITLE.replace("'", "&#39;")) || page.body().contains(SOMME_TITLE), "title");
    assertTrue(page.body().contains("22 août 2025 à minuit"));
    assertTrue(page.body().contains("354 ateliers par an"));
    assertTrue(page.body().contains("140 personnes en file active"));
    assertTrue(page.body().contains("Le RIB ou RIP de la structure"));
    create(draft("Brouillon jamais public", "2031-05-01T00:00"));
    assertFalse(platform.anonymous().get("/t/somme/appels-a-projets").body().contains("Brouillon jamais public"));
  }

  @Test
  void allierSeesNoneOfTheSommesCallsThroughTheApiOrThePages() {
    TestPlatform.Client allier = platform.login("allier", "pilotage");
    TestPlatform.Response list = allier.get("/api/tenants/allier/calls");
    assertEquals(200, list.status(), list.body());
    assertEquals(0, list.jsonArray().size());
    String sommeId = sommeCall().getString("id");
    assertEquals(404, allier.get("/api/tenants/allier/calls/" + sommeId).status());
    TestPlatform.Response staff = allier.get("/t/allier/appels");
    assertEquals(200, staff.status(), staff.body());
    assertFalse(staff.body().contains("2026-2028"));
    TestPlatform.Response open = platform.anonymous().get("/t/allier/appels-a-projets");
    assertEquals(200, open.status());
    assertTrue(open.body().contains("Aucun appel à projets publié pour ce département."));
    assertFalse(open.body().contains("territorialisé 2026-2028"));
    assertEquals(0, platform.login("deux-sevres", "pilotage").get("/api/tenants/deux-sevres/calls").jsonArray().size());
  }

  @Test
  void anOperatorReadsPublishedCallsButNeitherDraftsNorWrites() {
    TestPlatform.Client operator = platform.login("somme", "association");
    JsonObject draft = create(draft("Brouillon interne", "2031-05-01T00:00"));
    assertTrue(operator.get(CALLS).jsonArray().stream().map(JsonObject.class::cast).noneMatch(c -> c.getString("state").equals("draft")));
    assertEquals(404, operator.get(CALLS + "/" + draft.getString("id")).status());
    assertEquals(403, operator.postJson(CALLS, draft("Refusé", "2031-05-01T00:00").encode()).status());
  }
}
