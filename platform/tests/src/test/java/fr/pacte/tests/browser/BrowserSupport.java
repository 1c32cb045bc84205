package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests share: navigation of the layout, waits, CSP violation recording, screenshots. */
final class BrowserSupport {

  static final String MAIN_NAV = "nav[aria-label='Navigation principale']";
  static final String MOBILITY_LINK = "Plateforme mobilité";

  /**
   * Installed before any page script: every {@code securitypolicyviolation} event is kept in
   * {@code window.__cspViolations} (the script comes through the DevTools protocol, so the CSP does not block it).
   */
  private static final String CSP_RECORDER = """
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', function (e) {
        window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
            + ' (' + (e.sourceFile || document.location.href) + ':' + e.lineNumber + ')');
      });
      """;

  private final WebDriver driver;
  private final TestPlatform platform;
  private final boolean recordsViolations;

  BrowserSupport(WebDriver driver, TestPlatform platform) {
    this.driver = driver;
    this.platform = platform;
    boolean installed = false;
    if (driver instanceof HasCdp cdp) {
      try {
        cdp.executeCdpCommand("Page.enable", Map.of());
        cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
        installed = true;
      } catch (RuntimeException e) {
        installed = false;
      }
    }
    this.recordsViolations = installed;
  }

  /** Shows the following pages as a phone 390 px wide does (device metrics of the DevTools protocol). */
  void phone() {
    ((HasCdp) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
  }

  /** Back to the desktop window. */
  void desktop() {
    ((HasCdp) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** How much wider than the viewport the current page is, in CSS pixels (0 when it fits). */
  long overflow() {
    return ((Number) js("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).longValue();
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /** Signs in through the login page of a tenant, as a person would, with a demonstration account. */
  void login(String tenant, String username) {
    open("/t/" + tenant + "/connexion");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("pacte-demo");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
    waitForPage();
  }

  /** Opens a path of the platform and waits until its main content is there. */
  void open(String path) {
    driver.get(platform.url() + path);
    waitForPage();
  }

  void waitForPage() {
    waiting().until(d -> "complete".equals(js("return document.readyState")));
    try {
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#contenu h1")));
    } catch (org.openqa.selenium.TimeoutException e) {
      String source = driver.getPageSource();
      throw new AssertionError("no main#contenu h1 on " + driver.getCurrentUrl() + ":\n"
          + source.substring(0, Math.min(source.length(), 3000)), e);
    }
  }

  /**
   * Clicks and waits for the next page to replace this one (a page answering a form may keep the same address). The
   * old document is marked rather than held as an element: Chromium may answer a question about a node of a document
   * being replaced with an error other than "stale".
   */
  void clickAndWait(By target) {
    js("window.pacteLeaving = true");
    driver.findElement(target).click();
    waiting().ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> !Boolean.TRUE.equals(js("return window.pacteLeaving === true")));
    waitForPage();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  List<WebElement> navigationLinks() {
    return driver.findElements(By.cssSelector(MAIN_NAV + " a"));
  }

  List<String> navigationLabels() {
    return navigationLinks().stream().map(a -> a.getText().strip()).toList();
  }

  /** The navigation link with exactly this text, or null. */
  WebElement navigationLink(String label) {
    return navigationLinks().stream().filter(a -> a.getText().strip().equals(label)).findFirst().orElse(null);
  }

  String h1() {
    return driver.findElement(By.cssSelector("main#contenu h1")).getText().strip();
  }

  String brand() {
    return driver.findElement(By.cssSelector("header .brand")).getText().strip();
  }

  /** The violations recorded since the current page loaded, plus CSP errors the browser log reports. */
  List<String> cspViolations() {
    List<String> violations = new ArrayList<>();
    if (recordsViolations) {
      Object recorded = js("return window.__cspViolations || null");
      assertTrue(recorded != null, "the CSP violation recorder did not run on " + driver.getCurrentUrl());
      for (Object v : (List<?>) recorded) {
        violations.add(String.valueOf(v));
      }
    }
    for (LogEntry entry : browserLog()) {
      if (entry.getMessage().contains("Content Security Policy")) {
        violations.add("console: " + entry.getMessage());
      }
    }
    return violations;
  }

  /** The browser console, when the driver gives it (it is cleared by each read). */
  List<LogEntry> browserLog() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Inline scripts, style elements and style attributes: what a strict CSP would block. */
  void assertNothingInline() {
    assertEquals(0L, js("return document.querySelectorAll('script:not([src])').length"),
        "inline <script> on " + driver.getCurrentUrl());
    assertEquals(0L, js("return document.querySelectorAll('style').length"), "<style> element on " + driver.getCurrentUrl());
    assertEquals(0L, js("return document.querySelectorAll('[style]').length"), "style attribute on " + driver.getCurrentUrl());
    assertEquals(0L, js("return Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
        + ".some(a => a.name.startsWith('on'))).length"), "inline event handler on " + driver.getCurrentUrl());
  }

  Path screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    return file.toAbsolutePath();
  }
}
