package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The programme manager of the Somme, in Chromium, on a demonstration convention: a tranche voted above what the
 * convention plans is refused with the reason next to the amount, the amount typed kept; voted lower, it becomes
 * firm; then an amendment raises a territory's objective and the offer's places follow.
 */
class ConventionsBrowserTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static WebDriver driver;
  private static BrowserSupport browser;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
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

  private static void set(String id, String value) {
    browser.js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  private static void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  @Test
  void theProgrammeManagerVotesTheThirdYearLowerThenAmendsAnObjectiveAndThePlacesFollow() throws Exception {
    browser.login("somme", "pilotage");
    browser.open("/t/somme/conventions");
    assertEquals("Conventions", browser.h1());
    driver.findElement(By.linkText("DEMO-COM-2026-003")).click();
    browser.waitForPage();
    String page = driver.getCurrentUrl();
    String id = page.substring(page.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    assertTrue(driver.findElement(By.id("annee-3")).getText().contains("Prévisionnelle"));

    type("votedCents", "60 000");
    set("deliberationDate", "2027-11-29");
    type("deliberationReference", "CP du 29 novembre 2027, n° 18");
    driver.findElement(By.cssSelector("form[action$='/tranches/3'] button[type='submit']")).click();
    browser.waitForPage();
    WebElement error = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("votedCents-error")));
    assertTrue(error.getText().contains("un avenant est nécessaire"), error.getText());
    assertEquals("true", driver.findElement(By.id("votedCents")).getAttribute("aria-invalid"));
    assertEquals("60 000", driver.findElement(By.id("votedCents")).getAttribute("value"), "the amount typed is kept");

    type("votedCents", "48 000");
    driver.findElement(By.cssSelector("form[action$='/tranches/3'] button[type='submit']")).click();
    browser.waitForPage();
    assertEquals("La délibération sur la tranche est enregistrée.",
        driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    String year3 = driver.findElement(By.id("annee-3")).getText();
    assertTrue(year3.contains("Ferme (votée)") && year3.contains("48 000 €"), year3);

    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    JsonObject convention = pilot.get("/api/tenants/somme/conventions/" + id).json();
    String territory = convention.getJsonArray("territories").getString(0);
    String offer = convention.getJsonObject("terms").getString("offerId");
    int target = convention.getJsonObject("terms").getJsonArray("objectives").getJsonObject(0).getInteger("target");
    type("object", "Renfort de la file active");
    set("signedOn", "2026-02-01");
    for (int year = 1; year <= 3; year++) {
      type("amend.objective." + year + "." + territory, String.valueOf(target + 10));
    }
    driver.findElement(By.cssSelector("form[action$='/avenants'] button[type='submit']")).click();
    browser.waitForPage();
    assertEquals("L'avenant est enregistré ; les termes en vigueur sont mis à jour.",
        driver.findElement(By.cssSelector("main p.notice[role='status']")).getText().strip());
    String amendment = driver.findElement(By.id("avenant-1")).getText();
    assertTrue(amendment.contains("Avenant n° 1") && amendment.contains(String.valueOf(target + 10)), amendment);
    int places = pilot.get("/api/tenants/somme/offer/" + offer).json().getJsonArray("places").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("territory").equals(territory)).findFirst().orElseThrow()
        .getInteger("capacity");
    assertEquals(target + 10, places, "the offer's places follow the amendment");
    assertEquals(List.of(), browser.cspViolations());
  }
}
