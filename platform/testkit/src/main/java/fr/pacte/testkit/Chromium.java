package fr.pacte.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium through the system chromedriver (nothing is downloaded).
 * Where Chromium is missing, browser tests are skipped with the install command; under CI they fail instead,
 * because CI installs it and a skip there would hide a broken page (the rule of {@link NoSkipUnderCi}, applied here
 * too so that it holds wherever the extension is not registered).
 */
public final class Chromium {

  private static final Path BROWSER = Path.of(System.getenv().getOrDefault("PACTE_CHROMIUM", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getenv().getOrDefault("PACTE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  public static final String INSTALL_HINT =
      "Chromium is not installed: browser tests skipped. Install it with: sudo apt-get install chromium chromium-driver";

  private Chromium() {
  }

  public static boolean available() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** Skips the calling test when Chromium is absent (fails under CI=true). */
  public static void assumeAvailable() {
    if (!available() && NoSkipUnderCi.ciEnvironment()) {
      throw new IllegalStateException("CI=true but " + INSTALL_HINT);
    }
    Assumptions.assumeTrue(available(), INSTALL_HINT);
  }

  public static WebDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,1000", "--lang=fr-FR");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
