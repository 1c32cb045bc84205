package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The programme manager of the Somme, in Chromium, on a demonstration convention: a tranche voted above what the
 * convention plans is refused with the reason next to the amount, the amount typed kept; voted lower, it becomes
 * firm; then an amendment raises a territory's objective and the offer's places follow.
 */
class ConventionsBrowserTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    driver = Chromium.start();
    browser = new BrowserSupport(driver, platform);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (platform != null) {
      platform.close();
    }
  }

  private static void set(String id, String value) {
    browser.js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  private static void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  @Test
  void theProgrammeManagerVotesTheThirdYearLowerThenAmendsAnObjectiveAndThePlacesFollow() throws Exception {
    browser.login("somme", "pilotage");
    browser.open("/t/somme/conventions");
    assertEquals("Conventions", browser.h1());
    browser.clickAndWait(By.linkText("DEMO-COM-2026-003"));
    String page = driver.getCurrentUrl();
    String id = page.substring(page.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    assertTrue(driver.findElement(By.id("annee-3")).getText().contains("Prévisionnelle"));

    type("votedCents", "60 000");
    set("deliberationDate", "2027-11-29");
    type("deliberationReference", "CP du 29 novembre 2027, n° 18");
    browser.clickAndWait(By.cssSelector("form[action$='/tranches/3'] button[type='submit']"));
    WebElement error = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("votedCents-error")));
    assertTrue(error.getText().contains("un avenant est nécessaire"), error.getText());
    assertEquals("true", driver.findElement(By.id("votedCents")).getAttribute("aria-invalid"));
    assertEquals("60 000", driver.findElement(By.id("votedCents")).getAttribute("value"), "the amount typed is kept");

    type("votedCents", "48 000");
    browser.clickAndWait(By.cssSelector("form[action$='/tranches/3'] button[type='submit']"));
    assertEquals("La délibération sur la tranche est enregistrée.",
        driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    String year3 = driver.findElement(By.id("annee-3")).getText();
    assertTrue(year3.contains("Ferme (votée)") && year3.contains("48 000 €"), year3);

    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    JsonObject convention = pilot.get("/api/tenants/somme/conventions/" + id).json();
    String territory = convention.getJsonArray("territories").getString(0);
    String offer = convention.getJsonObject("terms").getString("offerId");
    int target = convention.getJsonObject("terms").getJsonArray("objectives").getJsonObject(0).getInteger("target");
    type("object", "Renfort de la file active");
    set("signedOn", "2026-02-01");
    for (int year = 1; year <= 3; year++) {
      type("amend.objective." + year + "." + territory, String.valueOf(target + 10));
    }
    browser.clickAndWait(By.cssSelector("form[action$='/avenants'] button[type='submit']"));
    assertEquals("L'avenant est enregistré ; les termes en vigueur sont mis à jour.",
        driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    String amendment = driver.findElement(By.id("avenant-1")).getText();
    assertTrue(amendment.contains("Avenant n° 1") && amendment.contains(String.valueOf(target + 10)), amendment);
    int places = pilot.get("/api/tenants/somme/offer/" + offer).json().getJsonArray("places").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("territory").equals(territory)).findFirst().orElseThrow()
        .getInteger("capacity");
    assertEquals(target + 10, places, "the offer's places follow the amendment");
    browser.open("/t/somme/besoins");
    assertTrue(driver.findElement(By.tagName("main")).getText().contains(String.valueOf(target + 10)),
        "the needs page counts the places the amendment funds");
    assertEquals(List.of(), browser.cspViolations());
  }

  /** A project the committee selected, written as the decision of the Somme's call records it. */
  private static String selectedProject(String call, String organisation) {
    io.vertx.core.json.JsonArray years = new io.vertx.core.json.JsonArray();
    io.vertx.core.json.JsonArray objectives = new io.vertx.core.json.JsonArray();
    for (int y = 1; y <= 3; y++) {
      years.add(new JsonObject().put("year", y)
          .put("direct", new JsonObject().put("staffCents", 6_000_000).put("servicesCents", 1_000_000).put("purchasesCents", 1_000_000))
          .put("indirect", new JsonObject().put("rentCents", 1_500_000).put("utilitiesCents", 500_000).put("printingCents", 200_000)
              .put("supportCents", 300_000))
          .put("cofunding", new io.vertx.core.json.JsonArray()
              .add(new JsonObject().put("funder", "FSE+").put("amountCents", 2_000_000).put("status", "obtained"))
              .add(new JsonObject().put("funder", "Amiens Métropole").put("amountCents", 1_100_000).put("status", "requested")))
          .put("requestedCents", 7_000_000));
      objectives.add(new JsonObject().put("territory", "amiens").put("year", y).put("target", 70));
    }
    java.util.UUID callId = java.util.UUID.fromString(call);
    return platform.pacte().node().transactions().inTenant("somme", connection -> connection.preparedQuery("""
            INSERT INTO platform.application (tenant_id, call_id, organisation_id, state, created_by, submitted_at, submitted_by,
              content_hash) VALUES ('somme', $1, $2, 'submitted', 'test', now(), 'test', repeat('b', 64))
            RETURNING id""").execute(io.vertx.sqlclient.Tuple.of(callId, organisation))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(id -> connection.preparedQuery("""
                INSERT INTO platform.application_member (tenant_id, application_id, organisation_id, role, position)
                VALUES ('somme', $1, $2, 'lead', 0)""").execute(io.vertx.sqlclient.Tuple.of(id, organisation))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.application_project (tenant_id, application_id, lot_code, title, territories, objectives, budget)
                VALUES ('somme', $1, 'plateforme-mobilite', 'Plateforme mobilité du Grand Amiens (navigateur)', '{amiens}', $2, $3)""")
                .execute(io.vertx.sqlclient.Tuple.of(id, objectives, years)))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.call_decision (tenant_id, call_id, committee, committee_date, deliberation_ref, decided_by)
                VALUES ('somme', $1, 'Commission permanente', '2025-12-08', 'CP-2025-12-08-42', 'test')
                ON CONFLICT DO NOTHING""").execute(io.vertx.sqlclient.Tuple.of(callId)))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.project_decision (tenant_id, call_id, application_id, lot_code, organisation_id, selected,
                  amount_cents, requested_cents, territories, objectives, budget)
                VALUES ('somme', $1, $2, 'plateforme-mobilite', $3, true, 19500000, 21000000, '{amiens}', $4, $5)""")
                .execute(io.vertx.sqlclient.Tuple.from(new Object[] {callId, id, organisation, objectives, years})))
            .map(done -> id.toString()))).await();
  }

  private static void submit(String formAction) {
    browser.clickAndWait(By.cssSelector("form[action$='" + formAction + "'] button[type='submit']"));
  }

  private static String notice() {
    return driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip();
  }

  @Test
  void aSelectedProjectBecomesAConventionWithThreeTranchesYear2VotedLowerThenAnAdvanceABalanceAndTheSignedCopy()
      throws Exception {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    String call = pilot.get("/api/tenants/somme/calls").jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> "aap-insertion-2026-2028".equals(c.getString("code"))).findFirst().orElseThrow().getString("id");
    assertEquals(201, pilot.postJson("/api/tenants/somme/organisations", new JsonObject().put("id", "mobilite-navigateur")
        .put("name", "Mobilité du Grand Amiens").put("rna", "W802009876").put("legalForm", "Association loi 1901")
        .put("territories", new io.vertx.core.json.JsonArray().add("amiens")).encode()).status());
    String application = selectedProject(call, "mobilite-navigateur");

    browser.login("somme", "pilotage");
    browser.open("/t/somme/conventions");
    type("reference-" + application + "-plateforme-mobilite", "CD80-NAV-2026-01");
    browser.clickAndWait(By.xpath("//input[@name='application' and @value='" + application + "']/ancestor::form//button"));
    assertEquals("La convention a été enregistrée (projet).", notice());
    assertTrue(browser.h1().startsWith("CD80-NAV-2026-01"), browser.h1());
    for (int year = 1; year <= 3; year++) {
      assertTrue(driver.findElement(By.id("annee-" + year)).getText().contains("65 000 €"),
          "195 000 € decided over 3 years of 70 000 € asked: 65 000 € a year");
    }
    String page = driver.getCurrentUrl();
    String id = page.substring(page.lastIndexOf('/') + 1).replaceAll("\\?.*", "");

    // The signatories are named on the draft's page, with their capacity; then the convention is signed there.
    type("signatory.departement.name", "Le Président (test)");
    type("signatory.organisation.name", "La Présidente (test)");
    driver.findElement(By.id("signatory.organisation.capacity")).clear();
    submit("/termes");
    assertTrue(driver.findElement(By.id("signatory.organisation.capacity-error")).getText()
        .startsWith("Indiquez la qualité du signataire"), "the missing capacity is said next to its field");
    assertEquals("La Présidente (test)", driver.findElement(By.id("signatory.organisation.name")).getAttribute("value"),
        "the name typed is kept");
    type("signatory.organisation.capacity", "Présidente");
    submit("/termes");
    assertEquals("Les termes de la convention sont enregistrés.", notice());
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("La Présidente (test), Présidente (Mobilité du Grand Amiens)"));
    JsonObject draft = pilot.get("/api/tenants/somme/conventions/" + id).json();
    assertEquals(2, draft.getJsonObject("terms").getJsonArray("signatories").size());
    // Dates follow the committee's decision: the convention starts on 1 January after it.
    java.time.LocalDate decided = java.time.LocalDate.parse(draft.getJsonObject("terms").getJsonObject("decision").getString("date"));
    java.time.LocalDate start = java.time.LocalDate.parse(draft.getJsonObject("terms").getString("periodStart"));
    browser.open("/t/somme/conventions/" + id);
    set("signedOn", decided.toString());
    submit("/signer");
    assertEquals("La convention est signée : la première année est ferme.", notice());
    assertTrue(driver.findElement(By.id("annee-1")).getText().contains("Ferme (votée)"));
    assertTrue(driver.findElement(By.id("annee-2")).getText().contains("Prévisionnelle"));
    assertTrue(driver.findElement(By.id("annee-3")).getText().contains("Prévisionnelle"));

    type("votedCents", "60 000");
    set("deliberationDate", start.plusMonths(10).toString());
    type("deliberationReference", "CP de novembre, n° 7");
    submit("/tranches/2");
    assertEquals("La délibération sur la tranche est enregistrée.", notice());
    String year2 = driver.findElement(By.id("annee-2")).getText();
    assertTrue(year2.contains("Ferme (votée)") && year2.contains("60 000 €"), year2);

    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("year"))).selectByValue("1");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("kind"))).selectByValue("advance");
    set("paidOn", start.plusDays(19).toString());
    type("amountCents", "32 500");
    type("mandateReference", "M-2026-0120");
    submit("/paiements");
    assertEquals("Le paiement est enregistré.", notice());

    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("kind"))).selectByValue("balance");
    set("paidOn", start.plusYears(1).plusMonths(2).plusDays(14).toString());
    type("amountCents", "32 500,01");
    type("mandateReference", "M-2027-0315");
    submit("/paiements");
    WebElement error = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("amountCents-error")));
    assertTrue(error.getText().contains("32 500,01 €"), "above what is still due on the voted tranche: " + error.getText());
    assertEquals("32 500,01", driver.findElement(By.id("amountCents")).getAttribute("value"));
    type("amountCents", "32 500");
    submit("/paiements");
    assertEquals("Le paiement est enregistré.", notice());
    assertEquals(6_500_000L, pilot.get("/api/tenants/somme/conventions/" + id).json().getLong("paidCents"),
        "the advance and the balance of year 1");

    java.nio.file.Path signed = java.nio.file.Files.createTempFile("convention-signee", ".pdf");
    java.nio.file.Files.writeString(signed, "%PDF-1.4\n% convention signee\n%%EOF\n");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("document-kind"))).selectByValue("signed-convention");
    driver.findElement(By.id("document-file")).sendKeys(signed.toString());
    submit("/documents");
    assertEquals("Le document est joint à la convention.", notice());
    assertTrue(driver.findElement(By.id("documents-joints")).getText().contains("Convention signée"));
    java.nio.file.Files.deleteIfExists(signed);
    assertEquals(List.of(), browser.cspViolations());
  }
}
