package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The menu of a tenant in a real browser: entries grouped under headings with the current page marked, folded behind
 * a button on a phone and usable with the keyboard, a focus ring that can be seen on the tenant's colour, and pages
 * that fit a phone's width.
 */
class MenuBrowserTest {

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
    browser.login("somme", "admin");
  }

  @AfterEach
  void backToDesktop() {
    if (browser != null) {
      browser.desktop();
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

  @Test
  void theMenuListsItsEntriesUnderPolicyOfferAndAdministrationHeadings() {
    browser.open("/t/somme/besoins");
    List<String> headings = driver.findElements(By.cssSelector(BrowserSupport.MAIN_NAV + " .menu-heading")).stream()
        .map(h -> h.getText().strip()).toList();
    assertEquals(List.of("Politique", "Offre", "Administration"), headings);
    assertEquals(List.of("Programmes", "Besoins", "Tableaux de bord", "Indicateurs", "Référentiels"), entriesUnder("Politique"));
    List<String> offer = entriesUnder("Offre");
    assertEquals(List.of("Catalogue", "Appels à projets", "Conventions", "Organisations"), offer.subList(0, 4));
    assertTrue(offer.contains(BrowserSupport.MOBILITY_LINK), "the modules' pages are under the offer: " + offer);
    assertEquals(List.of("Modules", "Utilisateurs", "Courriels"), entriesUnder("Administration"));
    // Each group is a list named by its heading, for a screen reader.
    for (WebElement list : driver.findElements(By.cssSelector(BrowserSupport.MAIN_NAV + " .menu-group > ul"))) {
      assertFalse(list.getAccessibleName().isBlank(), list.getAttribute("outerHTML"));
    }
  }

  @Test
  void onlyTheCurrentPageIsMarkedNotAPageWhoseAddressMerelyStartsAlike() {
    browser.open("/t/somme/besoins");
    assertEquals(List.of("Besoins"), current());
    browser.open("/t/somme/offre/catalogue");
    assertEquals(List.of("Catalogue"), current());
    // The public calls page /appels-a-projets is not the staff page /appels.
    browser.open("/t/somme/appels-a-projets");
    assertEquals(List.of(), current());
    browser.open("/t/somme/appels");
    assertEquals(List.of("Appels à projets"), current());
  }

  @Test
  void onAPhoneTheMenuFoldsBehindAButtonThatTheKeyboardOpensAndCloses() {
    browser.phone();
    browser.open("/t/somme/programmes");
    WebElement button = driver.findElement(By.cssSelector(BrowserSupport.MAIN_NAV + " button.menu-toggle"));
    assertTrue(button.isDisplayed(), "no menu button on a phone");
    assertEquals("false", button.getAttribute("aria-expanded"));
    assertEquals("menu-principal", button.getAttribute("aria-controls"));
    assertFalse(link("Programmes").isDisplayed(), "the folded menu shows its entries");
    long banner = ((Number) browser.js("return document.querySelector('header.banner').getBoundingClientRect().height")).longValue();
    assertTrue(banner < 844 / 4, "the banner takes " + banner + " px of an 844 px screen");

    // Tab reaches the button; Enter opens the menu, Tab goes on into it, Escape closes it and returns to the button.
    tabTo(button);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    assertEquals("true", button.getAttribute("aria-expanded"));
    assertTrue(link("Programmes").isDisplayed());
    assertEquals("page", link("Programmes").getAttribute("aria-current"));
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertEquals("Accueil", browser.js("return document.activeElement.textContent.trim()"));
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    assertEquals("false", button.getAttribute("aria-expanded"));
    assertTrue((Boolean) browser.js("return document.activeElement === arguments[0]", button));
    assertFalse(link("Programmes").isDisplayed());

    // Back on a desktop the menu is open and the button gone.
    browser.desktop();
    browser.open("/t/somme/programmes");
    assertFalse(driver.findElement(By.cssSelector(BrowserSupport.MAIN_NAV + " button.menu-toggle")).isDisplayed());
    assertTrue(link("Programmes").isDisplayed());
  }

  @Test
  void atPhoneWidthNoPageOfTheMenuIsWiderThanTheScreen() {
    browser.open("/t/somme/");
    List<String> paths = new ArrayList<>();
    for (WebElement link : browser.navigationLinks()) {
      paths.add(link.getAttribute("pathname"));
    }
    browser.phone();
    List<String> tooWide = new ArrayList<>();
    for (String path : paths) {
      browser.open(path);
      long overflow = browser.overflow();
      if (overflow > 0) {
        tooWide.add(path + " (+" + overflow + " px)");
      }
    }
    assertEquals(List.of(), tooWide, "pages wider than a 390 px phone");
  }

  @Test
  void theFocusRingOnTheBannerAndTheMenuContrastsAtLeastThreeToOneWithTheTenantsColour() {
    for (String tenant : List.of("somme", "deux-sevres", "allier")) {
      browser.open("/t/" + tenant + "/");
      String background = (String) browser.js("return getComputedStyle(document.querySelector('header.banner')).backgroundColor");
      WebElement brand = driver.findElement(By.cssSelector("header .brand"));
      WebElement home = browser.navigationLink("Accueil");
      for (WebElement element : List.of(brand, home)) {
        tabTo(element);
        String ring = (String) browser.js("return getComputedStyle(document.activeElement).outlineColor");
        String style = (String) browser.js("return getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("solid", style, tenant + ": no visible focus ring on " + element.getText());
        double contrast = contrast(ring, background);
        assertTrue(contrast >= 3, tenant + ": focus ring " + ring + " on " + background + " is " + contrast + ":1");
      }
    }
  }

  @Test
  void theCataloguesSixFiltersFitOneRowOnADesktop() {
    browser.open("/t/somme/offre/catalogue");
    List<WebElement> fields = driver.findElements(By.cssSelector("form.filters > .field"));
    assertEquals(7, fields.size(), "six filters and the button");
    long bottom = fields.get(0).getRect().getY() + fields.get(0).getRect().getHeight();
    for (WebElement field : fields) {
      long fieldBottom = field.getRect().getY() + field.getRect().getHeight();
      assertTrue(Math.abs(fieldBottom - bottom) <= 4, "a filter on another line: " + field.getText());
    }
  }

  @Test
  void aProgrammesActionTitlesAreNoSmallerThanItsText() {
    browser.open("/t/somme/programmes/pdi-pti-2022-2025");
    driver.findElement(By.cssSelector("details.axis-content > summary")).click();
    WebElement title = driver.findElement(By.cssSelector("article[id^='action-'] h5"));
    double titleSize = Double.parseDouble(((String) browser.js("return getComputedStyle(arguments[0]).fontSize", title)).replace("px", ""));
    double textSize = Double.parseDouble(((String) browser.js("return getComputedStyle(document.querySelector('main p')).fontSize")).replace("px", ""));
    assertTrue(titleSize >= textSize, "action title " + titleSize + " px, text " + textSize + " px");
  }

  @Test
  void passwordAndPhoneFieldsLookLikeTheOtherFieldsAndCheckBoxesSitBesideTheirLabels() {
    browser.open("/t/somme/offre/catalogue/nouvelle");
    assertLooksLike(driver.findElement(By.cssSelector("input[type='tel']")), driver.findElement(By.id("title")));
    browser.open("/t/deux-sevres/connexion");
    assertLooksLike(driver.findElement(By.id("password")), driver.findElement(By.id("username")));

    browser.open("/t/somme/admin/utilisateurs");
    List<WebElement> boxes = driver.findElements(By.cssSelector("main input[type='checkbox']"));
    assertFalse(boxes.isEmpty(), "no check box on the user form");
    for (WebElement box : boxes) {
      WebElement label = driver.findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']"));
      double boxMiddle = box.getRect().getY() + box.getRect().getHeight() / 2.0;
      double labelMiddle = label.getRect().getY() + label.getRect().getHeight() / 2.0;
      assertTrue(Math.abs(boxMiddle - labelMiddle) <= 6, "the check box is not on its label's line: " + label.getText());
      assertTrue(label.getRect().getX() > box.getRect().getX(), "the label is not beside its check box: " + label.getText());
    }
  }

  @Test
  void everyConfirmationIsBroughtIntoViewAndGivenTheFocus() {
    browser.open("/t/somme/offre/catalogue");
    String item = driver.findElement(By.cssSelector("main table.sortable tbody th a")).getAttribute("pathname");
    browser.phone();
    for (String page : List.of(item + "?notice=enregistree", "/t/somme/programmes/pdi-pti-2022-2025?notice=enregistre")) {
      browser.open(page);
      WebElement notice = driver.findElement(By.cssSelector("main .notice[role='status']"));
      browser.waiting().until(webDriver -> notice.equals(webDriver.switchTo().activeElement()));
      assertTrue((Boolean) browser.js(
          "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", notice),
          "the notice is out of view on " + page);
    }
  }

  /** Same width, border, padding and font as the reference field. */
  private static void assertLooksLike(WebElement field, WebElement reference) {
    for (String property : List.of("width", "borderTopWidth", "borderTopStyle", "paddingLeft", "fontSize", "borderRadius")) {
      String script = "return getComputedStyle(arguments[0])." + property;
      assertEquals(browser.js(script, reference), browser.js(script, field),
          property + " of " + field.getAttribute("type") + " differs from " + reference.getAttribute("type"));
    }
  }

  private static void tabTo(WebElement element) {
    browser.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    for (int i = 0; i < 20; i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      if ((Boolean) browser.js("return document.activeElement === arguments[0]", element)) {
        return;
      }
    }
    throw new AssertionError("Tab never reaches " + element.getAttribute("outerHTML"));
  }

  /** The menu's link of this label, shown or folded away. */
  private static WebElement link(String label) {
    return browser.navigationLinks().stream().filter(a -> a.getAttribute("textContent").strip().equals(label))
        .findFirst().orElseThrow(() -> new AssertionError("no menu entry " + label));
  }

  private static List<String> entriesUnder(String heading) {
    return driver.findElements(By.cssSelector(BrowserSupport.MAIN_NAV + " .menu-group")).stream()
        .filter(group -> group.findElement(By.cssSelector(".menu-heading")).getText().strip().equals(heading))
        .findFirst().orElseThrow(() -> new AssertionError("no heading " + heading))
        .findElements(By.cssSelector("a")).stream().map(a -> a.getText().strip()).toList();
  }

  private static List<String> current() {
    return driver.findElements(By.cssSelector(BrowserSupport.MAIN_NAV + " a[aria-current='page']")).stream()
        .map(a -> a.getText().strip()).toList();
  }

  /** WCAG 2.1 contrast ratio of two computed colours "rgb(r, g, b)". */
  static double contrast(String first, String second) {
    double a = luminance(first);
    double b = luminance(second);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static double luminance(String colour) {
    Matcher m = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)").matcher(colour);
    assertTrue(m.find(), colour);
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(m.group(i + 1)) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
