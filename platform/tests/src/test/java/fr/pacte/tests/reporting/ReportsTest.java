package fr.pacte.tests.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.reporting.MonthlyReport;
import fr.pacte.server.reporting.ReportService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestMailServer;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monthly reports and yearly evaluations on the Somme with the five real action-type plugins: the tableau de pilotage
 * prefilled from pathway data made through the API (every figure worked out by hand below), the operator's
 * reconciliation, the workflow to locked and back, reminders through a real SMTP server, scopes and tenants, the fiche
 * bilan as PDF and the comité's decision on the convention's next tranche.
 */
class ReportsTest {

  private static final String API = "/api/tenants/somme";
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestMailServer smtp;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client referent;
  private static TestPlatform.Client operator;
  private static TestPlatform.Client amiens;
  private static TestPlatform.Client picardie;
  private static TestPlatform.Client admin;
  private static int people;

  /** The month reported on: last month, in the Somme's calendar. */
  private static final YearMonth MONTH = YearMonth.now(PARIS).minusMonths(1);

  @BeforeAll
  static void start() {
    smtp = TestMailServer.start();
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).mailServer(smtp)
        // The participations counted below are those the test makes: no demonstration people.
        .withoutDemoPeople();
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    referent = platform.login("somme", "referent");
    operator = platform.login("somme", "association");
    amiens = platform.login("somme", "agent.amiens");
    picardie = platform.login("somme", "agent.picardie-maritime");
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  static void stop() {
    platform.close();
    smtp.close();
  }

  // ---- fixtures, made through the API as users would

  private static LocalDate day(int day) {
    return MONTH.atDay(day);
  }

  private static LocalDate dayBefore(int day) {
    return MONTH.minusMonths(1).atDay(day);
  }

