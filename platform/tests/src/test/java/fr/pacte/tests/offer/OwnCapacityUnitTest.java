package fr.pacte.tests.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import fr.pacte.tests.faults.TestPluginJar;
import fr.pacte.tests.offer.plugins.ChildcarePlacesActionType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An action type counting in a unit of its own ("places de garde") is read in its own words wherever the host shows
 * a capacity: the needs page and its export, the call's needs, the offer; never as people in a file, workshops, or
 * the API's placeholder "unité propre au type d'action".
 */
class OwnCapacityUnitTest {

  private static TestPlatform platform;
  private static TestPlatform.Client pilot;

  @BeforeAll
  static void start() throws IOException {
    Path tenants = TenantFolders.copy(Repository.tenants());
    Path somme = tenants.resolve("somme");
    replace(somme.resolve("tenant.yaml"), "  - id: fse-plus\n", "  - id: " + ChildcarePlacesActionType.ID + "\n  - id: fse-plus\n");
    // The needs file counts in the action type's own unit; the pages take its words from the descriptor.
    replace(somme.resolve("needs/aap-insertion-2026-2028.yaml"), "\nnotes:\n", """

          - action_type: modes-de-garde
            unit: OWN
            label: "MODES DE GARDE"
            by_territory: {amiens: 1, cinq-vallees: 12}
        notes:
        """);
    replace(somme.resolve("calls/aap-insertion-2026-2028.yaml"), "lots:\n", """
        lots:
          - code: modes-de-garde
            title: "Modes de garde"
            actionType: modes-de-garde
            territories: [amiens, cinq-vallees]
        """);
    Path plugins = Files.createTempDirectory("pacte-own-unit-plugins-");
    TestPluginJar.builder(ChildcarePlacesActionType.ID).extension(ChildcarePlacesActionType.class)
        .writeTo(plugins, "own-unit-childcare.jar");
    platform = TestPlatform.builder().tenantsDir(tenants).pluginsDir(plugins).withoutDemoPeople().start();
    pilot = platform.login("somme", "pilotage");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), file + " has no " + from);
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)),
        StandardCharsets.UTF_8);
  }

  private static String text(String html) {
    return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  @Test
  void theNeedsPageAndItsExportCountInThePluginsOwnUnit() {
    TestPlatform.Response page = pilot.get("/t/somme/besoins", "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    String body = text(page.body());
    assertTrue(body.contains("En places de garde."), body);
    assertFalse(body.contains("unité propre au type d'action"), "the API's placeholder is shown");
    TestPlatform.Response csv = pilot.get("/t/somme/besoins?type=modes-de-garde&format=csv");
    assertEquals(200, csv.status(), csv.body());
    String amiens = csv.body().lines().filter(line -> line.contains("Amiens")).findFirst().orElse("");
    assertTrue(amiens.contains("places de garde"), csv.body());
  }

  @Test
  void theCallsNeedsSayOnePlaceAndTwelvePlaces() {
    TestPlatform.Response page = platform.anonymous().get("/t/somme/appels-a-projets", "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    String lot = page.body().substring(page.body().indexOf("id=\"lot-modes-de-garde\""));
    lot = text(lot.substring(0, lot.indexOf("</table>")));
    assertTrue(lot.contains("Amiens 1 place de garde"), lot);
    assertTrue(lot.contains("Cinq Vallées 12 places de garde"), lot);
    assertFalse(lot.contains("personnes en file active"), lot);
  }

  @Test
  void anOfferItemShowsItsPlacesInTheUnitOfItsActionType() {
    JsonObject item = new JsonObject().put("actionType", ChildcarePlacesActionType.CODE).put("organisation", "association-demo")
        .put("title", "Crèche AVIP").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 1)))
        .put("funders", new JsonArray().add("Département de la Somme"));
    TestPlatform.Response created = pilot.postJson("/api/tenants/somme/offer", item.encode());
    assertEquals(201, created.status(), created.body());
    TestPlatform.Response page = pilot.get("/t/somme/offre/catalogue/" + created.json().getString("id"), "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    assertTrue(text(page.body()).contains("1 place de garde, dont"), text(page.body()));
  }
}
