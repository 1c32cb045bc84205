package fr.pacte.tests.referentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The référentiels' pages have French addresses; the old ones, by code, lead there for good (301). */
class FrenchAddressesTest {

  private static final Map<String, String> PAGES = Map.of("exit-types", "types-de-sortie",
      "territory-layers", "types-de-territoire", "orientation-types", "types-d-orientation",
      "prescriber-types", "types-de-prescripteur", "vocabulary", "vocabulaire", "thematics", "thematiques");
  private static TestPlatform platform;
  private static TestPlatform.Client admin;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    admin = platform.login("somme", "admin");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void theReferentialsPagesAreLinkedUnderFrenchAddresses() {
    String overview = admin.get("/t/somme/referentiels", "Accept", "text/html").body();
    PAGES.forEach((code, french) -> {
      assertTrue(overview.contains("href=\"/t/somme/referentiels/" + french + "\""), "no link to " + french);
      assertFalse(overview.contains("href=\"/t/somme/referentiels/" + code + "\""), "a link by code: " + code);
      TestPlatform.Response page = admin.get("/t/somme/referentiels/" + french, "Accept", "text/html");
      assertEquals(200, page.status(), french);
    });
    String exits = admin.get("/t/somme/referentiels/types-de-sortie", "Accept", "text/html").body();
    assertTrue(exits.contains("href=\"/t/somme/referentiels/types-de-sortie/emploi-durable\""), "entry links by code");
  }

  @Test
  void anOldAddressByCodeIsMovedPermanentlyToItsFrenchAddress() {
    TestPlatform.Response old = admin.get("/t/somme/referentiels/exit-types", "Accept", "text/html");
    assertEquals(301, old.status());
    assertEquals("/t/somme/referentiels/types-de-sortie", old.header("Location"));
    TestPlatform.Response entry = admin.get("/t/somme/referentiels/vocabulary/feuille-de-route?notice=x", "Accept", "text/html");
    assertEquals(301, entry.status());
    assertEquals("/t/somme/referentiels/vocabulaire/feuille-de-route?notice=x", entry.header("Location"));
    assertEquals(200, admin.get("/t/somme/referentiels/vocabulaire/feuille-de-route", "Accept", "text/html").status());
  }
}