  private static String offer(String type, String title, Map<String, Integer> places) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    JsonObject item = new JsonObject().put("actionType", type).put("organisation", "association-demo").put("title", title)
        .put("periodStart", MONTH.minusMonths(3).atDay(1).toString()).put("periodEnd", "2029-12-31").put("places", placeArray)
        .put("schedule", "Lundi et jeudi, 9 h 30 - 12 h").put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = pilot.postJson(API + "/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private static String person(String territory) {
    int n = people++;
    JsonObject body = new JsonObject().put("familyName", "Rapport" + (char) ('A' + n / 26) + (char) ('a' + n % 26))
        .put("firstNames", "Dominique").put("birthDate", "1979-05-0" + (1 + n % 9)).put("commune", "Amiens")
        .put("territory", territory).put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme"));
    TestPlatform.Response created = referent.postJson(API + "/persons", body.encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private static JsonObject orient(String person, String offer, String territory) {
    TestPlatform.Response placed = referent.postJson(API + "/orientations", new JsonObject().put("person", person)
        .put("offer", offer).put("territory", territory).put("prescriberKind", "departement").encode());
    assertEquals(201, placed.status(), placed.body());
    return placed.json();
  }

  /** Positioned and entered on {@code entry}; returns the orientation. */
  private static JsonObject entered(String offer, String territory, LocalDate entry) {
    return entered(operator, offer, territory, entry);
  }

  private static JsonObject entered(TestPlatform.Client by, String offer, String territory, LocalDate entry) {
    JsonObject o = orient(person(territory), offer, territory);
    TestPlatform.Response accepted = by.postJson(API + "/orientations/" + o.getString("id") + "/accept",
        new JsonObject().put("entryDate", entry.toString()).put("version", o.getInteger("version")).encode());
    assertEquals(200, accepted.status(), accepted.body());
    return accepted.json();
  }

  private static JsonObject fields(JsonObject o, JsonObject fields) {
    TestPlatform.Response saved = operator.putJson(API + "/orientations/" + o.getString("id") + "/fields",
        new JsonObject().put("version", o.getInteger("version")).put("fields", fields).encode());
    assertEquals(200, saved.status(), saved.body());
    return saved.json();
  }

  private static void exit(JsonObject o, LocalDate on, String type) {
    exit(operator, o, on, type);
  }

  private static void exit(TestPlatform.Client by, JsonObject o, LocalDate on, String type) {
    TestPlatform.Response exited = by.postJson(API + "/orientations/" + o.getString("id") + "/exit",
        new JsonObject().put("date", on.toString()).put("type", type).put("version", o.getInteger("version")).encode());
    assertEquals(200, exited.status(), exited.body());
  }

  /** Opens the month's reports (as the programme manager) and returns the report of {@code offer} in {@code territory}. */
  private static JsonObject report(String offer, String territory) {
    TestPlatform.Response opened = pilot.postJson(API + "/reports/open", new JsonObject().put("month", MONTH.toString()).encode());
    assertEquals(200, opened.status(), opened.body());
    TestPlatform.Response list = pilot.get(API + "/reports?from=" + MONTH + "&to=" + MONTH);
    assertEquals(200, list.status(), list.body());
    return list.jsonArray().stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("offer").equals(offer) && r.getString("territory").equals(territory))
        .findFirst().orElseThrow(() -> new AssertionError("no report for " + offer + " in " + territory + ": " + list.body()));
  }

  private static Map<String, BigDecimal> figures(JsonObject report) {
    Map<String, BigDecimal> figures = new HashMap<>();
    report.getJsonArray("lines").forEach(line -> {
      JsonObject l = (JsonObject) line;
      figures.put(l.getString("code"), new BigDecimal(l.getValue("prefilled").toString()));
    });
    return figures;
  }

  private static void assertFigure(Map<String, BigDecimal> figures, String code, String expected) {
    assertNotNull(figures.get(code), "line " + code + " in " + figures.keySet());
    assertEquals(0, new BigDecimal(expected).compareTo(figures.get(code)), code + ": expected " + expected + ", got "
        + figures.get(code));
  }

  private static BigDecimal average(long a, long b) {
    return BigDecimal.valueOf(a + b).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
  }

  private static RequestContext on(LocalDate day) {
    TenantClock clock = new TenantClock(Clock.fixed(day.atTime(LocalTime.NOON).atZone(PARIS).toInstant(), PARIS),
        tenant -> PARIS);
    return RequestContext.system("somme", "test", clock);
  }

  // ---- the tests

  @Test
  void aMonthsReportIsPrefilledFromThePathwaysAndEveryFigureChecksOutByHand() {
    String item = offer("plateforme-mobilite-solidaire", "Mobilité — tableau de pilotage", Map.of("amiens", 10,
        "picardie-maritime", 2));
    // Amiens: A entered before the month and stays; B entered before and leaves on the 5th (sortie positive);
    // C enters on the 3rd and stays; D enters on the 10th and leaves on the 20th (abandon); E is refused.
    JsonObject a = entered(item, "amiens", dayBefore(10));
    JsonObject b = entered(item, "amiens", dayBefore(15));
    JsonObject c = entered(item, "amiens", day(3));
    JsonObject d = entered(item, "amiens", day(10));
    JsonObject e = orient(person("amiens"), item, "amiens");
    assertEquals(200, operator.postJson(API + "/orientations/" + e.getString("id") + "/refuse", new JsonObject()
        .put("reason", "refus-personne").put("version", e.getInteger("version")).encode()).status());
    // Picardie maritime: F enters on the 2nd — not in the Amiens report.
    entered(item, "picardie-maritime", day(2));
    // What was mobilised: A two solutions and the licence support; C one solution and the driving test on the 15th;
    // B the highway code on the 2nd (followed in the month until the 5th).
    fields(a, new JsonObject().put("solutions_mobilite", new JsonArray().add("Location sociale").add("Garage solidaire"))
        .put("accompagnement_permis", true));
    fields(c, new JsonObject().put("solutions_mobilite", new JsonArray().add("Location sociale"))
        .put("permis_date", day(15).toString()));
    JsonObject bFields = fields(b, new JsonObject().put("code_route_date", day(2).toString()));
    exit(bFields, day(5), "sortie-positive");
    exit(d, day(20), "abandon");

    JsonObject report = report(item, "amiens");
    assertEquals("draft", report.getString("state"));
    assertEquals(MONTH.plusMonths(1).atDay(Math.min(30, MONTH.plusMonths(1).lengthOfMonth())).toString(),
        report.getString("dueOn"), "due the 30th of the following month (its last day when shorter)");
    Map<String, BigDecimal> f = figures(report);
    assertFigure(f, "positioned", "0"); // all five were positioned today, not during last month (see below)
    assertFigure(f, "file-active-start", "2"); // A, B
    assertFigure(f, "entries", "2"); // C, D
    assertFigure(f, "exits", "2"); // B, D
    assertFigure(f, "file-active-end", "2"); // A, C
    long bDays = ChronoUnit.DAYS.between(dayBefore(15), day(5));
    assertFigure(f, "exited-length-days", average(bDays, 10).toPlainString());
    long aDays = ChronoUnit.DAYS.between(dayBefore(10), MONTH.atEndOfMonth());
    long cDays = ChronoUnit.DAYS.between(day(3), MONTH.atEndOfMonth());
    assertFigure(f, "active-length-days", average(aDays, cDays).toPlainString());
    assertFigure(f, "exit.sortie-positive", "1");
    assertFigure(f, "exit.abandon", "1");
    assertFigure(f, "exit.emploi-durable", "0");
    assertFigure(f, "field.solutions_mobilite.1", "2"); // Location sociale: A, C
    assertFigure(f, "field.solutions_mobilite.2", "1"); // Garage solidaire: A
    assertFigure(f, "field.solutions_mobilite.3", "0");
    assertFigure(f, "field.accompagnement_permis", "1"); // A
    assertFigure(f, "field.permis_date", "1"); // C, on the 15th
    assertFigure(f, "field.code_route_date", "1"); // B, on the 2nd
    assertFalse(f.containsKey("sessions"), "an individual action has no workshop lines");

    JsonObject north = report(item, "picardie-maritime");
    assertFigure(figures(north), "entries", "1");
    assertFigure(figures(north), "file-active-end", "1");

    // People positioned: the month in which they were placed. Seen from the first day of next month, this month's
    // report counts the six orientations made today in Amiens (refused one included).
    var reports = platform.pacte().reporting().reports();
    RequestContext nextMonth = on(YearMonth.now(PARIS).plusMonths(1).atDay(1));
    reports.open(nextMonth, YearMonth.now(PARIS)).await();
    MonthlyReport current = reports.list(nextMonth, YearMonth.now(PARIS), YearMonth.now(PARIS)).await().stream()
        .filter(r -> r.offerId().toString().equals(item) && r.territory().equals("amiens")).findFirst().orElseThrow();
    assertEquals(0, BigDecimal.valueOf(5).compareTo(current.line("positioned").prefilled()), "A, B, C, D and E");
    assertEquals(0, BigDecimal.valueOf(2).compareTo(current.line("file-active-start").prefilled()), "A and C");

    // The workshops of a collective action: two sessions, three presences by two people.
    String workshops = offer("remobilisation-sociale", "Remobilisation — tableau de pilotage", Map.of("amiens", 192));
    JsonObject g = entered(workshops, "amiens", dayBefore(3));
    JsonObject h = entered(workshops, "amiens", dayBefore(4));
    for (int[] session : new int[][] {{8, 1, 1}, {22, 1, 0}}) {
      TestPlatform.Response planned = operator.postJson(API + "/sessions", new JsonObject().put("offer", workshops)
          .put("territory", "amiens").put("startsAt", day(session[0]) + "T09:30").put("theme", "Estime de soi")
          .put("place", "Maison de quartier").put("capacity", 12).encode());
      assertEquals(201, planned.status(), planned.body());
      String id = planned.json().getString("id");
      for (JsonObject o : List.of(g, h)) {
        assertEquals(200, operator.postJson(API + "/sessions/" + id + "/registrations",
            new JsonObject().put("person", personOf(o)).encode()).status());
      }
      operator.putJson(API + "/sessions/" + id + "/attendance", new JsonObject().put("person", personOf(g))
          .put("status", session[1] == 1 ? "present" : "absent").encode());
      operator.putJson(API + "/sessions/" + id + "/attendance", new JsonObject().put("person", personOf(h))
          .put("status", session[2] == 1 ? "present" : "absent").encode());
    }
    Map<String, BigDecimal> w = figures(report(workshops, "amiens"));
    assertFigure(w, "sessions", "2");
    assertFigure(w, "participants", "2"); // G and H
    assertFigure(w, "participants-per-session", "1.5"); // 3 presences / 2 sessions
    assertFigure(w, "sessions-per-participant", "1.5"); // 3 presences / 2 people
  }

  private static String personOf(JsonObject orientation) {
    return orientation.getString("person");
  }

  @Test
  void aCorrectedFigureWithoutACommentIsRefusedAndTheWorkflowGoesToLockedAndBackOnlyWithAReason() {
    String item = offer("plateforme-mobilite-solidaire", "Mobilité — circuit du rapport", Map.of("amiens", 3));
    entered(item, "amiens", dayBefore(20));
    JsonObject report = report(item, "amiens");
    String path = API + "/reports/" + report.getString("id");
    int version = report.getInteger("version");

    TestPlatform.Response refused = operator.putJson(path, new JsonObject().put("version", version)
        .put("lines", new JsonObject().put("file-active-end", new JsonObject().put("value", 2))).encode());
    assertEquals(400, refused.status(), refused.body());
    assertEquals("lines.file-active-end.comment", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject unchanged = pilot.get(path).json();
    assertEquals(version, unchanged.getInteger("version"), "nothing half-written");

    TestPlatform.Response corrected = operator.putJson(path, new JsonObject().put("version", version)
        .put("comment", "Mois calme.").put("lines", new JsonObject().put("file-active-end", new JsonObject()
            .put("value", 2).put("comment", "Une entrée du 31 saisie en retard."))).encode());
    assertEquals(200, corrected.status(), corrected.body());
    JsonObject line = corrected.json().getJsonArray("lines").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("code").equals("file-active-end")).findFirst().orElseThrow();
    assertEquals(1, line.getInteger("prefilled"));
    assertEquals(2, line.getInteger("value"));
    assertTrue(line.getBoolean("corrected"));
    assertEquals(409, operator.putJson(path, new JsonObject().put("version", version).put("comment", "x").encode()).status(),
        "a stale version is refused");
    version = corrected.json().getInteger("version");

    assertEquals(409, amiens.postJson(path + "/validate", new JsonObject().put("version", version).encode()).status(),
        "not submitted yet");
    JsonObject submitted = operator.postJson(path + "/submit", new JsonObject().put("version", version).encode()).json();
    assertEquals("submitted", submitted.getString("state"));
    version = submitted.getInteger("version");
    assertEquals(403, operator.postJson(path + "/validate", new JsonObject().put("version", version).encode()).status());
    assertEquals(403, picardie.postJson(path + "/validate", new JsonObject().put("version", version).encode()).status(),
        "another territory's agent");
    JsonObject validated = amiens.postJson(path + "/validate", new JsonObject().put("version", version).encode()).json();
    assertEquals("validated", validated.getString("state"));
    version = validated.getInteger("version");
    assertEquals(403, amiens.postJson(path + "/approve", new JsonObject().put("version", version).encode()).status());
    JsonObject approved = pilot.postJson(path + "/approve", new JsonObject().put("version", version).encode()).json();
    assertEquals("approved", approved.getString("state"));
    JsonObject locked = pilot.postJson(path + "/lock", new JsonObject().put("version", approved.getInteger("version")).encode()).json();
    assertEquals("locked", locked.getString("state"));
    version = locked.getInteger("version");
    assertEquals(409, operator.putJson(path, new JsonObject().put("version", version).put("comment", "Après coup").encode()).status(),
        "a locked report does not change");

    TestPlatform.Response noReason = pilot.postJson(path + "/reopen", new JsonObject().put("version", version).encode());
    assertEquals(400, noReason.status(), noReason.body());
    assertEquals("reason", noReason.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject reopened = pilot.postJson(path + "/reopen", new JsonObject().put("version", version)
        .put("reason", "Erreur de saisie signalée par la structure").encode()).json();
    assertEquals("draft", reopened.getString("state"));
    assertEquals("Erreur de saisie signalée par la structure", reopened.getString("reopenReason"));

    List<String> trail = admin.get(API + "/audit?limit=1000").jsonArray().stream().map(JsonObject.class::cast)
        .filter(event -> event.getString("target").equals("report:" + report.getString("id")))
        .map(event -> event.getString("action")).toList();
    assertTrue(trail.containsAll(List.of("report.reconciled", "report.submitted", "report.validated", "report.approved",
        "report.locked", "report.reopened")), trail.toString());
    String page = operator.get("/t/somme/rapports/" + report.getString("id"), "Accept", "text/html").body();
    assertTrue(page.contains("Erreur de saisie signalée par la structure"), page);
    assertTrue(page.contains("Une entrée du 31 saisie en retard."), page);
  }

  @Test
  void remindersGoBeforeTheDueDateAndOnceLateToTheOperatorInTheApplicationAndByMail() {
    TestPlatform.Response user = admin.postJson(API + "/users", new JsonObject().put("username", "rapports.asso")
        .put("displayName", "Rapports de l'association").put("email", "rapports@asso.example")
        .put("roles", new JsonArray().add("operator")).put("organisation", "association-demo").encode());
    assertEquals(201, user.status(), user.body());
    String item = offer("preparation-entree-iae", "IAE — rappels", Map.of("amiens", 2));
    JsonObject report = report(item, "amiens");
    LocalDate due = LocalDate.parse(report.getString("dueOn"));
    var reports = platform.pacte().reporting().reports();
    String month = MonthlyReport.monthLabel(MONTH.atDay(1));

    assertTrue(reports.remind(due.minusDays(3).atTime(10, 0).atZone(PARIS).toInstant()).await() >= 1);
    TestMailServer.Received before = awaitSubject("Rappel : rapport mensuel de " + month + " — IAE — rappels");
    assertEquals(List.of("rapports@asso.example"), before.to());
    assertEquals(0, reports.remind(due.minusDays(2).atTime(10, 0).atZone(PARIS).toInstant()).await(), "each reminder once");
    smtp.purge();

    reports.remind(due.plusDays(2).atTime(10, 0).atZone(PARIS).toInstant()).await();
    TestMailServer.Received late = awaitSubject("En retard : rapport mensuel de " + month + " — IAE — rappels");
    assertEquals(List.of("rapports@asso.example"), late.to());
    assertTrue(late.body().contains("n'a pas été transmis"), late.body());
    String page = operator.get("/t/somme/rapports", "Accept", "text/html").body();
    assertTrue(page.contains("En retard :") && page.contains("IAE — rappels"), "the reminder is shown in the application");

    // Completeness seen two days after the due date: this report never sent, one other sent on time.
    String sent = offer("preparation-entree-iae", "IAE — complétude", Map.of("amiens", 2));
    JsonObject other = report(sent, "amiens");
    assertEquals(200, operator.postJson(API + "/reports/" + other.getString("id") + "/submit",
        new JsonObject().put("version", other.getInteger("version")).encode()).status());
    List<ReportService.Completeness> rows = reports.completeness(on(due.plusDays(2)), MONTH, MONTH).await();
    ReportService.Completeness amiensRow = rows.stream().filter(r -> r.organisation().equals("association-demo")
        && r.territory().equals("amiens")).findFirst().orElseThrow();
    assertTrue(amiensRow.missing() >= 1, "never sent: " + amiensRow);
    assertTrue(amiensRow.onTime() >= 1, "sent on time: " + amiensRow);
    assertEquals(amiensRow.expected(), amiensRow.onTime() + amiensRow.late() + amiensRow.missing() + amiensRow.pending());
  }

  /** The mail of that subject, once the outbox has sent it (other reports' reminders go in the same round). */
  private static TestMailServer.Received awaitSubject(String subject) {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      var found = smtp.received().stream().filter(m -> m.subject().equals(subject)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no mail « " + subject + " » among " + smtp.received().stream().map(TestMailServer.Received::subject).toList());
  }

  @Test
  void anotherOperatorAnotherTerritoryAndAnotherTenantSeeNothingOfAReport() {
    String item = offer("plateforme-mobilite-solidaire", "Mobilité — cloisonnement", Map.of("amiens", 3));
    JsonObject report = report(item, "amiens");
    String id = report.getString("id");
    assertEquals(200, amiens.get(API + "/reports/" + id).status());
    assertTrue(amiens.get("/t/somme/rapports/" + id, "Accept", "text/html").body().contains("Mobilité — cloisonnement"));

    assertEquals(403, picardie.get(API + "/reports/" + id).status());
    assertFalse(picardie.get(API + "/reports?from=" + MONTH + "&to=" + MONTH).body().contains(id));
    assertEquals(403, picardie.get("/t/somme/rapports/" + id, "Accept", "text/html").status());
    assertFalse(picardie.get("/t/somme/rapports?from=" + MONTH + "&to=" + MONTH, "Accept", "text/html").body().contains(id));

    TestPlatform.Client other = anotherOperator();
    assertEquals(403, other.get(API + "/reports/" + id).status());
    assertFalse(other.get(API + "/reports?from=" + MONTH + "&to=" + MONTH).body().contains(id));
    assertEquals(403, other.putJson(API + "/reports/" + id, new JsonObject().put("version", 1).put("comment", "x").encode()).status());

    TestPlatform.Client deuxSevres = platform.login("deux-sevres", "admin");
    int foreign = deuxSevres.get(API + "/reports/" + id).status();
    assertTrue(foreign == 401 || foreign == 403, "another tenant's account is refused, never answered: " + foreign);
    assertEquals(404, deuxSevres.get("/api/tenants/deux-sevres/reports/" + id).status());
    assertFalse(deuxSevres.get("/api/tenants/deux-sevres/reports?from=" + MONTH + "&to=" + MONTH).body().contains(id));
  }

  private static TestPlatform.Client anotherOperator() {
    TestPlatform.Response organisation = pilot.postJson(API + "/organisations", new JsonObject()
        .put("id", "autre-structure").put("kind", "operator").put("name", "Autre structure").put("rna", "W801000124").encode());
    assertEquals(201, organisation.status(), organisation.body());
    TestPlatform.Response user = admin.postJson(API + "/users", new JsonObject().put("username", "autre.structure")
        .put("displayName", "Autre structure").put("roles", new JsonArray().add("operator"))
        .put("organisation", "autre-structure").encode());
    assertEquals(201, user.status(), user.body());
    String invitation = user.json().getString("invitation");
    String password = "Un mot de passe assez long";
    String form = "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&confirmation="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    TestPlatform.Client newcomer = platform.anonymous();
    newcomer.get(invitation, "Accept", "text/html");
    assertEquals(303, newcomer.postForm(invitation, form).status());
    return platform.login("somme", "autre.structure", password);
  }

  // ---- yearly evaluations

  private static JsonObject convention(String reference) {
    return pilot.get(API + "/conventions").jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> c.getJsonObject("terms").getString("reference").equals(reference)).findFirst().orElseThrow();
  }

  private static final Map<String, TestPlatform.Client> OPERATORS = new HashMap<>();

  /**
   * An operator account of the convention's organisation: the demonstration conventions are those of the projects the
   * call's committee selected, whose organisations have no demonstration account; the administrator invites one.
   */
  private static TestPlatform.Client operatorOf(JsonObject convention) {
    String organisation = convention.getJsonObject("terms").getString("organisation");
    return OPERATORS.computeIfAbsent(organisation, id -> {
      TestPlatform.Client admin = platform.login("somme", "admin");
      String username = "operateur." + id;
      TestPlatform.Response user = admin.postJson("/api/tenants/somme/users", new JsonObject().put("username", username)
          .put("displayName", "Opérateur " + id).put("email", username + "@somme.example")
          .put("roles", new JsonArray().add("operator")).put("organisation", id).encode());
      assertEquals(201, user.status(), user.body());
      String invitation = user.json().getString("invitation");
      String password = "Un mot de passe assez long";
      String form = "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&confirmation="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      TestPlatform.Client newcomer = platform.anonymous();
      newcomer.get(invitation, "Accept", "text/html");
      assertEquals(303, newcomer.postForm(invitation, form).status());
      return platform.login("somme", username, password);
    });
  }

  private static JsonObject openedAndSent(JsonObject convention, int year, String achievements) {
    TestPlatform.Client operator = operatorOf(convention);
    TestPlatform.Response opened = operator.postJson(API + "/evaluations", new JsonObject()
        .put("convention", convention.getString("id")).put("year", year).encode());
    assertEquals(201, opened.status(), opened.body());
    String path = API + "/evaluations/" + opened.json().getString("id");
    TestPlatform.Response notWritten = operator.postJson(path + "/send", new JsonObject().put("version", 1).encode());
    assertEquals(400, notWritten.status(), "the operator's part comes first");
    JsonObject completed = operator.putJson(path, new JsonObject().put("version", 1).put("achievements", achievements)
        .put("difficulties", "Transport difficile en zone rurale.").put("outlook", "Ouvrir une permanence à Abbeville.").encode()).json();
    TestPlatform.Response sent = operator.postJson(path + "/send", new JsonObject().put("version", completed.getInteger("version")).encode());
    assertEquals(200, sent.status(), sent.body());
    assertEquals("sent", sent.json().getString("state"));
    return sent.json();
  }

  @Test
  void theFicheBilanIsPrefilledFromTheYearWithItsProgressGridsAndQuestionnairesAndReadsInItsPdfAndPage() throws Exception {
    JsonObject convention = convention("DEMO-COM-2026-001");
    JsonObject terms = convention.getJsonObject("terms");
    String offer = terms.getString("offerId");
    String territory = convention.getJsonArray("territories").getString(0);
    assertEquals("equilibre-emotionnel-psychologique", terms.getString("actionType"));
    TestPlatform.Client by = operatorOf(convention);
    JsonObject in = entered(by, offer, territory, LocalDate.of(2026, 3, 2));
    // Three participations' progress grids and two questionnaires, worked out by hand below.
    grid(by, in, "entry", "2026-03-02", 1, Map.of());
    grid(by, in, "during", "2026-04-15", 2, Map.of());
    grid(by, in, "exit", "2026-06-30", 3, Map.of("parcours-soins", 4));
    answers(by, in, "2026-06-30", Map.of("accueil", 4, "rythme", 3, "utilite", 4, "objectifs", 2, "lien-referent", 3));
    exit(by, in, LocalDate.of(2026, 6, 30), "sortie-positive");
    JsonObject second = entered(by, offer, territory, LocalDate.of(2026, 5, 4));
    grid(by, second, "entry", "2026-05-04", 2, Map.of());
    grid(by, second, "during", "2026-09-01", 2, Map.of("remobilisation", 4));
    answers(by, second, "2026-09-01", Map.of("accueil", 3, "rythme", 1, "utilite", 4, "objectifs", 4, "lien-referent", 3));
    JsonObject third = entered(by, offer, territory, LocalDate.of(2026, 10, 1));
    grid(by, third, "entry", "2026-10-01", 1, Map.of());

    JsonObject sent = openedAndSent(convention, 1, "Quarante personnes accompagnées vers une solution de mobilité.");
    JsonObject progress = sent.getJsonObject("figures").getJsonObject("progress");
    assertEquals(6, progress.getInteger("grids"), progress.encode());
    assertEquals(3, progress.getInteger("participations"));
    assertEquals(2, progress.getInteger("compared"), "the third has a single grid");
    // retablissement: first (1 + 2) / 2, last (3 + 2) / 2; parcours-soins: last (4 + 2) / 2; remobilisation: (3 + 4) / 2.
    assertCriterion(progress, "retablissement", "1.50", "2.50", "1.00");
    assertCriterion(progress, "parcours-soins", "1.50", "3.00", "1.50");
    assertCriterion(progress, "remobilisation", "1.50", "3.50", "2.00");
    JsonObject satisfaction = progress.getJsonObject("satisfaction");
    assertEquals(2, satisfaction.getInteger("answered"));
    assertQuestion(satisfaction, "accueil", List.of(0, 0, 1, 1), "3.50", 100);
    assertQuestion(satisfaction, "rythme", List.of(1, 0, 1, 0), "2.00", 50);
    assertQuestion(satisfaction, "objectifs", List.of(0, 1, 0, 1), "3.00", 50);
    JsonObject row = sent.getJsonObject("figures").getJsonArray("territories").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("territory").equals(territory)).findFirst().orElseThrow();
    assertEquals(3, row.getInteger("followed"));
    assertEquals(3, row.getInteger("entries"));
    assertEquals(1, row.getInteger("exits"));
    JsonArray exits = sent.getJsonObject("figures").getJsonArray("exitsByType");
    assertEquals(new JsonObject().put("code", "sortie-positive").put("label", "Sortie positive").put("count", 1),
        exits.getJsonObject(0));

    String text = pdfText(pilot, API + "/evaluations/" + sent.getString("id") + "/bilan.pdf");
    for (String expected : List.of("Fiche bilan — année 1", "DEMO-COM-2026-001", "Objectifs et résultats", "Sortie positive",
        "Quarante personnes accompagnées vers une solution de mobilité.", "Ouvrir une permanence à Abbeville.",
        "1 janvier 2026 au 31 décembre 2026")) {
      assertTrue(text.contains(expected), expected + " in: " + text);
    }
    for (String expected : List.of("Grilles de progression", "6 grille(s) remplie(s) dans l'année pour 3 participation(s)",
        "Remobilisation et redynamisation 1,50 3,50 +2,00 2", "Questionnaires de satisfaction",
        "2 questionnaire(s) rempli(s)", "L'accueil et l'écoute que vous avez reçus 0 0 1 1 3,50 100 %")) {
      assertTrue(text.contains(expected), expected + " in: " + text);
    }
    String page = pilot.get("/t/somme/bilans/" + sent.getString("id"), "Accept", "text/html").body()
        .replace("&#39;", "'").replace("&#x27;", "'").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    for (String expected : List.of("Progression moyenne par critère", "Rétablissement de la personne (reprise de traitement, nutrition, sommeil) 1,50 2,50 +1,00 2",
        "Réponses aux questionnaires de satisfaction", "Le rythme et la durée de l'accompagnement 1 0 1 0 2,00 50 %")) {
      assertTrue(page.contains(expected), expected + " in: " + page);
    }
    String report = pdfText(pilot, API + "/reports/" + report(offer, territory).getString("id") + "/report.pdf");
    assertTrue(report.contains("Rapport mensuel — " + MonthlyReport.monthLabel(MONTH.atDay(1))), report);
    assertTrue(report.contains("File active à la fin du mois"), report);
  }

  /** A progress grid: every criterion of the psychological support grid at {@code level}, but those given. */
  private static void grid(TestPlatform.Client by, JsonObject o, String moment, String date, int level,
                           Map<String, Integer> but) {
    JsonObject scores = new JsonObject();
    for (String code : List.of("retablissement", "parcours-soins", "remobilisation", "reprise-accompagnement",
        "parcours-insertion")) {
      scores.put(code, but.getOrDefault(code, level));
    }
    TestPlatform.Response assessed = by.postJson(API + "/orientations/" + o.getString("id") + "/progress",
        new JsonObject().put("moment", moment).put("date", date).put("scores", scores).encode());
    assertEquals(201, assessed.status(), assessed.body());
  }

  private static void answers(TestPlatform.Client by, JsonObject o, String date, Map<String, Integer> answers) {
    TestPlatform.Response answered = by.postJson(API + "/orientations/" + o.getString("id") + "/satisfaction",
        new JsonObject().put("date", date).put("answers", new JsonObject(new HashMap<>(answers))).encode());
    assertEquals(201, answered.status(), answered.body());
  }

  private static void assertCriterion(JsonObject progress, String code, String first, String last, String change) {
    JsonObject c = progress.getJsonArray("criteria").stream().map(JsonObject.class::cast)
        .filter(x -> x.getString("code").equals(code)).findFirst().orElseThrow(() -> new AssertionError(code));
    assertEquals(2, c.getInteger("compared"), c.encode());
    assertEquals(0, new BigDecimal(first).compareTo(new BigDecimal(c.getValue("first").toString())), c.encode());
    assertEquals(0, new BigDecimal(last).compareTo(new BigDecimal(c.getValue("last").toString())), c.encode());
    assertEquals(0, new BigDecimal(change).compareTo(new BigDecimal(c.getValue("change").toString())), c.encode());
  }

  private static void assertQuestion(JsonObject satisfaction, String code, List<Integer> levels, String average,
                                     int satisfiedPercent) {
    JsonObject q = satisfaction.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(x -> x.getString("code").equals(code)).findFirst().orElseThrow(() -> new AssertionError(code));
    assertEquals(levels, q.getJsonArray("levels").stream().map(l -> ((JsonObject) l).getInteger("count")).toList(), q.encode());
    assertEquals(0, new BigDecimal(average).compareTo(new BigDecimal(q.getValue("average").toString())), q.encode());
    assertEquals(satisfiedPercent, q.getInteger("satisfiedPercent"), q.encode());
  }

  @Test
  void aStopDecisionOfTheComiteLeavesTheConventionsNextTrancheUnrenewedAndAnAdjustmentVotesAnotherAmount() {
    JsonObject convention = convention("DEMO-COM-2026-001");
    JsonObject sent = openedAndSent(convention, 2, "Objectifs atteints à moitié.");
    String path = API + "/evaluations/" + sent.getString("id");
    JsonObject stop = new JsonObject().put("version", sent.getInteger("version")).put("date", "2027-12-10")
        .put("participants", "L'association, le territoire, la direction de l'insertion").put("minutes", "Résultats insuffisants.")
        .put("decision", "stop");
    assertEquals(403, operatorOf(convention).postJson(path + "/committee", stop.encode()).status(),
        "the direction records the comité");
    TestPlatform.Response decided = pilot.postJson(path + "/committee", stop.encode());
    assertEquals(200, decided.status(), decided.body());
    assertEquals("decided", decided.json().getString("state"));
    JsonObject third = convention("DEMO-COM-2026-001").getJsonArray("years").getJsonObject(2).getJsonObject("tranche");
    assertEquals("not-renewed", third.getString("status"), third.encode());
    assertEquals(409, pilot.postJson(path + "/committee", stop.put("version", decided.json().getInteger("version")).encode()).status(),
        "decided once");

    JsonObject adjusted = openedAndSent(convention("DEMO-COM-2026-002"), 2, "Objectifs dépassés.");
    TestPlatform.Response adjust = pilot.postJson(API + "/evaluations/" + adjusted.getString("id") + "/committee",
        new JsonObject().put("version", adjusted.getInteger("version")).put("date", "2027-12-10").put("participants", "Tous")
            .put("minutes", "Reconduction à un montant moindre.").put("decision", "adjust").put("amountCents", 4_000_000).encode());
    assertEquals(200, adjust.status(), adjust.body());
    JsonObject tranche = convention("DEMO-COM-2026-002").getJsonArray("years").getJsonObject(2).getJsonObject("tranche");
    assertEquals("voted", tranche.getString("status"));
    assertEquals(4_000_000L, tranche.getLong("votedCents"));
  }

  @Test
  void aFailureWritingTheComitesDecisionLeavesTheVotedTrancheUnwrittenToo() throws Exception {
    JsonObject convention = convention("DEMO-COM-2026-003");
    assertEquals("provisional", convention.getJsonArray("years").getJsonObject(2).getJsonObject("tranche").getString("status"));
    JsonObject sent = openedAndSent(convention, 2, "Objectifs atteints.");
    String path = API + "/evaluations/" + sent.getString("id");
    JsonObject renew = new JsonObject().put("version", sent.getInteger("version")).put("date", "2027-12-10")
        .put("participants", "L'association, le territoire, la direction").put("minutes", "Reconduction.")
        .put("decision", "renew");
    DatabaseSettings database = platform.pacte().node().database();
    try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.ownerUser(), database.ownerPassword());
         Statement statement = owner.createStatement()) {
      // The decision's write fails after the tranche's vote, in the same request, as a lost disk or a bug would.
      statement.execute("""
          CREATE FUNCTION platform.refuse_decision() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'decision refused by the test'; END $$""");
      statement.execute("CREATE TRIGGER refuse_decision BEFORE UPDATE ON platform.yearly_evaluation FOR EACH ROW "
          + "WHEN (NEW.state = 'decided' AND NEW.id = '" + sent.getString("id") + "') EXECUTE FUNCTION platform.refuse_decision()");
      try {
        TestPlatform.Response failed = pilot.postJson(path + "/committee", renew.encode());
        assertEquals(500, failed.status(), failed.body());
      } finally {
        statement.execute("DROP TRIGGER refuse_decision ON platform.yearly_evaluation");
        statement.execute("DROP FUNCTION platform.refuse_decision()");
      }
    }
    JsonObject unchanged = convention("DEMO-COM-2026-003");
    assertEquals("provisional", unchanged.getJsonArray("years").getJsonObject(2).getJsonObject("tranche").getString("status"),
        "the tranche's vote went with the failed decision");
    assertEquals(convention.getInteger("version"), unchanged.getInteger("version"));
    JsonObject still = pilot.get(path).json();
    assertEquals("sent", still.getString("state"));
    assertEquals(sent.getInteger("version"), still.getInteger("version"));

