package fr.pacte.tests.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Indicators and dashboards of the Somme computed from pathways made through the API: the mobility fiche's five
 * indicators on a small data set counted by hand, the monthly facts equal to a recount after a series of changes,
 * the occupancy of the funded places, values entered by the programme manager, and each caller seeing only their
 * territory, organisation and tenant.
 */
class IndicatorsTest {

  private static final String API = "/api/tenants/somme";
  private static final String MOBILITY = "plateforme-mobilite-solidaire";
  private static final String PSY = "equilibre-emotionnel-psychologique";
  private static final String REMOBILISATION = "remobilisation-sociale";
  private static final String IAE = "preparation-entree-iae";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client referent;
  private static TestPlatform.Client operator;
  private static TestPlatform.Client amiens;
  private static int people;
  /** The current month and its first day, where the tests' orientations are made (an orientation is made now). */
  private static YearMonth month;
  private static String first;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        // The participations counted below are those the test makes: no demonstration people.
        .withoutDemoPeople();
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    referent = platform.login("somme", "referent");
    operator = platform.login("somme", "association");
    amiens = platform.login("somme", "agent.amiens");
    month = YearMonth.now(ZoneId.of("Europe/Paris"));
    first = month.atDay(1).toString();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  // ---- fixtures, made through the API as users would

