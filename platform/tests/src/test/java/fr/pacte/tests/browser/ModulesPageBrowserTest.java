package fr.pacte.tests.browser;

import static fr.pacte.tests.browser.BrowserSupport.MOBILITY_LINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The tenant's "Modules" page in a real browser: enabling the mobility platform for the Somme adds its entry to
 * the Somme's navigation and serves its page there, and nowhere else; disabling it removes the entry again.
 */
class ModulesPageBrowserTest {

  private static final String PLUGIN = "mobility-platform";
  private static final String ROW = "tr#module-" + PLUGIN;

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Repository.builtPlugin(PLUGIN)).start();
    driver = Chromium.start();
    browser = new BrowserSupport(driver, platform);
    browser.login("somme", "admin");
    browser.login("allier", "admin");
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
  void enablingTheMobilityPlatformForTheSommeShowsItInTheSommeOnly() throws Exception {
    // Before: the row says "Désactivé" and the Somme's navigation has no entry for the module.
    browser.open("/t/somme/admin/modules");
    assertEquals("Modules", browser.h1());
    assertEquals("Département somme", browser.brand());
    WebElement row = driver.findElement(By.cssSelector(ROW));
    assertTrue(row.getText().contains("Désactivé"), "row before enabling: " + row.getText());
    assertNull(browser.navigationLink(MOBILITY_LINK), "navigation before enabling: " + browser.navigationLabels());
    assertEquals("Accueil", browser.navigationLabels().get(0));

    // Enable it with its button, found by its accessible label.
    WebElement enable = driver.findElement(By.cssSelector("button[aria-label='Activer Plateforme mobilité solidaire']"));
    assertEquals("Activer", enable.getText().strip());
    assertTrue(enable.isEnabled(), "the Activer button is disabled: the plugin is not serving");
    enable.click();

    // Post/redirect/get back to the page, with a confirmation and the new state.
    browser.waiting().until(ExpectedConditions.urlContains("notice=enabled"));
    browser.waitForPage();
    WebElement notice = browser.waiting().until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main p.notice[role='status']")));
    assertEquals("Le module a été activé.", notice.getText().strip());
    browser.waiting().until(webDriver -> notice.equals(webDriver.switchTo().activeElement()));
    assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", notice),
        "the notice is brought into view");
    row = driver.findElement(By.cssSelector(ROW));
    assertTrue(row.getText().contains("Activé"), "row after enabling: " + row.getText());
    assertFalse(row.findElements(By.cssSelector("button[aria-label='Désactiver Plateforme mobilité solidaire']")).isEmpty(),
        "no Désactiver button after enabling: " + row.getText());
    WebElement link = browser.navigationLink(MOBILITY_LINK);
    assertNotNull(link, "navigation after enabling: " + browser.navigationLabels());
    assertEquals(platform.url() + "/t/somme/modules/" + PLUGIN + "/", link.getAttribute("href"));
    assertEquals(java.util.List.of("Accueil", "Programmes", "Besoins", "Tableaux de bord", "Indicateurs", "Référentiels", "Catalogue", "Appels à projets", "Conventions", "Organisations", "Rapports et bilans", MOBILITY_LINK, "Parcours", "Modules", "Utilisateurs", "Courriels", "Tous les départements"), browser.navigationLabels());

    Path screenshot = browser.screenshot("modules-somme.png");
    assertTrue(Files.size(screenshot) > 10_000, "screenshot looks empty: " + screenshot);

    // Follow the link: the plugin's page, inside the Somme's layout.
    link.click();
    browser.waiting().until(ExpectedConditions.urlToBe(platform.url() + "/t/somme/modules/" + PLUGIN + "/"));
    browser.waitForPage();
    assertTrue(browser.h1().contains("Plateforme mobilité solidaire"), "plugin page h1: " + browser.h1());
    assertEquals("Plateforme mobilité solidaire", driver.getTitle());
    assertEquals("Département somme", browser.brand());
    assertFalse(driver.findElements(By.cssSelector("link[rel='stylesheet'][href='/t/somme/theme.css']")).isEmpty(),
        "the plugin page is not themed for the Somme");
    assertEquals("page", browser.navigationLink(MOBILITY_LINK).getAttribute("aria-current"),
        "the module's entry is not marked as the current page");
    assertEquals(1, driver.findElements(By.cssSelector("main#contenu")).size());
    assertEquals(1, driver.findElements(By.cssSelector("header .brand")).size(), "the layout is nested in itself");

    // The Allier did not enable it: no entry, and its address is a 404 page.
    browser.open("/t/allier/");
    assertEquals("Département allier", browser.brand());
    assertNull(browser.navigationLink(MOBILITY_LINK), "Allier navigation: " + browser.navigationLabels());
    assertTrue(driver.findElement(By.cssSelector("main")).getText().contains("Aucun module n'est activé"),
        driver.findElement(By.cssSelector("main")).getText());

    browser.open("/t/allier/modules/" + PLUGIN + "/");
    assertEquals("Ressource introuvable", browser.h1());
    assertTrue(driver.findElement(By.cssSelector("main [role='alert']")).getText().contains("n'est pas activé pour ce département"));
    assertEquals("Département allier", browser.brand(), "the 404 page is not in the Allier's layout");
    assertNull(browser.navigationLink(MOBILITY_LINK));
    assertEquals(404, platform.get("/t/allier/modules/" + PLUGIN + "/", "Accept", "text/html").status());

    // Disable it again from the Somme's Modules page: the entry goes away, and so does the page.
    browser.open("/t/somme/admin/modules");
    assertNotNull(browser.navigationLink(MOBILITY_LINK));
    driver.findElement(By.cssSelector("button[aria-label='Désactiver Plateforme mobilité solidaire']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("notice=disabled"));
    browser.waitForPage();
    assertEquals("Le module a été désactivé.",
        driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    assertTrue(driver.findElement(By.cssSelector(ROW)).getText().contains("Désactivé"));
    assertNull(browser.navigationLink(MOBILITY_LINK), "navigation after disabling: " + browser.navigationLabels());
    assertEquals(java.util.List.of("Accueil", "Programmes", "Besoins", "Tableaux de bord", "Indicateurs", "Référentiels", "Catalogue", "Appels à projets", "Conventions", "Organisations", "Rapports et bilans", "Parcours", "Modules", "Utilisateurs", "Courriels", "Tous les départements"), browser.navigationLabels());

    browser.open("/t/somme/modules/" + PLUGIN + "/");
    assertEquals("Ressource introuvable", browser.h1());
  }
}
