package fr.pacte.tests.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's demonstration reports, made through the reporting services after the demonstration people:
 * the Somme's last two months give reports with real figures, along the whole workflow, and a fiche bilan.
 */
class ReportsDemoTest {

  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void theSommesDemonstrationPeopleGiveNonEmptyReportsAlongTheWorkflowAndAFicheBilan() {
    // Both demonstrations are made at start; asked again, they make nothing more.
    assertEquals(0, platform.pacte().pathways().demo().ensure("somme").await(), "made once");
    assertEquals(0, platform.pacte().reporting().demo().ensure("somme").await(), "made once");

    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    YearMonth last = YearMonth.now(ZoneId.of("Europe/Paris")).minusMonths(1);
    List<JsonObject> reports = pilot.get("/api/tenants/somme/reports?from=" + last.minusMonths(1) + "&to=" + last)
        .jsonArray().stream().map(JsonObject.class::cast).toList();
    long filled = reports.stream().filter(r -> r.getJsonArray("lines").stream().map(JsonObject.class::cast)
        .anyMatch(l -> l.getString("code").equals("file-active-end") && l.getInteger("prefilled") > 0)).count();
    assertTrue(filled >= 5, "reports with people in their file active: " + filled);
    Set<String> states = reports.stream().map(r -> r.getString("state")).collect(Collectors.toSet());
    assertTrue(states.containsAll(Set.of("draft", "submitted", "approved", "locked")), states.toString());
    assertTrue(reports.stream().anyMatch(r -> r.getJsonArray("lines").stream().map(JsonObject.class::cast)
        .anyMatch(l -> l.getBoolean("corrected"))), "one figure reconciled with its comment");

    List<JsonObject> evaluations = pilot.get("/api/tenants/somme/evaluations").jsonArray().stream()
        .map(JsonObject.class::cast).toList();
    assertEquals(1, evaluations.size());
    assertEquals("DEMO-COM-2026-001", evaluations.get(0).getString("reference"));

    String page = pilot.get("/t/somme/rapports?from=" + last.minusMonths(1) + "&to=" + last, "Accept", "text/html").body();
    assertTrue(page.contains("(démonstration)"), page);
    TestPlatform.Client operator = platform.login("somme", "association");
    assertTrue(operator.get("/t/somme/bilans", "Accept", "text/html").body().contains("DEMO-COM-2026-001"));
  }
}
