package fr.pacte.tests.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.CallService;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.web.SessionCookies;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Instruction and selection on the real server: a mobility call of the Somme with an envelope of 200 000 €, three
 * applications submitted on time and one late; admissibility, the thread with the applicant, two reviewers scoring on
 * the grid with the mobility fiche's own criteria (alone until they submit), consolidation, ranking per lot and
 * territory, the selection within an envelope too small for all, the committee's decision and its letters as PDF;
 * and what other organisations, territories and tenants see of it: nothing.
 *
 * <p>Grid: four general criteria weighing 3, 2, 2 and 1, and the three criteria of the mobility plugin's descriptor
 * weighing 1, all on 0-3: the best total is (3 + 2 + 2 + 1 + 3) × 3 = 33 points.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstructionTest {

  private static final String API = "/api/tenants/somme";
  private static final String MOBILITY = "plateforme-mobilite-solidaire";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static final String REVIEWER_2 = "c.lefebvre";
  private static final String PASSWORD = "Un mot de passe assez long";

  private static TestPlatform platform;
  private static Pool pool;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client reviewer1;
  private static TestPlatform.Client reviewer2;
  private static TestPlatform.Client association;
  private static String call;
  private static final UUID DEMO = UUID.randomUUID();
  private static final UUID PICARDE = UUID.randomUUID();
  private static final UUID ROUE = UUID.randomUUID();
  private static final UUID LATE = UUID.randomUUID();

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(platform.pacte().node().database().appConnectOptions()).using(platform.pacte().node().vertx()).build();
    pilot = platform.login("somme", "pilotage");
    association = platform.login("somme", "association");
    reviewer1 = platform.login("somme", "instructeur");
    reviewer2 = secondReviewer();
    call = mobilityCall();
    submitted(DEMO, "association-demo", "Association démo", "2026-02-20T10:00:00Z", List.of("amiens", "cinq-vallees"),
        12_000_000, 12_000_000, Map.of("amiens", 40, "cinq-vallees", 30));
    submitted(PICARDE, "mobilite-picarde", "Mobilité picarde", "2026-02-27T16:30:00Z", List.of("amiens"),
        10_000_000, 9_500_000, Map.of("amiens", 80));
    submitted(ROUE, "roue-libre", "Roue libre", "2026-02-28T22:59:59Z", List.of("cinq-vallees"),
        9_000_000, 9_000_000, Map.of("cinq-vallees", 25));
    // 1 March 2026 at 00:00:00 in Paris is 28 February 23:00:00 UTC: one second too late.
    submitted(LATE, "trop-tard", "Trop tard", "2026-02-28T23:00:00Z", List.of("amiens"), 5_000_000, 5_000_000,
        Map.of("amiens", 10));
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close().await();
    }
    if (platform != null) {
      platform.close();
    }
  }

  /** A second reviewer, created by the administrator and invited as anyone would be. */
  private static TestPlatform.Client secondReviewer() {
    TestPlatform.Response created = platform.login("somme", "admin").postJson(API + "/users", new JsonObject()
        .put("username", REVIEWER_2).put("displayName", "Claire Lefebvre").put("email", "c.lefebvre@somme.example")
        .put("roles", new JsonArray().add("reviewer")).encode());
    assertEquals(201, created.status(), created.body());
    String invitation = created.json().getString("invitation");
    choosePassword(invitation);
    return platform.login("somme", REVIEWER_2, PASSWORD);
  }

  private static void choosePassword(String invitation) {
    TestPlatform.Client newcomer = platform.anonymous();
    assertEquals(200, newcomer.get(invitation, "Accept", "text/html").status());
    String secret = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    assertEquals(303, newcomer.postForm(invitation, "password=" + secret + "&confirmation=" + secret).status());
  }

  private static JsonObject level(int score, String label) {
    return new JsonObject().put("score", score).put("label", label);
  }

  private static JsonObject criterion(String code, int weight) {
    return new JsonObject().put("code", code).put("label", "Critère " + code).put("weight", weight)
        .put("scale", new JsonArray().add(level(0, "Insuffisant")).add(level(1, "Partiel")).add(level(2, "Satisfaisant"))
            .add(level(3, "Très satisfaisant")));
  }

  /** A mobility call of 200 000 € on Amiens and Cinq Vallées, published in January, closed on 1 March 2026. */
  private static String mobilityCall() {
    JsonObject draft = new JsonObject().put("title", "Plateformes mobilité 2026").put("thematic", "Insertion")
        .put("deadline", "2026-03-01T00:00").put("needsFrom", "aap-insertion-2026-2028").put("budgetCents", 20_000_000L)
        .put("contacts", new JsonArray().add(new JsonObject().put("name", "Service Emploi").put("role", "Pilotage")
            .put("email", "emploi@somme.example").put("phone", "03 22 00 00 00")))
        .put("lots", new JsonArray().add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité solidaire")
            .put("actionType", MOBILITY).put("territories", new JsonArray().add("amiens").add("cinq-vallees"))))
        .put("criteria", new JsonArray().add(criterion("qualite-projet", 3)).add(criterion("experience-structure", 2))
            .add(criterion("logistique-accessibilite", 2)).add(criterion("cout-projet", 1)));
    TestPlatform.Response created = pilot.postJson(API + "/calls", draft.encode());
    assertEquals(201, created.status(), created.body());
    UUID id = UUID.fromString(created.json().getString("id"));
    Clock january = Clock.fixed(LocalDateTime.parse("2026-01-05T10:00").atZone(ZoneId.of("Europe/Paris")).toInstant(),
        ZoneOffset.UTC);
    new CallService(new TenantTransactions(pool), platform.pacte().tenants(), platform.pacte().plugins(), new AuditStore(),
        january).publish("somme", id, created.json().getInteger("version"), new Actor("somme:pilotage", "Pilotage"), null)
        .await();
    return id.toString();
  }

  /**
   * An application as the extranet leaves it once submitted (general part, lead member, one project on the lot with
   * its objectives and the amounts computed from its budget).
   */
  private static void submitted(UUID id, String organisation, String name, String at, List<String> territories,
                                long requested, long fundable, Map<String, Integer> objectives) {
    JsonArray targets = new JsonArray();
    for (int year = 1; year <= 3; year++) {
      int y = year;
      objectives.forEach((territory, target) -> targets.add(new JsonObject().put("territory", territory).put("year", y)
          .put("target", target + (y - 1) * 5)));
    }
    JsonObject general = new JsonObject().put("fileContact", new JsonObject().put("name", "Chargée du dossier")
        .put("email", organisation + "@asso.example"));
    new TenantTransactions(pool).inTenant("somme", sql -> sql.preparedQuery("""
            INSERT INTO platform.organisation (tenant_id, id, kind, name) VALUES ('somme', $1, 'operator', $2)
            ON CONFLICT DO NOTHING""").execute(Tuple.of(organisation, name))
        .compose(done -> sql.preparedQuery("""
            INSERT INTO platform.application (tenant_id, id, call_id, organisation_id, general, state, created_by,
              submitted_at, submitted_by, content_hash)
            VALUES ('somme', $1, $2, $3, $4, 'submitted', 'somme:association', $5, 'somme:association', $6)""")
            .execute(Tuple.of(id, UUID.fromString(call), organisation, general, OffsetDateTime.parse(at),
                "a".repeat(64))))
        .compose(done -> sql.preparedQuery("""
            INSERT INTO platform.application_member (tenant_id, application_id, organisation_id, role)
            VALUES ('somme', $1, $2, 'lead')""").execute(Tuple.of(id, organisation)))
        .compose(done -> sql.preparedQuery("""
            INSERT INTO platform.application_project (tenant_id, application_id, lot_code, title, territories, description,
              objectives, requested_cents, fundable_cents, total_cost_cents)
            VALUES ('somme', $1, 'mobilite', $2, $3, 'Plateforme de mobilité', $4, $5, $6, $7)""")
            .execute(Tuple.from(List.of(id, "Mobilité " + name, territories.toArray(String[]::new), targets, requested,
                fundable, requested * 2)))).mapEmpty()).await();
  }

  private static String app(UUID id) {
    return API + "/applications/" + id;
  }

  private static JsonObject mark(int score, String why) {
    return new JsonObject().put("score", score).put("justification", why);
  }

  /** A sheet on the seven criteria, in the grid's order. */
  private static JsonObject sheet(int quality, int experience, int logistics, int cost, int method, int innovation,
                                  int rhythm) {
    return new JsonObject().put("qualite-projet", mark(quality, "Projet conforme aux attendus"))
        .put("experience-structure", mark(experience, "Structure expérimentée"))
        .put("logistique-accessibilite", mark(logistics, "Permanences sur le territoire"))
        .put("cout-projet", mark(cost, "Frais indirects sous 20 %"))
        .put(MOBILITY + ":qualite_methodologie_pedagogie", mark(method, "Méthode décrite"))
        .put(MOBILITY + ":caractere_innovant", mark(innovation, "Location solidaire"))
        .put(MOBILITY + ":modalite_rythme_intensite", mark(rhythm, "Suivi hebdomadaire"));
  }

  private static TestPlatform.Response score(TestPlatform.Client reviewer, UUID id, JsonObject scores, boolean submit) {
    return reviewer.putJson(app(id) + "/reviews/mobilite/sheet", new JsonObject().put("scores", scores)
        .put("submit", submit).encode());
  }

  private static void admissible(UUID id) {
    TestPlatform.Response done = pilot.putJson(app(id) + "/admissibility", new JsonObject().put("admissible", true).encode());
    assertEquals(200, done.status(), done.body());
  }

  private static void assign(UUID id) {
    TestPlatform.Response done = pilot.postJson(app(id) + "/reviews", new JsonObject().put("lot", "mobilite")
        .put("reviewers", new JsonArray().add("instructeur").add(REVIEWER_2)).encode());
    assertEquals(200, done.status(), done.body());
  }

  @Test
  @Order(1)
  void admissibilityIsComputedAndConfirmedOrRefusedWithAReasonTheApplicantReads() {
    JsonObject computed = pilot.get(app(DEMO) + "/admissibility").json();
    assertTrue(computed.getBoolean("complete"));
    assertTrue(computed.getBoolean("onTime"));
    assertEquals("to-confirm", computed.getString("state"));

    JsonObject late = pilot.get(app(LATE) + "/admissibility").json();
    assertFalse(late.getBoolean("onTime"), "submitted at 00:00:00 on 1 March in Paris, the deadline's very instant");
    TestPlatform.Response confirmLate = pilot.putJson(app(LATE) + "/admissibility", new JsonObject().put("admissible", true).encode());
    assertEquals(400, confirmLate.status(), confirmLate.body());
    assertTrue(confirmLate.body().contains("reçue après la date limite"), confirmLate.body());
    TestPlatform.Response noReason = pilot.putJson(app(LATE) + "/admissibility", new JsonObject().put("admissible", false).encode());
    assertEquals(400, noReason.status());
    assertEquals("reason", noReason.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response refused = pilot.putJson(app(LATE) + "/admissibility", new JsonObject().put("admissible", false)
        .put("reason", "Dossier reçu après la date limite du 28 février minuit.").encode());
    assertEquals(200, refused.status(), refused.body());
    assertEquals("inadmissible", refused.json().getString("state"));

    admissible(DEMO);
    admissible(PICARDE);
    admissible(ROUE);
    JsonObject seen = association.get(app(DEMO) + "/admissibility").json();
    assertEquals("admissible", seen.getString("state"), "the applicant reads the decision on its own application");
    assertEquals(409, pilot.putJson(app(DEMO) + "/admissibility", new JsonObject().put("admissible", true)
        .put("version", 0).encode()).status(), "a decision taken since is not overwritten");
    assertEquals("instruction", pilot.get(API + "/calls/" + call).json().getString("state"));
  }

  @Test
  @Order(2)
  void theInstructorAsksAQuestionWithADueDateAndTheAssociationAnswersInTheThread() {
    TestPlatform.Response asked = pilot.postJson(app(DEMO) + "/messages", new JsonObject()
        .put("body", "Pouvez-vous préciser le nombre de véhicules mis à disposition ?").put("dueDate", "2099-04-10").encode());
    assertEquals(201, asked.status(), asked.body());
    assertEquals("departement", asked.json().getString("side"));
    TestPlatform.Response answered = association.postJson(app(DEMO) + "/messages", new JsonObject()
        .put("body", "Six véhicules, dont deux sans permis.").encode());
    assertEquals(201, answered.status(), answered.body());
    assertEquals("candidat", answered.json().getString("side"));

    JsonArray thread = association.get(app(DEMO) + "/messages").json().getJsonArray("messages");
    assertEquals(2, thread.size());
    assertEquals("2099-04-10", thread.getJsonObject(0).getString("dueDate"));
    assertEquals("Six véhicules, dont deux sans permis.", thread.getJsonObject(1).getString("body"));

    TestPlatform.Response foreignPart = association.postJson(app(DEMO) + "/messages", new JsonObject()
        .put("body", "Voici la pièce").put("parts", new JsonArray().add(UUID.randomUUID().toString())).encode());
    assertEquals(400, foreignPart.status());
    assertEquals("parts[0]", foreignPart.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(2, pilot.get(app(DEMO) + "/messages").json().getJsonArray("messages").size(), "nothing half-written");
    TestPlatform.Response pastDue = pilot.postJson(app(DEMO) + "/messages", new JsonObject().put("body", "Relance")
        .put("dueDate", "2020-01-01").encode());
    assertEquals(400, pastDue.status());
  }

  @Test
  @Order(3)
  void twoReviewersScoreOnTheGridWithTheMobilityFichesOwnCriteriaAndNeitherSeesTheOthersBeforeSubmitting() {
    assign(DEMO);
    JsonObject project = reviewer1.get(app(DEMO) + "/reviews").json().getJsonArray("projects").getJsonObject(0);
    List<String> keys = project.getJsonArray("criteria").stream().map(c -> ((JsonObject) c).getString("key")).toList();
    assertEquals(List.of("qualite-projet", "experience-structure", "logistique-accessibilite", "cout-projet",
        MOBILITY + ":qualite_methodologie_pedagogie", MOBILITY + ":caractere_innovant", MOBILITY + ":modalite_rythme_intensite"),
        keys, "the call's general criteria, then the mobility plugin's own");
    assertEquals(33, project.getInteger("maxPoints"));

    TestPlatform.Response draft = score(reviewer1, DEMO, sheet(3, 2, 2, 1, 2, 3, 2), false);
    assertEquals(200, draft.status(), draft.body());
    JsonObject seenBySecond = reviewer2.get(app(DEMO) + "/reviews").json().getJsonArray("projects").getJsonObject(0);
    assertEquals(1, seenBySecond.getJsonArray("sheets").size(), "only their own sheet");
    assertEquals(REVIEWER_2, seenBySecond.getJsonArray("sheets").getJsonObject(0).getString("reviewer"));
    assertTrue(seenBySecond.getJsonArray("sheets").getJsonObject(0).getJsonObject("scores").isEmpty());
    assertNull(seenBySecond.getJsonObject("consolidation"), "no totals before submitting");

    TestPlatform.Response incomplete = score(reviewer2, DEMO, new JsonObject().put("qualite-projet", mark(2, "")), true);
    assertEquals(400, incomplete.status());
    List<String> fields = incomplete.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.contains("scores.qualite-projet.justification"), fields.toString());
    assertTrue(fields.contains("scores." + MOBILITY + ":caractere_innovant"), fields.toString());

    assertEquals(200, score(reviewer1, DEMO, sheet(3, 2, 2, 1, 2, 3, 2), true).status());
    assertEquals(200, score(reviewer2, DEMO, sheet(2, 2, 0, 1, 2, 2, 2), true).status());
    assertEquals(409, score(reviewer1, DEMO, sheet(3, 3, 3, 3, 3, 3, 3), true).status(), "a submitted sheet no longer changes");

    JsonObject consolidation = pilot.get(app(DEMO) + "/reviews").json().getJsonArray("projects").getJsonObject(0)
        .getJsonObject("consolidation");
    // 3×3 + 2×2 + 2×2 + 1 + 2 + 3 + 2 = 25 ; 2×3 + 2×2 + 0 + 1 + 2 + 2 + 2 = 17 ; mean 21, spread 8 > 15 % of 33
    Map<String, Integer> totals = new LinkedHashMap<>();
    consolidation.getJsonArray("totals").forEach(t -> totals.put(((JsonObject) t).getString("reviewer"), ((JsonObject) t).getInteger("points")));
    assertEquals(Map.of("Instructeur (démo)", 25, "Claire Lefebvre", 17), totals);
    assertEquals("21.00", consolidation.getString("meanPoints"));
    assertEquals(8, consolidation.getInteger("spreadPoints"));
    assertTrue(consolidation.getBoolean("disagreement"));
    assertEquals(List.of("logistique-accessibilite"), consolidation.getJsonArray("criteriaApart").getList());

    TestPlatform.Response agreed = pilot.putJson(app(DEMO) + "/reviews/mobilite/consolidation", new JsonObject()
        .put("points", "22").put("justification", "Les permanences de Cinq Vallées sont confirmées.").encode());
    assertEquals(200, agreed.status(), agreed.body());
    JsonObject settled = agreed.json().getJsonArray("projects").getJsonObject(0).getJsonObject("consolidation");
    assertEquals("22.00", settled.getString("points"));
    assertTrue(settled.getBoolean("settled"));

    JsonObject afterSubmitting = reviewer2.get(app(DEMO) + "/reviews").json().getJsonArray("projects").getJsonObject(0);
    assertEquals(2, afterSubmitting.getJsonArray("sheets").size(), "once submitted, the others' sheets are open for discussion");
  }

  @Test
  @Order(4)
  void aReviewerInConflictOfInterestIsExcludedAndTheProjectStillNeedsTwoReviewers() {
    assign(ROUE);
    TestPlatform.Response conflict = reviewer1.postJson(app(ROUE) + "/reviews/mobilite/conflict",
        new JsonObject().put("reason", "Je siège au conseil d'administration de Roue libre.").encode());
    assertEquals(200, conflict.status(), conflict.body());
    assertEquals(409, score(reviewer1, ROUE, sheet(1, 1, 1, 1, 1, 1, 1), true).status());
    TestPlatform.Response tooFew = pilot.postJson(app(ROUE) + "/reviews", new JsonObject().put("lot", "mobilite")
        .put("reviewers", new JsonArray().add(REVIEWER_2)).encode());
    assertEquals(400, tooFew.status(), "the reviewer in conflict does not count");
    TestPlatform.Response third = pilot.postJson(app(ROUE) + "/reviews", new JsonObject().put("lot", "mobilite")
        .put("reviewers", new JsonArray().add("pilotage")).encode());
    assertEquals(200, third.status(), third.body());
    // 2×3 + 2×2 + 1×2 + 1 + 2 + 1 + 1 = 17 ; 2×3 + 2×2 + 2×2 + 1 + 1 + 1 + 1 = 18 ; mean 17.50
    assertEquals(200, score(reviewer2, ROUE, sheet(2, 2, 1, 1, 2, 1, 1), true).status());
    assertEquals(200, score(pilot, ROUE, sheet(2, 2, 2, 1, 1, 1, 1), true).status());
    assign(PICARDE);
    // 3×3 + 3×2 + 2×2 + 2 + 2 + 2 + 2 = 27, twice
    assertEquals(200, score(reviewer1, PICARDE, sheet(3, 3, 2, 2, 2, 2, 2), true).status());
    assertEquals(200, score(reviewer2, PICARDE, sheet(3, 3, 2, 2, 2, 2, 2), true).status());
  }

  @Test
  @Order(5)
  void theRankingPerLotAndTerritoryPutsTheBestFirstWithTheAmountsAndLeavesTheInadmissibleOut() {
    TestPlatform.Response response = pilot.get(API + "/calls/" + call + "/ranking");
    assertEquals(200, response.status(), response.body());
    JsonArray territories = response.json().getJsonArray("lots").getJsonObject(0).getJsonArray("territories");
    JsonObject amiens = territories.getJsonObject(0);
    assertEquals("amiens", amiens.getString("territory"));
    assertEquals(List.of("27.00", "22.00"), amiens.getJsonArray("projects").stream()
        .map(p -> ((JsonObject) p).getString("points")).toList(), "Mobilité picarde, then the association; not the late one");
    assertEquals(1, amiens.getJsonArray("projects").getJsonObject(0).getInteger("rank"));
    assertEquals(9_500_000L, amiens.getJsonArray("projects").getJsonObject(0).getLong("fundableCents"));
    assertEquals(80, amiens.getJsonArray("projects").getJsonObject(0).getInteger("objective"), "the smallest yearly target");
    JsonObject cinqVallees = territories.getJsonObject(1);
    assertEquals(List.of("22.00", "17.50"), cinqVallees.getJsonArray("projects").stream()
        .map(p -> ((JsonObject) p).getString("points")).toList());
    assertEquals(403, reviewer1.get(API + "/calls/" + call + "/ranking").status(), "reviewers do not rank");
  }

  @Test
  @Order(6)
  void theSelectionStaysWithinAnEnvelopeTooSmallForAllANegotiatedAmountFillsWhatIsLeft() {
    JsonObject suggested = pilot.get(API + "/calls/" + call + "/selection").json();
    assertFalse(suggested.getBoolean("saved"));
    // 200 000 €: Mobilité picarde 95 000 € (105 000 € left), the association's 120 000 € no longer fit, Roue libre 90 000 €.
    Map<String, Boolean> retained = new LinkedHashMap<>();
    suggested.getJsonArray("lines").forEach(l -> retained.put(((JsonObject) l).getString("application"), ((JsonObject) l).getBoolean("retained")));
    assertEquals(Map.of(PICARDE.toString(), true, DEMO.toString(), false, ROUE.toString(), true), retained);
    assertEquals(1_500_000L, suggested.getLong("leftCents"));

    JsonArray tooMuch = new JsonArray().add(line(PICARDE, true, null)).add(line(DEMO, true, null)).add(line(ROUE, false, null));
    TestPlatform.Response over = pilot.putJson(API + "/calls/" + call + "/selection", new JsonObject().put("lines", tooMuch).encode());
    assertEquals(400, over.status());
    assertTrue(over.body().contains("dépassent l'enveloppe de l'appel (200 000 €) de 15 000 €"), over.body());

    JsonArray negotiated = new JsonArray().add(line(PICARDE, true, null)).add(line(DEMO, true, 10_500_000L)).add(line(ROUE, false, null));
    TestPlatform.Response saved = pilot.putJson(API + "/calls/" + call + "/selection", new JsonObject().put("lines", negotiated)
        .put("version", 0).encode());
    assertEquals(200, saved.status(), saved.body());
    JsonObject proposal = saved.json();
    assertEquals(20_000_000L, proposal.getLong("totalCents"));
    assertEquals(0L, proposal.getLong("leftCents"));
    JsonObject need = pilot.get(API + "/calls/" + call).json().getJsonArray("lots").getJsonObject(0).getJsonArray("needs")
        .stream().map(JsonObject.class::cast).filter(n -> n.getString("territory").equals("cinq-vallees")).findFirst().orElseThrow();
    JsonObject uncovered = proposal.getJsonArray("uncovered").stream().map(JsonObject.class::cast)
        .filter(u -> u.getString("territory").equals("cinq-vallees")).findFirst().orElseThrow();
    assertEquals(30, uncovered.getInteger("covered"), "the association only: Roue libre is not retained");
    assertEquals(need.getInteger("target") - 30, uncovered.getInteger("missing"));
    assertEquals(409, pilot.putJson(API + "/calls/" + call + "/selection", new JsonObject().put("lines", negotiated)
        .put("version", 0).encode()).status(), "a stale proposal is not overwritten");
  }

  private static JsonObject line(UUID application, boolean retained, Long negotiated) {
    return new JsonObject().put("application", application.toString()).put("lot", "mobilite").put("retained", retained)
        .put("negotiatedCents", negotiated);
  }

  @Test
  @Order(7)
  void theCommitteeDecidesAndTheApplicantsReadTheirAcceptanceAndRefusalLettersAsPdf() throws IOException {
    TestPlatform.Response decided = pilot.postJson(API + "/calls/" + call + "/decision", new JsonObject()
        .put("committeeDate", "2026-04-13").put("deliberationRef", "CP-2026-04-13-27").encode());
    assertEquals(201, decided.status(), decided.body());
    assertEquals("decided", decided.json().getString("state"));
    assertEquals(20_000_000L, decided.json().getLong("totalCents"));
    assertEquals(409, pilot.postJson(API + "/calls/" + call + "/decision", new JsonObject()
        .put("committeeDate", "2026-04-13").put("deliberationRef", "CP-bis").encode()).status());

    JsonObject mine = association.get(app(DEMO) + "/decision").json();
    assertTrue(mine.getJsonArray("projects").getJsonObject(0).getBoolean("selected"));
    assertEquals(10_500_000L, mine.getJsonArray("projects").getJsonObject(0).getLong("amountCents"));
    List<String> kinds = mine.getJsonArray("letters").stream().map(l -> ((JsonObject) l).getString("kind")).toList();
    assertEquals(List.of("notification", "acceptance"), kinds);
    String acceptance = pdfText(association, mine.getJsonArray("letters").getJsonObject(1).getString("href"));
    assertTrue(acceptance.contains("105 000 €"), acceptance);
    assertTrue(acceptance.contains("CP-2026-04-13-27"), acceptance);
    assertTrue(acceptance.contains("13 avril 2026"), acceptance);

    TestPlatform.Client roue = loginOperator("roue-libre");
    JsonObject refusedDecision = roue.get(app(ROUE) + "/decision").json();
    assertEquals(List.of("notification", "refusal"), refusedDecision.getJsonArray("letters").stream()
        .map(l -> ((JsonObject) l).getString("kind")).toList());
    String refusal = pdfText(roue, refusedDecision.getJsonArray("letters").getJsonObject(1).getString("href"));
    assertTrue(refusal.contains("n'a pas retenu votre projet"), refusal);
    assertEquals(404, roue.get(app(DEMO) + "/decision").status(), "another organisation's decision is none of theirs");
    assertEquals(404, roue.get(mine.getJsonArray("letters").getJsonObject(1).getString("href")).status());
  }

  /** The letter's bytes as the browser downloads them (the test client reads bodies as text), then its text. */
  private static String pdfText(TestPlatform.Client client, String href) throws IOException {
    assertEquals(200, client.get(href).status());
    String cookie = SessionCookies.name("somme") + "=" + client.cookie(SessionCookies.name("somme"));
    HttpResponse<byte[]> pdf;
    try {
      pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + href))
          .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
    PdfReader reader = new PdfReader(pdf.body());
    try {
      StringBuilder text = new StringBuilder();
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ");
    } finally {
      reader.close();
    }
  }

  /** An operator of another organisation, created by the administrator. */
  private static TestPlatform.Client loginOperator(String organisation) {
    String username = "operateur." + organisation;
    TestPlatform.Response created = platform.login("somme", "admin").postJson(API + "/users", new JsonObject()
        .put("username", username).put("displayName", "Opérateur " + organisation).put("email", username + "@asso.example")
        .put("roles", new JsonArray().add("operator")).put("organisation", organisation).encode());
    assertEquals(201, created.status(), created.body());
    choosePassword(created.json().getString("invitation"));
    return platform.login("somme", username, PASSWORD);
  }

  @Test
  @Order(8)
  void scoresAreReadByThePilotAndAuditorsOnlyAndOtherScopesAndTenantsSeeNothing() {
    assertEquals(200, platform.login("somme", "auditeur").get(app(DEMO) + "/reviews").status());
    assertEquals(403, association.get(app(DEMO) + "/reviews").status(), "the applicant never reads the scores");
    assertEquals(403, platform.login("somme", "agent.amiens").get(app(DEMO) + "/reviews").status());
    assertEquals(200, platform.login("somme", "agent.amiens").get(app(PICARDE) + "/messages").status());
    assertEquals(404, platform.login("somme", "agent.hauts-de-somme").get(app(PICARDE) + "/messages").status(),
        "a territory agent of another territory sees nothing of it");
    assertEquals(404, association.get(app(PICARDE) + "/messages").status(), "nor does another organisation");
    TestPlatform.Client allier = platform.login("allier", "pilotage");
    assertEquals(404, allier.get("/api/tenants/allier/applications/" + DEMO + "/reviews").status());
    assertEquals(404, allier.get("/api/tenants/allier/applications/" + DEMO + "/messages").status());
    assertEquals(404, allier.get("/api/tenants/allier/calls/" + call + "/ranking").status());
    JsonArray trail = platform.login("somme", "auditeur").get(API + "/audit?limit=200").jsonArray();
    List<String> actions = trail.stream().map(e -> ((JsonObject) e).getString("action")).toList();
    for (String action : List.of("application.admissible", "application.inadmissible", "application.message", "review.assigned",
        "review.submitted", "review.conflict", "review.consolidated", "selection.proposed", "call.decided")) {
      assertTrue(actions.contains(action), action + " in " + actions);
    }
  }
}
