package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.tests.organisations.Multipart;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The association answers a call in Chromium: "Répondre à l'appel" from the call's page, the form, the budget the
 * server recomputes as it types, the list of what is missing, the draft saved, the submission and its acknowledgement.
 */
class ApplicationBrowserTest {

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;
  private static TestPlatform.Client association;
  private static final Map<String, String> vault = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).plugin(Repository.builtPlugin("social-remobilisation")).start();
    association = platform.login("somme", "association");
    for (String[] file : List.of(new String[] {"rib", ""}, new String[] {"rapport-activite", ""},
        new String[] {"composition-gouvernance", ""}, new String[] {"cv", "Paul Durand"},
        new String[] {"fiche-synthetique", "Mobilité"}, new String[] {"modelisation", "Mobilité"})) {
      TestPlatform.Response uploaded = association.send("POST", "/api/tenants/somme/organisations/association-demo/documents",
          Multipart.CONTENT_TYPE, new Multipart().field("kind", file[0]).field("label", file[1])
              .file(file[0] + ".pdf", Multipart.pdf(file[0], 20)).body(association));
      assertEquals(201, uploaded.status(), uploaded.body());
      vault.put(file[0], uploaded.json().getString("id"));
    }
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

  private static JsonObject openCall() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    JsonObject body = new JsonObject().put("title", "Appel à projets mobilité 2031").put("deadline", "2031-08-23T00:00")
        .put("needsFrom", "aap-insertion-2026-2028").put("indirectCostCapPercent", 20).put("maxConventionYears", 3)
        .put("lots", new JsonArray().add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité")
            .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens"))))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "qualite").put("label", "Qualité du projet")
            .put("weight", 3).put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
                .add(new JsonObject().put("score", 2).put("label", "Bon")))));
    JsonObject call = pilot.postJson("/api/tenants/somme/calls", body.encode()).json();
    TestPlatform.Response published = pilot.postJson("/api/tenants/somme/calls/" + call.getString("id") + "/publish", "{}",
        "If-Match", "\"" + call.getInteger("version") + "\"");
    assertEquals(200, published.status(), published.body());
    return published.json();
  }

  /** What the association typed in an earlier session (by the API): all but its SIRET, its RIB and year 1's budget. */
  private static JsonObject earlierSession() {
    JsonArray objectives = new JsonArray();
    JsonArray budget = new JsonArray();
    for (int y = 1; y <= 3; y++) {
      objectives.add(new JsonObject().put("territory", "amiens").put("year", y).put("target", 40));
      if (y > 1) {
        budget.add(new JsonObject().put("year", y).put("direct", new JsonObject().put("staffCents", 6_000_000))
            .put("indirect", new JsonObject().put("rentCents", 1_000_000)).put("requestedCents", 7_000_000));
      }
    }
    return new JsonObject()
        .put("general", new JsonObject()
            .put("identification", new JsonObject().put("name", "Association de démonstration")
                .put("address", "1 rue de la République, 80000 Amiens").put("email", "contact@asso.example").put("phone", "03 22 00 00 00"))
            .put("legalRepresentative", new JsonObject().put("name", "Jeanne Leroy").put("role", "Présidente"))
            .put("fileContact", new JsonObject().put("name", "Paul Durand").put("role", "Directeur")
                .put("email", "paul.durand@asso.example").put("phone", "03 22 00 00 01"))
            .put("administrative", new JsonObject().put("legalForm", "Association loi 1901").put("creationDate", "2001-05-02"))
            .put("humanResources", new JsonObject().put("employees", 8).put("fullTimeEquivalents", "6.5")
                .put("description", "Conseillers en insertion."))
            .put("experience", new JsonObject().put("description", "Quinze ans auprès des allocataires du RSA."))
            .put("yearlyBudget", new JsonObject().put("year", 2025).put("totalCents", 45_000_000L)))
        .put("attachments", new JsonArray().add(vault.get("rapport-activite")).add(vault.get("composition-gouvernance"))
            .add(vault.get("cv")))
        .put("projects", new JsonArray().add(new JsonObject().put("lot", "mobilite").put("territories", new JsonArray().add("amiens"))
            .put("description", "Garage solidaire et location de véhicules.").put("objectives", objectives)
            .put("indicators", new JsonArray().add("Taux de sorties positives")).put("budget", budget)
            .put("attachments", new JsonArray().add(vault.get("fiche-synthetique")).add(vault.get("modelisation")))));
  }

  private void type(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  @Test
  void theAssociationFillsItsApplicationSavesTheDraftSubmitsItAndGetsTheAcknowledgement() throws Exception {
    JsonObject call = openCall();
    browser.login("somme", "association");
    browser.open("/t/somme/appels-a-projets");
    browser.clickAndWait(By.cssSelector("#appel-" + call.getString("id") + " a.answer"));
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=cree"));
    browser.waitForPage();
    String url = driver.getCurrentUrl();
    String id = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    assertEquals("Association de démonstration", driver.findElement(By.id("general.identification.name")).getAttribute("value"),
        "the general part is prefilled from the organisation");

    JsonObject saved = association.get("/api/tenants/somme/applications/" + id).json();
    assertEquals(200, association.putJson("/api/tenants/somme/applications/" + id, earlierSession().encode(),
        "If-Match", "\"" + saved.getInteger("version") + "\"").status());
    browser.open("/t/somme/candidatures/" + id);

    browser.clickAndWait(By.id("deposer"));
    WebElement missing = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary.missing")));
    assertTrue(missing.getText().contains("« SIRET » est à renseigner"), missing.getText());
    assertTrue(missing.getText().contains("le RIB ou RIP de la structure manque"), missing.getText());
    assertTrue(missing.getText().contains("le budget de l'année 1"), missing.getText());

    type("general.identification.siret", "732 829 320 00074");
    driver.findElement(By.id("doc-" + vault.get("rib"))).click();
    type("project.mobilite.budget.1.staff", "60 000");
    type("project.mobilite.budget.1.rent", "25 000");
    type("project.mobilite.budget.1.requested", "85 000");
    driver.findElement(By.id("project.mobilite.budget.1.requested")).sendKeys(Keys.TAB);
    // The server recomputes the budget as it is typed: 85 000 € of cost, 29,41 % indirect, 8 000 € above the cap.
    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#budget-mobilite .fundable-total"),
        "217 000 €"));
    assertTrue(driver.findElement(By.id("budget-mobilite")).getText().contains("8 000 €"));

    driver.findElement(By.cssSelector("#candidature button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=enregistre"));
    browser.waitForPage();
    assertEquals("Le brouillon a été enregistré.", driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    assertEquals("732 829 320 00074".replace(" ", ""), driver.findElement(By.id("general.identification.siret")).getAttribute("value"));

    driver.findElement(By.id("deposer")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=deposee"));
    browser.waitForPage();
    assertEquals("Déposée", driver.findElement(By.cssSelector(".application-state")).getText().strip());
    WebElement acknowledgement = driver.findElement(By.linkText("Télécharger l'accusé de réception (PDF)"));
    String href = acknowledgement.getAttribute("href");
    TestPlatform.Response pdf = association.get(href.substring(href.indexOf("/t/")));
    assertEquals(200, pdf.status());
    assertEquals("application/pdf", pdf.header("Content-Type"));
    assertTrue(driver.findElements(By.id("deposer")).isEmpty(), "a submitted application is no longer changed");
    browser.screenshot("application-submitted.png");
    assertEquals(List.of(), browser.cspViolations());
  }

  /** A call of two lots on Amiens: the mobility platform and social remobilisation. */
  private static JsonObject twoLotCall() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    JsonObject body = new JsonObject().put("title", "Appel à projets insertion 2031").put("deadline", "2031-09-23T00:00")
        .put("needsFrom", "aap-insertion-2026-2028").put("indirectCostCapPercent", 20).put("maxConventionYears", 3)
        .put("lots", new JsonArray()
            .add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité")
                .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens")))
            .add(new JsonObject().put("code", "remobilisation").put("title", "Remobilisation sociale")
                .put("actionType", "remobilisation-sociale").put("territories", new JsonArray().add("amiens"))))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "qualite").put("label", "Qualité du projet")
            .put("weight", 3).put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
                .add(new JsonObject().put("score", 2).put("label", "Bon")))));
    JsonObject call = pilot.postJson("/api/tenants/somme/calls", body.encode()).json();
    TestPlatform.Response published = pilot.postJson("/api/tenants/somme/calls/" + call.getString("id") + "/publish", "{}",
        "If-Match", "\"" + call.getInteger("version") + "\"");
    assertEquals(200, published.status(), published.body());
    return published.json();
  }

  @Test
  void theAssociationAnswersASecondLotWithTheSameGeneralPartAndUploadsItsMissingPartsFromTheForm() throws Exception {
    JsonObject call = twoLotCall();
    browser.login("somme", "association");
    browser.open("/t/somme/appels/" + call.getString("id") + "/repondre");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=cree"));
    browser.waitForPage();
    String url = driver.getCurrentUrl();
    String id = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    // The general part and the mobility project from an earlier session, complete.
    JsonObject earlier = earlierSession();
    earlier.getJsonObject("general").getJsonObject("identification").put("siret", "73282932000074");
    earlier.getJsonArray("attachments").add(vault.get("rib"));
    earlier.getJsonArray("projects").getJsonObject(0).getJsonArray("budget").add(0, new JsonObject().put("year", 1)
        .put("direct", new JsonObject().put("staffCents", 6_000_000)).put("indirect", new JsonObject().put("rentCents", 1_000_000))
        .put("requestedCents", 7_000_000));
    JsonObject saved = association.get("/api/tenants/somme/applications/" + id).json();
    TestPlatform.Response put = association.putJson("/api/tenants/somme/applications/" + id, earlier.encode(),
        "If-Match", "\"" + saved.getInteger("version") + "\"");
    assertEquals(200, put.status(), put.body());
    browser.open("/t/somme/candidatures/" + id);

    // The second lot, typed on the page: the general part is not asked again.
    driver.findElement(By.id("lot-remobilisation")).click();
    driver.findElement(By.id("project.remobilisation.territories-amiens")).click();
    type("project.remobilisation.title", "Ateliers de remobilisation à Amiens");
    type("project.remobilisation.description", "Ateliers collectifs hebdomadaires de remobilisation sociale.");
    for (int y = 1; y <= 3; y++) {
      type("project.remobilisation.objective.amiens." + y, "24");
      type("project.remobilisation.budget." + y + ".staff", "30 000");
      type("project.remobilisation.budget." + y + ".rent", "5 000");
      type("project.remobilisation.budget." + y + ".requested", "35 000");
    }
    type("project.remobilisation.indicators", "Nombre de participants assidus");
    driver.findElement(By.cssSelector("#candidature button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=enregistre"));
    browser.waitForPage();
    assertEquals(1, driver.findElements(By.id("general.identification.name")).size(), "one general part");

    // Its two parts are not in the vault: uploaded from the form, into the vault, attached to the project.
    java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("pieces");
    for (String[] part : List.of(new String[] {"fiche-synthetique", "Fiche remobilisation"},
        new String[] {"modelisation", "Programme d'ateliers"})) {
      java.nio.file.Path file = folder.resolve(part[0] + ".pdf");
      java.nio.file.Files.writeString(file, Multipart.pdf(part[1], 20), java.nio.charset.StandardCharsets.ISO_8859_1);
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("upload-lot"))).selectByValue("remobilisation");
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("upload-kind"))).selectByValue(part[0]);
      type("upload-label", part[1]);
      driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
      driver.findElement(By.id("deposer-piece")).click();
      browser.waiting().until(ExpectedConditions.urlContains("notice=piece"));
      browser.waitForPage();
      assertTrue(driver.findElement(By.cssSelector("#depot-piece p.notice")).getText().contains("jointe à la candidature"));
    }

    driver.findElement(By.id("deposer")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=deposee"));
    browser.waitForPage();
    assertEquals("Déposée", driver.findElement(By.cssSelector(".application-state")).getText().strip());
    JsonObject submitted = association.get("/api/tenants/somme/applications/" + id).json();
    assertEquals(2, submitted.getJsonArray("projects").size());
    List<String> parts = submitted.getJsonArray("attachments").stream().map(JsonObject.class::cast)
        .filter(a -> "remobilisation".equals(a.getString("lot"))).map(a -> a.getString("label")).toList();
    assertEquals(List.of("Fiche remobilisation", "Programme d'ateliers"), parts.stream().sorted().toList());
    assertTrue(association.get("/api/tenants/somme/organisations/association-demo/documents").body()
        .contains("Programme d'ateliers"), "the parts are now in the vault");
    assertEquals(List.of(), browser.cspViolations());
  }
}
