package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The référent enters a person (possible duplicates shown first), sees the eligibility and the places left of the
 * mobility platform in Amiens and orients them; the association accepts the entry; the agent of Amiens finds it
 * among the entries of their territory, and the agent of Picardie Maritime does not.
 */
class OrientationBrowserTest {

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;
  private static String item;
  private static String iaeItem;
  private static String otherItem;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).plugin(Repository.builtPlugin("iae-preparation")).start();
    JsonObject offer = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Plateforme mobilité solidaire d'Amiens").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 4)));
    TestPlatform.Response created = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.encode());
    assertEquals(201, created.status(), created.body());
    item = created.json().getString("id");
    TestPlatform.Response iae = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("actionType", "preparation-entree-iae").put("title", "Préparation à l'entrée en IAE d'Amiens").encode());
    assertEquals(201, iae.status(), iae.body());
    iaeItem = iae.json().getString("id");
    TestPlatform.Response other = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.copy()
        .put("title", "Plateforme mobilité solidaire d'Amiens (second site)").encode());
    assertEquals(201, other.status(), other.body());
    otherItem = other.json().getString("id");
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

  private void signInAs(String username) {
    driver.manage().deleteAllCookies();
    browser.login("somme", username);
  }

  @Test
  void theReferentOrientsAPersonTheOperatorAcceptsAndTheAmiensAgentIsTold() {
    signInAs("referent");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.linkText("Nouvelle personne"));
    driver.findElement(By.id("familyName")).sendKeys("Navigatrice");
    driver.findElement(By.id("firstNames")).sendKeys("Alix");
    browser.js("document.getElementById('birthDate').value = '1990-05-17'");
    driver.findElement(By.id("commune")).sendKeys("Amiens");
    new Select(driver.findElement(By.id("territory"))).selectByValue("amiens");
    driver.findElement(By.cssSelector("input[name='rsaRecipient'][value='true']")).click();
    browser.js("document.getElementById('rsaCheckedOn').value = '2026-01-05'");
    new Select(driver.findElement(By.id("referent.organisationKind"))).selectByValue("departement");
    driver.findElement(By.id("referent.organisation")).sendKeys("Département de la Somme");
    browser.clickAndWait(By.cssSelector("main form button[type='submit']"));
    assertEquals("NAVIGATRICE Alix", browser.h1());

    new Select(driver.findElement(By.id("choix"))).selectByValue(item + "|amiens");
    browser.clickAndWait(By.cssSelector("form[aria-labelledby='orienter-titre'] button"));
    assertEquals("Éligible.", driver.findElement(By.id("eligibilite")).getText());
    assertTrue(driver.findElement(By.id("places")).getText().contains("4 places disponibles"),
        driver.findElement(By.id("places")).getText());
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Confirmer l'orientation\"]"));
    assertTrue(driver.findElement(By.id("etat")).getText().startsWith("Proposée"), driver.findElement(By.id("etat")).getText());
    String orientation = driver.getCurrentUrl().replaceAll(".*/orientations/([0-9a-f-]{36}).*", "$1");

    signInAs("association");
    browser.open("/t/somme/parcours/orientations/" + orientation);
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Accepter l'entrée\"]"));
    assertEquals("Entrée sur l'action", driver.findElement(By.id("etat")).getText());
    assertTrue(driver.findElement(By.id("places")).getText().contains("1 entrées"), driver.findElement(By.id("places")).getText());

    signInAs("agent.amiens");
    browser.open("/t/somme/parcours");
    assertTrue(driver.findElement(By.id("notifications")).getText().contains("NAVIGATRICE Alix"));
    signInAs("agent.picardie-maritime");
    browser.open("/t/somme/parcours");
    assertFalse(driver.getPageSource().contains("NAVIGATRICE"));
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  @Test
  void aPersonAsksToJoinFromThePublicOfferTheOperatorConfirmsAndFillsTheProgressGridAndTheQuestionnaire() {
    driver.manage().deleteAllCookies();
    browser.open("/t/somme/offre");
    browser.clickAndWait(By.cssSelector("a[href='/t/somme/offre/" + otherItem + "/demande']"));
    driver.findElement(By.id("familyName")).sendKeys("Autonome");
    driver.findElement(By.id("firstNames")).sendKeys("Sacha");
    browser.js("document.getElementById('birthDate').value = '1988-09-03'");
    driver.findElement(By.id("commune")).sendKeys("Amiens");
    driver.findElement(By.id("phone")).sendKeys("06 11 22 33 44");
    new Select(driver.findElement(By.id("territory"))).selectByValue("amiens");
    driver.findElement(By.cssSelector("input[name='rsaRecipient'][value='oui']")).click();
    browser.clickAndWait(By.xpath("//button[normalize-space()='Envoyer ma demande']"));
    assertTrue(driver.findElement(By.cssSelector(".field-error .error-message")).getText().startsWith("Cochez la case"),
        "the missing consent is said next to its box");
    assertEquals("Autonome", driver.findElement(By.id("familyName")).getAttribute("value"), "what was typed is kept");
    driver.findElement(By.id("consent")).click();
    browser.clickAndWait(By.xpath("//button[normalize-space()='Envoyer ma demande']"));
    assertTrue(driver.findElement(By.id("demande-envoyee")).getText().contains("vous recontactera"));

    signInAs("association");
    browser.open("/t/somme/parcours");
    browser.clickAndWait(By.xpath("//ul[@id='demandes']//a[contains(., 'AUTONOME Sacha')]"));
    driver.findElement(By.id("rsaRecipient")).click();
    driver.findElement(By.id("referent.username")).sendKeys("referent");
    driver.findElement(By.id("referent.name")).sendKeys("Référent de parcours");
    driver.findElement(By.id("referent.organisation")).sendKeys("Département de la Somme");
    new Select(driver.findElement(By.id("referent.organisationKind"))).selectByValue("departement");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Confirmer et orienter']"));
    assertTrue(driver.findElement(By.id("etat")).getText().startsWith("Proposée"), driver.findElement(By.id("etat")).getText());
    browser.clickAndWait(By.xpath("//button[normalize-space()=\"Accepter l'entrée\"]"));
    assertEquals("Entrée sur l'action", driver.findElement(By.id("etat")).getText());

    new Select(driver.findElement(By.id("progress.moment"))).selectByValue("entry");
    for (String criterion : java.util.List.of("freins-psychologiques", "moyen-locomotion", "code-route", "permis-conduire",
        "solution-transitoire")) {
      new Select(driver.findElement(By.id("progress.scores." + criterion))).selectByValue("1");
    }
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la grille']"));
    assertTrue(driver.findElement(By.xpath("//select[@id='progress.scores.solution-mobilite']/preceding-sibling::p[@class='error-message']"))
        .getText().contains("choisissez un niveau"), "the criterion left out is said next to it");
    assertEquals("entry", new Select(driver.findElement(By.id("progress.moment"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals("1", new Select(driver.findElement(By.id("progress.scores.code-route"))).getFirstSelectedOption().getAttribute("value"));
    new Select(driver.findElement(By.id("progress.scores.solution-mobilite"))).selectByValue("2");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la grille']"));
    String grids = driver.findElement(By.id("grilles")).getText();
    assertTrue(grids.contains("2 — En progression") && grids.contains("À l'entrée"), grids);

    for (String question : java.util.List.of("accueil", "rythme", "utilite", "objectifs", "lien-referent")) {
      new Select(driver.findElement(By.id("satisfaction.answers." + question))).selectByValue("4");
    }
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer le questionnaire']"));
    assertTrue(driver.findElement(By.id("satisfaction")).getText().contains("Très satisfait(e)"));
    assertEquals(java.util.List.of(), browser.cspViolations());
  }

  @Test
  void anIneligiblePersonIsRefusedWithTheReasonTheDurationIsAlertedTheExitTypedAndTheDataExportShowsInTheAccessLog() {
    TestPlatform.Client referentApi = platform.login("somme", "referent");
    TestPlatform.Response created = referentApi.postJson("/api/tenants/somme/persons", new JsonObject().put("familyName", "Parcourue")
        .put("firstNames", "Dominique").put("birthDate", "1979-02-11").put("commune", "Amiens").put("territory", "amiens")
        .put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
        .put("referent", new JsonObject().put("organisationKind", "departement").put("organisation", "Département de la Somme")).encode());
    assertEquals(201, created.status(), created.body());
    String person = created.json().getString("id");

    signInAs("referent");
    browser.open("/t/somme/parcours/personnes/" + person);
    new Select(driver.findElement(By.id("choix"))).selectByValue(iaeItem + "|amiens");
    browser.clickAndWait(By.cssSelector("form[aria-labelledby='orienter-titre'] button"));
    assertTrue(driver.findElement(By.id("eligibilite")).getText().startsWith("Non éligible : « Préparation"),
        driver.findElement(By.id("eligibilite")).getText());
    assertTrue(driver.findElement(By.id("eligibilite")).getText().contains("l'éligibilité IAE"));
    assertTrue(driver.findElements(By.xpath("//button[normalize-space()=\"Confirmer l'orientation\"]")).isEmpty(),
        "nothing to confirm for an ineligible person");

    // Entered on the mobility platform five months and ten days ago: its six months end within the month.
    JsonObject oriented = referentApi.postJson("/api/tenants/somme/orientations", new JsonObject().put("person", person)
        .put("offer", otherItem).put("territory", "amiens").put("prescriberKind", "departement").encode()).json();
    String entry = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(160).toString();
    assertEquals(200, platform.login("somme", "association").postJson("/api/tenants/somme/orientations/" + oriented.getString("id")
        + "/accept", new JsonObject().put("entryDate", entry).put("version", oriented.getInteger("version")).encode()).status());
    signInAs("association");
    browser.open("/t/somme/parcours/orientations/" + oriented.getString("id"));
    assertTrue(driver.findElement(By.id("alerte-duree")).getText().contains("moins d'un mois"));
    new Select(driver.findElement(By.id("type"))).selectByValue("sortie-positive");
    browser.clickAndWait(By.xpath("//button[normalize-space()='Enregistrer la sortie']"));
    assertEquals("Sortie", driver.findElement(By.id("etat")).getText());
    assertTrue(driver.findElement(By.id("orientation")).getText().contains("Sortie positive"), "the exit type is named, not coded");

    signInAs("admin");
    browser.open("/t/somme/parcours/personnes/" + person);
    // The JSON is shown as text by the browser (no page around it): read it as such.
    driver.get(driver.findElement(By.linkText("JSON")).getAttribute("href"));
    assertTrue(driver.getPageSource().contains("\"familyName\" : \"Parcourue\""), "the person's own data");
    browser.open("/t/somme/parcours/personnes/" + person);
    browser.clickAndWait(By.linkText("qui a consulté sa fiche"));
    String log = driver.findElement(By.id("journal")).getText();
    assertTrue(log.contains("Export des données d'une personne") && log.contains("Fiche d'une personne") && log.contains("(admin)"), log);
    assertEquals(java.util.List.of(), browser.cspViolations());
  }
}
