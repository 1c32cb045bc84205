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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An association signs in, is refused a renamed executable with the reason next to the field, then deposits its RIB;
 * a prescriber, without an account, finds an action on the public offer page by territory.
 */
class DocumentVaultBrowserTest {

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
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

  @Test
  void anAssociationIsToldWhyAFileIsRefusedThenDepositsItsRib() throws Exception {
    Path folder = Files.createTempDirectory("pacte-vault-");
    Path disguised = folder.resolve("rib.pdf");
    Files.write(disguised, "MZ\u0090\u0000\u0003 This program cannot be run in DOS mode.".getBytes(StandardCharsets.ISO_8859_1));
    Path rib = folder.resolve("rib-association.pdf");
    Files.writeString(rib, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    browser.open("/t/somme/connexion");
    driver.findElement(By.id("username")).sendKeys("association");
    driver.findElement(By.id("password")).sendKeys("pacte-demo");
    driver.findElement(By.cssSelector("main button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));

    browser.open("/t/somme/organisations/association-demo");
    assertEquals("Association de démonstration", browser.h1());
    assertTrue(driver.findElement(By.id("documents")).isDisplayed());

    new Select(driver.findElement(By.id("upload-kind"))).selectByValue("rib");
    driver.findElement(By.id("upload-file")).sendKeys(disguised.toString());
    browser.clickAndWait(By.cssSelector("form[enctype='multipart/form-data'] button[type='submit']"));
    WebElement fieldError = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-file-error")));
    assertTrue(fieldError.getText().startsWith("Fichier refusé : programme exécutable Windows."), fieldError.getText());
    assertEquals("true", driver.findElement(By.id("upload-file")).getAttribute("aria-invalid"));
    assertTrue(driver.findElement(By.id("upload-file")).getAttribute("aria-describedby").contains("upload-file-error"));
    WebElement summary = driver.findElement(By.cssSelector(".error-summary[role='alert']"));
    assertTrue(summary.getText().contains("Le document n'a pas été déposé ; les documents existants n'ont pas changé."), summary.getText());
    assertTrue(driver.findElement(By.id("documents")).findElement(By.xpath("..")).getText().contains("Aucun document déposé."));
    assertEquals("rib", new Select(driver.findElement(By.id("upload-kind"))).getFirstSelectedOption().getAttribute("value"),
        "the chosen kind is kept after a refusal");
    browser.screenshot("vault-refused.png");

    new Select(driver.findElement(By.id("upload-kind"))).selectByValue("rib");
    driver.findElement(By.id("upload-file")).sendKeys(rib.toString());
    driver.findElement(By.cssSelector("form[enctype='multipart/form-data'] button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=document"));
    browser.waitForPage();
    assertEquals("Le document a été déposé.", driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    List<WebElement> rows = driver.findElements(By.cssSelector("section[aria-labelledby='documents'] tbody tr"));
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).getText().contains("RIB ou RIP"), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains("rib-association.pdf"), rows.get(0).getText());
    browser.assertNothingInline();
    assertEquals(List.of(), browser.cspViolations());
  }

  @Test
  void aPrescriberFindsAnActionOnThePublicPageByTerritory() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    JsonObject item = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Plateforme mobilité solidaire — Amiens").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 70).put("taken", 25)))
        .put("contactEmail", "mobilite@example.org");
    assertEquals(201, pilot.postJson("/api/tenants/somme/offer", item.encode()).status());

    browser.open("/t/somme/offre");
    assertEquals("Offre d'insertion", browser.h1());
    new Select(driver.findElement(By.id("territoire"))).selectByVisibleText("Picardie Maritime");
    driver.findElement(By.cssSelector("form[role='search'] button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("territoire=picardie-maritime"));
    browser.waitForPage();
    // Other actions run there (the demonstration conventions fund some), never this Amiens one.
    assertFalse(driver.findElement(By.id("resultats")).getText().contains("Plateforme mobilité solidaire — Amiens"));

    new Select(driver.findElement(By.id("territoire"))).selectByVisibleText("Amiens");
    driver.findElement(By.cssSelector("form[role='search'] button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("territoire=amiens"));
    browser.waitForPage();
    WebElement card = driver.findElements(By.cssSelector("article.offer")).stream()
        .filter(offer -> offer.getText().contains("Plateforme mobilité solidaire — Amiens")).findFirst()
        .orElseThrow(() -> new AssertionError(driver.findElement(By.id("resultats")).getText()));
    assertTrue(card.getText().contains("Amiens 70 45"), card.getText());
    assertEquals("mailto:mobilite@example.org", card.findElement(By.cssSelector("a[href^='mailto:']")).getAttribute("href"));
    browser.assertNothingInline();
    assertEquals(List.of(), browser.cspViolations());
  }
}
