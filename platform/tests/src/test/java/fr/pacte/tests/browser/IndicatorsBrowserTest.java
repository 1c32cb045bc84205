package fr.pacte.tests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Somme's dashboards in Chromium, on the demonstration pathways of the embedded default: each chart is an image
 * with its title, beside a data table with the same figures; the territory and convention filters stay in the address;
 * the indicators page lists the mobility fiche's indicators with values.
 */
class IndicatorsBrowserTest {

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
    // The demonstration people are made at start; asked again, the demonstration makes nothing more.
    assertEquals(0, platform.pacte().pathways().demo().ensure("somme").await());
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
  void theProgrammeManagerReadsTheFileActiveChartAndItsTableThenKeepsOneTerritoryInTheAddress() {
    browser.login("somme", "pilotage");
    browser.open("/t/somme/tableaux-de-bord");
    assertEquals("Tableaux de bord", browser.h1());
    WebElement chart = driver.findElement(By.cssSelector("#bloc-file-active svg[role='img']"));
    assertEquals("File active par mois, au regard de l'objectif",
        chart.findElement(By.cssSelector("title")).getAttribute("textContent"));
    assertFalse(chart.findElements(By.cssSelector("rect")).isEmpty(), "bars drawn from the demonstration pathways");
    List<WebElement> rows = driver.findElements(By.cssSelector("#donnees-file-active tbody tr"));
    assertEquals(12, rows.size(), "one row per month of the last twelve");
    String lastEnd = rows.get(rows.size() - 1).findElements(By.cssSelector("td")).get(1).getText();
    assertTrue(Integer.parseInt(lastEnd) > 0, "people in the file active now: " + lastEnd);
    assertTrue(driver.findElement(By.cssSelector("#donnees-file-active caption")).getText().startsWith("File active et objectif par mois"));
    assertFalse(driver.findElements(By.cssSelector("#donnees-territoires tbody tr")).isEmpty());

    new Select(driver.findElement(By.id("territoire"))).selectByValue("amiens");
    browser.clickAndWait(By.cssSelector("form.filters button[type='submit']"));
    assertTrue(driver.getCurrentUrl().contains("territoire=amiens"), driver.getCurrentUrl());
    List<WebElement> territories = driver.findElements(By.cssSelector("#donnees-territoires tbody tr th"));
    assertEquals(List.of("Amiens"), territories.stream().map(WebElement::getText).toList());
    String csv = driver.findElement(By.cssSelector("#bloc-territoires .list-exports a")).getAttribute("href");
    assertTrue(csv.contains("territoire=amiens") && csv.contains("tableau=territoires") && csv.contains("format=csv"), csv);

    // The convention filter: a select of the conventions by number and operator, kept in the address with the others.
    Select conventions = new Select(driver.findElement(By.id("convention")));
    WebElement demo = conventions.getOptions().stream().filter(o -> o.getText().startsWith("DEMO-COM-2026-001 — "))
        .findFirst().orElseThrow(() -> new AssertionError("the first demonstration convention is offered"));
    String convention = demo.getAttribute("value");
    conventions.selectByValue(convention);
    browser.clickAndWait(By.cssSelector("form.filters button[type='submit']"));
    assertTrue(driver.getCurrentUrl().contains("convention=" + convention) && driver.getCurrentUrl().contains("territoire=amiens"),
        driver.getCurrentUrl());
    assertEquals(convention, new Select(driver.findElement(By.id("convention"))).getFirstSelectedOption().getAttribute("value"));

    browser.open("/t/somme/indicateurs");
    assertEquals("Indicateurs de suivi", browser.h1());
    WebElement requests = driver.findElement(By.id("indicateur-plateforme-mobilite-solidaire-sollicitations"));
    assertTrue(requests.getText().startsWith("Nombre de sollicitations des plateforme mobilité"), requests.getText());
    assertTrue(Integer.parseInt(requests.findElement(By.cssSelector("td.valeur")).getText().split(" ")[0]) > 0,
        requests.getText());
  }

  @Test
  void theProgrammeManagerSaysHowAProgrammeIndicatorIsComputedAndReadsItsSource() {
    browser.login("somme", "pilotage");
    browser.open("/t/somme/indicateurs");
    assertEquals("Programme", driver.findElement(By.id("programme")).getText());
    // Action 1-1-1 of the PDI/PTI, first indicator: entered until the programme manager says how it is computed.
    new Select(driver.findElement(By.id("indicateurProgramme"))).selectByValue("pdi-pti-2022-2025|1-1-1|1|0");
    new Select(driver.findElement(By.id("mesure"))).selectByValue("orientations");
    browser.clickAndWait(By.cssSelector("form[action$='/indicateurs/programme'] button[type='submit']"));
    assertTrue(driver.findElement(By.cssSelector("p.notice")).getText().contains("mode de calcul est enregistré"));
    String table = driver.findElement(By.id("indicateurs-programme")).getText();
    assertTrue(table.contains("Calculé : orientations sur les actions de l'offre rattachées à 1-1-1"), table);
    // Chosen again, the choice now carries its version; the positive exit rate without its exit types is refused.
    new Select(driver.findElement(By.id("indicateurProgramme"))).selectByValue("pdi-pti-2022-2025|1-1-1|1|1");
    new Select(driver.findElement(By.id("mesure"))).selectByValue("positive-exit-rate");
    browser.clickAndWait(By.cssSelector("form[action$='/indicateurs/programme'] button[type='submit']"));
    assertTrue(driver.findElement(By.id("typesSortie-error")).getText().contains("positifs"),
        driver.findElement(By.id("typesSortie-error")).getText());
  }
}
