package fr.pacte.tests.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Organisations and their document vault through the real server: checks of SIRET/RNA, versions and conflicts,
 * the operator's scope, uploads of every kind of file and the audit trail.
 */
class OrganisationsTest {

  private static final String API = "/api/tenants/somme/organisations";
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client association;

  @BeforeAll
  static void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    pilot = platform.login("somme", "pilotage");
    association = platform.login("somme", "association");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static JsonObject organisation(String name, String siret) {
    return new JsonObject().put("name", name).put("siret", siret).put("legalForm", "Association loi 1901")
        .put("address", new JsonObject().put("street", "12 rue des Jacobins").put("postalCode", "80000").put("city", "Amiens"))
        .put("legalRepresentative", new JsonObject().put("name", "Jeanne Martin").put("role", "présidente"))
        .put("contacts", new JsonArray().add(new JsonObject().put("name", "Paul Durand").put("email", "paul@example.org")))
        .put("territories", new JsonArray().add("amiens").add("cinq-vallees"));
  }

  @Test
  void theDemoOperatorOrganisationExistsInEveryTenant() {
    for (String tenant : List.of("somme", "allier", "deux-sevres")) {
      TestPlatform.Client admin = platform.login(tenant, "admin");
      TestPlatform.Response response = admin.get("/api/tenants/" + tenant + "/organisations/association-demo");
      assertEquals(200, response.status(), tenant + ": " + response.body());
      assertEquals("operator", response.json().getString("kind"));
    }
  }

  @Test
  void staffCreateAnOrganisationAndTheChangeIsAudited() {
    TestPlatform.Response created = pilot.postJson(API, organisation("Mobilité Solidaire Somme", "130 030 133 00016")
        .put("id", "mobilite-solidaire-somme").encode());
    assertEquals(201, created.status(), created.body());
    assertEquals("13003013300016", created.json().getString("siret"));
    assertEquals(1, created.json().getInteger("version"));
    assertEquals(API + "/mobilite-solidaire-somme", created.header("Location"));
    assertEquals(List.of("amiens", "cinq-vallees"), created.json().getJsonArray("territories").getList());

    JsonArray audit = platform.login("somme", "admin").get("/api/tenants/somme/audit?limit=50").jsonArray();
    assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(event -> event.getString("action").equals("organisation.created")
        && event.getString("target").equals("organisation:mobilite-solidaire-somme")
        && event.getString("actor").startsWith("somme:pilotage")), audit.encodePrettily());

    // The same SIRET twice in a département is a conflict with what is stored, on the field.
    TestPlatform.Response twice = pilot.postJson(API, organisation("Doublon", "13003013300016").encode());
    assertEquals(409, twice.status(), twice.body());
    assertEquals("application/problem+json", twice.header("Content-Type"));
    assertEquals("siret", twice.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aWrongSiretIsRefusedOnItsFieldAndNothingIsSaved() {
    TestPlatform.Response refused = pilot.postJson(API, organisation("Association Clé Fausse", "13003013300017")
        .put("rna", "W12").encode());
    assertEquals(400, refused.status());
    assertEquals("application/problem+json", refused.header("Content-Type"));
    JsonArray errors = refused.json().getJsonArray("errors");
    assertTrue(errors.contains(new JsonObject().put("field", "siret")
        .put("message", "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.")), errors.encode());
    assertTrue(errors.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("field").equals("rna")), errors.encode());
    assertEquals(404, pilot.get(API + "/association-cle-fausse").status());
  }

