package fr.pacte.tests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A national instance starts on an empty database with a hundred and one tenant folders and a small pool: the tenants
 * are seeded a few at a time, so none waits for a connection long enough to give up and stop the start.
 */
class ManyTenantsStartTest {

  @Test
  void aHundredAndOneTenantFoldersOnAnEmptyDatabaseWithTwoConnectionsAllComeUp() {
    TestPlatform.Builder builder = TestPlatform.builder().dbPoolSize(2).withoutDemoPeople();
    List<String> slugs = new ArrayList<>();
    for (String code : departementCodes()) {
      String slug = "d" + code.toLowerCase(java.util.Locale.ROOT);
      slugs.add(slug);
      builder.tenant(slug, code);
    }
    try (TestPlatform platform = builder.start()) {
      List<String> known = platform.pacte().tenants().all().stream().map(tenant -> tenant.slug()).toList();
      assertTrue(known.containsAll(slugs), known.size() + " tenants known");
      assertTrue(platform.pacte().appliedTenantFiles().containsAll(slugs), "every file applied at this start");
      for (String slug : slugs) {
        assertEquals(200, platform.get("/api/tenants/" + slug).status(), slug);
      }
    }
  }

  /** The 101 département codes: 01 to 95 (2A and 2B for Corsica), then 971 to 976. */
  private static List<String> departementCodes() {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 95; n++) {
      if (n == 20) {
        codes.add("2A");
        codes.add("2B");
      } else {
        codes.add(String.format("%02d", n));
      }
    }
    for (int n = 971; n <= 976; n++) {
      codes.add(String.valueOf(n));
    }
    return codes;
  }
}
