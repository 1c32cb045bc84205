package fr.pacte.tests.fse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FSE+ co-funding module (plugin fse-plus, built jar) in a real platform: enabled per tenant live, operations on
 * the Somme's conventions with their financing plan, participants taken from the pathway with the data collected at
 * entry, exit and six months after, the common indicators, the export for Ma démarche FSE+, and what other tenants
 * and other roles cannot read.
 */
class FsePlusTest {

  private static final String SOMME = "/api/tenants/somme";
  private static final String FSE = SOMME + "/modules/fse-plus";
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client referent;
  private static TestPlatform.Client operator;
  private static TestPlatform.Client auditor;
  private static TestPlatform.Client admin;
  private static int counter;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).plugin(Repository.builtPlugin("fse-plus")).start();
    pilot = platform.login("somme", "pilotage");
    referent = platform.login("somme", "referent");
    operator = platform.login("somme", "association");
    auditor = platform.login("somme", "auditeur");
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  // ---- fixtures, made through the API as users would

  /** An offer item of the demonstration association and the convention that funds its places. */
  static JsonObject convention() {
    int n = ++counter;
    JsonObject item = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Plateforme mobilité FSE+ " + n).put("periodStart", "2024-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 30))
            .add(new JsonObject().put("territory", "picardie-maritime").put("capacity", 30)))
        .put("schedule", "Du lundi au vendredi").put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response offer = pilot.postJson(SOMME + "/offer", item.encode());
    assertEquals(201, offer.status(), offer.body());
    JsonObject year = new JsonObject().put("directCents", 8_000_000).put("indirectCents", 1_000_000)
        .put("departementCents", 6_000_000).put("coFunders", new JsonArray()
            .add(new JsonObject().put("kind", "fse-plus").put("name", "FSE+").put("amountCents", 3_000_000).put("status", "granted")));
    JsonArray targets = new JsonArray();
    for (int y = 1; y <= 3; y++) {
      targets.add(new JsonObject().put("year", y).put("territory", "amiens").put("target", 30));
    }
    JsonObject terms = new JsonObject().put("reference", "CD80-FSE-TEST-" + n)
        .put("title", "Plateforme mobilité solidaire cofinancée " + n)
        .put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("departement", new JsonObject().put("siret", "12345678901234"))
        .put("signatories", new JsonArray()
            .add(new JsonObject().put("party", "departement").put("name", "Le Président (test)").put("capacity", "Président"))
            .add(new JsonObject().put("party", "association-demo").put("name", "La Présidente (test)").put("capacity", "Présidente")))
        .put("periodStart", "2026-01-01").put("objectives", targets)
        .put("means", new JsonObject().put("staffFte", "2").put("schedule", "Du lundi au vendredi"))
        .put("evaluation", "Bilan annuel").put("renewal", "Reconduction par tranche annuelle")
        .put("years", new JsonArray().add(year).add(year.copy()).add(year.copy()))
        .put("decision", new JsonObject().put("date", "2025-12-08").put("reference", "CP-2025-12-08-FSE-" + n))
        .put("offerId", offer.json().getString("id"));
    TestPlatform.Response created = pilot.postJson(SOMME + "/conventions", terms.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().put("offer", offer.json().getString("id"));
  }

  static JsonObject operation(TestPlatform.Client who, String tenantApi, String conventionId, String start, String end) {
    TestPlatform.Response created = who.postJson(tenantApi + "/modules/fse-plus/operations", operationBody(conventionId, start, end).encode());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  static JsonObject operationBody(String conventionId, String start, String end) {
    return new JsonObject().put("title", "Mobilité vers l'emploi " + (++counter))
        .put("programme", "Programme national FSE+ 2021-2027").put("priority", "Priorité 1")
        .put("specificObjective", "ESO4.8").put("periodStart", start).put("periodEnd", end)
        .put("beneficiaryKind", "operator").put("beneficiaryName", "Association de démonstration")
        .put("conventions", new JsonArray().add(conventionId));
  }

  /** A person born on {@code birth}, oriented onto the offer in Amiens and entered on {@code entry}. */
  static JsonObject entered(String offer, String birth, String entry) {
    JsonObject person = new JsonObject().put("familyName", "Fse" + (char) ('A' + counter / 26) + (char) ('a' + counter++ % 26))
        .put("firstNames", "Camille").put("birthDate", birth).put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2024-01-05")
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme"));
    TestPlatform.Response created = referent.postJson(SOMME + "/persons", person.encode());
    assertEquals(201, created.status(), created.body());
    TestPlatform.Response oriented = referent.postJson(SOMME + "/orientations", new JsonObject()
        .put("person", created.json().getString("id")).put("offer", offer).put("territory", "amiens")
        .put("prescriberKind", "departement").encode());
    assertEquals(201, oriented.status(), oriented.body());
    JsonObject o = oriented.json();
    TestPlatform.Response accepted = operator.postJson(SOMME + "/orientations/" + o.getString("id") + "/accept",
        new JsonObject().put("entryDate", entry).put("version", o.getInteger("version")).encode());
    assertEquals(200, accepted.status(), accepted.body());
    return accepted.json();
  }

  static JsonObject exited(JsonObject participation, String date) {
    TestPlatform.Response exited = operator.postJson(SOMME + "/orientations/" + participation.getString("id") + "/exit",
        new JsonObject().put("date", date).put("type", "emploi-durable").put("version", participation.getInteger("version")).encode());
    assertEquals(200, exited.status(), exited.body());
    return exited.json();
  }

  static Map<String, JsonObject> participants(TestPlatform.Client who, String operation) {
    TestPlatform.Response list = who.get(FSE + "/operations/" + operation + "/participants");
    assertEquals(200, list.status(), list.body());
    return list.jsonArray().stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(o -> o.getString("participation"), Function.identity()));
  }

  static JsonObject entry(String operation, JsonObject participant, JsonObject data) {
    TestPlatform.Response saved = pilot.putJson(FSE + "/operations/" + operation + "/participants/"
        + participant.getString("participation") + "/entry", data.put("version", participant.getInteger("version")).encode());
    assertEquals(200, saved.status(), saved.body());
    return saved.json();
  }

  // ---- the tests

  @Test
  void theModuleIsEnabledLiveForATenantAndItsPagesAndApiAnswer404WhereItIsDisabled() {
    TestPlatform.Client admin = platform.login("deux-sevres", "admin");
    String api = "/api/tenants/deux-sevres/modules/fse-plus/operations";
    assertEquals(404, admin.get(api).status());
    assertEquals(404, admin.get("/t/deux-sevres/modules/fse-plus/").status());

    TestPlatform.Response enabled = admin.putJson("/api/tenants/deux-sevres/plugins/fse-plus",
        new JsonObject().put("enabled", true).encode());
    assertEquals(200, enabled.status(), enabled.body());
    TestPlatform.Response list = admin.get(api);
    assertEquals(200, list.status(), list.body());
    assertEquals(0, list.jsonArray().size(), "nothing of the Somme's operations in the Deux-Sèvres");
    TestPlatform.Response page = admin.get("/t/deux-sevres/modules/fse-plus/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Cofinancement FSE+"));

    TestPlatform.Response disabled = admin.putJson("/api/tenants/deux-sevres/plugins/fse-plus",
        new JsonObject().put("enabled", false).encode());
    assertEquals(200, disabled.status(), disabled.body());
    assertEquals(404, admin.get(api).status());
    assertEquals(404, admin.get("/t/deux-sevres/modules/fse-plus/").status());
    assertEquals(404, platform.login("allier", "admin").get("/api/tenants/allier/modules/fse-plus/operations").status());
  }

  @Test
  void theSommeHasADemonstrationOperationCoFundingOneOfItsConventionsShownOnTheConventionsPage() {
    TestPlatform.Response list = pilot.get(FSE + "/operations");
    assertEquals(200, list.status(), list.body());
    JsonObject demo = list.jsonArray().stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("title").contains("démonstration")).findFirst().orElseThrow();
    assertEquals("remaining-flat-rate", demo.getJsonObject("plan").getString("costOption"));
    assertEquals(8_400_000L, demo.getJsonObject("plan").getLong("totalCents"));
    assertTrue(demo.getJsonObject("plan").getBoolean("balanced"));
    String convention = demo.getJsonArray("conventions").getString(0);
    TestPlatform.Response page = pilot.get("/t/somme/conventions/" + convention);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Cofinancement FSE+"), "the module's panel on the convention's page");
    assertTrue(page.body().contains("/t/somme/modules/fse-plus/operations/" + demo.getString("id")));
  }

  @Test
  void aPlanAtTheFortyPercentFlatRateIsComputedAsByHandAndMustBalance() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2026-01-01", "2026-12-31");
    String plan = FSE + "/operations/" + o.getString("id") + "/plan";
    // 54 321,00 € of direct staff costs; 40 % of it is 21 728,40 € for every other cost: 76 049,40 € in all.
    // FSE+ at 60 % is 45 629,64 €; the Département brings the remaining 30 419,76 €.
    JsonObject body = new JsonObject().put("costOption", "remaining-flat-rate").put("flatRatePercent", "40")
        .put("staffCents", 5_432_100).put("fseRatePercent", "60").put("departementCents", 3_041_976)
        .put("version", o.getInteger("version"));
    TestPlatform.Response saved = pilot.putJson(plan, body.encode());
    assertEquals(200, saved.status(), saved.body());
    JsonObject p = saved.json().getJsonObject("plan");
    assertEquals(2_172_840L, p.getLong("remainingCents"));
    assertEquals(7_604_940L, p.getLong("totalCents"));
    assertEquals(4_562_964L, p.getLong("fseCents"));
    assertEquals(7_604_940L, p.getLong("resourcesCents"));
    assertTrue(p.getBoolean("balanced"));

    TestPlatform.Response page = pilot.get("/t/somme/modules/fse-plus/operations/" + o.getString("id"));
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("76 049,40 €"), "the eligible total on the operation's page");
    assertTrue(page.body().contains("Bilan d'exécution 2026 (PDF)"));

    TestPlatform.Response unbalanced = pilot.putJson(plan, body.copy().put("departementCents", 3_000_000)
        .put("version", saved.json().getInteger("version")).encode());
    assertEquals(400, unbalanced.status());
    assertEquals("resources", unbalanced.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response aboveCap = pilot.putJson(plan, body.copy().put("flatRatePercent", "41")
        .put("version", saved.json().getInteger("version")).encode());
    assertEquals(400, aboveCap.status());
    assertEquals("flatRatePercent", aboveCap.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response stale = pilot.putJson(plan, body.encode());
    assertEquals(409, stale.status(), "the version read before the first save is stale");
    assertEquals(7_604_940L, pilot.get(FSE + "/operations/" + o.getString("id")).json().getJsonObject("plan")
        .getLong("totalCents"), "nothing half-written");

    TestPlatform.Response fifteen = pilot.putJson(plan, new JsonObject().put("costOption", "indirect-flat-rate")
        .put("flatRatePercent", "15").put("staffCents", 1_000_000).put("otherDirectCents", 200_000)
        .put("fseRatePercent", "50").put("departementCents", 675_000).put("version", saved.json().getInteger("version")).encode());
    assertEquals(200, fifteen.status(), fifteen.body());
    assertEquals(150_000L, fifteen.json().getJsonObject("plan").getLong("indirectCents"));
    assertEquals(1_350_000L, fifteen.json().getJsonObject("plan").getLong("totalCents"));
  }

  @Test
  void participantsAreTakenFromThePathwayWithTheirEntryDateAgeBandAndRsaStatus() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2025-01-01", "2025-12-31");
    JsonObject young = entered(c.getString("offer"), "2001-06-15", "2025-02-03");
    JsonObject older = entered(c.getString("offer"), "1968-01-20", "2025-03-10");
    JsonObject outside = entered(c.getString("offer"), "1990-01-01", "2026-01-15");

    // The listener took the entry in at once: the participation's page shows the module's panel.
    TestPlatform.Response page = referent.get("/t/somme/parcours/orientations/" + young.getString("id"));
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Données FSE+"), "panel of the module on the participation's page");

    Map<String, JsonObject> participants = participants(pilot, o.getString("id"));
    assertEquals(2, participants.size(), "the entry of 2026 is outside the operation's period");
    assertFalse(participants.containsKey(outside.getString("id")));
    JsonObject y = participants.get(young.getString("id"));
    assertEquals("2025-02-03", y.getString("entryDate"));
    assertEquals("18-29", y.getString("ageBand"));
    assertTrue(y.getBoolean("rsaRecipient"));
    assertEquals("amiens", y.getString("territory"));
    assertEquals("55-plus", participants.get(older.getString("id")).getString("ageBand"));
    assertFalse(y.getBoolean("entryComplete"));

    exited(older, "2025-09-30");
    JsonObject after = participants(pilot, o.getString("id")).get(older.getString("id"));
    assertEquals("2025-09-30", after.getString("exitDate"));
    assertEquals("emploi-durable", after.getString("exitType"));
    assertEquals("2026-03-30", after.getString("sixMonthsDueOn"));
  }

  @Test
  void theSixMonthCollectionFallsDueSixMonthsAfterExitAndLeavesTheListOnceCollected() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2024-01-01", LocalDate.now(ZoneId.of("Europe/Paris")).toString());
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
    JsonObject longAgo = exited(entered(c.getString("offer"), "1985-04-12", "2024-02-01"), "2024-06-28");
    JsonObject recent = exited(entered(c.getString("offer"), "1985-04-12", today.minusMonths(2).toString()),
        today.minusDays(10).toString());

    TestPlatform.Response due = pilot.get(FSE + "/collections/due");
    assertEquals(200, due.status(), due.body());
    List<String> dueIds = due.jsonArray().stream().map(p -> ((JsonObject) p).getString("participation")).toList();
    assertTrue(dueIds.contains(longAgo.getString("id")), "left on 28 June 2024: due since 28 December 2024");
    assertFalse(dueIds.contains(recent.getString("id")), "left ten days ago: not due yet");
    assertTrue(pilot.get("/t/somme/modules/fse-plus/").body().contains("Situations à six mois à recueillir"));

    Map<String, JsonObject> participants = participants(pilot, o.getString("id"));
    JsonObject early = participants.get(recent.getString("id"));
    TestPlatform.Response tooEarly = pilot.putJson(FSE + "/operations/" + o.getString("id") + "/participants/"
        + recent.getString("id") + "/six-months", new JsonObject().put("employed", true).put("improved", true)
        .put("version", early.getInteger("version")).encode());
    assertEquals(400, tooEarly.status());

    JsonObject p = participants.get(longAgo.getString("id"));
    assertTrue(p.getBoolean("sixMonthsDue"));
    TestPlatform.Response collected = pilot.putJson(FSE + "/operations/" + o.getString("id") + "/participants/"
        + longAgo.getString("id") + "/six-months", new JsonObject().put("employed", true).put("improved", true)
        .put("version", p.getInteger("version")).encode());
    assertEquals(200, collected.status(), collected.body());
    assertFalse(collected.json().getBoolean("sixMonthsDue"));
    assertFalse(pilot.get(FSE + "/collections/due").jsonArray().stream()
        .anyMatch(x -> ((JsonObject) x).getString("participation").equals(longAgo.getString("id"))));
  }

  @Test
  void theCommonIndicatorsCountAHandMadeSetByYearAndGender() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2023-01-01", "2023-12-31");
    String op = o.getString("id");
    JsonObject a = entered(c.getString("offer"), "2000-05-05", "2023-02-01");   // woman, 22: unemployed, ISCED 0-2
    JsonObject b = entered(c.getString("offer"), "1970-05-05", "2023-03-01");   // man, 52: long-term unemployed, ISCED 3-4
    JsonObject d = entered(c.getString("offer"), "1965-05-05", "2023-04-01");   // woman, 57: inactive, ISCED 0-2, disability
    Map<String, JsonObject> ps = participants(pilot, op);
    entry(op, ps.get(a.getString("id")), new JsonObject().put("gender", "woman").put("labourStatus", "unemployed")
        .put("education", "isced-0-2"));
    entry(op, ps.get(b.getString("id")), new JsonObject().put("gender", "man").put("labourStatus", "long-term-unemployed")
        .put("education", "isced-3-4").put("sensitive", new JsonObject().put("disability", "refused")));
    entry(op, ps.get(d.getString("id")), new JsonObject().put("gender", "woman").put("labourStatus", "inactive")
        .put("education", "isced-0-2").put("sensitive", new JsonObject().put("disability", "yes")));
    // b leaves in 2023 in employment.
    JsonObject bOut = exited(b, "2023-10-31");
    JsonObject bRow = participants(pilot, op).get(bOut.getString("id"));
    TestPlatform.Response results = pilot.putJson(FSE + "/operations/" + op + "/participants/" + b.getString("id") + "/exit",
        new JsonObject().put("exitResults", new JsonArray().add("employment")).put("version", bRow.getInteger("version")).encode());
    assertEquals(200, results.status(), results.body());

    TestPlatform.Response indicators = auditor.get(FSE + "/operations/" + op + "/indicators");
    assertEquals(200, indicators.status(), indicators.body());
    Map<String, JsonObject> y2023 = indicators.jsonArray().stream().map(x -> (JsonObject) x)
        .filter(x -> x.getInteger("year") == 2023).collect(Collectors.toMap(x -> x.getString("code"), Function.identity()));
    assertCounts(y2023.get("EECO01"), 2, 1, 3);
    assertCounts(y2023.get("EECO02"), 1, 1, 2);
    assertCounts(y2023.get("EECO03"), 0, 1, 1);
    assertCounts(y2023.get("EECO04"), 1, 0, 1);
    assertCounts(y2023.get("EECO07"), 1, 0, 1);
    assertCounts(y2023.get("EECO08"), 1, 0, 1);
    assertCounts(y2023.get("EECO09"), 2, 0, 2);
    assertCounts(y2023.get("EECO10"), 0, 1, 1);
    assertCounts(y2023.get("EECO12"), 1, 0, 1);
    assertCounts(y2023.get("EECR04"), 0, 1, 1);
    assertCounts(y2023.get("EECR01"), 0, 0, 0);

    String report = PdfText.of(bytes(pilot, FSE + "/operations/" + op + "/execution-report.pdf?year=2023"))
        .replace('\u00a0', ' ').replaceAll("\\s+", " ");
    assertTrue(report.contains("Bilan d'exécution 2023"), report);
    assertTrue(report.contains("3 participant(s) suivis dans l'année, données d'entrée complètes pour 3."), report);
    assertTrue(report.contains("EECO01 — Nombre total de participants 2 1 0 3"), report);
  }

  private static byte[] bytes(TestPlatform.Client client, String path) {
    try {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + path))
          .header("Cookie", Sessions.cookieName("somme") + "=" + client.cookie(Sessions.cookieName("somme"))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, response.statusCode());
      assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElseThrow());
      return response.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertCounts(JsonObject line, int women, int men, int total) {
    assertNotNull(line);
    assertEquals(women, line.getInteger("women"), line.encode());
    assertEquals(men, line.getInteger("men"), line.encode());
    assertEquals(total, line.getInteger("total"), line.encode());
  }

  @Test
  void theExportForMaDemarcheFseHasTheDocumentedColumnsAndOneLinePerParticipant() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2022-01-01", "2022-12-31");
    JsonObject p = entered(c.getString("offer"), "1990-02-02", "2022-05-02");
    entry(o.getString("id"), participants(pilot, o.getString("id")).get(p.getString("id")), new JsonObject()
        .put("gender", "non-binary").put("labourStatus", "unemployed").put("education", "isced-5-8")
        .put("sensitive", new JsonObject().put("homeless", "yes")));
    TestPlatform.Response csv = pilot.get(FSE + "/operations/" + o.getString("id") + "/participants.csv");
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
    assertEquals("identifiant_operation;identifiant_participant;date_entree;date_sortie;genre;tranche_age;"
        + "situation_marche_travail;niveau_cite;handicap;ressortissant_pays_tiers;origine_etrangere;minorite;sans_domicile;"
        + "zone_rurale;beneficiaire_rsa;type_sortie;resultat_recherche_emploi;resultat_formation;resultat_qualification;"
        + "resultat_emploi;emploi_6_mois;situation_amelioree_6_mois", lines[0]);
    assertEquals(2, lines.length);
    String[] cells = lines[1].split(";", -1);
    assertEquals(22, cells.length);
    assertEquals(p.getString("id"), cells[1]);
    assertEquals("02/05/2022", cells[2]);
    assertEquals("non-binary", cells[4]);
    assertEquals("30-54", cells[5]);
    assertEquals("isced-5-8", cells[7]);
    assertEquals("yes", cells[12]);
    assertEquals("oui", cells[14]);

    String[] hidden = auditor.get(FSE + "/operations/" + o.getString("id") + "/participants.csv").body().split("\r\n")[1]
        .split(";", -1);
    assertEquals("", hidden[12], "the auditor's export leaves the sensitive characteristics out");
    assertEquals("non-binary", hidden[4]);
  }

  @Test
  void sensitiveCharacteristicsAreHiddenFromTheAuditorWhoDoesNotNeedThem() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2021-01-01", "2021-12-31");
    JsonObject p = entered(c.getString("offer"), "1980-03-03", "2021-06-01");
    JsonObject saved = entry(o.getString("id"), participants(pilot, o.getString("id")).get(p.getString("id")),
        new JsonObject().put("gender", "woman").put("labourStatus", "inactive").put("education", "isced-3-4")
            .put("sensitive", new JsonObject().put("disability", "yes").put("thirdCountryNational", "refused")));
    assertEquals("yes", saved.getJsonObject("sensitive").getString("disability"));

    JsonObject seenByPilot = participants(pilot, o.getString("id")).get(p.getString("id"));
    assertEquals("refused", seenByPilot.getJsonObject("sensitive").getString("thirdCountryNational"));
    JsonObject seenByReferent = participants(referent, o.getString("id")).get(p.getString("id"));
    assertEquals("yes", seenByReferent.getJsonObject("sensitive").getString("disability"));
    JsonObject seenByAuditor = participants(auditor, o.getString("id")).get(p.getString("id"));
    assertNull(seenByAuditor.getJsonObject("sensitive"));
    assertEquals("woman", seenByAuditor.getString("gender"));
    TestPlatform.Response page = auditor.get("/t/somme/modules/fse-plus/operations/" + o.getString("id")
        + "/participants/" + p.getString("id"));
    assertEquals(200, page.status());
    assertFalse(page.body().contains("Personne handicapée"));
    assertTrue(page.body().contains("Les données sensibles ne sont pas affichées pour votre rôle"));
    assertEquals(403, auditor.putJson(FSE + "/operations/" + o.getString("id") + "/participants/" + p.getString("id")
        + "/entry", new JsonObject().put("gender", "man").put("version", 2).encode()).status());
    assertEquals(403, operator.get(FSE + "/operations").status(), "operators have no business in FSE+ data");
  }

  @Test
  void theModuleCannotReadAnotherTenantsConventionsNorParticipants() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2020-01-01", "2020-12-31");
    entered(c.getString("offer"), "1980-03-03", "2020-06-01");
    assertEquals(1, participants(pilot, o.getString("id")).size());

    TestPlatform.Client admin = platform.login("deux-sevres", "admin");
    assertEquals(200, admin.putJson("/api/tenants/deux-sevres/plugins/fse-plus", new JsonObject().put("enabled", true).encode())
        .status());
    try {
      String api = "/api/tenants/deux-sevres/modules/fse-plus";
      TestPlatform.Response foreign = admin.postJson(api + "/operations",
          operationBody(c.getString("id"), "2020-01-01", "2020-12-31").encode());
      assertEquals(400, foreign.status(), "the Somme's convention is not visible from the Deux-Sèvres");
      assertEquals("conventions", foreign.json().getJsonArray("errors").getJsonObject(0).getString("field"));
      assertEquals(404, admin.get(api + "/operations/" + o.getString("id") + "/participants").status());
      assertEquals(0, admin.get(api + "/collections/due").jsonArray().size());
    } finally {
      admin.putJson("/api/tenants/deux-sevres/plugins/fse-plus", new JsonObject().put("enabled", false).encode());
    }
  }

  @Test
  void realisedCostsOfAYearAreComputedWithThePlansFlatRateAndShownInTheExecutionReport() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2026-01-01", "2027-12-31");
    String op = FSE + "/operations/" + o.getString("id");
    TestPlatform.Response plan = pilot.putJson(op + "/plan", new JsonObject().put("costOption", "remaining-flat-rate")
        .put("flatRatePercent", "40").put("staffCents", 5_432_100).put("fseRatePercent", "60")
        .put("departementCents", 3_041_976).put("version", o.getInteger("version")).encode());
    assertEquals(200, plan.status(), plan.body());
    // 12 345,67 € of staff costs realised in 2026: 40 % is 4 938,268 €, i.e. 4 938,27 €; 17 283,94 € in all;
    // FSE+ at 60 % is 10 370,364 €, i.e. 10 370,36 €. Other direct costs are covered by the flat rate, not added.
    TestPlatform.Response saved = pilot.putJson(op + "/realised-costs/2026", new JsonObject().put("staffCents", 1_234_567)
        .put("otherDirectCents", 50_000).put("version", 0).encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals(493_827L, saved.json().getLong("remainingCents"));
    assertEquals(1_728_394L, saved.json().getLong("totalCents"));
    assertEquals(1_037_036L, saved.json().getLong("fseCents"));
    assertEquals(1, saved.json().getInteger("version"));

    TestPlatform.Response again = pilot.putJson(op + "/realised-costs/2026", new JsonObject().put("staffCents", 1)
        .put("version", 0).encode());
    assertEquals(409, again.status(), "a second first entry of the same year is a conflict");
    TestPlatform.Response outside = pilot.putJson(op + "/realised-costs/2030", new JsonObject().put("version", 0).encode());
    assertEquals(400, outside.status());
    assertEquals("year", outside.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response negative = pilot.putJson(op + "/realised-costs/2027", new JsonObject().put("staffCents", -5)
        .put("version", 0).encode());
    assertEquals(400, negative.status());
    assertEquals("staffCents", negative.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response listed = pilot.get(op + "/realised-costs");
    assertEquals(200, listed.status(), listed.body());
    assertEquals(1, listed.jsonArray().size(), "nothing half-written");
    assertEquals(1_234_567L, listed.jsonArray().getJsonObject(0).getLong("staffCents"));

    String report = PdfText.of(bytes(pilot, op + "/execution-report.pdf?year=2026")).replace('\u00a0', ' ')
        .replaceAll("\\s+", " ");
    assertTrue(report.contains("Dépenses réalisées au regard du plan"), report);
    assertTrue(report.contains("17 283,94 €"), report);
    assertTrue(report.contains("10 370,36 €"), report);

    TestPlatform.Client browser = platform.login("somme", "pilotage");
    TestPlatform.Response page = browser.get("/t/somme/modules/fse-plus/operations/" + o.getString("id"));
    assertTrue(page.body().contains("17 283,94 €"), "the realised total on the operation's page");
    TestPlatform.Response refused = browser.postForm("/t/somme/modules/fse-plus/operations/" + o.getString("id")
        + "/realised/2027", "staffCents=douze&version=0");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Un montant en centimes d"), "French message next to the field");
    assertTrue(refused.body().contains("value=\"douze\""), "input kept");
  }

  @Test
  void aPaymentClaimAboveTheRateOfTheRealisedCostsMinusWhatWasClaimedIsRefusedOnItsAmount() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2026-01-01", "2027-12-31");
    String op = FSE + "/operations/" + o.getString("id");
    assertEquals(200, pilot.putJson(op + "/plan", new JsonObject().put("costOption", "remaining-flat-rate")
        .put("flatRatePercent", "40").put("staffCents", 5_432_100).put("fseRatePercent", "60")
        .put("departementCents", 3_041_976).put("version", o.getInteger("version")).encode()).status());
    assertEquals(200, pilot.putJson(op + "/realised-costs/2026", new JsonObject().put("staffCents", 1_234_567)
        .put("version", 0).encode()).status());
    assertEquals(200, pilot.putJson(op + "/realised-costs/2027", new JsonObject().put("staffCents", 1_000_000)
        .put("version", 0).encode()).status());
    // Realised: 17 283,94 € + 14 000,00 € = 31 283,94 €; FSE+ at 60 %: 18 770,364 €, i.e. 18 770,36 €.
    TestPlatform.Response advance = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "advance").put("amountCents", 500_000).encode());
    assertEquals(201, advance.status(), advance.body());
    TestPlatform.Response state = pilot.get(op + "/payment-claims");
    assertEquals(3_128_394L, state.json().getLong("realisedTotalCents"));
    assertEquals(1_877_036L, state.json().getLong("fseDueCents"));
    assertEquals(1_377_036L, state.json().getLong("claimableCents"), "18 770,36 € less the 5 000,00 € advance");

    TestPlatform.Response tooMuch = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "interim").put("amountCents", 1_377_037).encode());
    assertEquals(400, tooMuch.status());
    assertEquals("amountCents", tooMuch.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(1, pilot.get(op + "/payment-claims").json().getJsonArray("claims").size(), "nothing written");
    TestPlatform.Response interim = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "interim").put("amountCents", 1_377_036).encode());
    assertEquals(201, interim.status(), interim.body());
    assertEquals(500_000L, interim.json().getLong("previouslyClaimedCents"));

    String pdf = PdfText.of(bytes(pilot, op + "/payment-claims/" + interim.json().getString("id") + "/document.pdf"))
        .replace('\u00a0', ' ').replaceAll("\\s+", " ");
    assertTrue(pdf.contains("Paiement intermédiaire"), pdf);
    assertTrue(pdf.contains("18 770,36 €"), pdf);
    assertTrue(pdf.contains("13 770,36 €"), pdf);

    TestPlatform.Client browser = platform.login("somme", "pilotage");
    TestPlatform.Response refused = browser.postForm("/t/somme/modules/fse-plus/operations/" + o.getString("id")
        + "/payment-claims", "kind=balance&amountCents=1");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("dépasse le montant demandable : 0,00 €"), "French message next to the field");
    assertTrue(refused.body().contains("value=\"1\""), "input kept");
  }

  @Test
  void aBlankFormIsRefusedWithAFrenchMessageNextToEachFieldAndTheInputKept() {
    TestPlatform.Client browser = platform.login("somme", "pilotage");
    TestPlatform.Response refused = browser.postForm("/t/somme/modules/fse-plus/operations",
        "title=Essai&periodStart=2026-01-01");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Choisissez au moins une convention cofinancée."));
    assertTrue(refused.body().contains("value=\"Essai\""), "input kept");
    TestPlatform.Response api = pilot.postJson(FSE + "/operations", "[1]");
    assertEquals(400, api.status());
  }

  // ---- the demonstration at start, payment claims, service-done checks, audit trail, completeness

  private static JsonArray audit() {
    TestPlatform.Response journal = admin.get(SOMME + "/audit?limit=500");
    assertEquals(200, journal.status(), journal.body());
    return journal.jsonArray();
  }

  private static List<JsonObject> audited(String action) {
    return audit().stream().map(o -> (JsonObject) o).filter(e -> e.getString("action").equals(action)).toList();
  }

  /** An operation at the 40 % flat rate with 12 345,67 € of staff costs realised in 2026: 10 370,36 € of FSE+ due. */
  private static String operationWithRealisedCosts() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2026-01-01", "2027-12-31");
    String op = FSE + "/operations/" + o.getString("id");
    assertEquals(200, pilot.putJson(op + "/plan", new JsonObject().put("costOption", "remaining-flat-rate")
        .put("flatRatePercent", "40").put("staffCents", 5_432_100).put("fseRatePercent", "60")
        .put("departementCents", 3_041_976).put("version", o.getInteger("version")).encode()).status());
    assertEquals(200, pilot.putJson(op + "/realised-costs/2026", new JsonObject().put("staffCents", 1_234_567)
        .put("version", 0).encode()).status());
    return op;
  }

  @Test
  void theDemonstrationIsMadeAtStartWithRealisedCostsAndACheckedSubmittedClaimAndOnceOnlyOnASecondNode() {
    // Made by the module's start work, not by a request: the audit trail has it, by the demonstration, before any
    // request reached the module.
    List<JsonObject> created = audited("fse-plus.operation.created");
    assertEquals(1, created.stream().filter(e -> e.getString("actor").equals("démonstration fse-plus")).count(), created.toString());

    JsonObject demo = pilot.get(FSE + "/operations").jsonArray().stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("title").contains("démonstration")).findFirst().orElseThrow();
    String op = FSE + "/operations/" + demo.getString("id");
    JsonArray realised = pilot.get(op + "/realised-costs").jsonArray();
    assertEquals(1, realised.size(), realised.encode());
    // 20 000 € of staff costs and 40 % of them: 28 000 €; FSE+ at 60 %: 16 800 €.
    assertEquals(2_800_000L, realised.getJsonObject(0).getLong("totalCents"));
    JsonObject claims = pilot.get(op + "/payment-claims").json();
    JsonObject claim = claims.getJsonArray("claims").getJsonObject(0);
    assertEquals("submitted", claim.getString("status"));
    assertEquals(1_680_000L, claim.getLong("amountCents"));
    assertEquals(1, claim.getJsonArray("checks").size());
    assertEquals("compliant", claim.getJsonArray("checks").getJsonObject(0).getString("result"));

    TestPlatform.Response page = pilot.get("/t/somme/modules/fse-plus/operations/" + demo.getString("id"));
    assertTrue(page.body().contains("28 000,00 €"), "the realised costs on the page");
    assertTrue(page.body().contains("16 800,00 €") && page.body().contains("Déposée"), "the submitted claim on the page");

    // Another node starting on the same database finds it made and makes no second one.
    platform.startSecondNode();
    long demos = pilot.get(FSE + "/operations").jsonArray().stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("title").contains("démonstration")).count();
    assertEquals(1, demos);
    assertEquals(1, audited("fse-plus.operation.created").stream()
        .filter(e -> e.getString("actor").equals("démonstration fse-plus")).count());
  }

  @Test
  void aClaimInPreparationIsChangedAtTheVersionReadAndAStaleVersionIs409WithNothingWritten() {
    String op = operationWithRealisedCosts();
    TestPlatform.Response made = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "advance").put("amountCents", 500_000).encode());
    assertEquals(201, made.status(), made.body());
    JsonObject claim = made.json();
    assertEquals("draft", claim.getString("status"));
    String path = op + "/payment-claims/" + claim.getString("id");

    TestPlatform.Response changed = pilot.putJson(path, new JsonObject().put("kind", "interim").put("amountCents", 1_037_036)
        .put("version", claim.getInteger("version")).encode());
    assertEquals(200, changed.status(), changed.body());
    assertEquals("interim", changed.json().getString("kind"));
    assertEquals(1_037_036L, changed.json().getLong("amountCents"), "all of the FSE+ due, the claim itself left out");
    assertEquals(claim.getInteger("version") + 1, changed.json().getInteger("version"));

    TestPlatform.Response stale = pilot.putJson(path, new JsonObject().put("kind", "advance").put("amountCents", 1)
        .put("version", claim.getInteger("version")).encode());
    assertEquals(409, stale.status(), stale.body());
    TestPlatform.Response tooMuch = pilot.putJson(path, new JsonObject().put("kind", "interim").put("amountCents", 1_037_037)
        .put("version", changed.json().getInteger("version")).encode());
    assertEquals(400, tooMuch.status());
    assertEquals("amountCents", tooMuch.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(1_037_036L, pilot.get(path).json().getLong("amountCents"), "nothing written");
    List<JsonObject> changes = audited("fse-plus.payment-claim.changed").stream()
        .filter(e -> e.getString("target").equals("payment-claim:" + claim.getString("id"))).toList();
    assertEquals(1, changes.size(), "one change recorded, none for the refused ones");
    assertEquals("pilotage", changes.get(0).getString("actor"));
  }

  @Test
  void aClaimIsSubmittedOnlyOnceItsServiceDoneChecksAreRecordedAndNoneIsLeftNonCompliant() {
    String op = operationWithRealisedCosts();
    JsonObject claim = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "interim").put("amountCents", 800_000).encode()).json();
    String path = op + "/payment-claims/" + claim.getString("id");
    int version = claim.getInteger("version");

    TestPlatform.Response unchecked = pilot.postJson(path + "/submission", new JsonObject().put("version", version).encode());
    assertEquals(400, unchecked.status(), unchecked.body());
    assertEquals("checks", unchecked.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestPlatform.Response blank = pilot.postJson(path + "/checks", new JsonObject().encode());
    assertEquals(400, blank.status());
    List<String> fields = blank.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("subject", "result")), fields.toString());

    TestPlatform.Response wrong = pilot.postJson(path + "/checks", new JsonObject()
        .put("subject", "Facture de l'intervenant de mars").put("result", "non-compliant").put("checkedOn", "2026-03-31").encode());
    assertEquals(201, wrong.status(), wrong.body());
    JsonObject check = wrong.json().getJsonArray("checks").getJsonObject(0);
    assertEquals("pilotage", check.getString("checkedBy"));
    assertEquals("2026-03-31", check.getString("checkedOn"));
    TestPlatform.Response stillWrong = pilot.postJson(path + "/submission", new JsonObject().put("version", version).encode());
    assertEquals(400, stillWrong.status());
    assertEquals("checks", stillWrong.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    assertEquals(201, pilot.postJson(path + "/checks", new JsonObject().put("subject", "Facture de mars, corrigée")
        .put("result", "corrected").encode()).status());
    TestPlatform.Response submitted = pilot.postJson(path + "/submission", new JsonObject().put("version", version).encode());
    assertEquals(200, submitted.status(), submitted.body());
    assertEquals("submitted", submitted.json().getString("status"));
    assertEquals(2, submitted.json().getJsonArray("checks").size());

    TestPlatform.Response late = pilot.putJson(path, new JsonObject().put("kind", "interim").put("amountCents", 1)
        .put("version", submitted.json().getInteger("version")).encode());
    assertEquals(400, late.status(), "a submitted claim is not changed any more");
    assertEquals(400, pilot.postJson(path + "/checks", new JsonObject().put("subject", "Trop tard")
        .put("result", "compliant").encode()).status(), "nor checked");
    assertEquals(2, audited("fse-plus.service-check.recorded").stream()
        .filter(e -> e.getString("target").equals("payment-claim:" + claim.getString("id"))).count());
    assertEquals(1, audited("fse-plus.payment-claim.submitted").stream()
        .filter(e -> e.getString("target").equals("payment-claim:" + claim.getString("id"))).count());
  }

  @Test
  void aWithdrawnClaimIsKeptAndNoLongerCountsAndThePageAsksForAnExplicitConfirmation() {
    String op = operationWithRealisedCosts();
    String operationId = op.substring(op.lastIndexOf('/') + 1);
    JsonObject claim = pilot.postJson(op + "/payment-claims",
        new JsonObject().put("kind", "balance").put("amountCents", 1_037_036).encode()).json();
    assertEquals(0L, pilot.get(op + "/payment-claims").json().getLong("claimableCents"), "the balance closes the operation");

    TestPlatform.Client browser = platform.login("somme", "pilotage");
    String page = "/t/somme/modules/fse-plus/operations/" + operationId;
    String body = browser.get(page).body();
    String action = page + "/payment-claims/" + claim.getString("id") + "/retirer";
    assertTrue(body.contains("action=\"" + action + "\""), "a withdrawal form on the page");
    Matcher form = Pattern.compile("<form[^>]*action=\"" + Pattern.quote(action) + "\"[\\s\\S]*?</form>").matcher(body);
    assertTrue(form.find());
    assertTrue(form.group().contains("name=\"confirmation\""), "the destructive form carries a confirmation field");

    TestPlatform.Response unconfirmed = browser.postForm(action, "version=" + claim.getInteger("version"));
    assertEquals(400, unconfirmed.status());
    assertTrue(unconfirmed.body().contains("Cochez la case pour confirmer le retrait"));
    assertEquals("draft", pilot.get(op + "/payment-claims/" + claim.getString("id")).json().getString("status"));

    TestPlatform.Response confirmed = browser.postForm(action, "version=" + claim.getInteger("version") + "&confirmation=1");
    assertEquals(303, confirmed.status(), confirmed.body());
    JsonObject after = pilot.get(op + "/payment-claims").json();
    assertEquals("withdrawn", after.getJsonArray("claims").getJsonObject(0).getString("status"), "kept, marked withdrawn");
    assertEquals(0L, after.getLong("alreadyClaimedCents"));
    assertEquals(1_037_036L, after.getLong("claimableCents"));
    assertFalse(after.getBoolean("balanceClaimed"));
    assertTrue(browser.get(page).body().contains("Retirée"));

    TestPlatform.Response again = pilot.postJson(op + "/payment-claims/" + claim.getString("id") + "/withdrawal",
        new JsonObject().put("version", claim.getInteger("version")).encode());
    assertEquals(409, again.status(), "the version read is stale");
    List<JsonObject> withdrawn = audited("fse-plus.payment-claim.withdrawn").stream()
        .filter(e -> e.getString("target").equals("payment-claim:" + claim.getString("id"))).toList();
    assertEquals(1, withdrawn.size());
    assertEquals("pilotage", withdrawn.get(0).getString("actor"));
  }

  @Test
  void everyWriteOfTheModuleIsInTheAuditTrailWithoutTheSensitiveValues() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2024-01-01", "2027-12-31");
    String id = o.getString("id");
    JsonObject p = entered(c.getString("offer"), "1990-05-01", "2026-02-02");
    JsonObject participant = participants(pilot, id).get(p.getString("id"));
    entry(id, participant, new JsonObject().put("gender", "woman").put("labourStatus", "unemployed")
        .put("education", "isced-3-4").put("sensitive", new JsonObject().put("disability", "yes")));
    assertEquals(200, pilot.putJson(FSE + "/operations/" + id + "/status", new JsonObject().put("status", "admissibility")
        .put("version", o.getInteger("version")).encode()).status());

    List<String> actions = audit().stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("target") != null && (e.getString("target").equals("operation:" + id)
            || e.getString("target").equals("participation:" + p.getString("id"))))
        .map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("fse-plus.operation.created", "fse-plus.participant.taken-from-pathway",
        "fse-plus.participant.entry-saved", "fse-plus.operation.status-changed")), actions.toString());
    JsonObject entry = audited("fse-plus.participant.entry-saved").stream()
        .filter(e -> e.getString("target").equals("participation:" + p.getString("id"))).findFirst().orElseThrow();
    assertFalse(entry.getJsonObject("details").encode().contains("yes"), "no sensitive value in the trail");
    assertFalse(entry.getJsonObject("details").encode().contains("woman"));
  }

  @Test
  void theCompletenessOfEachIndicatorsDataIsGivenByTheApiAndShownOnTheOperationsPage() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2024-01-01", "2027-12-31");
    String id = o.getString("id");
    JsonObject first = entered(c.getString("offer"), "1990-05-01", "2026-02-02");
    entered(c.getString("offer"), "1985-05-01", "2026-02-03");
    JsonObject participant = participants(pilot, id).get(first.getString("id"));
    entry(id, participant, new JsonObject().put("gender", "man").put("labourStatus", "inactive")
        .put("education", "isced-0-2").put("sensitive", new JsonObject().put("homeless", "refused")));

    TestPlatform.Response completeness = pilot.get(FSE + "/operations/" + id + "/completeness");
    assertEquals(200, completeness.status(), completeness.body());
    JsonArray items = completeness.jsonArray();
    JsonObject gender = item(items, "gender");
    assertEquals(1, gender.getInteger("filled"));
    assertEquals(2, gender.getInteger("expected"));
    assertEquals(50, gender.getInteger("percent"));
    assertEquals(1, item(items, "homeless").getInteger("filled"), "« ne souhaite pas répondre » is an answer");
    assertEquals(0, item(items, "disability").getInteger("filled"));
    assertEquals(0, item(items, "exitResults").getInteger("expected"), "nobody has left yet");

    String page = pilot.get("/t/somme/modules/fse-plus/operations/" + id).body();
    assertTrue(page.contains("Complétude des données par indicateur"));
    assertTrue(page.contains("EECO09 à EECO11"));
    assertTrue(page.contains("50 %"));
  }

  private static JsonObject item(JsonArray items, String field) {
    return items.stream().map(o -> (JsonObject) o).filter(o -> o.getString("field").equals(field)).findFirst().orElseThrow();
  }

  @Test
  void theModulesListsAreSortedPagedAndExportedAsCsvAndXlsxLikeThePlatformsLists() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2024-01-01", "2027-12-31");
    entered(c.getString("offer"), "1990-05-01", "2026-02-02");
    entered(c.getString("offer"), "1960-05-01", "2026-01-15");
    TestPlatform.Client browser = platform.login("somme", "pilotage");
    String home = "/t/somme/modules/fse-plus/";

    TestPlatform.Response csv = browser.get(home + "?tri=title&ordre=desc&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    List<String> lines = List.of(csv.body().split("\r\n"));
    assertEquals("\uFEFFOpération;Programme;Période;Étape;Dépenses éligibles;FSE+", lines.get(0));
    List<String> titles = lines.subList(1, lines.size()).stream().map(l -> l.split(";")[0]).toList();
    java.text.Collator french = java.text.Collator.getInstance(java.util.Locale.FRENCH);
    french.setStrength(java.text.Collator.SECONDARY);
    List<String> expected = new java.util.ArrayList<>(titles);
    expected.sort(french.reversed());
    assertEquals(expected, titles, "sorted by title, descending, as asked");
    assertTrue(titles.contains(o.getString("title")));

    TestPlatform.Response xlsx = browser.get(home + "?format=xlsx");
    assertEquals(200, xlsx.status());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.header("Content-Type"));
    assertTrue(xlsx.body().startsWith("PK"), "a zipped workbook");

    String page = browser.get(home + "?tri=title&ordre=desc").body();
    assertTrue(page.contains("aria-sort=\"descending\""), "the sorted column says so");
    assertTrue(page.contains("format=xlsx") && page.contains("format=csv"));

    String operationPage = home + "operations/" + o.getString("id");
    TestPlatform.Response participants = browser.get(operationPage + "?participants.tri=entry&participants.format=csv");
    assertEquals(200, participants.status());
    List<String> rows = List.of(participants.body().split("\r\n"));
    assertEquals("\uFEFFEntrée;Territoire;Âge à l'entrée;Genre;Données d'entrée;Sortie;Situation à six mois", rows.get(0));
    assertEquals(3, rows.size());
    assertTrue(rows.get(1).startsWith("15/01/2026") && rows.get(2).startsWith("02/02/2026"), "by entry date: " + rows);
    assertTrue(rows.get(1).contains("55 ans et plus"), rows.get(1));
  }

  @Test
  void genderIsADataItemOfTheModuleWithTheLabelsOfMaDemarcheFseAndNeverAFieldOfThePerson() {
    JsonObject c = convention();
    JsonObject o = operation(pilot, SOMME, c.getString("id"), "2024-01-01", "2027-12-31");
    JsonObject p = entered(c.getString("offer"), "1990-05-01", "2026-02-02");
    JsonObject participant = participants(pilot, o.getString("id")).get(p.getString("id"));
    assertNull(participant.getString("gender"), "not collected yet");
    String page = pilot.get("/t/somme/modules/fse-plus/operations/" + o.getString("id") + "/participants/"
        + p.getString("id")).body();
    assertTrue(page.contains("<option value=\"woman\">Femme</option>"), page);
    assertTrue(page.contains("<option value=\"man\">Homme</option>"));
    assertTrue(page.contains("<option value=\"non-binary\">Non binaire</option>"));

    JsonObject saved = entry(o.getString("id"), participant, new JsonObject().put("gender", "non-binary")
        .put("labourStatus", "unemployed").put("education", "isced-0-2"));
    assertEquals("non-binary", saved.getString("gender"));
    TestPlatform.Response person = referent.get(SOMME + "/persons/" + participant.getString("person"));
    assertEquals(200, person.status(), person.body());
    assertFalse(person.body().contains("non-binary"), "the person of the pathway holds no gender");
    assertFalse(person.json().containsKey("gender"));
  }
}
