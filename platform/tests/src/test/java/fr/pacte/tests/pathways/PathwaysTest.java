package fr.pacte.tests.pathways;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.pathways.Orientation;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestMailServer;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People oriented onto the Somme's offer with the five real action-type plugins: eligibility and live capacity at the
 * moment of orienting, the operator's decision and the territory told, waiting list under concurrency, follow-up,
 * durations, exits, workshops, and the protection of personal data (reads logged, export, retention, scopes).
 */
class PathwaysTest {

  private static final String API = "/api/tenants/somme";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client referent;
  private static TestPlatform.Client operator;
  private static TestPlatform.Client amiens;
  private static TestPlatform.Client picardie;
  private static TestPlatform.Client admin;
  private static TestPlatform.Client auditor;
  private static int people;
  private static TestMailServer smtp;

  @BeforeAll
  static void start() {
    smtp = TestMailServer.start();
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).mailServer(smtp);
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    referent = platform.login("somme", "referent");
    operator = platform.login("somme", "association");
    amiens = platform.login("somme", "agent.amiens");
    picardie = platform.login("somme", "agent.picardie-maritime");
    admin = platform.login("somme", "admin");
    auditor = platform.login("somme", "auditeur");
    // Two territory agents with an address, who receive the digest of entries of their territory.
    for (String[] agent : new String[][] {{"c.amiens", "amiens"}, {"c.picardie", "picardie-maritime"}}) {
      TestPlatform.Response created = admin.postJson(API + "/users", new JsonObject().put("username", agent[0])
          .put("displayName", "Agent " + agent[1]).put("email", agent[0] + "@somme.example")
          .put("roles", new JsonArray().add("territory-agent")).put("territories", new JsonArray().add(agent[1])).encode());
      assertEquals(201, created.status(), created.body());
    }
  }

  @AfterAll
  static void stop() {
    platform.close();
    smtp.close();
  }

  // ---- fixtures, made through the API as users would

  static String offer(String type, String title, Map<String, Integer> places) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    JsonObject item = new JsonObject().put("actionType", type).put("organisation", "association-demo").put("title", title)
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31").put("places", placeArray)
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h").put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = pilot.postJson(API + "/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  static JsonObject personBody(String family, boolean rsa, Boolean iae, String territory) {
    JsonObject body = new JsonObject().put("familyName", family).put("firstNames", "Camille")
        .put("birthDate", "1985-04-12").put("commune", "Amiens").put("territory", territory).put("rsaRecipient", rsa)
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme"));
    if (rsa) {
      body.put("rsaCheckedOn", "2026-01-05");
    }
    if (iae != null) {
      body.put("iaeEligible", iae);
    }
    return body;
  }

  /** A person followed by the demo référent, with a name no other test uses. */
  static String person(boolean rsa, Boolean iae, String territory) {
    TestPlatform.Response created = referent.postJson(API + "/persons",
        personBody("Fictif" + (char) ('A' + people / 26) + (char) ('a' + people++ % 26), rsa, iae, territory).encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  static TestPlatform.Response orient(TestPlatform.Client who, String person, String offer, String territory) {
    return who.postJson(API + "/orientations", new JsonObject().put("person", person).put("offer", offer)
        .put("territory", territory).put("prescriberKind", "departement").encode());
  }

  static JsonObject accept(String orientation, int version, String entry) {
    TestPlatform.Response accepted = operator.postJson(API + "/orientations/" + orientation + "/accept",
        new JsonObject().put("entryDate", entry).put("version", version).encode());
    assertEquals(200, accepted.status(), accepted.body());
    return accepted.json();
  }

  // ---- the tests

  @Test
  void theReferentOrientsOntoTheMobilityPlatformInAmiensAndOnlyTheAmiensTerritoryIsToldOfTheEntry() {
    String mobility = offer("plateforme-mobilite-solidaire", "Plateforme mobilité solidaire d'Amiens", Map.of("amiens", 3,
        "picardie-maritime", 2));
    String person = person(true, null, "amiens");

    JsonObject preview = referent.get(API + "/persons/" + person + "/eligibility?offer=" + mobility
        + "&territory=amiens").json();
    assertTrue(preview.getJsonObject("eligibility").getBoolean("eligible"));
    assertEquals("OPEN_WITH_RSA_QUOTA", preview.getJsonObject("eligibility").getString("rule"));
    assertEquals(70, preview.getJsonObject("eligibility").getInteger("rsaQuotaPercent"));
    assertEquals(3, preview.getJsonObject("capacity").getInteger("left"));
    assertEquals("proposed", preview.getString("outcome"));

    TestPlatform.Response oriented = orient(referent, person, mobility, "amiens");
    assertEquals(201, oriented.status(), oriented.body());
    JsonObject orientation = oriented.json();
    assertEquals("proposed", orientation.getString("state"));
    assertEquals(2, orientation.getJsonObject("capacity").getInteger("left"));

    JsonObject accepted = accept(orientation.getString("id"), orientation.getInteger("version"), "2026-02-02");
    assertEquals("in", accepted.getString("state"));
    assertEquals("2026-08-02", accepted.getString("plannedEnd"), "six months on the mobility platform");
    assertEquals(1, accepted.getJsonObject("capacity").getInteger("in"));

    String name = accepted.getString("personName");
    List<String> toldAmiens = messages(amiens.get(API + "/notifications"));
    assertTrue(toldAmiens.stream().anyMatch(m -> m.contains(name) && m.contains("2 février 2026")
        && m.contains("territoire Amiens")), toldAmiens.toString());
    assertTrue(messages(picardie.get(API + "/notifications")).stream().noneMatch(m -> m.contains(name)));
    // The agent of Amiens sees it on the pathways page as well; the référent sees the position of the person they follow.
    assertTrue(amiens.get("/t/somme/parcours", "Accept", "text/html").body().contains(name));
    assertTrue(referent.get(API + "/orientations?person=" + person).jsonArray().getJsonObject(0).getString("state").equals("in"));

    // The e-mail digest reaches the agents of Amiens, and those of Picardie Maritime hear nothing of it.
    assertTrue(platform.pacte().pathways().digest().send().await() >= 1);
    TestMailServer.Received mail = smtp.awaitTo("c.amiens@somme.example", Duration.ofSeconds(30)).orElseThrow();
    assertTrue(mail.body().contains(name), mail.body());
    assertTrue(mail.subject().contains("territoire Amiens") && mail.body().contains("« Amiens »"), mail.subject() + mail.body());
    assertTrue(smtp.received().stream().filter(m -> m.to().contains("c.picardie@somme.example"))
        .noneMatch(m -> m.body().contains(name)));
    assertEquals(0, platform.pacte().pathways().digest().send().await(), "an entry is mailed once");
  }

  private static List<String> messages(TestPlatform.Response response) {
    assertEquals(200, response.status(), response.body());
    return response.jsonArray().stream().map(JsonObject.class::cast).map(n -> n.getString("message")).toList();
  }

  @Test
  void anIneligiblePersonIsRefusedByTheRsaAndIaeRulesWithTheReasonAndNothingIsWritten() {
    String iae = offer("preparation-entree-iae", "Sas vers l'IAE d'Amiens", Map.of("amiens", 10));
    String psychological = offer("equilibre-emotionnel-psychologique", "Soutien psychologique d'Amiens", Map.of("amiens", 10));
    String person = person(false, null, "amiens");

    TestPlatform.Response refusedIae = orient(referent, person, iae, "amiens");
    assertEquals(422, refusedIae.status(), refusedIae.body());
    assertTrue(refusedIae.body().contains("éligibilité IAE"), refusedIae.body());
    assertEquals("person", refusedIae.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestPlatform.Response refusedRsa = orient(referent, person, psychological, "amiens");
    assertEquals(422, refusedRsa.status(), refusedRsa.body());
    assertTrue(refusedRsa.body().contains("réservée aux allocataires du RSA"), refusedRsa.body());
    assertEquals(0, referent.get(API + "/orientations?person=" + person).jsonArray().size());

    // The same person known to be IAE-eligible may enter the IAE preparation.
    String eligible = person(false, true, "amiens");
    assertEquals(201, orient(referent, eligible, iae, "amiens").status());
  }

  @Test
  void twoPrescribersTakingTheLastPlaceAtOnceGiveItToOneAndTheWaitingListToTheOther() throws Exception {
    for (int round = 0; round < 3; round++) {
      String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — dernière place " + round, Map.of("amiens", 1));
      String first = person(true, null, "amiens");
      String second = person(true, null, "amiens");
      CompletableFuture<TestPlatform.Response> a = CompletableFuture.supplyAsync(() -> orient(referent, first, item, "amiens"));
      CompletableFuture<TestPlatform.Response> b = CompletableFuture.supplyAsync(() -> orient(amiens, second, item, "amiens"));
      List<String> states = List.of(a.get(), b.get()).stream().map(r -> {
        assertEquals(201, r.status(), r.body());
        return r.json().getString("state");
      }).sorted().toList();
      assertEquals(List.of("proposed", "waiting"), states);
      JsonObject capacity = pilot.get(API + "/orientations?offer=" + item).jsonArray().getJsonObject(0).getJsonObject("capacity");
      assertNull(capacity, "lists carry no capacity");
      JsonArray list = pilot.get(API + "/orientations?offer=" + item).jsonArray();
      JsonObject waiting = list.stream().map(JsonObject.class::cast).filter(o -> o.getString("state").equals("waiting")).findFirst().orElseThrow();
      JsonObject proposed = list.stream().map(JsonObject.class::cast).filter(o -> o.getString("state").equals("proposed")).findFirst().orElseThrow();
      assertEquals(1, waiting.getInteger("waitingRank"));
      if (round == 0) {
        // A refusal frees the place: the first person waiting takes it.
        TestPlatform.Response refused = operator.postJson(API + "/orientations/" + proposed.getString("id") + "/refuse",
            new JsonObject().put("reason", "injoignable").put("version", proposed.getInteger("version")).encode());
        assertEquals(200, refused.status(), refused.body());
        assertEquals("refused", refused.json().getString("state"));
        assertEquals("proposed", pilot.get(API + "/orientations/" + waiting.getString("id")).json().getString("state"));
        TestPlatform.Response unknownReason = operator.postJson(API + "/orientations/" + waiting.getString("id") + "/refuse",
            new JsonObject().put("reason", "pas-envie").put("version", 2).encode());
        assertEquals(400, unknownReason.status());
        assertEquals("reason", unknownReason.json().getJsonArray("errors").getJsonObject(0).getString("field"));
      }
    }
  }

  @Test
  void aWorkshopSessionCountsItsRegistrationsAndAttendance() {
    String remobilisation = offer("remobilisation-sociale", "Ateliers de remobilisation d'Amiens", Map.of("amiens", 192));
    String present = person(true, null, "amiens");
    String excused = person(true, null, "amiens");
    for (String p : List.of(present, excused)) {
      assertEquals(201, orient(referent, p, remobilisation, "amiens").status());
    }
    TestPlatform.Response planned = operator.postJson(API + "/sessions", new JsonObject().put("offer", remobilisation)
        .put("territory", "amiens").put("startsAt", "2026-03-16T09:30").put("theme", "Estime de soi")
        .put("place", "Maison de quartier Étouvie").put("capacity", 12).encode());
    assertEquals(201, planned.status(), planned.body());
    String session = planned.json().getString("id");
    for (String p : List.of(present, excused)) {
      TestPlatform.Response registered = operator.postJson(API + "/sessions/" + session + "/registrations",
          new JsonObject().put("person", p).encode());
      assertEquals(200, registered.status(), registered.body());
    }
    operator.putJson(API + "/sessions/" + session + "/attendance", new JsonObject().put("person", present).put("status", "present").encode());
    JsonObject after = operator.putJson(API + "/sessions/" + session + "/attendance",
        new JsonObject().put("person", excused).put("status", "excused").encode()).json();
    assertEquals(new JsonObject().put("registered", 2).put("present", 1).put("absent", 0).put("excused", 1), after.getJsonObject("counts"));

    // Someone not oriented on the action cannot be registered; individual actions have no sessions.
    TestPlatform.Response stranger = operator.postJson(API + "/sessions/" + session + "/registrations",
        new JsonObject().put("person", person(true, null, "amiens")).encode());
    assertEquals(400, stranger.status(), stranger.body());
    String mobility = offer("plateforme-mobilite-solidaire", "Plateforme mobilité sans ateliers", Map.of("amiens", 5));
    assertEquals(400, operator.postJson(API + "/sessions", new JsonObject().put("offer", mobility).put("territory", "amiens")
        .put("startsAt", "2026-03-16T09:30").put("theme", "Code de la route").put("place", "Amiens").put("capacity", 5).encode()).status());
    String page = amiens.get("/t/somme/parcours/ateliers/" + session, "Accept", "text/html").body();
    assertTrue(page.contains("2 inscrits sur 12 places — 1 présents, 0 absents, 1 excusés"), page);
  }

  @Test
  void theProgressGridIsFilledAtEntryDuringAndAtExitWithTheFichesCriteriaAndTheQuestionnaireOnceAtExit() {
    String item = offer("preparation-entree-iae", "Préparation IAE — grille de progression", Map.of("amiens", 3));
    String person = person(true, true, "amiens");
    JsonObject o = orient(referent, person, item, "amiens").json();
    String path = API + "/orientations/" + o.getString("id");
    JsonObject scores = new JsonObject().put("connaissance-siae", 1).put("plateforme-inclusion", 1)
        .put("decouvertes-immersions", 1).put("preparation-integration", 2).put("integration-maintien", 1);
    TestPlatform.Response tooEarly = operator.postJson(path + "/progress", new JsonObject().put("moment", "entry")
        .put("date", "2026-03-02").put("scores", scores).encode());
    assertEquals(409, tooEarly.status(), "a grid is filled once the person has entered");
    JsonObject in = accept(o.getString("id"), o.getInteger("version"), "2026-03-02");

    JsonObject grids = referent.get(API + "/progress-grids").json();
    JsonObject iaeGrid = grids.getJsonArray("grids").stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("actionType").equals("preparation-entree-iae")).findFirst().orElseThrow();
    assertTrue(iaeGrid.getJsonArray("criteria").stream().map(JsonObject.class::cast)
        .anyMatch(c -> c.getString("label").equals("Inscription et positionnement sur la plateforme de l'inclusion")), iaeGrid.encode());
    assertEquals(5, grids.getJsonObject("questionnaire").getJsonArray("questions").size());

    TestPlatform.Response missing = operator.postJson(path + "/progress", new JsonObject().put("moment", "entry")
        .put("date", "2026-03-02").put("scores", scores.copy().put("plateforme-inclusion", 5)).encode());
    assertEquals(400, missing.status());
    assertEquals("scores.plateforme-inclusion", missing.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response byReferent = referent.postJson(path + "/progress", new JsonObject().put("moment", "entry")
        .put("date", "2026-03-02").put("scores", scores).encode());
    assertEquals(403, byReferent.status(), "the operator delivering the action fills its grid");

    TestPlatform.Response entry = operator.postJson(path + "/progress", new JsonObject().put("moment", "entry")
        .put("date", "2026-03-02").put("scores", scores).put("comment", "Ne connaît pas les SIAE").encode());
    assertEquals(201, entry.status(), entry.body());
    assertEquals(409, operator.postJson(path + "/progress", new JsonObject().put("moment", "entry")
        .put("date", "2026-03-03").put("scores", scores).encode()).status(), "one entry grid");
    assertEquals(201, operator.postJson(path + "/progress", new JsonObject().put("moment", "during")
        .put("date", "2026-04-15").put("scores", scores.copy().put("plateforme-inclusion", 3)).encode()).status());
    TestPlatform.Response exited = operator.postJson(path + "/exit", new JsonObject().put("date", "2026-06-30")
        .put("type", "sortie-positive").put("version", in.getInteger("version")).encode());
    assertEquals(200, exited.status(), exited.body());
    assertEquals(201, operator.postJson(path + "/progress", new JsonObject().put("moment", "exit")
        .put("date", "2026-06-30").put("scores", scores.copy().put("plateforme-inclusion", 4).put("integration-maintien", 4)).encode()).status());

    TestPlatform.Response unanswered = operator.postJson(path + "/satisfaction", new JsonObject().put("date", "2026-06-30")
        .put("answers", new JsonObject().put("accueil", 4)).encode());
    assertEquals(400, unanswered.status());
    JsonObject answers = new JsonObject().put("accueil", 4).put("rythme", 3).put("utilite", 4).put("objectifs", 3).put("lien-referent", 2);
    TestPlatform.Response satisfaction = operator.postJson(path + "/satisfaction", new JsonObject().put("date", "2026-06-30")
        .put("answers", answers).put("comment", "Contente d'avoir trouvé un chantier").encode());
    assertEquals(201, satisfaction.status(), satisfaction.body());
    assertEquals(409, operator.postJson(path + "/satisfaction", new JsonObject().put("date", "2026-06-30")
        .put("answers", answers).encode()).status(), "answered once");

    // The référent reads it; the territory's indicators read every grid of the action type, without the person.
    JsonObject evaluation = referent.get(path + "/evaluation").json();
    assertEquals(List.of("entry", "during", "exit"), evaluation.getJsonArray("assessments").stream().map(JsonObject.class::cast)
        .map(a -> a.getString("moment")).toList());
    assertEquals(4, evaluation.getJsonObject("satisfaction").getJsonObject("answers").getInteger("utilite"));
    assertEquals(404, platform.login("somme", "agent.picardie-maritime").get(path + "/evaluation").status());
    var read = platform.pacte().pathways().progress().assessments("somme", "preparation-entree-iae",
        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30)).await();
    assertEquals(3, read.stream().filter(a -> a.orientationId().toString().equals(o.getString("id"))).count());
    assertEquals(1, platform.pacte().pathways().progress().satisfactions("somme", "preparation-entree-iae",
        LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)).await().stream()
        .filter(a -> a.orientationId().toString().equals(o.getString("id"))).count());
    JsonArray exported = admin.get(API + "/persons/" + person + "/export").json().getJsonArray("evaluations");
    assertEquals(3, exported.getJsonObject(0).getJsonArray("assessments").size(), "the person's export holds their grids");
    assertEquals(3, exported.getJsonObject(0).getJsonObject("satisfaction").getJsonObject("answers").getInteger("rythme"));
    assertTrue(platform.pacte().pathways().progress().assessments("allier", null, LocalDate.of(2000, 1, 1),
        LocalDate.of(2100, 1, 1)).await().isEmpty(), "another tenant reads none of them");
  }

  @Test
  void listsOfPeopleAreExportedPseudonymisedUnlessARoleThatMayStatesAReasonWhichIsAudited() {
    String person = person(true, null, "amiens");
    JsonObject record = referent.get(API + "/persons/" + person).json();
    String name = record.getString("familyName").toUpperCase(java.util.Locale.FRENCH) + " " + record.getString("firstNames");
    String pseudonym = "Personne " + person.replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);

    TestPlatform.Response pseudonymised = amiens.get(API + "/persons/export?format=csv");
    assertEquals(200, pseudonymised.status(), pseudonymised.body());
    assertTrue(pseudonymised.body().contains(pseudonym + ";1985;Amiens;Oui"), pseudonymised.body());
    assertFalse(pseudonymised.body().contains(name), "no name in a pseudonymised export");
    assertFalse(pseudonymised.body().contains("12/04/1985"), "no birth date either");

    assertEquals(403, amiens.get(API + "/persons/export?reason=Relance+des+personnes+sans+nouvelles").status(),
        "a territory agent's role allows the pseudonymised export only");
    TestPlatform.Response noReason = referent.get(API + "/persons/export?reason=Liste");
    assertEquals(400, noReason.status());
    assertEquals("reason", noReason.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response identified = referent.get(API + "/persons/export?format=xlsx&reason=Relance+des+personnes+sans+nouvelles");
    assertEquals(200, identified.status());
    assertTrue(identified.header("Content-Type").contains("spreadsheetml"), identified.header("Content-Type"));
    assertTrue(referent.get(API + "/persons/export?reason=Relance+des+personnes+sans+nouvelles").body().contains(name));

    assertTrue(admin.get(API + "/audit?limit=50").jsonArray().stream().map(JsonObject.class::cast)
        .anyMatch(a -> a.getString("action").equals("persons.exported-identified")
            && "Relance des personnes sans nouvelles".equals(a.getJsonObject("details").getString("reason"))));
    assertTrue(auditor.get(API + "/access-log?person=" + person).body().contains("GET /api/tenants/{tenant}/persons/export"));
  }

  /**
   * Plugins reach the database only through their tenant-scoped SQL ({@code TenantScope.transaction}, which the host
   * runs with {@code inTenantForPlugin}): under row-level security, Allier's module sees none of the Somme's people or
   * participations, even naming them, cannot change them, and cannot switch tenant.
   */
  @Test
  void aPluginsTenantScopedSqlReadsNoPersonNorParticipationOfAnotherTenant() {
    String person = person(true, null, "amiens");
    String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — isolation des modules", Map.of("amiens", 2));
    assertEquals(201, orient(referent, person, item, "amiens").status());
    var transactions = platform.pacte().node().transactions();
    Tuple id = Tuple.of(UUID.fromString(person));
    assertEquals(1L, transactions.inTenantForPlugin("somme", sql -> sql.query(
        "SELECT count(*) AS n FROM platform.orientation WHERE person_id = $1", id)
        .map(rows -> rows.iterator().next().getLong("n"))).await(), "the Somme's own module sees its participation");
    for (String query : List.of("SELECT count(*) AS n FROM platform.person WHERE id = $1",
        "SELECT count(*) AS n FROM platform.person WHERE tenant_id = 'somme' OR id = $1",
        "SELECT count(*) AS n FROM platform.orientation WHERE person_id = $1 OR tenant_id = 'somme'",
        "SELECT count(*) AS n FROM platform.person_access WHERE $1 = ANY (person_ids) OR tenant_id = 'somme'")) {
      assertEquals(0L, transactions.inTenantForPlugin("allier", sql -> sql.query(query, id)
          .map(rows -> rows.iterator().next().getLong("n"))).await(), query);
    }
    assertEquals(0, transactions.inTenantForPlugin("allier", sql -> sql.query(
        "UPDATE platform.person SET family_name = 'Volé' WHERE id = $1", id).map(rows -> rows.rowCount())).await());
    Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> transactions.inTenantForPlugin(
        "allier", sql -> sql.query("SELECT set_config('pacte.tenant_id', 'somme', true)")).await());
    assertTrue(String.valueOf(refused.getMessage()).contains("set_config"), "switching tenant is refused: " + refused);
    assertFalse(referent.get(API + "/persons/" + person).body().contains("Volé"));
  }

  @Test
  void aPersonAsksToJoinFromThePublicOfferPageWithoutAccountAndTheOperatorConfirmsThemOntoTheAction() {
    String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — demandes en ligne", Map.of("amiens", 3));
    String path = API + "/offer/" + item + "/self-positioning";
    JsonObject body = new JsonObject().put("familyName", "Demandeuse").put("firstNames", "Lou").put("birthDate", "1990-05-06")
        .put("commune", "Amiens").put("territory", "amiens").put("rsaRecipient", "oui");
    TestPlatform.Response incomplete = platform.postJson(path, body.encode());
    assertEquals(400, incomplete.status(), incomplete.body());
    Set<String> fields = incomplete.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .map(e -> e.getString("field")).collect(Collectors.toSet());
    assertEquals(Set.of("phone", "consent"), fields, "a way to call back and the consent are asked for");
    TestPlatform.Response sent = platform.postJson(path, body.copy().put("phone", "06 12 34 56 78").put("consent", true).encode());
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().getString("id");

    assertTrue(operator.get(API + "/self-positionings").body().contains(id), "the operator of the action sees the request");
    assertFalse(picardie.get(API + "/self-positionings").body().contains(id), "not the agent of another territory");
    assertEquals(0, referent.get(API + "/self-positionings").jsonArray().size());
    assertEquals(404, picardie.postJson(API + "/self-positionings/" + id + "/confirm", "{}").status());
    TestPlatform.Response noReferent = operator.postJson(API + "/self-positionings/" + id + "/confirm",
        new JsonObject().put("rsaRecipient", true).encode());
    assertEquals(400, noReferent.status(), noReferent.body());
    TestPlatform.Response confirmed = operator.postJson(API + "/self-positionings/" + id + "/confirm", new JsonObject()
        .put("rsaRecipient", true).put("referent", new JsonObject().put("username", "referent").put("name", "Référent de parcours")
            .put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(201, confirmed.status(), confirmed.body());
    assertEquals("proposed", confirmed.json().getString("state"));
    assertEquals("auto-positionnement", confirmed.json().getJsonObject("prescriber").getString("kind"));
    assertFalse(operator.get(API + "/self-positionings").body().contains(id), "a confirmed request is deleted");
    assertTrue(referent.get(API + "/persons?name=Demandeuse").body().contains("Lou"), "the person is followed by their référent");

    // Abuse is slowed down: three requests an hour from one connection.
    for (int i = 0; i < 3; i++) {
      assertEquals(202, platform.postJson(path, body.copy().put("firstNames", "Essai" + (char) ('a' + i))
          .put("phone", "06 12 34 56 78").put("consent", true).encode()).status());
    }
    TestPlatform.Response throttled = platform.postJson(path, body.copy().put("phone", "06 12 34 56 78").put("consent", true).encode());
    assertEquals(429, throttled.status(), throttled.body());
    String declined = operator.get(API + "/self-positionings").jsonArray().getJsonObject(0).getString("id");
    assertEquals(400, operator.postJson(API + "/self-positionings/" + declined + "/decline", "{}").status());
    assertEquals(204, operator.postJson(API + "/self-positionings/" + declined + "/decline",
        new JsonObject().put("reason", "Doublon d'une demande déjà traitée").encode()).status());
    assertFalse(operator.get(API + "/self-positionings").body().contains(declined));
  }

  @Test
  void confirmingASelfPositioningWhoseOrientationIsRefusedCreatesNoPersonAndKeepsTheRequest() {
    // Psychological support is for RSA recipients only: confirming a non-recipient fails at the orientation.
    String item = offer("equilibre-emotionnel-psychologique", "Soutien psychologique — demande en ligne non éligible",
        Map.of("amiens", 2));
    TestPlatform.Response sent = platform.postJson(API + "/offer/" + item + "/self-positioning", new JsonObject()
        .put("familyName", "Inéligible").put("firstNames", "Noa").put("birthDate", "1988-02-03").put("commune", "Amiens")
        .put("territory", "amiens").put("rsaRecipient", "non").put("phone", "06 11 22 33 44").put("consent", true).encode());
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().getString("id");
    JsonObject referentOfPerson = new JsonObject().put("username", "referent").put("name", "Référent de parcours")
        .put("organisationKind", "departement").put("organisation", "Département de la Somme");

    TestPlatform.Response refused = operator.postJson(API + "/self-positionings/" + id + "/confirm",
        new JsonObject().put("rsaRecipient", false).put("referent", referentOfPerson).encode());
    assertEquals(422, refused.status(), refused.body());
    assertTrue(refused.body().contains("réservée aux allocataires du RSA"), refused.body());
    assertEquals(0L, peopleNamed("Inéligible"), "the person made before the refused orientation is rolled back with it");
    assertTrue(operator.get(API + "/self-positionings").body().contains(id), "the request waits for another decision");

    TestPlatform.Response confirmed = operator.postJson(API + "/self-positionings/" + id + "/confirm",
        new JsonObject().put("rsaRecipient", true).put("referent", referentOfPerson).encode());
    assertEquals(201, confirmed.status(), confirmed.body());
    assertEquals(1L, peopleNamed("Inéligible"), "confirmed once the RSA status is checked: one person, oriented");
    assertFalse(operator.get(API + "/self-positionings").body().contains(id));
  }

  @Test
  void aRequestNobodyDecidesExpiresAfterThirtyDaysInTheTenantsZoneTellsThePersonAndShowsExpired() {
    String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — demande restée sans réponse", Map.of("amiens", 2));
    TestPlatform.Response sent = platform.postJson(API + "/offer/" + item + "/self-positioning", new JsonObject()
        .put("familyName", "Oubliée").put("firstNames", "Sacha").put("birthDate", "1979-09-10").put("commune", "Amiens")
        .put("territory", "amiens").put("rsaRecipient", "oui").put("email", "sacha.oubliee@exemple.fr").put("consent", true)
        .encode());
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().getString("id");
    // Received at 0 h 30 on 2 March in Paris (still 1 March in UTC): it may be decided until the end of 1 April, Paris time.
    platform.pacte().node().transactions().inTenant("somme", connection -> connection
        .preparedQuery("UPDATE platform.self_positioning SET created_at = '2026-03-01T23:30:00Z' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(id)))).await();
    var requests = platform.pacte().pathways().selfPositionings();

    assertEquals(0, requests.expire(Instant.parse("2026-04-01T21:30:00Z")).await(), "23 h 30 on 1 April in Paris: still open");
    JsonObject waiting = request(id);
    assertEquals("waiting", waiting.getString("state"));
    assertEquals("2026-04-01", waiting.getString("decideBy"));
    assertTrue(operator.get("/t/somme/parcours/demandes/" + id, "Accept", "text/html").body().contains("1 avril 2026"));

    assertEquals(1, requests.expire(Instant.parse("2026-04-01T22:30:00Z")).await(), "0 h 30 on 2 April in Paris: expired");
    assertEquals(0, requests.expire(Instant.parse("2026-04-01T22:45:00Z")).await(), "a request expires once");
    assertEquals("expired", request(id).getString("state"));
    String home = operator.get("/t/somme/parcours", "Accept", "text/html").body();
    assertTrue(home.contains("Expirée") && home.contains("OUBLIÉE Sacha"), home);
    String page = operator.get("/t/somme/parcours/demandes/" + id, "Accept", "text/html").body();
    assertTrue(page.contains("Expirée") && page.contains("informée par courriel"), page);
    assertFalse(page.contains("Confirmer et orienter"), "an expired request is no longer confirmed from its page");
    TestPlatform.Response late = operator.postJson(API + "/self-positionings/" + id + "/confirm", new JsonObject()
        .put("rsaRecipient", true).put("referent", new JsonObject().put("username", "referent").put("name", "Référent")
            .put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(409, late.status(), late.body());
    assertTrue(late.body().contains("a expiré"), late.body());
    assertEquals(0L, peopleNamed("Oubliée"));

    TestMailServer.Received mail = smtp.awaitTo("sacha.oubliee@exemple.fr", Duration.ofSeconds(30)).orElseThrow();
    assertTrue(mail.subject().contains("Plateforme mobilité — demande restée sans réponse"), mail.subject());
    assertTrue(mail.body().contains("votre demande a expiré") && mail.body().contains("2 mars 2026"), mail.body());

    // Thirty days after it expired, the request and the person's contact details are erased.
    assertEquals(0, requests.expire(Instant.parse("2026-05-02T00:00:00Z")).await());
    assertFalse(operator.get(API + "/self-positionings").body().contains(id), "erased thirty days after expiring");
  }

  private static JsonObject request(String id) {
    return operator.get(API + "/self-positionings").jsonArray().stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("id").equals(id)).findFirst().orElseThrow();
  }

  /** People of the Somme with this family name, read in the database (no API read to log). */
  private static long peopleNamed(String family) {
    return platform.pacte().node().transactions().inTenant("somme", connection -> connection
        .preparedQuery("SELECT count(*) AS n FROM platform.person WHERE family_name = $1").execute(Tuple.of(family))
        .map(rows -> rows.iterator().next().getLong("n"))).await();
  }

  @Test
  void anExitRecordsItsDateTypeAndOutcomesAndFreesThePlace() {
    String item = offer("equilibre-emotionnel-psychologique", "Soutien psychologique — sorties", Map.of("amiens", 1));
    String person = person(true, null, "amiens");
    String waiting = person(true, null, "amiens");
    JsonObject o = orient(referent, person, item, "amiens").json();
    JsonObject w = orient(referent, waiting, item, "amiens").json();
    assertEquals("waiting", w.getString("state"));
    JsonObject in = accept(o.getString("id"), o.getInteger("version"), "2026-01-05");
    assertEquals("2027-01-05", in.getString("plannedEnd"), "twelve months of psychological support");

    TestPlatform.Response badType = operator.postJson(API + "/orientations/" + o.getString("id") + "/exit",
        new JsonObject().put("date", "2026-02-01").put("type", "licenciement").put("version", in.getInteger("version")).encode());
    assertEquals(400, badType.status());
    assertEquals("type", badType.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestPlatform.Response exited = operator.postJson(API + "/orientations/" + o.getString("id") + "/exit",
        new JsonObject().put("date", "2026-02-01").put("type", "sortie-positive").put("version", in.getInteger("version"))
            .put("comment", "Reprise d'un parcours de soins").encode());
    assertEquals(200, exited.status(), exited.body());
    assertEquals("sortie-positive", exited.json().getJsonObject("exit").getString("type"));
    assertEquals("2026-02-01", exited.json().getJsonObject("exit").getString("date"));
    assertEquals("proposed", pilot.get(API + "/orientations/" + w.getString("id")).json().getString("state"),
        "the place freed by the exit goes to the first person waiting");
  }

  @Test
  void theMaximumDurationIsAlertedAMonthBeforeAndRenewedOnlyWithItsConditionAndAReason() {
    String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — durées", Map.of("amiens", 5));
    String person = person(true, null, "amiens");
    JsonObject o = orient(referent, person, item, "amiens").json();
    JsonObject in = accept(o.getString("id"), o.getInteger("version"), "2026-01-10");
    assertEquals("2026-07-10", in.getString("plannedEnd"));

    // With the clock of the tenant set on given days: due a month before the end, not a day earlier.
    var orientations = platform.pacte().pathways().orientations();
    RequestContext onJune9 = context(Instant.parse("2026-06-09T10:00:00Z"));
    RequestContext onJune10 = context(Instant.parse("2026-06-10T10:00:00Z"));
    assertFalse(ids(orientations.dueForRenewal(onJune9, onJune9.today()).await()).contains(o.getString("id")));
    assertTrue(ids(orientations.dueForRenewal(onJune10, onJune10.today()).await()).contains(o.getString("id")));

    String path = API + "/orientations/" + o.getString("id");
    TestPlatform.Response refused = operator.postJson(path + "/renew",
        new JsonObject().put("reason", "Examen du permis prévu en septembre").put("version", in.getInteger("version")).encode());
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.body().contains("Accompagnement au permis"), refused.body());

    TestPlatform.Response fields = operator.putJson(path + "/fields", new JsonObject().put("version", in.getInteger("version"))
        .put("fields", new JsonObject().put("accompagnement_permis", true).put("solutions_mobilite",
            new JsonArray().add("Autoécole sociale")).put("code_route_resultat", "Obtenu")).encode());
    assertEquals(200, fields.status(), fields.body());
    TestPlatform.Response badField = operator.putJson(path + "/fields", new JsonObject().put("version", fields.json().getInteger("version"))
        .put("fields", new JsonObject().put("code_route_resultat", "Peut-être")).encode());
    assertEquals(400, badField.status());
    assertEquals("fields.code_route_resultat", badField.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestPlatform.Response renewed = operator.postJson(path + "/renew", new JsonObject()
        .put("reason", "Examen du permis prévu en septembre").put("version", fields.json().getInteger("version")).encode());
    assertEquals(200, renewed.status(), renewed.body());
    assertEquals("2027-01-10", renewed.json().getString("plannedEnd"));
    assertEquals("Examen du permis prévu en septembre", renewed.json().getJsonArray("renewals").getJsonObject(0).getString("reason"));
  }

  private static RequestContext context(Instant now) {
    Principal principal = new Principal("test", "pilotage", "Pilotage", "somme", Set.of(fr.pacte.api.Role.PROGRAMME_MANAGER),
        Scope.wholeTenant());
    return RequestContext.of("somme", principal, new TenantClock(Clock.fixed(now, ZoneId.of("UTC")), slug -> ZoneId.of("Europe/Paris")));
  }

  private static Set<String> ids(List<Orientation> list) {
    return list.stream().map(o -> o.id().toString()).collect(Collectors.toSet());
  }

  @Test
  void aPersonsDataExportAndTheAccessLogShowEveryRead() {
    String person = person(true, null, "amiens");
    assertEquals(200, amiens.get(API + "/persons/" + person).status());
    assertEquals(200, amiens.get("/t/somme/parcours/personnes/" + person, "Accept", "text/html").status());
    TestPlatform.Response export = admin.get(API + "/persons/" + person + "/export");
    assertEquals(200, export.status(), export.body());
    assertEquals(person, export.json().getJsonObject("person").getString("id"));

    byte[] pdf = bytes(admin, API + "/persons/" + person + "/export.pdf");
    String text = PdfText.of(pdf);
    assertTrue(text.contains("Vos données personnelles"), text);
    assertTrue(text.contains(export.json().getJsonObject("person").getString("familyName")), text);

    TestPlatform.Response log = auditor.get(API + "/access-log?person=" + person);
    assertEquals(200, log.status(), log.body());
    List<String> reads = log.jsonArray().stream().map(JsonObject.class::cast)
        .map(r -> r.getString("actor") + " " + r.getString("kind") + " " + r.getString("route")).toList();
    assertTrue(reads.contains("agent.amiens person GET /api/tenants/{tenant}/persons/{id}"), reads.toString());
    assertTrue(reads.contains("agent.amiens person GET /t/{tenant}/parcours/personnes/{id}"), reads.toString());
    assertTrue(reads.contains("admin export GET /api/tenants/{tenant}/persons/{id}/export"), reads.toString());
    assertTrue(reads.contains("admin export GET /api/tenants/{tenant}/persons/{id}/export.pdf"), reads.toString());
    assertEquals(403, referent.get(API + "/access-log").status(), "the référent does not read the log");
    assertTrue(admin.get("/t/somme/parcours/journal", "Accept", "text/html").body().contains("agent.amiens"));
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

  @Test
  void retentionPseudonymisesPeopleWhoseLastExitIsOlderThanTheTenantsPeriod() {
    String item = offer("equilibre-emotionnel-psychologique", "Soutien psychologique — conservation", Map.of("amiens", 5));
    String old = person(true, null, "amiens");
    String recent = person(true, null, "amiens");
    String withinRetention = person(true, null, "amiens");
    for (String[] p : new String[][] {{old, "2021-06-30"}, {recent, "2026-01-31"}, {withinRetention, "2023-06-30"}}) {
      JsonObject o = orient(referent, p[0], item, "amiens").json();
      JsonObject in = accept(o.getString("id"), o.getInteger("version"), "2021-01-04");
      TestPlatform.Response exited = operator.postJson(API + "/orientations/" + o.getString("id") + "/exit",
          new JsonObject().put("date", p[1]).put("type", "fin-action-terme").put("version", in.getInteger("version")).encode());
      assertEquals(200, exited.status(), exited.body());
    }
    assertEquals(24, admin.get(API + "/personal-data/retention").json().getInteger("months"));
    assertEquals(403, pilot.putJson(API + "/personal-data/retention", "{\"months\": 6}").status());
    assertEquals(400, admin.putJson(API + "/personal-data/retention", "{\"months\": 0}").status());
    assertEquals(36, admin.putJson(API + "/personal-data/retention", "{\"months\": 36}").json().getInteger("months"));
    int done = platform.pacte().pathways().people().applyRetention(Instant.parse("2026-03-01T02:00:00Z")).await();
    assertTrue(done >= 1);
    JsonObject pseudonymised = admin.get(API + "/persons/" + old).json();
    assertTrue(pseudonymised.getBoolean("pseudonymised"));
    assertTrue(pseudonymised.getString("familyName").startsWith("Personne "), pseudonymised.encode());
    assertEquals("1985-01-01", pseudonymised.getString("birthDate"), "the birth year stays for statistics");
    assertEquals("Amiens", pseudonymised.getString("commune"));
    assertFalse(admin.get(API + "/persons/" + recent).json().getBoolean("pseudonymised"));
    assertFalse(admin.get(API + "/persons/" + withinRetention).json().getBoolean("pseudonymised"), "36 months not yet past");

    // On request, with the reason in the audit trail; the administrator only.
    assertEquals(403, referent.postJson(API + "/persons/" + recent + "/pseudonymise", "{\"reason\": \"Demande\"}").status());
    TestPlatform.Response erased = admin.postJson(API + "/persons/" + recent + "/pseudonymise",
        "{\"reason\": \"Demande d'effacement reçue le 2 mars 2026\"}");
    assertEquals(200, erased.status(), erased.body());
    assertTrue(erased.json().getBoolean("pseudonymised"));
    assertTrue(admin.get(API + "/audit?limit=50").body().contains("Demande d'effacement reçue le 2 mars 2026"));
    assertEquals(409, admin.postJson(API + "/persons/" + recent + "/pseudonymise", "{\"reason\": \"Encore\"}").status());
    assertTrue(admin.get(API + "/audit?limit=200").body().contains("person:" + old));
  }

  @Test
  void noPersonsDataCrossesATenantAnOrganisationOrATerritory() {
    String person = person(true, null, "amiens");
    String name = referent.get(API + "/persons/" + person).json().getString("familyName");
    // Another tenant's administrator: no access to the Somme's address, nothing under their own.
    TestPlatform.Client allier = platform.login("allier", "admin");
    assertEquals(401, allier.get(API + "/persons/" + person).status());
    assertEquals(404, allier.get("/api/tenants/allier/persons/" + person).status());
    // Another territory: neither the record nor the list nor the page.
    assertEquals(404, picardie.get(API + "/persons/" + person).status());
    assertTrue(picardie.get(API + "/persons").jsonArray().stream().map(JsonObject.class::cast)
        .noneMatch(p -> p.getString("id").equals(person)));
    assertEquals(404, picardie.get("/t/somme/parcours/personnes/" + person, "Accept", "text/html").status());
    assertFalse(picardie.get("/t/somme/parcours", "Accept", "text/html").body().contains(name));
    // An operator sees only the people positioned on its own items.
    assertEquals(404, operator.get(API + "/persons/" + person).status());
    String item = offer("plateforme-mobilite-solidaire", "Plateforme mobilité — périmètres", Map.of("amiens", 5));
    assertEquals(201, orient(referent, person, item, "amiens").status());
    assertEquals(200, operator.get(API + "/persons/" + person).status());
    // A person of Picardie Maritime entered by the Amiens agent is refused: outside their territory.
    TestPlatform.Response outside = amiens.postJson(API + "/persons", personBody("Horschamp", true, null, "picardie-maritime")
        .put("referent", new JsonObject().put("username", "referent").put("organisationKind", "departement")
            .put("organisation", "Département de la Somme")).encode());
    assertEquals(400, outside.status(), outside.body());
    // A référent sees only the people they follow: one entered by the agent for another référent stays out of reach.
    TestPlatform.Response other = amiens.postJson(API + "/persons", personBody("Autrereferent", true, null, "amiens")
        .put("referent", new JsonObject().put("username", "r.autre").put("name", "Autre référent")
            .put("organisationKind", "association-delegataire").put("organisation", "Association délégataire")).encode());
    assertEquals(201, other.status(), other.body());
    String otherId = other.json().getString("id");
    assertEquals(200, amiens.get(API + "/persons/" + otherId).status());
    assertEquals(404, referent.get(API + "/persons/" + otherId).status());
    assertTrue(referent.get(API + "/persons?name=Autrereferent").jsonArray().isEmpty());
  }

  @Test
  void possibleDuplicatesAreShownBeforeCreatingAPerson() {
    JsonObject body = personBody("Doublonnet", true, null, "amiens");
    assertEquals(201, referent.postJson(API + "/persons", body.encode()).status());
    TestPlatform.Response again = referent.postJson(API + "/persons", body.encode());
    assertEquals(409, again.status(), again.body());
    assertTrue(again.body().contains("DOUBLONNET Camille"), again.body());
    assertEquals(1, again.json().getJsonArray("errors").size());
    assertEquals(201, referent.postJson(API + "/persons", body.put("confirmDuplicates", true).encode()).status());
    TestPlatform.Response invalid = referent.postJson(API + "/persons", new JsonObject().put("familyName", "X").encode());
    assertEquals(400, invalid.status());
    Set<String> fields = invalid.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .map(e -> e.getString("field")).collect(Collectors.toSet());
    assertTrue(fields.containsAll(Set.of("birthDate", "commune", "territory", "rsaRecipient", "referent.organisationKind")), fields.toString());
  }

  @Test
  void theDemonstrationPeopleOfTheEmbeddedDefaultAreMadeOnceAtStartThroughTheServicesOnTheFiveActionTypes() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    TestPlatform demo = builder.start();
    try {
      TestPlatform.Client demoReferent = demo.login("somme", "referent");
      JsonArray demoPeople = demoReferent.get(API + "/persons").jsonArray();
      assertEquals(40, demoPeople.stream().map(JsonObject.class::cast)
          .filter(p -> "Référent de parcours (démo)".equals(p.getJsonObject("referent").getString("name"))).count(),
          demoPeople.encode());
      assertEquals(0, demo.pacte().pathways().demo().ensure("somme").await(), "made once");
      // The people are oriented onto the demonstration association's items, so that its operator account follows them:
      // the demonstration conventions fund the organisations the call selected, so the association gets items of its own.
      JsonArray offer = demo.login("somme", "pilotage").get(API + "/offer").jsonArray();
      assertEquals(5, offer.stream().map(JsonObject.class::cast).filter(i -> i.getString("title").contains("(démonstration)")
          && i.getString("description").startsWith("Action de démonstration")).count(), "one item per action type");
      JsonArray participations = demo.login("somme", "association").get(API + "/orientations").jsonArray();
      Set<String> types = participations.stream().map(JsonObject.class::cast).map(o -> o.getString("actionType"))
          .collect(Collectors.toSet());
      assertEquals(5, types.size(), types.toString());
      Set<String> states = participations.stream().map(JsonObject.class::cast).map(o -> o.getString("state"))
          .collect(Collectors.toSet());
      assertTrue(states.containsAll(Set.of("in", "exited", "refused")), states.toString());
      // The workshops of the collective actions have the people on them registered, and their attendance recorded.
      JsonArray sessions = demo.login("somme", "pilotage").get(API + "/sessions").jsonArray();
      assertFalse(sessions.isEmpty());
      assertTrue(sessions.stream().map(JsonObject.class::cast).allMatch(session -> session.getJsonObject("counts")
          .getInteger("registered") > 0), sessions.encode());
      assertTrue(sessions.stream().map(JsonObject.class::cast).anyMatch(session -> session.getJsonObject("counts")
          .getInteger("present") > 0), sessions.encode());
      assertTrue(demoReferent.get("/t/somme/parcours", "Accept", "text/html").body().contains("EXEMPLE"));
    } finally {
      demo.close();
    }
  }
}
