package fr.pacte.tests.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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

  @Test
  void theDemonstrationParticipationsFollowUpFieldsGiveTheFieldIndicatorsOfEachActionTypeFigures() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Response answer = pilot.get("/api/tenants/somme/indicators");
    assertEquals(200, answer.status(), answer.body());
    Map<String, String> values = new java.util.HashMap<>();
    answer.json().getJsonArray("actionTypes").stream().map(JsonObject.class::cast).forEach(type -> type
        .getJsonArray("indicators").stream().map(JsonObject.class::cast)
        .forEach(i -> values.put(type.getString("code") + "/" + i.getString("code"), i.getString("value"))));
    // The indicators each plugin computes from its participations' fields.
    for (String indicator : List.of("plateforme-mobilite-solidaire/solutions_mobilite_mobilisees",
        "plateforme-mobilite-solidaire/personnes_accompagnees_code_permis", "plateforme-mobilite-solidaire/obtentions_code_permis",
        "equilibre-emotionnel-psychologique/reprises_parcours_soin", "equilibre-emotionnel-psychologique/stabilisations_etat_sante",
        "preparation-entree-iae/positionnements_plateforme_inclusion", "preparation-entree-iae/decouvertes_immersions",
        "preparation-entree-iae/recrutements_siae", "preparation-emploi/acces_emploi", "preparation-emploi/evolution_parcours",
        "remobilisation-sociale/evolution_parcours")) {
      String value = values.get(indicator);
      assertNotNull(value, indicator + " in " + values.keySet());
      assertTrue(new java.math.BigDecimal(value.split(" ")[0].replace(',', '.')).signum() > 0, indicator + " = " + value);
    }
  }

  @Test
  void theSommesProgrammeFileMapsIndicatorsThatTheDemonstrationParticipationsFillIn() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    TestPlatform.Response answer = pilot.get("/api/tenants/somme/indicators/programme");
    assertEquals(200, answer.status(), answer.body());
    List<JsonObject> indicators = answer.json().getJsonArray("indicators").stream().map(JsonObject.class::cast).toList();
    // pdi-pti-2022-2025.yaml, action 1-1-3, « nbr de personnes accompagnées »: computed: people-followed; the
    // demonstration's social remobilisation items serve that action.
    JsonObject followed = indicators.stream().filter(i -> i.getString("action").equals("1-1-3")
        && i.getString("indicator").equals("nbr de personnes accompagnées")).findFirst().orElseThrow();
    assertEquals("people-followed", followed.getString("measure"));
    assertEquals("file", followed.getString("declaredIn"));
    assertTrue(followed.getInteger("offerItems") > 0, followed.encode());
    assertTrue(Integer.parseInt(followed.getString("value")) > 0, followed.encode());
    assertTrue(followed.getString("source").startsWith("Calculé : personnes suivies"), followed.getString("source"));
    JsonObject rate = indicators.stream().filter(i -> i.getString("action").equals("1-1-3")
        && i.getString("indicator").equals("taux de sortie positive")).findFirst().orElseThrow();
    assertEquals(List.of("emploi-durable", "emploi-transition", "sortie-positive"), rate.getJsonArray("exitTypes").getList());
    // Those the file leaves unmapped are entered.
    assertTrue(indicators.stream().anyMatch(i -> i.getString("measure").equals("entered")
        && i.getString("source").equals("À saisir par le service du programme")));
    String page = pilot.get("/t/somme/indicateurs", "Accept", "text/html").body();
    assertTrue(page.contains("id=\"programme\"") && page.contains("nbr de personnes accompagnées"), "the page's programme section");
  }
}
