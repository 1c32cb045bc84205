package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core, run in Chromium on every page reachable from the menu of each demonstration account (and the page the
 * account lands on), on a desktop and on a 390 px phone: no serious or critical violation of the WCAG 2.1 A and AA
 * rules it checks. The pages have the real data of the repository's départements and the five action-type modules.
 */
class AccessibilityBrowserTest {

  private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .pluginsDir(Repository.root().resolve("plugins")).start();
    driver = Chromium.start();
    browser = new BrowserSupport(driver, platform);
  }

  @AfterEach
  void signOut() {
    if (driver != null) {
      browser.desktop();
      driver.manage().deleteAllCookies();
    }
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

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({
      "admin, somme", "pilotage, somme", "agent.amiens, somme", "referent, somme", "association, somme",
      "instructeur, somme", "auditeur, somme", "admin, deux-sevres", "operateur, ",
      "anonyme, somme"})
  void everyPageOfTheMenuHasNoSeriousOrCriticalViolation(String account, String tenant) {
    String home = tenant == null ? "/" : "/t/" + tenant + "/";
    if (account.equals("anonyme")) {
      browser.open(home);
    } else if (tenant == null) {
      signInToThePlatform(account);
    } else {
      browser.login(tenant, account);
    }
    Set<String> pages = new LinkedHashSet<>();
    pages.add(driver.getCurrentUrl().substring(platform.url().length()));
    browser.open(home);
    for (WebElement link : browser.navigationLinks()) {
      pages.add(link.getAttribute("pathname"));
    }
    if (account.equals("anonyme")) {
      pages.addAll(List.of("/t/" + tenant + "/connexion", "/t/" + tenant + "/offre", "/t/" + tenant + "/appels-a-projets"));
    }
    assertFalse(pages.isEmpty());

    List<String> violations = new ArrayList<>();
    for (boolean phone : List.of(false, true)) {
      if (phone) {
        browser.phone();
      } else {
        browser.desktop();
      }
      for (String page : pages) {
        browser.open(page);
        Results results = new AxeBuilder().withTags(WCAG).disableIframeTesting().setLegacyMode(true).analyze(driver);
        assertTrue(results.getErrorMessage() == null || results.getErrorMessage().isBlank(), results.getErrorMessage());
        for (Rule rule : results.getViolations()) {
          if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
            StringBuilder line = new StringBuilder((phone ? "390 px " : "desktop ") + page + ": " + rule.getId()
                + " (" + rule.getImpact() + ") " + rule.getHelp());
            for (CheckedNode node : rule.getNodes().subList(0, Math.min(3, rule.getNodes().size()))) {
              line.append("\n    ").append(node.getTarget()).append(' ').append(node.getHtml(), 0,
                  Math.min(160, node.getHtml().length()));
            }
            violations.add(line.toString());
          }
        }
      }
    }
    assertEquals(List.of(), violations, account + ": " + pages.size() + " pages checked on a desktop and a phone");
  }

  private static void signInToThePlatform(String account) {
    browser.open("/connexion");
    driver.findElement(By.id("username")).sendKeys(account);
    driver.findElement(By.id("password")).sendKeys("pacte-demo");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
    browser.waitForPage();
  }
}
