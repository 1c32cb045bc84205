package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Logging in with the built-in provider in a real browser: a protected page sends to the login page and back, a
 * wrong password says so in French next to the fields, a territory agent is refused the Modules page, logout ends it.
 */
class LoginBrowserTest {

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.root().resolve("tenants"))).start();
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

  private void submit(String username, String password) {
    driver.findElement(By.id("username")).clear();
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    browser.clickAndWait(By.cssSelector("main form button[type='submit']"));
  }

  @Test
  void aProtectedPageLeadsToTheLoginPageAndBackAndARefusedPageSaysWhy() {
    driver.manage().deleteAllCookies();
    browser.open("/t/somme/admin/modules");
    assertTrue(driver.getCurrentUrl().startsWith(platform.url() + "/t/somme/connexion?retour="), driver.getCurrentUrl());
    assertEquals("Connexion", browser.h1());

    submit("admin", "mauvais mot de passe");
    assertEquals("Identifiant ou mot de passe incorrect.", driver.findElement(By.id("login-error")).getText().strip());
    assertEquals("true", driver.findElement(By.id("password")).getAttribute("aria-invalid"));
    assertEquals("admin", driver.findElement(By.id("username")).getAttribute("value"), "the name typed is kept");

    submit("admin", "pacte-demo");
    browser.waiting().until(ExpectedConditions.urlToBe(platform.url() + "/t/somme/admin/modules"));
    assertEquals("Modules", browser.h1());
    assertEquals("Administrateur (démo)", driver.findElement(By.cssSelector(".account-name")).getText().strip());

    driver.findElement(By.cssSelector(".account button[type='submit']")).click();
    // The logout answers with a redirect to the tenant's home page.
    browser.waiting().until(ExpectedConditions.urlToBe(platform.url() + "/t/somme/"));
    browser.waitForPage();
    assertNull(browser.navigationLink("Modules"), "no Modules entry once logged out");
    browser.open("/t/somme/admin/modules");
    assertTrue(driver.getCurrentUrl().contains("/t/somme/connexion"), "the session is over");
  }

  @Test
  void aTerritoryAgentIsRefusedTheModulesPageInFrench() {
    driver.manage().deleteAllCookies();
    browser.open("/t/somme/connexion");
    submit("agent.amiens", "pacte-demo");
    assertEquals("Agent du territoire Amiens (démo)", driver.findElement(By.cssSelector(".account-name")).getText().strip());
    assertNull(browser.navigationLink("Modules"));
    browser.open("/t/somme/admin/modules");
    assertEquals("Accès refusé", browser.h1());
    String message = driver.findElement(By.cssSelector("main")).getText();
    assertTrue(message.contains("Votre rôle (Agent de territoire) ne permet pas cette action"), message);
    assertTrue(!driver.getPageSource().contains("mobility-platform"), "no data of the refused page");
  }
}
