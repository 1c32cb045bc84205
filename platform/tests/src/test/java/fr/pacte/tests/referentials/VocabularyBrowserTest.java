package fr.pacte.tests.referentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Chromium;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium: the Somme's administrator gives a vocabulary entry the département's own label, sees it marked
 * "Surchargé", then returns it to the national value.
 */
class VocabularyBrowserTest {

  private static final String ROW = "tr#entree-feuille-de-route";

  private static TestPlatform platform;
  private static WebDriver driver;

  @BeforeAll
  static void start() {
    Chromium.assumeAvailable();
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    driver = Chromium.start();
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

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  private static void open(String path) {
    driver.get(platform.url() + path);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#contenu h1")));
  }

  @Test
  void anAdministratorOverridesAVocabularyLabelAndReturnsToTheNationalValue() {
    open("/t/somme/connexion");
    driver.findElement(By.id("username")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys("pacte-demo");
    driver.findElement(By.cssSelector("main form button[type='submit']")).click();
    waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));

    open("/t/somme/referentiels/vocabulaire");
    assertEquals("Vocabulaire", driver.findElement(By.cssSelector("main h1")).getText().strip());
    assertTrue(driver.findElement(By.cssSelector("tr#entree-referent")).getText().contains("Référent RSA"),
        "the Somme's own word, from tenants/somme/referentiels.yaml");
    WebElement row = driver.findElement(By.cssSelector(ROW));
    assertTrue(row.getText().contains("Valeur nationale"), row.getText());

    row.findElement(By.cssSelector("th a")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("label")));
    driver.findElement(By.id("label")).sendKeys("Feuille de route du territoire d'action sociale");
    driver.findElement(By.xpath("//button[normalize-space()='Enregistrer la valeur du département']")).click();

    waiting().until(ExpectedConditions.urlContains("notice=surcharge"));
    WebElement notice = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main p.notice[role='status']")));
    assertTrue(notice.getText().contains("« Feuille de route du territoire d'action sociale »"),
        "the entry by its label, not its code: " + notice.getText());
    assertNoticeHasTheFocusInView();
    row = driver.findElement(By.cssSelector(ROW));
    assertTrue(row.getText().contains("Feuille de route du territoire d'action sociale"), row.getText());
    assertTrue(row.getText().contains("Surchargé par "), row.getText());
    assertTrue(!row.getText().contains("somme:admin") && !row.getText().contains("feuille-de-route"),
        "who changed it by name, and no code where people read: " + row.getText());

    row.findElement(By.cssSelector("th a")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("label")));
    driver.findElement(By.xpath("//button[normalize-space()='Revenir à la valeur nationale']")).click();
    waiting().until(ExpectedConditions.urlContains("notice=nationale"));
    row = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ROW)));
    assertTrue(row.getText().contains("Valeur nationale"), row.getText());
    assertNoticeHasTheFocusInView();
    assertTrue(!row.getText().contains("territoire d'action sociale"), row.getText());
  }

  /**
   * After a save the focus is on the notice (a status that screen readers read, focusable by script only) and the
   * notice is on screen; from it a link leads to the entry in the list.
   */
  private static void assertNoticeHasTheFocusInView() {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    waiting().until(d -> (Boolean) js.executeScript("return document.readyState === 'complete'"));
    WebElement notice = driver.findElement(By.cssSelector("main p.notice[role='status']"));
    assertEquals("-1", notice.getAttribute("tabindex"));
    waiting().until(d -> (Boolean) js.executeScript("return document.activeElement === arguments[0]", notice));
    assertTrue((Boolean) js.executeScript("var r = arguments[0].getBoundingClientRect();"
        + " return r.top >= 0 && r.bottom <= window.innerHeight", notice), "the focused notice is off screen");
    WebElement toEntry = notice.findElement(By.linkText("Voir l'entrée dans la liste"));
    assertEquals("#entree-feuille-de-route", toEntry.getAttribute("hash"));
  }
}
