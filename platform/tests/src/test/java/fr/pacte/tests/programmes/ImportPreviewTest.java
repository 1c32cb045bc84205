package fr.pacte.tests.programmes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An import shows what it would change and is applied only once confirmed; one that removes most of a programme
 * says so; the replaced version is restorable in one action, on the page and through the API; YAML mistakes are
 * told in French with their line and column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPreviewTest {

  private static final String CODE = "pti-amiens-2018-2021";
  private static final String PROGRAMME = "/api/tenants/somme/programmes/" + CODE;

  private TestPlatform platform;
  private Client pilotage;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    pilotage = platform.login("somme", "pilotage");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private int actions() {
    return pilotage.get("/api/tenants/somme/programmes").jsonArray().stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("code").equals(CODE)).findFirst().orElseThrow().getJsonObject("counts").getInteger("actions");
  }

  /** The first part of the export, cut after its first axis's first action: most of the programme is missing. */
  private String truncatedExport() {
    String export = pilotage.get(PROGRAMME + "/export.yaml").body();
    int firstAction = export.indexOf("actions:");
    int cut = export.indexOf("\n", export.indexOf("title:", firstAction)) + 1;
    return export.substring(0, cut);
  }

  private static String files(String content) {
    return new JsonObject().put("files", new JsonArray().add(new JsonObject().put("name", "programmes/" + CODE + ".yaml")
        .put("content", content))).encode();
  }

  @Test
  void aTruncatedPasteIsPreviewedWithItsRemovalsAndNothingIsAppliedUntilConfirmedThenTheRestoreBringsItBack() {
    int before = actions();
    assertTrue(before > 5, "the Amiens PTI has actions: " + before);
    String truncated = truncatedExport();

    // The page: a preview that says loudly what would go, and nothing written.
    String form = "yaml=" + URLEncoder.encode(truncated, StandardCharsets.UTF_8);
    Response preview = pilotage.postForm("/t/somme/import", form, "Accept", "text/html");
    assertEquals(200, preview.status(), preview.body());
    assertTrue(preview.body().contains("Aperçu : ce que cet import changerait"), preview.body());
    assertTrue(preview.body().contains("id=\"retrait-majeur\""), "the removal of most of the programme is said loudly");
    assertTrue(preview.body().contains("Actions retirées : " + (before - 1)), preview.body());
    assertTrue(preview.body().contains("Confirmer l&#39;import") || preview.body().contains("Confirmer l'import"));
    assertEquals(before, actions(), "nothing is applied before confirmation");

    // The API: the same preview, and an import that changes something existing needs "confirm".
    Response apiPreview = pilotage.postJson("/api/tenants/somme/import/preview", files(truncated));
    assertEquals(200, apiPreview.status(), apiPreview.body());
    JsonObject change = apiPreview.json().getJsonArray("programmes").getJsonObject(0);
    assertTrue(change.getBoolean("exists") && change.getBoolean("removesMost"), change.encode());
    assertEquals(before - 1, change.getJsonObject("actions").getJsonArray("removed").size());
    Response unconfirmed = pilotage.postJson("/api/tenants/somme/import", files(truncated));
    assertEquals(409, unconfirmed.status(), unconfirmed.body());
    assertEquals(before, actions(), "an unconfirmed import changes nothing");

    // Confirmed from the page: applied.
    String confirm = "confirmer=1&file_name_0=" + URLEncoder.encode("texte collé", StandardCharsets.UTF_8)
        + "&file_content_0=" + URLEncoder.encode(truncated, StandardCharsets.UTF_8);
    Response applied = pilotage.postForm("/t/somme/import", confirm, "Accept", "text/html");
    assertEquals(200, applied.status(), applied.body());
    assertTrue(applied.body().contains("Programme remplacé"), applied.body());
    assertEquals(1, actions());

    // The programme page offers the restore; one action puts the previous version back.
    String page = pilotage.get("/t/somme/programmes/" + CODE, "Accept", "text/html").body();
    assertTrue(page.contains("Restaurer la version précédente"), "the restore is offered on the page");
    assertTrue(page.matches("(?s).*\\(remplacée par [^<:]+, le \\d{2}/\\d{2}/\\d{4}\\)\\..*"),
        "who replaced it, by name, and when");
    assertFalse(page.contains("somme:pilotage"), "the account's code where people read");
    assertFalse(platform.login("somme", "auditeur").get("/t/somme/programmes/" + CODE, "Accept", "text/html").body()
        .contains("Restaurer la version précédente"), "not to a reader who may not restore");
    int version = pilotage.get(PROGRAMME).json().getInteger("version");
    Response restored = pilotage.postForm("/t/somme/programmes/" + CODE + "/restaurer", "version=" + version);
    assertEquals(303, restored.status(), restored.body());
    assertEquals(before, actions(), "the previous version is back");

    // Through the API, restoring again undoes the restore.
    assertEquals(1, pilotage.get(PROGRAMME + "/previous-versions").jsonArray().getJsonObject(0)
        .getJsonObject("counts").getInteger("actions"));
    Response again = pilotage.postJson(PROGRAMME + "/restore", "{}");
    assertEquals(200, again.status(), again.body());
    assertEquals(1, actions());
    assertEquals(403, platform.login("somme", "auditeur").postJson(PROGRAMME + "/restore", "{}").status());
    assertEquals(200, pilotage.postJson(PROGRAMME + "/restore", "{}").status());
    assertEquals(before, actions());
  }

  @Test
  void aYamlMistakeIsToldInFrenchWithItsLineAndColumn() {
    Response refused = pilotage.postJson("/api/tenants/somme/import/preview",
        files("code: essai\nkind: pti\ntitle: Essai\npilots: [DILE, France Travail\nperiod: x\n"));
    assertEquals(400, refused.status(), refused.body());
    String message = refused.json().getJsonArray("errors").getJsonObject(0).getString("message");
    assertTrue(message.startsWith("programmes/" + CODE + ".yaml, ligne 5, colonne "), message);
    assertTrue(message.contains("il manque une virgule ou un crochet fermant « ] »"), message);
    Response page = pilotage.postForm("/t/somme/import", "yaml=" + URLEncoder.encode("code: essai\ntitle: Axe 1: x\n",
        StandardCharsets.UTF_8), "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("ligne 2, colonne 13") && page.body().contains("un deux-points « : » est inattendu ici"),
        page.body());
  }
}
