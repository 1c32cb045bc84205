package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page shell in a real browser: the platform home, the landmarks and skip link of every page, accessible
 * names of form controls, the strict Content-Security-Policy (nothing inline, nothing blocked), and the mobility
 * platform's form with its French error messages.
 */
class PageShellBrowserTest {

  private static final String PLUGIN_PAGE = "/t/somme/modules/mobility-platform/";
  /** Pages of every kind: platform, tenant, administration, plugin, API documentation, error. */
  private static final List<String> PAGES = List.of("/", "/t/somme/", "/t/somme/admin/modules", PLUGIN_PAGE,
      "/t/allier/", "/api/docs", "/t/somme/nulle-part", "/t/somme/connexion", "/t/somme/admin/utilisateurs");

  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03")
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    TestPlatform.Response enabled = platform.login("somme", "admin").putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": true}");
    assertEquals(200, enabled.status(), enabled.body());
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
  void thePlatformHomeListsTheDepartementsWithLinks() {
    browser.open("/");
    assertEquals("Départements sur Pacte", browser.h1());
    assertEquals("Pacte", browser.brand());
    List<WebElement> cards = driver.findElements(By.cssSelector("main ul.cards[aria-label='Départements'] > li"));
    assertEquals(2, cards.size(), "only the two tenants created: " + cards.stream().map(WebElement::getText).toList());
    Set<String> links = cards.stream().map(card -> card.findElement(By.cssSelector("h2 a")).getAttribute("href"))
        .collect(Collectors.toSet());
    assertEquals(Set.of(platform.url() + "/t/somme/", platform.url() + "/t/allier/"), links);
    String text = driver.findElement(By.cssSelector("main ul.cards")).getText();
    assertTrue(text.contains("code 80") && text.contains("code 03"), text);

    driver.findElement(By.linkText("Département allier")).click();
    browser.waiting().until(ExpectedConditions.urlToBe(platform.url() + "/t/allier/"));
    browser.waitForPage();
    assertEquals("Département allier", browser.brand());
    assertEquals("page", browser.navigationLink("Accueil").getAttribute("aria-current"));
  }

  @Test
  void everyPageHasTheLandmarksLanguageAndASkipLinkToTheMainContent() {
    for (String path : PAGES) {
      browser.open(path);
      assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"), path);
      assertFalse(driver.getTitle().isBlank(), "no title on " + path);
      List<WebElement> banners = driver.findElements(By.cssSelector("header, [role='banner']"));
      assertEquals(1, banners.size(), "one banner on " + path);
      List<WebElement> navs = driver.findElements(By.cssSelector("nav"));
      assertFalse(navs.isEmpty(), "no nav on " + path);
      navs.forEach(nav -> assertFalse(nav.getAttribute("aria-label") == null || nav.getAttribute("aria-label").isBlank(),
          "nav without aria-label on " + path));
      assertEquals(1, driver.findElements(By.cssSelector("main")).size(), "one main on " + path);
      assertEquals(1, driver.findElements(By.cssSelector("main#contenu")).size(), "main#contenu on " + path);
      assertEquals(1, driver.findElements(By.cssSelector("footer, [role='contentinfo']")).size(), "footer on " + path);
      assertEquals(1, driver.findElements(By.cssSelector("main h1")).size(), "one h1 on " + path);

      // The skip link is the first thing Tab reaches; it shows when focused and moves the focus to main.
      WebElement skip = driver.findElement(By.cssSelector("a.skip-link"));
      assertEquals("Aller au contenu", skip.getAttribute("textContent").strip());
      assertEquals("#contenu", skip.getAttribute("hash"));
      assertEquals("MAIN", browser.js("return document.querySelector(arguments[0].hash).tagName", skip));
      new Actions(driver).sendKeys(Keys.TAB).perform();
      assertTrue((Boolean) browser.js("return document.activeElement === arguments[0]", skip),
          "Tab does not reach the skip link first on " + path + " but " + browser.js("return document.activeElement.outerHTML"));
      assertTrue(skip.isDisplayed() && skip.getRect().getX() >= 0, "the focused skip link is not visible on " + path);
      new Actions(driver).sendKeys(Keys.ENTER).perform();
      browser.waiting().until(d -> (Boolean) browser.js("return document.activeElement && document.activeElement.id === 'contenu'"));
    }
  }

  @Test
  void everyFormControlHasAnAccessibleName() {
    for (String path : List.of("/t/somme/admin/modules", PLUGIN_PAGE, "/t/somme/admin/utilisateurs")) {
      browser.open(path);
      List<WebElement> controls = driver.findElements(
          By.cssSelector("input:not([type='hidden']), select, textarea, button"));
      assertFalse(controls.isEmpty(), "no form control on " + path);
      for (WebElement control : controls) {
        if (!control.isDisplayed()) {
          continue; // not shown (the phone's menu button on a desktop): no name to give to nobody
        }
        String name = control.getAccessibleName();
        assertTrue(name != null && !name.isBlank(), "no accessible name on " + path + ": " + control.getAttribute("outerHTML"));
      }
    }
    browser.open("/t/somme/admin/modules");
    WebElement button = driver.findElement(By.cssSelector("tr#module-mobility-platform button"));
    assertEquals("Désactiver Plateforme mobilité solidaire", button.getAccessibleName(), "the module by its name, not its identifier");
    assertTrue(button.getAccessibleName().startsWith(button.getText().strip()), "the visible label is part of the name");
  }

  @Test
  void theContentSecurityPolicyForbidsInlineCodeAndBlocksNothingOnThePages() {
    for (String path : PAGES) {
      TestPlatform.Response response = platform.administrators().get(path, "Accept", "text/html");
      String csp = response.header("Content-Security-Policy");
      assertNotNull(csp, "no CSP on " + path);
      assertFalse(csp.contains("unsafe-inline"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-eval"), path + ": " + csp);
      assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), path + ": " + csp);
      assertTrue(response.body().contains("<main id=\"contenu\""), path + " is not a page in the layout: " + response.body());

      browser.open(path);
      browser.assertNothingInline();
      // The stylesheets and htmx load under the policy: the banner has its colour, htmx is there.
      browser.waiting().until(d -> "rgb(31, 78, 121)".equals(
          browser.js("return getComputedStyle(document.querySelector('header.banner')).backgroundColor")));
      browser.waiting().until(d -> Boolean.TRUE.equals(browser.js("return typeof window.htmx === 'object'")));
      assertEquals(List.of(), browser.cspViolations(), "CSP violations on " + path);
      List<String> errors = new ArrayList<>();
      for (LogEntry entry : browser.browserLog()) {
        if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
            && !entry.getMessage().contains("404 (Not Found)")) {
          errors.add(entry.getMessage());
        }
      }
      assertEquals(List.of(), errors, "console errors on " + path);
    }
  }

  /** The check above is not vacuous: an inline style set on a page is blocked and reported. */
  @Test
  void aBlockedInlineStyleIsReportedAsAViolation() {
    browser.open("/t/somme/");
    assertEquals(List.of(), browser.cspViolations());
    browser.js("document.querySelector('main').setAttribute('style', 'background: red')");
    List<String> seen = new ArrayList<>();
    browser.waiting().until(d -> {
      seen.addAll(browser.cspViolations());
      return !seen.isEmpty();
    });
    assertTrue(seen.stream().anyMatch(v -> v.contains("style-src")), seen.toString());
    assertEquals("rgba(0, 0, 0, 0)", browser.js("return getComputedStyle(document.querySelector('main')).backgroundColor"),
        "the inline style was applied despite the policy");
  }

  @Test
  void theMobilityFormExplainsErrorsInFrenchAndRecordsValidSolicitations() throws Exception {
    browser.open(PLUGIN_PAGE);
    assertEquals("Plateforme mobilité solidaire", driver.getTitle());
    long before = count();
    WebElement date = driver.findElement(By.id("receivedOn"));
    assertEquals("date", date.getAttribute("type"));
    assertEquals(date.getAttribute("max"), date.getAttribute("value"), "the date defaults to today");
    driver.findElement(By.id("territory")).sendKeys("Amiens Nord");
    new Select(driver.findElement(By.id("channel"))).selectByVisibleText("Téléphone");
    driver.findElement(By.id("reason")).sendKeys("Trajet vers un entretien d'embauche");

    // Empty date: the browser's own check stops the form first (the field is required)...
    browser.js("arguments[0].value = ''", date);
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    assertTrue((Boolean) browser.js("return arguments[0].validity.valueMissing", date));
    assertEquals(platform.url() + PLUGIN_PAGE, driver.getCurrentUrl(), "an invalid form was sent");

    // ...and without it (old browser, or the check bypassed) the server answers with the page and a message.
    browser.js("arguments[0].noValidate = true", driver.findElement(By.cssSelector("form[action='./solicitations']")));
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    WebElement error = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("receivedOn-error")));
    browser.waitForPage();
    assertEquals("Date de réception : indiquez la date : choisissez-la dans le calendrier ou écrivez-la JJ/MM/AAAA,"
        + " par exemple 31/12/2025.", error.getText().strip());
    date = driver.findElement(By.id("receivedOn"));
    assertEquals(date.findElement(By.xpath("..")), error.findElement(By.xpath("..")), "the message is not next to the date field");
    assertEquals("true", date.getAttribute("aria-invalid"));
    assertTrue(date.getAttribute("aria-describedby").contains("receivedOn-error"), date.getAttribute("aria-describedby"));
    assertTrue(driver.getTitle().startsWith("Erreur de saisie"), driver.getTitle());
    WebElement summary = driver.findElement(By.cssSelector(".error-summary[role='alert']"));
    assertEquals("#receivedOn", summary.findElement(By.cssSelector("a")).getAttribute("hash"));
    assertEquals("Amiens Nord", driver.findElement(By.id("territory")).getAttribute("value"), "typed values are kept");
    assertEquals("telephone", new Select(driver.findElement(By.id("channel"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals("Trajet vers un entretien d'embauche", driver.findElement(By.id("reason")).getAttribute("value"));
    assertEquals(before, count(), "nothing was recorded");
    browser.screenshot("mobility-form-error.png");
    browser.assertNothingInline();
    assertEquals(List.of(), browser.cspViolations());

    // A valid date: recorded, confirmed, counted and listed.
    browser.js("arguments[0].value = arguments[0].max", date);
    String today = date.getAttribute("value");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.urlToBe(platform.url() + PLUGIN_PAGE + "?enregistre=1"));
    browser.waitForPage();
    WebElement notice = driver.findElement(By.cssSelector("main [role='status']"));
    assertEquals("La sollicitation a été enregistrée.", notice.getText().strip());
    assertEquals(before + 1, count());
    assertEquals("Plateforme mobilité solidaire", driver.getTitle());
    WebElement firstRow = driver.findElement(By.cssSelector("main table tbody tr"));
    assertEquals(today, firstRow.findElement(By.cssSelector("time")).getAttribute("datetime"));
    assertTrue(firstRow.getText().contains("Amiens Nord") && firstRow.getText().contains("Téléphone"), firstRow.getText());
    assertEquals("", driver.findElement(By.id("territory")).getAttribute("value"), "the form is blank again");
    assertTrue(driver.findElements(By.id("receivedOn-error")).isEmpty());
    browser.screenshot("mobility-form-saved.png");
    assertEquals(List.of(), browser.cspViolations());
  }

  /** The number of sollicitations the page announces. */
  private static long count() {
    String text = driver.findElement(By.cssSelector("section[aria-labelledby='sollicitations-titre'] > p")).getText();
    if (text.startsWith("Aucune sollicitation")) {
      return 0;
    }
    Matcher number = Pattern.compile("^([\\d\\s\\u202f\\u00a0]+) sollicitations? enregistrées?\\.$").matcher(text.strip());
    assertTrue(number.matches(), "unexpected count text: " + text);
    return Long.parseLong(number.group(1).replaceAll("\\D", ""));
  }
}