  static String offer(String type, String title, Map<String, Integer> places) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    JsonObject item = new JsonObject().put("actionType", type).put("organisation", "association-demo").put("title", title)
        .put("periodStart", "2025-01-01").put("periodEnd", "2028-12-31").put("places", placeArray)
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h").put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = pilot.postJson(API + "/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  static String person(String territory) {
    JsonObject body = new JsonObject().put("familyName", "Indic" + (char) ('A' + people / 26) + (char) ('a' + people++ % 26))
        .put("firstNames", "Camille").put("birthDate", "1985-04-12").put("commune", "Amiens").put("territory", territory)
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05").put("iaeEligible", true)
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme"));
    TestPlatform.Response created = referent.postJson(API + "/persons", body.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  static JsonObject orient(String person, String offer, String territory) {
    TestPlatform.Response placed = referent.postJson(API + "/orientations", new JsonObject().put("person", person)
        .put("offer", offer).put("territory", territory).put("prescriberKind", "departement").encode());
    assertEquals(201, placed.status(), placed.body());
    return placed.json();
  }

  static JsonObject accept(JsonObject orientation, String entry) {
    TestPlatform.Response accepted = operator.postJson(API + "/orientations/" + orientation.getString("id") + "/accept",
        new JsonObject().put("entryDate", entry).put("version", orientation.getInteger("version")).encode());
    assertEquals(200, accepted.status(), accepted.body());
    return accepted.json();
  }

  static JsonObject fields(JsonObject orientation, JsonObject values) {
    TestPlatform.Response changed = operator.putJson(API + "/orientations/" + orientation.getString("id") + "/fields",
        new JsonObject().put("version", orientation.getInteger("version")).put("fields", values).encode());
    assertEquals(200, changed.status(), changed.body());
    return changed.json();
  }

  static JsonObject exit(JsonObject orientation, String date, String type) {
    TestPlatform.Response exited = operator.postJson(API + "/orientations/" + orientation.getString("id") + "/exit",
        new JsonObject().put("date", date).put("type", type).put("version", orientation.getInteger("version"))
            .put("comment", "Sortie").encode());
    assertEquals(200, exited.status(), exited.body());
    return exited.json();
  }

  static JsonObject refuse(JsonObject orientation) {
    TestPlatform.Response refused = operator.postJson(API + "/orientations/" + orientation.getString("id") + "/refuse",
        new JsonObject().put("reason", "injoignable").put("version", orientation.getInteger("version")).encode());
    assertEquals(200, refused.status(), refused.body());
    return refused.json();
  }

  /** An offer item serving a programme action ("programme/action"). */
  static String servingOffer(String type, String title, Map<String, Integer> places, String programmeAction) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    JsonObject item = new JsonObject().put("actionType", type).put("organisation", "association-demo").put("title", title)
        .put("periodStart", "2025-01-01").put("periodEnd", "2028-12-31").put("places", placeArray)
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h").put("funders", new JsonArray().add("Département de la Somme"))
        .put("programmeAction", programmeAction);
    TestPlatform.Response created = pilot.postJson(API + "/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  /** The programme indicator of {@code action} numbered {@code number} (from 1), as the API gives it for {@code query}. */
  static JsonObject programmeIndicator(TestPlatform.Client who, String query, String action, int number) {
    TestPlatform.Response answer = who.get(API + "/indicators/programme?" + query);
    assertEquals(200, answer.status(), answer.body());
    return answer.json().getJsonArray("indicators").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("programme").equals("pdi-pti-2022-2025") && i.getString("action").equals(action)
            && i.getInteger("number") == number)
        .findFirst().orElseThrow(() -> new AssertionError("no indicator " + action + " n° " + number));
  }

  static Map<String, String> values(TestPlatform.Client who, String query, String type) {
    TestPlatform.Response answer = who.get(API + "/indicators?" + query);
    assertEquals(200, answer.status(), answer.body());
    Map<String, String> values = new HashMap<>();
    answer.json().getJsonArray("actionTypes").stream().map(JsonObject.class::cast).filter(t -> t.getString("code").equals(type))
        .flatMap(t -> t.getJsonArray("indicators").stream().map(JsonObject.class::cast))
        .forEach(i -> values.put(i.getString("code"), i.getString("value")));
    return values;
  }

  // ---- the tests

  @Test
  void theMobilityFichesFiveIndicatorsAreCountedFromTheParticipationsAsByHand() {
    String item = offer(MOBILITY, "Plateforme mobilité des indicateurs", Map.of("amiens", 3, "picardie-maritime", 1));
    // A: entered, supported towards the licence, two solutions, highway code and licence passed.
    JsonObject a = accept(orient(person("amiens"), item, "amiens"), first);
    fields(a, new JsonObject().put("accompagnement_permis", true)
        .put("solutions_mobilite", new JsonArray().add("Location sociale").add("Garage solidaire"))
        .put("code_route_resultat", "Obtenu").put("permis_resultat", "Obtenu"));
    // B: entered, supported, one solution, highway code passed, licence failed; then exits in the month.
    JsonObject b = accept(orient(person("amiens"), item, "amiens"), first);
    JsonObject bFields = fields(b, new JsonObject().put("accompagnement_permis", true)
        .put("solutions_mobilite", new JsonArray().add("Autoécole sociale"))
        .put("code_route_resultat", "Obtenu").put("permis_resultat", "Non obtenu"));
    // C: entered, not supported towards the licence, no solution.
    JsonObject c = accept(orient(person("amiens"), item, "amiens"), first);
    fields(c, new JsonObject().put("accompagnement_permis", false));
    // D waits (three places held); E is refused: both are requests to the platform, neither a follow-up.
    JsonObject d = orient(person("amiens"), item, "amiens");
    assertEquals("waiting", d.getString("state"));
    JsonObject e = orient(person("amiens"), item, "picardie-maritime");
    refuse(e);
    exit(bFields, first, "sortie-positive");

    Map<String, String> amiensOnly = values(pilot, "from=" + month + "&to=" + month + "&territory=amiens&actionType=" + MOBILITY,
        MOBILITY);
    // Requests: A, B, C, D in Amiens (E was made in Picardie maritime).
    assertEquals("4", amiensOnly.get("sollicitations"));
    assertEquals("3", amiensOnly.get("accompagnements_realises"));
    // Two solutions for A, one for B.
    assertEquals("3", amiensOnly.get("solutions_mobilite_mobilisees"));
    // A and B (B left during the month but was followed in it).
    assertEquals("2", amiensOnly.get("personnes_accompagnees_code_permis"));
    // A's code and licence, B's code.
    assertEquals("3", amiensOnly.get("obtentions_code_permis"));

    Map<String, String> wholeTenant = values(pilot, "from=" + month + "&to=" + month + "&actionType=" + MOBILITY, MOBILITY);
    assertEquals("5", wholeTenant.get("sollicitations"), "E counts in the département");
    Map<String, String> before = values(pilot, "from=" + month.minusMonths(3) + "&to=" + month.minusMonths(1)
        + "&actionType=" + MOBILITY, MOBILITY);
    assertEquals("0", before.get("sollicitations"));
    assertEquals("0", before.get("obtentions_code_permis"), "followed in the period only");

    JsonObject dashboard = pilot.get(API + "/indicators/dashboard?from=" + month + "&to=" + month
        + "&territory=amiens&actionType=" + MOBILITY).json();
    JsonObject now = dashboard.getJsonArray("months").getJsonObject(0);
    assertEquals(0, now.getInteger("fileActiveStart"));
    assertEquals(3, now.getInteger("entries"));
    assertEquals(1, now.getInteger("exits"));
    assertEquals(2, now.getInteger("fileActiveEnd"));
    assertEquals(1, dashboard.getJsonArray("exits").size());
    assertEquals("sortie-positive", dashboard.getJsonArray("exits").getJsonObject(0).getString("exitType"));
    assertTrue(dashboard.getInteger("waiting") >= 0);
  }

  @Test
  void theMonthlyFactsEqualARecountAfterEntriesExitsRefusalsWaitingAndAttendance() {
    String workshops = offer(REMOBILISATION, "Ateliers de remobilisation des indicateurs", Map.of("picardie-maritime", 2));
    String psy = offer(PSY, "Soutien psychologique des indicateurs", Map.of("picardie-maritime", 1));
    JsonObject one = accept(orient(person("picardie-maritime"), workshops, "picardie-maritime"), month.minusMonths(2).atDay(10).toString());
    JsonObject two = accept(orient(person("picardie-maritime"), workshops, "picardie-maritime"), first);
    JsonObject held = accept(orient(person("picardie-maritime"), psy, "picardie-maritime"), first);
    JsonObject waiting = orient(person("picardie-maritime"), psy, "picardie-maritime");
    assertEquals("waiting", waiting.getString("state"));
    TestPlatform.Response planned = operator.postJson(API + "/sessions", new JsonObject().put("offer", workshops)
        .put("territory", "picardie-maritime").put("startsAt", first + "T09:30").put("theme", "Estime de soi")
        .put("place", "Abbeville").put("capacity", 10).encode());
    assertEquals(201, planned.status(), planned.body());
    String session = planned.json().getString("id");
    for (JsonObject o : List.of(one, two)) {
      assertEquals(200, operator.postJson(API + "/sessions/" + session + "/registrations",
          new JsonObject().put("person", o.getString("person")).encode()).status());
    }
    operator.putJson(API + "/sessions/" + session + "/attendance",
        new JsonObject().put("person", two.getString("person")).put("status", "absent").encode());
    operator.putJson(API + "/sessions/" + session + "/attendance",
        new JsonObject().put("person", two.getString("person")).put("status", "present").encode());
    exit(one, first, "abandon");
    exit(held, first, "sortie-positive");
    // The place freed goes to the person waiting, whom the operator then refuses.
    JsonObject promoted = operator.get(API + "/orientations/" + waiting.getString("id")).json();
    refuse(promoted);

    String difference = """
        WITH kept AS (
          SELECT action_type, territory, organisation_id, offer_id, month, orientations::bigint, entries::bigint,
                 exits::bigint, exit_days, waiting_joined::bigint, waiting_left::bigint, sessions::bigint,
                 registered::bigint, present::bigint, absent::bigint, excused::bigint
            FROM platform.pathway_fact
           WHERE orientations <> 0 OR entries <> 0 OR exits <> 0 OR exit_days <> 0 OR waiting_joined <> 0
              OR waiting_left <> 0 OR sessions <> 0 OR registered <> 0 OR present <> 0 OR absent <> 0 OR excused <> 0),
        recounted AS (
          SELECT action_type, territory, organisation_id, offer_id, month, orientations, entries, exits, exit_days,
                 waiting_joined, waiting_left, sessions, registered, present, absent, excused
            FROM platform.pathway_fact_recount())
        SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM recounted) k) AS extra,
               (SELECT count(*) FROM (SELECT * FROM recounted EXCEPT ALL SELECT * FROM kept) r) AS missing,
               (SELECT count(*) FROM recounted) AS recounted""";
    Row row = platform.pacte().node().transactions().inTenant("somme", connection -> connection.query(difference).execute()
        .map(rows -> rows.iterator().next())).await();
    assertTrue(row.getLong("recounted") > 0);
    assertEquals(0L, row.getLong("extra"), "facts the data does not give");
    assertEquals(0L, row.getLong("missing"), "figures of the data missing from the facts");

    JsonObject dashboard = pilot.get(API + "/indicators/dashboard?from=" + month.minusMonths(2) + "&to=" + month
        + "&territory=picardie-maritime&actionType=" + REMOBILISATION).json();
    JsonArray months = dashboard.getJsonArray("months");
    assertEquals(3, months.size());
    assertEquals(1, months.getJsonObject(0).getInteger("entries"));
    assertEquals(1, months.getJsonObject(1).getInteger("fileActiveStart"));
    JsonObject now = months.getJsonObject(2);
    assertEquals(1, now.getInteger("fileActiveStart"));
    assertEquals(1, now.getInteger("entries"));
    assertEquals(1, now.getInteger("exits"));
    assertEquals(1, now.getInteger("fileActiveEnd"));
    assertEquals(1, now.getInteger("sessions"));
    assertEquals(1, now.getInteger("present"));
    assertEquals(1, now.getInteger("registered"));
    assertEquals(0, now.getInteger("absent"));
    Map<String, String> remobilisation = values(pilot, "from=" + month + "&to=" + month + "&territory=picardie-maritime",
        REMOBILISATION);
    assertEquals("1", remobilisation.get("ateliers_actions_organises"));
    assertEquals("1.0", remobilisation.get("participants_par_atelier"));
    assertEquals("1.0", remobilisation.get("ateliers_par_participant"));
  }

  @Test
  void occupancyIsTheFileActiveOverTheFundedPlacesOfTheTerritoryAndActionType() {
    String query = "from=" + month + "&to=" + month + "&territory=somme-santerre&actionType=" + PSY;
    int placesBefore = pilot.get(API + "/indicators/dashboard?" + query).json().getJsonArray("months").getJsonObject(0)
        .getInteger("places");
    String item = offer(PSY, "Soutien psychologique de Santerre", Map.of("somme-santerre", 4));
    accept(orient(person("somme-santerre"), item, "somme-santerre"), first);
    accept(orient(person("somme-santerre"), item, "somme-santerre"), first);
    JsonObject dashboard = pilot.get(API + "/indicators/dashboard?" + query).json();
    JsonObject now = dashboard.getJsonArray("months").getJsonObject(0);
    assertEquals(placesBefore + 4, now.getInteger("places"));
    assertEquals(2, now.getInteger("placesFileActive"));
    assertEquals(Math.round(200.0 / (placesBefore + 4)), (long) now.getInteger("occupancyPercent"));
    JsonObject territory = dashboard.getJsonArray("territories").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("territory").equals("somme-santerre")).findFirst().orElseThrow();
    assertEquals(2, territory.getInteger("fileActive"));
    assertEquals(placesBefore + 4, territory.getInteger("places"));
    // A month before anything was entered: nobody in the file.
    JsonObject earlier = pilot.get(API + "/indicators/dashboard?from=" + month.minusMonths(1) + "&to=" + month.minusMonths(1)
        + "&territory=somme-santerre&actionType=" + PSY).json().getJsonArray("months").getJsonObject(0);
    assertEquals(0, earlier.getInteger("placesFileActive"));
  }

  @Test
  void theProgrammeManagerEntersAnIndicatorTheDataCannotGiveWithItsSource() {
    String period = "\"periodStart\":\"" + first + "\",\"periodEnd\":\"" + month.atEndOfMonth() + "\"";
    TestPlatform.Response noSource = pilot.postJson(API + "/indicators/entries",
        "{\"subject\":\"" + PSY + "\",\"indicator\":\"rencontres_professionnels\"," + period + ",\"value\":3}");
    assertEquals(400, noSource.status(), noSource.body());
    assertEquals("source", noSource.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response entered = pilot.postJson(API + "/indicators/entries",
        "{\"subject\":\"" + PSY + "\",\"indicator\":\"rencontres_professionnels\"," + period
            + ",\"value\":\"3\",\"target\":4,\"source\":\"Compte rendu de l'opérateur\"}");
    assertEquals(201, entered.status(), entered.body());
    assertEquals(409, pilot.postJson(API + "/indicators/entries", "{\"subject\":\"" + PSY
        + "\",\"indicator\":\"rencontres_professionnels\"," + period + ",\"value\":5,\"source\":\"Autre\"}").status());
    assertEquals(403, operator.postJson(API + "/indicators/entries", "{\"subject\":\"" + PSY
        + "\",\"indicator\":\"rencontres_professionnels\"," + period + ",\"value\":5,\"source\":\"Moi\"}").status());
    TestPlatform.Response answer = pilot.get(API + "/indicators?from=" + month + "&to=" + month + "&actionType=" + PSY);
    JsonObject meetings = answer.json().getJsonArray("actionTypes").getJsonObject(0).getJsonArray("indicators").stream()
        .map(JsonObject.class::cast).filter(i -> i.getString("code").equals("rencontres_professionnels")).findFirst().orElseThrow();
    assertEquals("3.00", meetings.getString("value"));
    assertEquals("4.00", meetings.getString("target"));
    assertTrue(meetings.getString("source").contains("Compte rendu de l'opérateur"));
    String id = entered.json().getString("id");
    TestPlatform.Response stale = pilot.putJson(API + "/indicators/entries/" + id,
        "{\"version\":7,\"value\":6,\"source\":\"Compte rendu corrigé\"}");
    assertEquals(409, stale.status(), stale.body());
    TestPlatform.Response changed = pilot.putJson(API + "/indicators/entries/" + id,
        "{\"version\":1,\"value\":6,\"source\":\"Compte rendu corrigé\"}");
    assertEquals(200, changed.status(), changed.body());
    assertEquals("6.00", changed.json().getString("value"));
    assertNull(changed.json().getString("target"), "the correction sets what it names");
  }

  @Test
  void aTerritoryAgentAnOperatorAndAnotherTenantSeeOnlyTheirOwnFigures() {
    String item = offer(IAE, "Préparation IAE des Hauts de Somme", Map.of("hauts-de-somme", 5));
    accept(orient(person("hauts-de-somme"), item, "hauts-de-somme"), first);
    String query = "from=" + month + "&to=" + month + "&actionType=" + IAE;
    assertEquals("1", values(pilot, query + "&territory=hauts-de-somme", IAE).get("personnes_accompagnees"));
    assertEquals("1", values(operator, query, IAE).get("personnes_accompagnees"), "the operator's own item");
    // The Amiens agent: their territory only, and no other on asking.
    assertEquals("0", values(amiens, query, IAE).get("personnes_accompagnees"));
    assertEquals(403, amiens.get(API + "/indicators?" + query + "&territory=hauts-de-somme").status());
    assertEquals(403, amiens.get(API + "/indicators/dashboard?" + query + "&territory=hauts-de-somme").status());
    JsonArray territories = amiens.get(API + "/indicators/dashboard?" + query).json().getJsonArray("territories");
    assertTrue(territories.stream().map(JsonObject.class::cast).allMatch(t -> t.getString("territory").equals("amiens")),
        territories.encode());
    assertEquals(403, amiens.get("/t/somme/tableaux-de-bord?territoire=hauts-de-somme", "Accept", "text/html").status());
    // An operator asking for another organisation's figures.
    assertEquals(403, operator.get(API + "/indicators?" + query + "&organisation=autre-association").status());
    // The référent has no indicators.
    assertEquals(403, referent.get(API + "/indicators?" + query).status());
    // Another département: its own figures are empty, the Somme's are closed to it.
    TestPlatform.Client allier = platform.login("allier", "pilotage");
    int closed = allier.get(API + "/indicators?" + query).status();
    assertTrue(closed == 401 || closed == 403, "refused: " + closed);
    TestPlatform.Response own = allier.get("/api/tenants/allier/indicators/dashboard?from=" + month + "&to=" + month);
    assertEquals(200, own.status(), own.body());
    assertEquals(0, own.json().getJsonArray("months").getJsonObject(0).getInteger("entries"));
    TestPlatform.Response foreignPage = allier.get("/t/somme/tableaux-de-bord", "Accept", "text/html");
    assertFalse(foreignPage.status() == 200 && foreignPage.body().contains("graphique-file-active"), "the Somme's dashboard stays closed");
  }

  @Test
  void theDashboardsConventionFilterOffersTheConventionsTheUserMaySeeByNumberAndOperator() {
    for (TestPlatform.Client user : List.of(pilot, amiens, operator)) {
      java.util.Set<String> visible = new java.util.TreeSet<>();
      user.get(API + "/conventions").jsonArray().stream().map(JsonObject.class::cast).forEach(c -> visible.add(
          "<option value=\"" + c.getString("id") + "\">" + c.getJsonObject("terms").getString("reference") + " — "
              + html(c.getString("organisationName")) + "</option>"));
      String page = user.get("/t/somme/tableaux-de-bord", "Accept", "text/html").body();
      java.util.Set<String> offered = new java.util.TreeSet<>();
      java.util.regex.Matcher options = java.util.regex.Pattern.compile("<option value=\"[0-9a-f-]{36}\"[^>]*>[^<]*</option>")
          .matcher(page);
      while (options.find()) {
        offered.add(options.group().replace(" selected", ""));
      }
      assertEquals(visible, offered, "the conventions offered are those the user reads");
      if (visible.isEmpty()) {
        assertFalse(page.contains("id=\"convention\""), "no empty select");
      } else {
        assertTrue(page.contains("<label for=\"convention\">Convention</label>"), page);
      }
    }
    JsonObject convention = pilot.get(API + "/conventions").jsonArray().getJsonObject(0);
    String chosen = pilot.get("/t/somme/tableaux-de-bord?convention=" + convention.getString("id"), "Accept", "text/html").body();
    assertTrue(chosen.contains("<option value=\"" + convention.getString("id") + "\" selected>"), chosen);
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  @Test
  void theDashboardPageDrawsEachChartWithItsDataTableAndExportsIt() {
    String page = pilot.get("/t/somme/tableaux-de-bord?du=" + month + "&au=" + month, "Accept", "text/html").body();
    for (String chart : List.of("file-active", "entrees-sorties", "occupation", "ateliers", "territoires")) {
      assertTrue(page.contains("id=\"graphique-" + chart + "-titre\""), chart);
      assertTrue(page.contains("id=\"donnees-" + chart + "\""), chart);
    }
    TestPlatform.Response csv = pilot.get("/t/somme/tableaux-de-bord?du=" + month + "&au=" + month + "&tableau=file-active&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.body().startsWith("Mois") || csv.body().startsWith("\uFEFFMois"), csv.body());
    TestPlatform.Response indicators = pilot.get("/t/somme/indicateurs?du=" + month + "&au=" + month, "Accept", "text/html");
    assertEquals(200, indicators.status());
    assertTrue(indicators.body().contains("Nombre de sollicitations des plateforme mobilité"));
    assertFalse(indicators.body().contains("Exception"));
  }

  @Test
  void aProgrammeIndicatorMappedToEntriesCountsTheEntriesOnTheOfferItemsServingTheActionAsByHand() {
    // Action 1-3-3 of the Somme's PDI/PTI, first indicator « nbr de personnes d'allocataires du RSA accompagnés »:
    // its file declares no measure, so it is entered until the programme manager says how it is computed.
    String measure = API + "/indicators/programme/pdi-pti-2022-2025/1-3-3/1/measure";
    String serving = servingOffer(PSY, "Soutien psychologique RQTH des indicateurs", Map.of("cinq-vallees", 5, "amiens", 5),
        "pdi-pti-2022-2025/1-3-3");
    String other = offer(PSY, "Soutien psychologique hors programme", Map.of("cinq-vallees", 5));
    String query = "from=" + month + "&to=" + month;
    JsonObject before = programmeIndicator(pilot, query, "1-3-3", 1);
    assertEquals("entered", before.getString("measure"));
    assertEquals("À saisir par le service du programme", before.getString("source"));

    // By hand: this month, three entries on the serving item (two in Cinq Vallées, one in Amiens); one entry two months
    // ago on it (in the file active, not an entry of the period); one entry this month on an item serving nothing.
    accept(orient(person("cinq-vallees"), serving, "cinq-vallees"), first);
    accept(orient(person("cinq-vallees"), serving, "cinq-vallees"), first);
    accept(orient(person("amiens"), serving, "amiens"), first);
    accept(orient(person("cinq-vallees"), serving, "cinq-vallees"), month.minusMonths(2).atDay(10).toString());
    accept(orient(person("cinq-vallees"), other, "cinq-vallees"), first);

    assertEquals(403, operator.putJson(measure, "{\"measure\":\"entries\"}").status(), "the operator does not say how");
    TestPlatform.Response set = pilot.putJson(measure, "{\"measure\":\"entries\"}");
    assertEquals(201, set.status(), set.body());
    assertEquals("\"1\"", set.header("ETag"));
    assertEquals("manager", set.json().getString("declaredIn"));

    JsonObject entries = programmeIndicator(pilot, query, "1-3-3", 1);
    assertEquals("entries", entries.getString("measure"));
    assertEquals("3", entries.getString("value"));
    assertEquals(1, entries.getInteger("offerItems"));
    assertEquals(1, entries.getInteger("version"));
    assertTrue(entries.getString("source").startsWith("Calculé : entrées sur les actions de l'offre rattachées à 1-3-3"),
        entries.getString("source"));

    // The same narrowing as every figure: one territory, the operator's own items.
    assertEquals("2", programmeIndicator(pilot, query + "&territory=cinq-vallees", "1-3-3", 1).getString("value"));
    assertEquals("1", programmeIndicator(pilot, query + "&territory=amiens", "1-3-3", 1).getString("value"));
    assertEquals("1", programmeIndicator(amiens, query, "1-3-3", 1).getString("value"), "the Amiens agent sees Amiens");
    assertEquals("0", programmeIndicator(pilot, query + "&actionType=" + MOBILITY, "1-3-3", 1).getString("value"));

    // People followed: the file active at the start of the month (one) and the month's three entries.
    TestPlatform.Response followed = pilot.putJson(measure, "{\"measure\":\"people-followed\"}", "If-Match", "\"1\"");
    assertEquals(200, followed.status(), followed.body());
    assertEquals("4", programmeIndicator(pilot, query, "1-3-3", 1).getString("value"));
    String page = pilot.get("/t/somme/indicateurs?du=" + month + "&au=" + month, "Accept", "text/html").body();
    assertTrue(page.contains("Calculé : personnes suivies"), "the page's programme section says where the figure comes from");
    String csv = pilot.get("/t/somme/indicateurs?du=" + month + "&au=" + month + "&programme.format=csv").body();
    assertTrue(csv.contains("1-3-3") && csv.contains("Calculé : personnes suivies"), csv);

    // Removed: entered again, as its file says.
    assertEquals(204, pilot.delete(measure, "If-Match", "\"2\"").status());
    assertEquals("entered", programmeIndicator(pilot, query, "1-3-3", 1).getString("measure"));
  }

  @Test
  void aProgrammeIndicatorMeasureUnknownToTheHostIsRefusedNamingTheField() {
    String measure = API + "/indicators/programme/pdi-pti-2022-2025/1-3-3/2/measure";
    TestPlatform.Response unknown = pilot.putJson(measure, "{\"measure\":\"visitors\"}");
    assertEquals(400, unknown.status(), unknown.body());
    assertEquals("measure", unknown.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response noPositive = pilot.putJson(measure, "{\"measure\":\"positive-exit-rate\"}");
    assertEquals(400, noPositive.status(), noPositive.body());
    assertEquals("exitTypes", noPositive.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response unknownType = pilot.putJson(measure,
        "{\"measure\":\"positive-exit-rate\",\"exitTypes\":[\"emploi-durable\",\"lune\"]}");
    assertEquals(400, unknownType.status(), unknownType.body());
    assertEquals("exitTypes", unknownType.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(404, pilot.putJson(API + "/indicators/programme/pdi-pti-2022-2025/1-3-3/99/measure",
        "{\"measure\":\"entries\"}").status());
  }

  @Test
  void aStaleVersionOfAProgrammeIndicatorMeasureGetsAConflict() {
    String measure = API + "/indicators/programme/pdi-pti-2022-2025/1-3-1/1/measure";
    TestPlatform.Response set = pilot.putJson(measure,
        "{\"measure\":\"positive-exit-rate\",\"exitTypes\":[\"emploi-durable\",\"sortie-positive\"]}");
    assertEquals(201, set.status(), set.body());
    assertEquals(409, pilot.putJson(measure, "{\"measure\":\"exits\"}", "If-Match", "\"7\"").status());
    TestPlatform.Response withoutVersion = pilot.putJson(measure, "{\"measure\":\"exits\"}");
    assertEquals(400, withoutVersion.status(), withoutVersion.body());
    assertEquals("version", withoutVersion.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(409, pilot.delete(measure, "If-Match", "\"3\"").status());
    TestPlatform.Response changed = pilot.putJson(measure, "{\"measure\":\"exits\",\"version\":1}");
    assertEquals(200, changed.status(), changed.body());
    assertEquals(2, changed.json().getInteger("version"));
    assertEquals(409, pilot.putJson(measure, "{\"measure\":\"entries\"}", "If-Match", "\"1\"").status());
  }

  @Test
  void theWaitingListAtTheEndOfEachMonthCountsWhoJoinedAndHasNotLeftYet() {
    // One place in Cinq Vallées: the first person holds it, the second waits. Their dates are moved to a past year so
    // that the history reads as the issue tells it: joined the list in January, left it in March.
    String item = offer(PSY, "Soutien psychologique de la liste d'attente", Map.of("cinq-vallees", 1));
    String holderPerson = person("cinq-vallees");
    JsonObject holder = orient(holderPerson, item, "cinq-vallees");
    JsonObject waiting = orient(person("cinq-vallees"), item, "cinq-vallees");
    assertEquals("waiting", waiting.getString("state"));
    move(waiting.getString("id"), "queued_at = '2025-01-15T10:00:00+01:00', waited_from = '2025-01-15T10:00:00+01:00'");
    refuse(holder);
    JsonObject promoted = operator.get(API + "/orientations/" + waiting.getString("id")).json();
    assertEquals("proposed", promoted.getString("state"), "the place freed goes to the person waiting");
    move(waiting.getString("id"), "waited_until = '2025-03-10T10:00:00+01:00'");

    JsonArray months = pilot.get(API + "/indicators/dashboard?from=2024-12&to=2025-04&territory=cinq-vallees&actionType=" + PSY)
        .json().getJsonArray("months");
    List<Integer> end = months.stream().map(JsonObject.class::cast).map(m -> m.getInteger("waitingEnd")).toList();
    assertEquals(List.of(0, 1, 1, 0, 0), end, "waiting at the end of December, January, February, March, April");
    assertEquals(1, months.getJsonObject(1).getInteger("waitingJoined"));
    assertEquals(1, months.getJsonObject(3).getInteger("waitingLeft"));

    String page = pilot.get("/t/somme/tableaux-de-bord?du=2024-12&au=2025-04&territoire=cinq-vallees&type=" + PSY,
        "Accept", "text/html").body();
    assertTrue(page.contains("graphique-liste-attente") && page.contains("attente en fin de mois"), "the chart and its table");
    String csv = pilot.get("/t/somme/tableaux-de-bord?du=2024-12&au=2025-04&territoire=cinq-vallees&type=" + PSY
        + "&tableau=liste-attente&format=csv").body();
    List<String> lines = csv.lines().toList();
    assertEquals(6, lines.size(), csv);
    assertTrue(lines.get(2).endsWith(";1;0;1") || lines.get(2).endsWith(",1,0,1"), csv);
    assertTrue(lines.get(4).endsWith(";0;1;0") || lines.get(4).endsWith(",0,1,0"), csv);
  }

  /** Moves an orientation's dates as a later import would: the triggers keep the facts. */
  private static void move(String orientation, String assignments) {
    platform.pacte().node().transactions().inTenant("somme", connection -> connection
        .preparedQuery("UPDATE platform.orientation SET " + assignments + " WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(orientation)))).await();
  }
}