    TestPlatform.Response decided = pilot.postJson(path + "/committee", renew.encode());
    assertEquals(200, decided.status(), decided.body());
    assertEquals("voted", convention("DEMO-COM-2026-003").getJsonArray("years").getJsonObject(2).getJsonObject("tranche")
        .getString("status"));
  }

  @Test
  void theDirectionSetsTheDueDayOnAPageWithTheErrorNextToTheFieldAndA409OnAStaleVersion() {
    String page = "/t/somme/rapports/reglages";
    assertTrue(pilot.get("/t/somme/rapports", "Accept", "text/html").body().contains("href=\"" + page + "\""));
    assertFalse(operator.get("/t/somme/rapports", "Accept", "text/html").body().contains(page), "no link to a 403");
    assertFalse(amiens.get("/t/somme/rapports", "Accept", "text/html").body().contains(page), "no link to a 403");
    assertEquals(403, operator.get(page, "Accept", "text/html").status());
    int version = pilot.get(API + "/reports/settings").json().getInteger("version");
    String html = pilot.get(page, "Accept", "text/html").body();
    assertTrue(html.contains("name=\"version\" value=\"" + version + "\""), html);
    try {
      TestPlatform.Response refused = pilot.postForm(page, form(Map.of("dueDay", "32", "remindDaysBefore", "5",
          "version", String.valueOf(version))));
      assertEquals(400, refused.status(), refused.body());
      assertTrue(refused.body().contains("<p class=\"error-message\" id=\"dueDay-error\">Le jour d&#39;échéance est un jour du mois")
          || refused.body().contains("<p class=\"error-message\" id=\"dueDay-error\">Le jour d&#x27;échéance est un jour du mois"),
          refused.body());
      assertTrue(refused.body().contains("value=\"32\""), "the typed value is kept");

      TestPlatform.Response saved = pilot.postForm(page, form(Map.of("dueDay", "15", "remindDaysBefore", "3",
          "version", String.valueOf(version))));
      assertEquals(303, saved.status(), saved.body());
      JsonObject settings = pilot.get(API + "/reports/settings").json();
      assertEquals(15, settings.getInteger("dueDay"));
      assertEquals(3, settings.getInteger("remindDaysBefore"));
      assertTrue(pilot.get(page, "Accept", "text/html").body().contains("le 15 du mois suivant, rappel 3 jour(s) avant"));

      TestPlatform.Response stale = pilot.postForm(page, form(Map.of("dueDay", "20", "remindDaysBefore", "3",
          "version", String.valueOf(version))));
      assertEquals(409, stale.status(), stale.body());
      assertTrue(stale.body().contains("modifiés entre-temps"), stale.body());
      assertTrue(stale.body().contains("name=\"version\" value=\"" + settings.getInteger("version") + "\""),
          "the form now carries the current version");
      assertEquals(15, pilot.get(API + "/reports/settings").json().getInteger("dueDay"));
    } finally {
      // The other tests of this class count on the default due day.
      JsonObject current = pilot.get(API + "/reports/settings").json();
      assertEquals(200, pilot.putJson(API + "/reports/settings", new JsonObject().put("dueDay", 30).put("remindDaysBefore", 5)
          .put("version", current.getInteger("version")).encode()).status());
    }
  }

  private static String form(Map<String, String> fields) {
    StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(pilot.csrfToken("/t/somme/rapports"),
        StandardCharsets.UTF_8));
    fields.forEach((name, value) -> form.append('&').append(name).append('=').append(URLEncoder.encode(value,
        StandardCharsets.UTF_8)));
    return form.toString();
  }

  private static String pdfText(TestPlatform.Client client, String path) throws Exception {
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + path))
        .header("Cookie", Sessions.cookieName("somme") + "=" + client.cookie(Sessions.cookieName("somme"))).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode(), new String(pdf.body(), StandardCharsets.UTF_8));
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    return PdfText.of(pdf.body()).replace('\u00a0', ' ').replaceAll("\\s+", " ");
  }
}
