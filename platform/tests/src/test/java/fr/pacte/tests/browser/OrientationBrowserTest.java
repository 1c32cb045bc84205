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

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    JsonObject offer = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Plateforme mobilité solidaire d'Amiens").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 4)));
    TestPlatform.Response created = platform.login("somme", "pilotage").postJson("/api/tenants/somme/offer", offer.encode());
    assertEquals(201, created.status(), created.body());
    item = created.json().getString("id");
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
    driver.findElement(By.linkText("Nouvelle personne")).click();
    browser.waitForPage();
    driver.findElement(By.id("familyName")).sendKeys("Navigatrice");
    driver.findElement(By.id("firstNames")).sendKeys("Alix");
    browser.js("document.getElementById('birthDate').value = '1990-05-17'");
    driver.findElement(By.id("commune")).sendKeys("Amiens");
    new Select(driver.findElement(By.id("territory"))).selectByValue("amiens");
    driver.findElement(By.cssSelector("input[name='rsaRecipient'][value='true']")).click();
    browser.js("document.getElementById('rsaCheckedOn').value = '2026-01-05'");
    new Select(driver.findElement(By.id("referent.organisationKind"))).selectByValue("departement");
    driver.findElement(By.id("referent.organisation")).sendKeys("Département de la Somme");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    browser.waitForPage();
    assertEquals("NAVIGATRICE Alix", browser.h1());

    new Select(driver.findElement(By.id("choix"))).selectByValue(item + "|amiens");
    driver.findElement(By.cssSelector("form[aria-labelledby='orienter-titre'] button")).click();
    browser.waitForPage();
    assertEquals("Éligible.", driver.findElement(By.id("eligibilite")).getText());
    assertTrue(driver.findElement(By.id("places")).getText().contains("4 places disponibles"),
        driver.findElement(By.id("places")).getText());
    driver.findElement(By.xpath("//button[normalize-space()=\"Confirmer l'orientation\"]")).click();
    browser.waitForPage();
    assertTrue(driver.findElement(By.id("etat")).getText().startsWith("Proposée"), driver.findElement(By.id("etat")).getText());
    String orientation = driver.getCurrentUrl().replaceAll(".*/orientations/([0-9a-f-]{36}).*", "$1");

    signInAs("association");
    browser.open("/t/somme/parcours/orientations/" + orientation);
    driver.findElement(By.xpath("//button[normalize-space()=\"Accepter l'entrée\"]")).click();
    browser.waitForPage();
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
}
