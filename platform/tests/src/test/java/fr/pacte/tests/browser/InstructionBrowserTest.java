package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.CallService;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.web.SessionCookies;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The instruction of a call in Chromium, as each person does it on the pages: the programme manager asks the
 * association a question and the association answers it; two reviewers score the association's project on the grid
 * with the mobility fiche's own criteria; the programme manager reads the ranking, builds the selection within an
 * envelope too small for all (a negotiated amount fills what is left), records the commission permanente's decision;
 * the acceptance and refusal letters are PDF documents whose text is read back.
 */
class InstructionBrowserTest {

  private static final String API = "/api/tenants/somme";
  private static final String MOBILITY = "plateforme-mobilite-solidaire";
  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;
  private static Pool pool;
  private static TestPlatform.Client pilot;
  private static String call;
  private static final UUID DEMO = UUID.randomUUID();
  private static final UUID ROUE = UUID.randomUUID();
  private static final UUID PETIT = UUID.randomUUID();

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(platform.pacte().node().database().appConnectOptions()).using(platform.pacte().node().vertx()).build();
    pilot = platform.login("somme", "pilotage");
    call = mobilityCall();
    submitted(DEMO, "association-demo", "Association démo", "2026-02-20T10:00:00Z", 12_000_000);
    submitted(ROUE, "roue-libre", "Roue libre", "2026-02-27T16:30:00Z", 9_000_000);
    submitted(PETIT, "petit-pas", "Petit pas", "2026-02-28T09:00:00Z", 6_000_000);
    for (UUID id : List.of(DEMO, ROUE, PETIT)) {
      assertEquals(200, pilot.putJson(app(id) + "/admissibility", new JsonObject().put("admissible", true).encode()).status());
      TestPlatform.Response assigned = pilot.postJson(app(id) + "/reviews", new JsonObject().put("lot", "mobilite")
          .put("reviewers", new JsonArray().add("instructeur").add("pilotage")).encode());
      assertEquals(200, assigned.status(), assigned.body());
    }
    TestPlatform.Client instructeur = platform.login("somme", "instructeur");
    for (TestPlatform.Client reviewer : List.of(instructeur, pilot)) {
      assertEquals(200, score(reviewer, ROUE, 2).status());
      assertEquals(200, score(reviewer, PETIT, 1).status());
    }
    driver = Chromium.start();
    browser = new BrowserSupport(driver, platform);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (pool != null) {
      pool.close().await();
    }
    if (platform != null) {
      platform.close();
    }
  }

  private static String app(UUID id) {
    return API + "/applications/" + id;
  }

  private static JsonObject criterion(String code, int weight) {
    return new JsonObject().put("code", code).put("label", "Critère " + code).put("weight", weight)
        .put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
            .add(new JsonObject().put("score", 1).put("label", "Partiel"))
            .add(new JsonObject().put("score", 2).put("label", "Satisfaisant"))
            .add(new JsonObject().put("score", 3).put("label", "Très satisfaisant")));
  }

  /** A mobility call of 150 000 € on Amiens and Cinq Vallées, published in January, closed on 1 March 2026. */
  private static String mobilityCall() {
    JsonObject draft = new JsonObject().put("title", "Plateformes mobilité (navigateur)").put("thematic", "Insertion")
        .put("deadline", "2026-03-01T00:00").put("needsFrom", "aap-insertion-2026-2028").put("budgetCents", 15_000_000L)
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
        ZoneId.of("Europe/Paris"));
    new CallService(new TenantTransactions(pool), platform.pacte().tenants(), platform.pacte().plugins(), new AuditStore(),
        january).publish("somme", id, created.json().getInteger("version"), new Actor("somme:pilotage", "Pilotage"), null)
        .await();
    return id.toString();
  }

  /** An application as the extranet leaves it once submitted: one project on the lot, on Amiens. */
  private static void submitted(UUID id, String organisation, String name, String at, long requested) {
    JsonArray targets = new JsonArray();
    for (int year = 1; year <= 3; year++) {
      targets.add(new JsonObject().put("territory", "amiens").put("year", year).put("target", 30));
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
            .execute(Tuple.of(id, UUID.fromString(call), organisation, general, OffsetDateTime.parse(at), "a".repeat(64))))
        .compose(done -> sql.preparedQuery("""
            INSERT INTO platform.application_member (tenant_id, application_id, organisation_id, role)
            VALUES ('somme', $1, $2, 'lead')""").execute(Tuple.of(id, organisation)))
        .compose(done -> sql.preparedQuery("""
            INSERT INTO platform.application_project (tenant_id, application_id, lot_code, title, territories, description,
              objectives, requested_cents, fundable_cents, total_cost_cents)
            VALUES ('somme', $1, 'mobilite', $2, $3, 'Plateforme de mobilité', $4, $5, $6, $7)""")
            .execute(Tuple.from(List.of(id, "Mobilité " + name, new String[] {"amiens"}, targets, requested, requested,
                requested * 2)))).mapEmpty()).await();
  }

  private static TestPlatform.Response score(TestPlatform.Client reviewer, UUID id, int level) {
    JsonObject scores = new JsonObject();
    for (String key : List.of("qualite-projet", "experience-structure", "logistique-accessibilite", "cout-projet",
        MOBILITY + ":qualite_methodologie_pedagogie", MOBILITY + ":caractere_innovant", MOBILITY + ":modalite_rythme_intensite")) {
      scores.put(key, new JsonObject().put("score", level).put("justification", "Appréciation de l'instructeur"));
    }
    return reviewer.putJson(app(id) + "/reviews/mobilite/sheet", new JsonObject().put("scores", scores).put("submit", true)
        .encode());
  }

  private static void signIn(String username) {
    driver.manage().deleteAllCookies();
    browser.login("somme", username);
  }

  private static void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static String notice() {
    return driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip();
  }

  /** Scores every criterion of the page's grid at {@code level}, justified, and sends the sheet. */
  private static void scoreOnThePage(int level) {
    List<WebElement> criteria = driver.findElements(By.cssSelector("form[action$='/notation/mobilite'] fieldset"));
    assertEquals(7, criteria.size(), "four general criteria and the mobility fiche's three");
    for (WebElement criterion : criteria) {
      criterion.findElement(By.cssSelector("input[type='radio'][value='" + level + "']")).click();
      WebElement why = criterion.findElement(By.tagName("textarea"));
      why.clear();
      why.sendKeys("Observé dans le dossier et lors de l'échange");
    }
    browser.clickAndWait(By.cssSelector("form[action$='/notation/mobilite'] button[value='transmettre']"));
  }

  /** A PDF linked from the page, downloaded with the browser's own session, as text. */
  private static String pdfBehind(WebElement link) throws Exception {
    String cookie = SessionCookies.name("somme") + "=" + driver.manage().getCookieNamed(SessionCookies.name("somme")).getValue();
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
        .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    return PdfText.of(pdf.body()).replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ");
  }

  @Test
  void fromTheQuestionToTheLettersEveryoneDoesTheirPartOnThePages() throws Exception {
    // The programme manager asks the association a question, with a date to answer by.
    signIn("pilotage");
    browser.open("/t/somme/candidatures/" + DEMO + "/messages");
    type("body", "Pouvez-vous préciser les horaires des permanences à Amiens ?");
    browser.js("document.getElementById('dueDate').value = arguments[0];", LocalDate.now().plusDays(10).toString());
    browser.clickAndWait(By.cssSelector("form[action$='/messages'] button[type='submit']"));
    assertTrue(driver.findElement(By.cssSelector("ol.thread")).getText().contains("horaires des permanences"));

    // The association reads it on the extranet and answers.
    signIn("association");
    browser.open("/t/somme/candidatures/" + DEMO + "/messages");
    String thread = driver.findElement(By.cssSelector("ol.thread")).getText();
    assertTrue(thread.contains("horaires des permanences") && thread.contains("réponse attendue avant le"), thread);
    type("body", "Du lundi au vendredi, de 9 h à 17 h, au centre social d'Étouvie.");
    browser.clickAndWait(By.cssSelector("form[action$='/messages'] button[type='submit']"));
    List<WebElement> messages = driver.findElements(By.cssSelector("ol.thread > li"));
    assertEquals(2, messages.size());
    assertTrue(messages.get(1).getText().startsWith("Candidat"), messages.get(1).getText());

    // Two reviewers score the project on the grid, the mobility fiche's own criteria included.
    signIn("instructeur");
    browser.open("/t/somme/candidatures/" + DEMO + "/notation");
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("critère propre au type d'action"));
    scoreOnThePage(3);
    signIn("pilotage");
    browser.open("/t/somme/candidatures/" + DEMO + "/notation");
    scoreOnThePage(2);
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Instructeur (démo)"),
        "the programme manager reads both sheets");

    // Ranking and a selection within an envelope too small for all: 120 000 + 90 000 + 60 000 € for 150 000 €.
    browser.open("/t/somme/appels/" + call + "/selection");
    String ranking = driver.findElement(By.tagName("main")).getText();
    assertTrue(ranking.indexOf("Association démo") >= 0 && ranking.indexOf("Association démo") < ranking.indexOf("Roue libre"),
        "the best scored first: " + ranking);
    List<WebElement> lines = driver.findElements(By.cssSelector("form[action$='/selection'] tbody tr"));
    assertEquals(3, lines.size());
    for (WebElement line : lines) {
      String name = line.findElement(By.tagName("th")).getText();
      WebElement retained = line.findElement(By.cssSelector("input[type='checkbox']"));
      boolean keep = !name.contains("Petit pas");
      if (retained.isSelected() != keep) {
        retained.click();
      }
      WebElement negotiated = line.findElement(By.cssSelector("input[name^='negotiated.']"));
      negotiated.clear();
      if (name.contains("Roue libre")) {
        negotiated.sendKeys("30 000");
      }
    }
    browser.clickAndWait(By.cssSelector("form[action$='/selection'] button[type='submit']"));
    String selection = driver.findElement(By.tagName("main")).getText().replace('\u00a0', ' ').replace('\u202f', ' ');
    assertTrue(selection.contains("Enveloppe : 150 000 €") && selection.contains("retenu : 150 000 €")
        && selection.contains("reste : 0 €"), selection);

    // The commission permanente decides; the letters are written.
    browser.js("document.getElementById('committeeDate').value = arguments[0];", "2026-04-13");
    type("deliberationRef", "CP-2026-04-13-07");
    browser.clickAndWait(By.cssSelector("form[action$='/decision'] button[type='submit']"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("CP-2026-04-13-07"));

    browser.open("/t/somme/candidatures/" + PETIT + "/decision");
    String refusal = pdfBehind(driver.findElement(By.partialLinkText("Lettre de refus")));
    assertTrue(refusal.contains("n'a pas retenu votre projet") && refusal.contains("CP-2026-04-13-07"), refusal);

    signIn("association");
    browser.open("/t/somme/candidatures/" + DEMO + "/decision");
    String acceptance = pdfBehind(driver.findElement(By.partialLinkText("Lettre d'acceptation")));
    assertTrue(acceptance.contains("120 000 €") && acceptance.contains("CP-2026-04-13-07"), acceptance);
    assertTrue(acceptance.contains("13 avril 2026"), acceptance);
    assertTrue(driver.findElements(By.partialLinkText("Lettre de refus")).isEmpty(), "the association was not refused");
    browser.open("/t/somme/candidatures/" + PETIT + "/decision");
    assertEquals(404, platform.login("somme", "association").get("/t/somme/candidatures/" + PETIT + "/decision",
        "Accept", "text/html").status(), "another organisation's letters are none of its business");
    assertEquals(List.of(), browser.cspViolations());
  }
}
