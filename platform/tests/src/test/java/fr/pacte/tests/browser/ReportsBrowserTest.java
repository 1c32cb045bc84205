package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demonstration association, in Chromium, on last month's report of one of its actions: a figure corrected
 * without a comment is refused next to it with the figure typed kept; with the comment it is saved, and the report is
 * transmitted. The territory's agent then validates it from the page; another territory's agent cannot open it.
 */
class ReportsBrowserTest {

  private static final String API = "/api/tenants/somme";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static final YearMonth MONTH = YearMonth.now(ZoneId.of("Europe/Paris")).minusMonths(1);
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

  /** An action with one person in its file active since before last month, and last month's reports opened. */
  private static String report() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Client referent = platform.login("somme", "referent");
    TestPlatform.Client operator = platform.login("somme", "association");
    JsonObject item = new JsonObject().put("actionType", "plateforme-mobilite-solidaire").put("organisation", "association-demo")
        .put("title", "Mobilité — rapport dans le navigateur").put("periodStart", MONTH.minusMonths(2).atDay(1).toString())
        .put("periodEnd", "2029-12-31").put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 4)))
        .put("funders", new JsonArray().add("Département de la Somme"));
    String offer = pilot.postJson(API + "/offer", item.encode()).json().getString("id");
    String person = referent.postJson(API + "/persons", new JsonObject().put("familyName", "Navigateur").put("firstNames", "Lou")
        .put("birthDate", "1984-02-03").put("commune", "Amiens").put("territory", "amiens").put("rsaRecipient", true)
        .put("rsaCheckedOn", "2026-01-05").put("referent", new JsonObject().put("organisationKind", "departement")
            .put("organisation", "Département de la Somme")).encode()).json().getString("id");
    JsonObject o = referent.postJson(API + "/orientations", new JsonObject().put("person", person).put("offer", offer)
        .put("territory", "amiens").put("prescriberKind", "departement").encode()).json();
    assertEquals(200, operator.postJson(API + "/orientations/" + o.getString("id") + "/accept", new JsonObject()
        .put("entryDate", MONTH.minusMonths(1).atDay(12).toString()).put("version", o.getInteger("version")).encode()).status());
    assertEquals(200, pilot.postJson(API + "/reports/open", new JsonObject().put("month", MONTH.toString()).encode()).status());
    return pilot.get(API + "/reports?from=" + MONTH + "&to=" + MONTH).jsonArray().stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("offer").equals(offer)).findFirst().orElseThrow().getString("id");
  }

  @Test
  void theOperatorCorrectsAFigureWithItsCommentAndTransmitsThenTheTerritoryValidates() {
    String id = report();
    browser.login("somme", "association");
    browser.open("/t/somme/rapports");
    assertEquals("Rapports mensuels", browser.h1());
    browser.clickAndWait(By.linkText("Mobilité — rapport dans le navigateur"));
    assertTrue(browser.h1().startsWith("Rapport mensuel de "), browser.h1());
    WebElement end = driver.findElement(By.id("value-file-active-end"));
    assertEquals("1", end.getAttribute("value"), "prefilled from the pathways");

    end.clear();
    end.sendKeys("2");
    browser.clickAndWait(By.cssSelector("form[action$='/rapports/" + id + "'] button[type='submit']"));
    WebElement error = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error-file-active-end")));
    assertTrue(error.getText().contains("un chiffre corrigé demande un commentaire"), error.getText());
    assertEquals("2", driver.findElement(By.id("value-file-active-end")).getAttribute("value"), "the figure typed is kept");
    assertEquals("true", driver.findElement(By.id("comment-file-active-end")).getAttribute("aria-invalid"),
        "the comment asked for is marked and described by the error");

    driver.findElement(By.id("comment-file-active-end")).sendKeys("Une entrée du dernier jour saisie le lendemain.");
    browser.clickAndWait(By.cssSelector("form[action$='/rapports/" + id + "'] button[type='submit']"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Enregistré."));
    browser.clickAndWait(By.cssSelector("form[action$='/transmettre'] button"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("État : Transmis"),
        driver.findElement(By.tagName("main")).getText());

    driver.manage().deleteAllCookies();
    browser.login("somme", "agent.amiens");
    browser.open("/t/somme/rapports/" + id);
    browser.clickAndWait(By.cssSelector("form[action$='/valider'] button"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("État : Validé par le territoire"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Une entrée du dernier jour saisie le lendemain."));

    driver.manage().deleteAllCookies();
    browser.login("somme", "agent.picardie-maritime");
    browser.open("/t/somme/rapports/" + id);
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("autre territoire"),
        "another territory's agent is refused");
  }
}