  @Test
  void aStaleUpdateIsAConflictAndOverwritesNothing() {
    assertEquals(201, pilot.postJson(API, organisation("Association Itinér'Air", "44306184100047").encode()).status());
    JsonObject first = organisation("Association Itinér'Air", "44306184100047").put("legalForm", "SCIC").put("version", 1);
    TestPlatform.Response saved = pilot.putJson(API + "/association-itinerair", first.encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals(2, saved.json().getInteger("version"));

    JsonObject stale = organisation("Association Itinér'Air", "44306184100047").put("legalForm", "SARL").put("version", 1);
    TestPlatform.Response conflict = platform.login("somme", "admin").putJson(API + "/association-itinerair", stale.encode());
    assertEquals(409, conflict.status());
    assertTrue(conflict.json().getString("detail").contains("modifiée entre-temps"), conflict.body());
    assertEquals("SCIC", pilot.get(API + "/association-itinerair").json().getString("legalForm"));

    // Without a version, an update is refused rather than applied blindly.
    TestPlatform.Response blind = pilot.putJson(API + "/association-itinerair", organisation("X", "44306184100047").encode());
    assertEquals(400, blind.status());
    assertEquals("version", blind.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void anOperatorSeesAndEditsItsOwnOrganisationOnly() {
    assertEquals(201, pilot.postJson(API, organisation("Autre structure", "78467169500087").encode()).status());
    JsonArray visible = association.get(API).jsonArray();
    assertEquals(List.of("association-demo"), visible.stream().map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals(403, association.get(API + "/autre-structure").status());
    assertEquals(403, association.putJson(API + "/autre-structure",
        organisation("Autre structure", "78467169500087").put("version", 1).encode()).status());
    assertEquals(403, association.postJson(API, organisation("Nouvelle", "73282932000074").encode()).status());

    JsonObject own = association.get(API + "/association-demo").json();
    JsonObject changes = organisation("Association de démonstration", null).put("rna", "W802001234")
        .put("version", own.getInteger("version"));
    TestPlatform.Response saved = association.putJson(API + "/association-demo", changes.encode());
    assertEquals(200, saved.status(), saved.body());
    assertEquals("W802001234", saved.json().getString("rna"));

    // Another département's administrator sees nothing of the Somme's organisations.
    assertEquals(401, platform.login("allier", "admin").get(API + "/association-demo").status());
  }

  @Test
  void documentsAreVersionedAndARefusedFileChangesNothing() {
    String path = API + "/association-demo/documents";
    TestPlatform.Response first = upload(association, path, new Multipart().field("kind", "statuts")
        .file("statuts.pdf", Multipart.pdf("statuts 2019", 100)));
    assertEquals(201, first.status(), first.body());
    String id = first.json().getString("id");
    assertEquals(1, first.json().getJsonObject("current").getInteger("number"));

    // Over the global 1 MiB limit, under the vault's 10 MiB one: the upload route has its own body handling.
    TestPlatform.Response second = upload(association, path, new Multipart().field("kind", "statuts")
        .file("statuts-2025.docx", Multipart.pdf("statuts 2025", 2 * 1024 * 1024)));
    assertEquals(201, second.status(), second.body());
    assertEquals(id, second.json().getString("id"), "a new upload of the same kind is a new version of the same document");
    JsonObject current = second.json().getJsonObject("current");
    assertEquals(2, current.getInteger("number"));
    assertEquals("application/pdf", current.getString("mediaType"), "the type comes from the content, not the name");
    assertEquals("statuts-2025.pdf", current.getString("fileName"));

    // A renamed executable is refused, in French, on the file field; the statutes keep their two versions.
    TestPlatform.Response refused = upload(association, path, new Multipart().field("kind", "statuts")
        .file("statuts.pdf", "MZ\u0000\u0000 This program cannot be run in DOS mode"));
    assertEquals(400, refused.status());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("file", error.getString("field"));
    assertTrue(error.getString("message").startsWith("Fichier refusé : programme exécutable Windows."), error.getString("message"));
    TestPlatform.Response stillCurrent = association.get(path + "/" + id + "/current");
    assertEquals(2, stillCurrent.json().getInteger("number"));
    assertEquals(2, association.get(path + "/" + id).json().getJsonArray("versions").size());

    // The stable id reads the current version's bytes; older versions stay readable.
    TestPlatform.Response content = association.get(path + "/" + id + "/current/content");
    assertEquals(200, content.status());
    assertEquals("application/pdf", content.header("Content-Type"));
    assertTrue(content.body().startsWith("%PDF-1.4\n% statuts 2025"));
    assertTrue(association.get(path + "/" + id + "/versions/1/content").body().startsWith("%PDF-1.4\n% statuts 2019"));

    // Attestations need their expiry date; CVs are one document per person.
    TestPlatform.Response noDate = upload(association, path, new Multipart().field("kind", "attestation")
        .field("label", "Attestation de vigilance URSSAF").file("urssaf.pdf", Multipart.pdf("urssaf", 10)));
    assertEquals("validUntil", noDate.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(201, upload(association, path, new Multipart().field("kind", "cv").field("label", "Paul Durand")
        .file("cv.pdf", Multipart.pdf("cv paul", 10))).status());
    assertEquals(201, upload(association, path, new Multipart().field("kind", "cv").field("label", "Léa Petit")
        .file("cv.pdf", Multipart.pdf("cv léa", 10))).status());
    JsonArray documents = association.get(path).jsonArray();
    assertEquals(3, documents.size(), documents.encodePrettily());

    // The page says who deposited a version by name, not by the account's code; the ids in a disclosure.
    String page = association.get("/t/somme/organisations/association-demo", "Accept", "text/html").body();
    assertFalse(page.contains("par somme:"), "the audit trail's code of the account");
    assertTrue(page.contains("Déposée le") && page.matches("(?s).*>\\d{2}/\\d{2}/\\d{4}</td>.*"), "the day it was deposited, French");
    assertTrue(page.contains("Déposée par") && page.matches("(?s).*>par [^<:]+</td>.*"), "who deposited it, by name");
    assertTrue(page.contains("<summary>Détails techniques</summary><p class=\"muted\">Identifiant : <code>association-demo</code>"),
        "the organisation's id kept in a disclosure");

    // Staff read them; another operator's organisation is out of reach.
    assertEquals(200, pilot.get(path + "/" + id + "/current").status());
    assertEquals(403, upload(association, API + "/mobilite-solidaire-somme/documents", new Multipart().field("kind", "rib")
        .file("rib.pdf", Multipart.pdf("rib", 10))).status());
  }

  @Test
  void aBodyAboveTheVaultLimitIsRefused() {
    TestPlatform.Response tooBig = upload(association, API + "/association-demo/documents", new Multipart().field("kind", "rib")
        .file("rib.pdf", Multipart.pdf("rib", 11 * 1024 * 1024)));
    assertEquals(413, tooBig.status());
    assertEquals("application/problem+json", tooBig.header("Content-Type"));
    // From the page, the browser is sent back to the organisation with the reason.
    TestPlatform.Response page = association.send("POST", "/t/somme/organisations/association-demo/documents",
        Multipart.CONTENT_TYPE, new Multipart().field("kind", "rib").file("rib.pdf", Multipart.pdf("rib", 11 * 1024 * 1024))
            .body(association), "Accept", "text/html");
    assertEquals(303, page.status(), page.body());
    assertTrue(page.header("Location").endsWith("/t/somme/organisations/association-demo?refus=taille#documents"),
        page.header("Location"));
    assertTrue(association.get(page.header("Location").replace("#documents", ""), "Accept", "text/html").body()
        .contains("il dépasse la limite de 10 Mio"));
  }

  @Test
  void theOrganisationPageShowsARefusedFilesReasonNextToTheField() {
    association.get("/t/somme/organisations/association-demo", "Accept", "text/html");
    TestPlatform.Response refused = association.send("POST", "/t/somme/organisations/association-demo/documents",
        Multipart.CONTENT_TYPE, new Multipart().field("kind", "rib").file("rib.pdf", "<html><body>RIB</body></html>")
            .body(association), "Accept", "text/html");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("id=\"upload-file-error\""), refused.body());
    assertTrue(refused.body().contains("Fichier refusé : page web, SVG ou XML."), refused.body());
    assertTrue(refused.body().contains("Le document n&#39;a pas été déposé") || refused.body().contains("Le document n'a pas été déposé"));

    TestPlatform.Response accepted = association.send("POST", "/t/somme/organisations/association-demo/documents",
        Multipart.CONTENT_TYPE, new Multipart().field("kind", "rib").file("rib.pdf", Multipart.pdf("rib", 10)).body(association),
        "Accept", "text/html");
    assertEquals(303, accepted.status(), accepted.body());
    String page = association.get("/t/somme/organisations/association-demo", "Accept", "text/html").body();
    assertTrue(page.contains("RIB ou RIP"), page);

    // Without the CSRF field, a multipart post is refused.
    TestPlatform.Response forged = association.send("POST", "/t/somme/organisations/association-demo/documents",
        Multipart.CONTENT_TYPE, "--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nrib\r\n--"
            + Multipart.BOUNDARY + "--\r\n");
    assertEquals(403, forged.status());
  }

  @Test
  void theEditFormKeepsWhatWasTypedAndSaysWhatIsWrong() {
    TestPlatform.Response page = pilot.postForm("/t/somme/organisations", "name=Structure+Test&siret=13003013300017"
        + "&address.postalCode=800", "Accept", "text/html");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("id=\"siret-error\""), page.body().substring(Math.max(0, page.body().indexOf("<main"))));
    assertTrue(page.body().contains("value=\"13003013300017\""), "the typed SIRET is lost");
    assertTrue(page.body().contains("Le code postal compte 5 chiffres."));
    assertTrue(page.body().contains("aria-invalid=\"true\""));
    assertFalse(pilot.get(API).body().contains("Structure Test"));
  }

  private static TestPlatform.Response upload(TestPlatform.Client client, String path, Multipart multipart) {
    return client.send("POST", path, Multipart.CONTENT_TYPE, multipart.body(client));
  }
}
