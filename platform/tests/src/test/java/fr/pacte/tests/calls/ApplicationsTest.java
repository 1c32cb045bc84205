package fr.pacte.tests.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.Role;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.Application;
import fr.pacte.server.calls.ApplicationService;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.Problem;
import fr.pacte.tests.TenantFolders;
import fr.pacte.tests.organisations.Multipart;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Applications on the extranet, on the real tenants and plugins: the demonstration association answers two lots with
 * one general part and its vault's documents, saves drafts (a stale one is a 409), is told what is missing, submits
 * and gets its acknowledgement of receipt; the deadline decided by the clock at 23:59:59 and 00:00:00 Paris time;
 * and nobody outside the application's organisations, territories or tenant sees it.
 */
class ApplicationsTest {

  private static final String CALLS = "/api/tenants/somme/calls";
  private static final String APPLICATIONS = "/api/tenants/somme/applications";
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client association;
  private static TestPlatform.Client otherOperator;
  private static Pool pool;
  /** The association's vault: kind (and label) → document id. */
  private static final Map<String, String> vault = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    association = platform.login("somme", "association");
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(platform.pacte().node().database().appConnectOptions())
        .using(platform.pacte().node().vertx()).build();
    for (String[] file : List.of(new String[] {"rib", ""}, new String[] {"rapport-activite", ""},
        new String[] {"composition-gouvernance", ""}, new String[] {"cv", "Paul Durand"},
        new String[] {"fiche-synthetique", "Mobilité"}, new String[] {"modelisation", "Mobilité"},
        new String[] {"fiche-synthetique", "Remobilisation"}, new String[] {"modelisation", "Remobilisation"})) {
      TestPlatform.Response uploaded = association.send("POST", "/api/tenants/somme/organisations/association-demo/documents",
          Multipart.CONTENT_TYPE, new Multipart().field("kind", file[0]).field("label", file[1])
              .file(file[0] + ".pdf", Multipart.pdf(file[0] + " " + file[1], 20)).body(association));
      assertEquals(201, uploaded.status(), uploaded.body());
      vault.put(file[0] + (file[1].isEmpty() ? "" : ":" + file[1]), uploaded.json().getString("id"));
    }
    otherOperator = anotherOrganisationsOperator();
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close().await();
    }
    platform.close();
  }

  /** An operator account of another organisation, created and invited by the administrator. */
  private static TestPlatform.Client anotherOrganisationsOperator() {
    TestPlatform.Client admin = platform.login("somme", "admin");
    TestPlatform.Response organisation = pilot.postJson("/api/tenants/somme/organisations", new JsonObject()
        .put("id", "autre-association").put("kind", "operator").put("name", "Autre association").put("rna", "W801000123").encode());
    assertEquals(201, organisation.status(), organisation.body());
    TestPlatform.Response user = admin.postJson("/api/tenants/somme/users", new JsonObject().put("username", "autre.asso")
        .put("displayName", "Autre association").put("email", "autre.asso@somme.example")
        .put("roles", new JsonArray().add("operator")).put("organisation", "autre-association").encode());
    assertEquals(201, user.status(), user.body());
    String invitation = user.json().getString("invitation");
    String password = "Un mot de passe assez long";
    String form = "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&confirmation="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    TestPlatform.Client newcomer = platform.anonymous();
    newcomer.get(invitation, "Accept", "text/html");
    assertEquals(303, newcomer.postForm(invitation, form).status());
    return platform.login("somme", "autre.asso", password);
  }

  /** A call published now with two lots (mobility on Amiens and Cinq Vallées, social remobilisation on Amiens). */
  private static JsonObject openCall(String title) {
    JsonObject body = new JsonObject().put("title", title).put("thematic", "Insertion").put("deadline", "2030-08-23T00:00")
        .put("needsFrom", "aap-insertion-2026-2028").put("indirectCostCapPercent", 20).put("maxConventionYears", 3)
        .put("lots", new JsonArray()
            .add(new JsonObject().put("code", "mobilite").put("title", "Plateforme mobilité")
                .put("actionType", "plateforme-mobilite-solidaire").put("territories", new JsonArray().add("amiens").add("cinq-vallees")))
            .add(new JsonObject().put("code", "remobilisation").put("title", "Remobilisation sociale")
                .put("actionType", "remobilisation-sociale").put("territories", new JsonArray().add("amiens"))))
        .put("criteria", new JsonArray().add(new JsonObject().put("code", "qualite").put("label", "Qualité du projet")
            .put("weight", 3).put("scale", new JsonArray().add(new JsonObject().put("score", 0).put("label", "Insuffisant"))
                .add(new JsonObject().put("score", 2).put("label", "Bon")))));
    TestPlatform.Response created = pilot.postJson(CALLS, body.encode());
    assertEquals(201, created.status(), created.body());
    JsonObject call = created.json();
    TestPlatform.Response published = pilot.postJson(CALLS + "/" + call.getString("id") + "/publish", "{}",
        "If-Match", "\"" + call.getInteger("version") + "\"");
    assertEquals(200, published.status(), published.body());
    return published.json();
  }

  private static JsonObject start(TestPlatform.Client client, JsonObject call) {
    TestPlatform.Response created = client.postJson(CALLS + "/" + call.getString("id") + "/applications", "{}");
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  /** One year of budget: staff and rent, co-funded by the Région, the rest asked from the Département. */
  private static JsonObject year(int year, long staff, long rent, long region) {
    return new JsonObject().put("year", year).put("direct", new JsonObject().put("staffCents", staff))
        .put("indirect", new JsonObject().put("rentCents", rent))
        .put("cofunding", region == 0 ? new JsonArray() : new JsonArray().add(new JsonObject()
            .put("funder", "Région Hauts-de-France").put("amountCents", region).put("status", "obtained")))
        .put("requestedCents", staff + rent - region);
  }

  private static JsonObject project(String lot, List<String> territories, String documents) {
    JsonArray objectives = new JsonArray();
    territories.forEach(t -> {
      for (int y = 1; y <= 3; y++) {
        objectives.add(new JsonObject().put("territory", t).put("year", y).put("target", 30 + y));
      }
    });
    return new JsonObject().put("lot", lot).put("title", "Projet " + lot).put("territories", new JsonArray(territories))
        .put("description", "Accompagnement de proximité des allocataires du RSA.")
        .put("objectives", objectives).put("indicators", new JsonArray().add("Taux de sorties positives"))
        .put("budget", new JsonArray().add(year(1, 6_000_000, 2_500_000, 1_000_000)).add(year(2, 6_000_000, 1_000_000, 0))
            .add(year(3, 6_000_000, 1_000_000, 0)))
        .put("attachments", new JsonArray().add(vault.get("fiche-synthetique:" + documents)).add(vault.get("modelisation:" + documents)));
  }

  /** A complete application: general part, the organisation's documents, two projects. */
  private static JsonObject complete() {
    return new JsonObject()
        .put("general", new JsonObject()
            .put("identification", new JsonObject().put("name", "Association de démonstration").put("siret", "73282932000074")
                .put("address", "1 rue de la République, 80000 Amiens").put("email", "contact@asso.example").put("phone", "03 22 00 00 00"))
            .put("legalRepresentative", new JsonObject().put("name", "Jeanne Leroy").put("role", "Présidente"))
            .put("fileContact", new JsonObject().put("name", "Paul Durand").put("role", "Directeur")
                .put("email", "paul.durand@asso.example").put("phone", "03 22 00 00 01"))
            .put("administrative", new JsonObject().put("legalForm", "Association loi 1901").put("creationDate", "2001-05-02"))
            .put("humanResources", new JsonObject().put("employees", 8).put("fullTimeEquivalents", "6,5")
                .put("description", "Conseillers en insertion."))
            .put("experience", new JsonObject().put("description", "Quinze ans auprès des allocataires du RSA."))
            .put("yearlyBudget", new JsonObject().put("year", 2025).put("totalCents", 45_000_000L)))
        .put("attachments", new JsonArray().add(vault.get("rib")).add(vault.get("rapport-activite"))
            .add(vault.get("composition-gouvernance")).add(vault.get("cv:Paul Durand")))
        .put("projects", new JsonArray().add(project("mobilite", List.of("amiens", "cinq-vallees"), "Mobilité"))
            .add(project("remobilisation", List.of("amiens"), "Remobilisation")));
  }

  private static TestPlatform.Response put(TestPlatform.Client client, JsonObject application, JsonObject body) {
    return client.putJson(APPLICATIONS + "/" + application.getString("id"), body.encode(),
        "If-Match", "\"" + application.getInteger("version") + "\"");
  }

  private static TestPlatform.Response submit(TestPlatform.Client client, JsonObject application) {
    return client.postJson(APPLICATIONS + "/" + application.getString("id") + "/submit", "{}",
        "If-Match", "\"" + application.getInteger("version") + "\"");
  }

  private static Map<String, String> errors(TestPlatform.Response response) {
    return response.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(e -> e.getString("field"), e -> e.getString("message"), (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void theAssociationAnswersTwoLotsWithOneGeneralPartAndItsVaultDocumentsThenSubmitsAndGetsItsAcknowledgement() throws Exception {
    JsonObject call = openCall("Appel à deux lots");
    JsonObject draft = start(association, call);
    assertEquals("draft", draft.getString("state"));
    assertEquals("association-demo", draft.getString("organisation"));
    assertEquals("Association de démonstration",
        draft.getJsonObject("general").getJsonObject("identification").getString("name"), "prefilled");
    assertEquals(409, association.postJson(CALLS + "/" + call.getString("id") + "/applications", "{}").status(),
        "one general part per organisation and call");

    TestPlatform.Response saved = put(association, draft, complete());
    assertEquals(200, saved.status(), saved.body());
    JsonObject application = saved.json();
    assertEquals(draft.getInteger("version") + 1, application.getInteger("version"));
    assertEquals(List.of("mobilite", "remobilisation"), application.getJsonArray("projects").stream()
        .map(p -> ((JsonObject) p).getString("lot")).toList(), "two lots answered");
    assertEquals(8, application.getJsonArray("attachments").size(), "four parts of the organisation, two per project");
    assertEquals(4, application.getJsonArray("attachments").stream().map(JsonObject.class::cast)
        .filter(a -> a.getValue("lot") == null).count(), "the organisation's parts once, in the general part");
    // Year 1: 60 000 + 25 000 = 85 000 €, indirect 29,41 %; cap 17 000, so 8 000 not funded; Région 10 000:
    // fundable min(75 000, 77 000 − 10 000) = 67 000. Years 2 and 3: 70 000, 14,29 %, fundable as asked.
    JsonObject budget = application.getJsonArray("projects").getJsonObject(0).getJsonObject("budget");
    JsonObject first = budget.getJsonArray("years").getJsonObject(0).getJsonObject("computed");
    assertEquals(8_500_000L, first.getLong("totalCents"));
    assertEquals(800_000L, first.getLong("unfundedIndirectCents"));
    assertEquals(6_700_000L, first.getLong("fundableCents"));
    assertEquals(6_700_000L + 7_000_000L + 7_000_000L, budget.getJsonObject("totals").getLong("fundableCents"));

    TestPlatform.Response submitted = submit(association, application);
    assertEquals(200, submitted.status(), submitted.body());
    JsonObject done = submitted.json();
    assertEquals("submitted", done.getString("state"));
    String hash = done.getString("contentHash");
    assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    for (Object item : done.getJsonArray("attachments")) {
      JsonObject attachment = (JsonObject) item;
      int current = association.get(attachment.getString("href")).json().getJsonObject("current").getInteger("number");
      assertEquals(current, attachment.getInteger("versionNumber"), "the vault's current version is fixed at submission");
    }

    TestPlatform.Response pdf = association.get(APPLICATIONS + "/" + done.getString("id") + "/acknowledgement");
    assertEquals(200, pdf.status());
    assertEquals("application/pdf", pdf.header("Content-Type"));
    assertTrue(pdf.body().startsWith("%PDF"), "a PDF");

    assertEquals(409, put(association, done, complete()).status(), "a submitted application no longer changes");
  }

  @Test
  void theAcknowledgementOfReceiptNamesTheTimeTheHashAndThePartsReceived() throws Exception {
    JsonObject call = openCall("Appel pour l'accusé de réception");
    JsonObject draft = start(association, call);
    JsonObject application = put(association, draft, complete()).json();
    ApplicationService service = service();
    Application submitted = service.submit(associationAt(LocalDateTime.now(PARIS)), UUID.fromString(application.getString("id")),
        application.getInteger("version")).toCompletionStage().toCompletableFuture().join();
    byte[] pdf = service.acknowledgement(associationAt(LocalDateTime.now(PARIS)), submitted.id())
        .toCompletionStage().toCompletableFuture().join();
    String text = PdfText.of(pdf).replaceAll("\\s+", " ");
    assertTrue(text.contains("Accusé de réception"), text);
    assertTrue(text.contains(submitted.contentHash()), "the content's SHA-256: " + text);
    assertTrue(text.contains("Plateforme mobilité") && text.contains("Remobilisation sociale"), text);
    assertTrue(text.contains("RIB ou RIP"), "the parts received are listed: " + text);
    assertTrue(text.contains("heure de Paris"), text);
  }

  @Test
  void aSaveFromASecondTabOnTheSameVersionIsRefusedWith409AndTheFirstSaveIsKept() {
    JsonObject draft = start(association, openCall("Appel aux deux onglets"));
    JsonObject firstTab = complete();
    JsonObject secondTab = complete();
    secondTab.getJsonObject("general").getJsonObject("identification").put("name", "Nom du second onglet");
    TestPlatform.Response first = put(association, draft, firstTab);
    assertEquals(200, first.status(), first.body());
    TestPlatform.Response second = put(association, draft, secondTab);
    assertEquals(409, second.status(), second.body());
    assertTrue(second.json().getString("detail").contains("enregistrée entre-temps"), second.body());
    JsonObject now = association.get(APPLICATIONS + "/" + draft.getString("id")).json();
    assertEquals("Association de démonstration", now.getJsonObject("general").getJsonObject("identification").getString("name"));
    assertEquals(first.json().getInteger("version"), now.getInteger("version"));
    assertEquals(400, association.putJson(APPLICATIONS + "/" + draft.getString("id"), secondTab.encode()).status(),
        "a save without the version read is refused");
  }

  @Test
  void aSubmissionOfAnIncompleteApplicationSaysInFrenchWhatIsMissingFieldByField() {
    JsonObject draft = start(association, openCall("Appel incomplet"));
    JsonObject partial = complete();
    partial.getJsonObject("general").getJsonObject("identification").remove("siret");
    partial.put("attachments", new JsonArray().add(vault.get("cv:Paul Durand")));
    JsonObject mobility = partial.getJsonArray("projects").getJsonObject(0);
    mobility.put("description", "");
    mobility.getJsonArray("budget").getJsonObject(1).put("requestedCents", 1_000L);
    partial.put("projects", new JsonArray().add(mobility));
    JsonObject saved = put(association, draft, partial).json();

    TestPlatform.Response refused = submit(association, saved);
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.json().getString("type").endsWith("candidature-incomplete"), refused.body());
    Map<String, String> missing = errors(refused);
    assertTrue(missing.get("general.identification.siret").contains("« SIRET » est à renseigner"), missing.toString());
    assertTrue(missing.get("attachments.rib").contains("RIB ou RIP"), missing.toString());
    assertTrue(missing.containsKey("attachments.rapport-activite"), missing.toString());
    assertFalse(missing.containsKey("attachments.cv"), "the CV is attached: " + missing);
    assertTrue(missing.get("projects[0].description").contains("Projet « Plateforme mobilité » : la description"), missing.toString());
    assertTrue(missing.get("projects[0].budget.2.balanced").contains("n'est pas équilibré"), missing.toString());
    assertEquals("draft", association.get(APPLICATIONS + "/" + saved.getString("id")).json().getString("state"));
  }

  @Test
  void aMalformedValueIsRefusedNamingItsFieldAndNothingIsWritten() {
    JsonObject draft = start(association, openCall("Appel mal rempli"));
    JsonObject wrong = complete();
    wrong.getJsonObject("general").getJsonObject("identification").put("siret", "123");
    wrong.getJsonArray("projects").getJsonObject(0).getJsonArray("budget").getJsonObject(0)
        .getJsonObject("direct").put("staffCents", -5);
    wrong.getJsonArray("projects").getJsonObject(1).put("territories", new JsonArray().add("picardie-maritime"));
    wrong.getJsonArray("projects").getJsonObject(1).put("attachments", new JsonArray().add(UUID.randomUUID().toString()));
    TestPlatform.Response refused = put(association, draft, wrong);
    assertEquals(400, refused.status(), refused.body());
    Map<String, String> errors = errors(refused);
    assertTrue(errors.containsKey("general.identification.siret"), errors.toString());
    assertTrue(errors.containsKey("projects[0].budget[0].direct.staffCents"), errors.toString());
    assertTrue(errors.get("projects[1].territories[0]").contains("ne couvre pas"), errors.toString());
    assertTrue(errors.get("projects[1].attachments[0]").contains("coffre-fort"), errors.toString());
    JsonObject unchanged = association.get(APPLICATIONS + "/" + draft.getString("id")).json();
    assertEquals(draft.getInteger("version"), unchanged.getInteger("version"));
    assertTrue(unchanged.getJsonArray("projects").isEmpty());
  }

  @Test
  void onlyTheApplicationsOrganisationsItsTerritoriesStaffAndNoOtherTenantSeeIt() {
    JsonObject call = openCall("Appel et périmètres");
    JsonObject draft = start(association, call);
    JsonObject application = put(association, draft, complete()).json();
    String id = application.getString("id");
    String list = CALLS + "/" + call.getString("id") + "/applications";
    String page = "/t/somme/candidatures/" + id;

    assertEquals(1, pilot.get(list).jsonArray().size());
    assertEquals(200, pilot.get(page, "Accept", "text/html").status());
    TestPlatform.Client amiens = platform.login("somme", "agent.amiens");
    assertEquals(1, amiens.get(list).jsonArray().size(), "a project covers Amiens");
    assertEquals(200, amiens.get(APPLICATIONS + "/" + id).status());

    TestPlatform.Client picardie = platform.login("somme", "agent.picardie-maritime");
    assertEquals(0, picardie.get(list).jsonArray().size(), "no project covers Picardie maritime");
    assertEquals(404, picardie.get(APPLICATIONS + "/" + id).status());
    assertEquals(404, picardie.get(page, "Accept", "text/html").status());
    assertFalse(picardie.get("/t/somme/appels/" + call.getString("id") + "/candidatures", "Accept", "text/html").body()
        .contains(id));

    assertEquals(0, otherOperator.get(list).jsonArray().size(), "another organisation's operator sees none of it");
    assertEquals(404, otherOperator.get(APPLICATIONS + "/" + id).status());
    assertEquals(404, otherOperator.get(APPLICATIONS + "/" + id + "/acknowledgement").status());
    assertEquals(404, otherOperator.get(page, "Accept", "text/html").status());
    assertEquals(404, put(otherOperator, application, complete()).status());

    TestPlatform.Client otherTenant = platform.login("deux-sevres", "association");
    assertEquals(404, otherTenant.get("/api/tenants/deux-sevres/applications/" + id).status(),
        "row-level security: the Somme's application does not exist in Deux-Sèvres");
    assertTrue(otherTenant.get(APPLICATIONS + "/" + id).status() >= 401, "nor through the Somme's address");
    assertEquals(404, otherTenant.get("/t/deux-sevres/candidatures/" + id, "Accept", "text/html").status());
    TestPlatform.Client deuxSevresPilot = platform.login("deux-sevres", "pilotage");
    assertEquals(404, deuxSevresPilot.get("/api/tenants/deux-sevres/calls/" + call.getString("id") + "/applications").status());
  }

  @Test
  void everyMemberOfAGroupementSeesTheApplicationAndOnlyTheLeadChangesIt() {
    JsonObject call = openCall("Appel en groupement");
    JsonObject draft = start(association, call);
    TestPlatform.Response saved = put(association, draft, complete().put("members", new JsonArray().add("autre-association")));
    assertEquals(200, saved.status(), saved.body());
    JsonObject application = saved.json();
    assertEquals(List.of("lead", "member"), application.getJsonArray("members").stream()
        .map(m -> ((JsonObject) m).getString("role")).toList());
    String list = CALLS + "/" + call.getString("id") + "/applications";
    assertEquals(1, otherOperator.get(list).jsonArray().size(), "the member sees the groupement's application");
    assertEquals(200, otherOperator.get(APPLICATIONS + "/" + application.getString("id")).status());
    assertEquals(403, put(otherOperator, application, complete()).status(), "the lead alone changes and submits it");
    assertEquals(400, put(association, application, complete().put("members", new JsonArray().add("inconnue"))).status());
  }

  @Test
  void aPartMissingFromTheVaultIsUploadedFromTheApplicationIntoTheVaultAndAttachedFromTheApiAndThePage() {
    JsonObject call = openCall("Appel aux pièces déposées");
    JsonObject draft = start(association, call);
    TestPlatform.Response first = put(association, draft, complete());
    assertEquals(200, first.status(), first.body());
    JsonObject saved = first.json();
    String id = draft.getString("id");
    TestPlatform.Response uploaded = association.send("POST", APPLICATIONS + "/" + id + "/attachments", Multipart.CONTENT_TYPE,
        new Multipart().field("kind", "cv").field("label", "Nadia Benali").field("version", String.valueOf(saved.getInteger("version")))
            .file("cv-nadia.pdf", Multipart.pdf("CV Nadia Benali", 20)).body(association));
    assertEquals(201, uploaded.status(), uploaded.body());
    JsonObject application = uploaded.json();
    assertEquals(saved.getInteger("version") + 1, application.getInteger("version"));
    assertTrue(application.getJsonArray("attachments").stream().map(JsonObject.class::cast)
        .anyMatch(a -> "cv".equals(a.getString("part")) && "Nadia Benali".equals(a.getString("label"))), application.encode());
    assertTrue(association.get("/api/tenants/somme/organisations/association-demo/documents").body().contains("Nadia Benali"),
        "the part is now in the organisation's vault");

    TestPlatform.Response wrongPart = association.send("POST", APPLICATIONS + "/" + id + "/attachments", Multipart.CONTENT_TYPE,
        new Multipart().field("kind", "fiche-synthetique").field("label", "Sans lot").file("fiche.pdf", Multipart.pdf("fiche", 20))
            .body(association));
    assertEquals(400, wrongPart.status(), wrongPart.body());
    assertEquals("application/problem+json", wrongPart.header("Content-Type"));
    assertTrue(wrongPart.body().contains("\"kind\""), wrongPart.body());
    assertEquals(404, otherOperator.send("POST", APPLICATIONS + "/" + id + "/attachments", Multipart.CONTENT_TYPE,
        new Multipart().field("kind", "rib").file("rib.pdf", Multipart.pdf("rib", 20)).body(otherOperator)).status(),
        "another organisation's application is not found");

    association.get("/t/somme/candidatures/" + id, "Accept", "text/html");
    TestPlatform.Response refused = association.send("POST", "/t/somme/candidatures/" + id + "/pieces", Multipart.CONTENT_TYPE,
        new Multipart().field("kind", "rib").file("rib.pdf", "<html><body>RIB</body></html>").body(association),
        "Accept", "text/html");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("id=\"upload-file-error\""), refused.body());
    association.get("/t/somme/candidatures/" + id, "Accept", "text/html");
    TestPlatform.Response page = association.send("POST", "/t/somme/candidatures/" + id + "/pieces", Multipart.CONTENT_TYPE,
        new Multipart().field("lot", "mobilite").field("kind", "fiche-synthetique").field("label", "Fiche mobilité déposée")
            .file("fiche.pdf", Multipart.pdf("fiche mobilité", 20)).body(association), "Accept", "text/html");
    assertEquals(303, page.status(), page.body());
    JsonObject now = association.get(APPLICATIONS + "/" + id).json();
    assertTrue(now.getJsonArray("attachments").stream().map(JsonObject.class::cast)
        .anyMatch(a -> "mobilite".equals(a.getString("lot")) && "Fiche mobilité déposée".equals(a.getString("label"))), now.encode());
  }

  @Test
  void everyChangeOfAnApplicationIsSignalledToTheNodesWhenItsTransactionCommits() throws InterruptedException {
    List<JsonObject> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.vertx.pgclient.pubsub.PgSubscriber subscriber = io.vertx.pgclient.pubsub.PgSubscriber.subscriber(
        platform.pacte().node().vertx(), platform.pacte().node().database().appConnectOptions());
    subscriber.channel(fr.pacte.server.database.ClusterSignals.CHANNEL).handler(payload -> heard.add(new JsonObject(payload)));
    subscriber.connect().await();
    try {
      JsonObject draft = start(association, openCall("Appel signalé"));
      assertEquals(200, put(association, draft, complete()).status());
      assertEquals(400, put(association, association.get(APPLICATIONS + "/" + draft.getString("id")).json(),
          new JsonObject().put("general", "pas un objet")).status(), "refused whole: no signal");
      long until = System.currentTimeMillis() + 10_000;
      while (heard.stream().noneMatch(s -> "application.saved".equals(s.getString("action"))) && System.currentTimeMillis() < until) {
        Thread.sleep(100);
      }
      List<String> actions = heard.stream().filter(s -> "application-changed".equals(s.getString("kind"))
          && draft.getString("id").equals(s.getString("application"))).map(s -> s.getString("action")).toList();
      assertEquals(List.of("application.created", "application.saved"), actions);
      assertTrue(heard.stream().filter(s -> draft.getString("id").equals(s.getString("application")))
          .allMatch(s -> "somme".equals(s.getString("tenant"))));
    } finally {
      subscriber.close();
    }
  }

  @Test
  void theCallPageOffersToAnswerAndTheStaffListFiltersAndExportsInCsv() {
    JsonObject call = openCall("Appel à la liste");
    JsonObject draft = start(association, call);
    put(association, draft, complete());
    String callPage = "/t/somme/appels/" + call.getString("id");
    assertTrue(association.get(callPage, "Accept", "text/html").body().contains("Répondre à l'appel"));
    TestPlatform.Response answer = association.get(callPage + "/repondre", "Accept", "text/html");
    assertEquals(303, answer.status(), "the organisation already answers: its application opens");
    assertTrue(answer.header("Location").endsWith("/candidatures/" + draft.getString("id")), answer.header("Location"));

    String listPage = callPage + "/candidatures";
    String all = pilot.get(listPage, "Accept", "text/html").body();
    assertTrue(all.contains("Plateforme mobilité") && all.contains("Remobilisation sociale"), all);
    String cinqVallees = pilot.get(listPage + "?territoire=cinq-vallees", "Accept", "text/html").body();
    assertTrue(cinqVallees.contains("Exporter la liste (1 ligne)"), "only the mobility project covers Cinq Vallées");
    assertTrue(pilot.get(listPage + "?etat=submitted", "Accept", "text/html").body().contains("Aucune candidature"));
    TestPlatform.Response csv = pilot.get(listPage + ".csv?lot=remobilisation");
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertEquals(2, lines.size(), csv.body());
    assertTrue(lines.get(1).contains("Remobilisation sociale;Amiens;Brouillon"), lines.get(1));
    // 85 000 + 70 000 + 70 000 € of cost, 45 000 of it indirect (20 %); asked 75 000 + 70 000 + 70 000; the first
    // year's 8 000 € of indirect costs above the cap and the Région's 10 000 € leave 67 000 € fundable that year.
    assertEquals(draft.getString("id") + ";Association de démonstration;;Remobilisation sociale;Amiens;Brouillon;;"
        + "225000,00;20,00;215000,00;207000,00", lines.get(1));
  }

  @Test
  void theFormSavesADraftFromThePageAndShowsTheMissingFieldsInFrench() {
    JsonObject call = openCall("Appel par la page");
    TestPlatform.Response started = association.postForm("/t/somme/appels/" + call.getString("id") + "/repondre", "");
    assertEquals(303, started.status(), started.body());
    String page = started.header("Location").replace("?notice=cree", "");
    String id = page.substring(page.lastIndexOf('/') + 1);
    JsonObject before = association.get(APPLICATIONS + "/" + id).json();
    String form = "version=" + before.getInteger("version")
        + "&general.identification.name=" + URLEncoder.encode("Association de démonstration", StandardCharsets.UTF_8)
        + "&lots=mobilite&project.mobilite.territories=amiens"
        + "&project.mobilite.budget.1.staff=" + URLEncoder.encode("60 000", StandardCharsets.UTF_8)
        + "&project.mobilite.budget.1.rent=25000&project.mobilite.budget.1.requested=85000";
    TestPlatform.Response saved = association.postForm(page, form);
    assertEquals(303, saved.status(), saved.body());
    JsonObject after = association.get(APPLICATIONS + "/" + id).json();
    JsonObject year = after.getJsonArray("projects").getJsonObject(0).getJsonObject("budget").getJsonArray("years").getJsonObject(0);
    assertEquals(6_000_000L, year.getJsonObject("direct").getLong("staffCents"), "euros typed, cents stored");
    assertEquals(7_700_000L, year.getJsonObject("computed").getLong("fundableCents"));

    TestPlatform.Response badAmount = association.postForm(page, form.replace("version=" + before.getInteger("version"),
        "version=" + after.getInteger("version")).replace("rent=25000", "rent=douze"));
    assertEquals(400, badAmount.status());
    assertTrue(badAmount.body().contains("Un montant en euros"), "the reason next to the field");
    assertTrue(badAmount.body().contains("value=\"douze\""), "what was typed is kept");

    TestPlatform.Response stale = association.postForm(page, form);
    assertEquals(409, stale.status());
    assertTrue(stale.body().contains("Ce que vous aviez saisi est conservé"), "nothing typed is lost");

    TestPlatform.Response refused = association.postForm(page + "/deposer", "version=" + after.getInteger("version"));
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("pas été déposée : il manque"), refused.body());
    assertTrue(refused.body().contains("« SIRET » est à renseigner"));
    assertTrue(refused.body().contains("année 2 pour Amiens (personnes en file active)"), refused.body());

    TestPlatform.Response budget = association.postForm(page + "/budget/mobilite",
        "project.mobilite.budget.1.staff=80000&project.mobilite.budget.1.rent=20000&project.mobilite.budget.1.requested=100000");
    assertEquals(200, budget.status());
    assertTrue(budget.body().contains("100 000 €") && budget.body().contains("20,00 %"), "computed by the server: " + budget.body());
  }

  /** The service as the node has it; the clock of each request context decides the deadline. */
  private static ApplicationService service() {
    return new ApplicationService(platform.pacte().node().vertx(), new TenantTransactions(pool), platform.pacte().tenants(),
        new AuditStore());
  }

  private static RequestContext associationAt(LocalDateTime parisTime) {
    Principal principal = new Principal("association", "association", "Association opératrice (démo)", "somme",
        Set.of(Role.OPERATOR), Scope.organisation("association-demo"));
    Clock clock = Clock.fixed(parisTime.atZone(PARIS).toInstant(), PARIS);
    return new RequestContext("somme", principal, principal.scope(), principal.actor(), null, clock, PARIS);
  }

  /** The input form of a saved application, to save it again. */
  private static JsonObject inputOf(Application application) {
    JsonObject json = application.toJson("somme");
    JsonArray general = new JsonArray();
    json.getJsonArray("attachments").stream().map(JsonObject.class::cast).filter(a -> a.getValue("lot") == null)
        .forEach(a -> general.add(a.getString("document")));
    JsonArray projects = new JsonArray();
    for (Object item : json.getJsonArray("projects")) {
      JsonObject project = ((JsonObject) item).copy();
      String lot = project.getString("lot");
      project.put("budget", project.getJsonObject("budget").getJsonArray("years"));
      project.put("attachments", new JsonArray(json.getJsonArray("attachments").stream().map(JsonObject.class::cast)
          .filter(a -> lot.equals(a.getValue("lot"))).map(a -> a.getString("document")).toList()));
      projects.add(project);
    }
    return new JsonObject().put("general", json.getJsonObject("general")).put("attachments", general).put("projects", projects);
  }

  private static Problem refusal(Runnable action) {
    try {
      action.run();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Problem problem) {
        return problem;
      }
      throw e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void onTheSommeCallTheAssociationIsRefusedAtMidnightOn23AugustAndAcceptedAt235959On22AugustParisTime() {
    JsonObject sommeCall = pilot.get(CALLS).jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> "aap-insertion-2026-2028".equals(c.getString("code"))).findFirst().orElseThrow();
    UUID callId = UUID.fromString(sommeCall.getString("id"));
    LocalDateTime midnight = LocalDateTime.of(2025, 8, 23, 0, 0, 0);
    LocalDateTime lastSecond = LocalDateTime.of(2025, 8, 22, 23, 59, 59);
    ApplicationService service = service();
    // The demonstration association's draft of the embedded default, answered on 20 August: two lots, no SIRET yet.
    // The call has since been decided (the demonstration's commission permanente of 8 December 2025): read-only.
    Application demo = service.ofOrganisation(associationAt(lastSecond), callId).toCompletionStage().toCompletableFuture()
        .join().orElseThrow();
    assertEquals(2, demo.projects().size());
    assertTrue(demo.attachments().isEmpty(), "the demonstration leaves the vault as it is");
    JsonObject completed = inputOf(demo);
    completed.getJsonObject("general").getJsonObject("identification").put("siret", "73282932000074");
    completed.put("attachments", new JsonArray().add(vault.get("rib")).add(vault.get("rapport-activite"))
        .add(vault.get("composition-gouvernance")).add(vault.get("cv:Paul Durand")));
    completed.getJsonArray("projects").getJsonObject(0).put("attachments", new JsonArray()
        .add(vault.get("fiche-synthetique:Mobilité")).add(vault.get("modelisation:Mobilité")));
    completed.getJsonArray("projects").getJsonObject(1).put("attachments", new JsonArray()
        .add(vault.get("fiche-synthetique:Remobilisation")).add(vault.get("modelisation:Remobilisation")));
    Problem decided = refusal(() -> service.update(associationAt(lastSecond), demo.id(), completed, demo.version())
        .toCompletionStage().toCompletableFuture().join());
    assertEquals(409, decided.status());
    assertTrue(decided.detail().contains("décidé"), decided.detail());

    // The Somme's call as it stood on 3 June 2025: its copy, with its deadline (22 août minuit), published that day.
    UUID sameCall = publishedOn3June2025(callId);
    Application answered = service.create(associationAt(LocalDateTime.of(2025, 8, 20, 10, 0)), sameCall, new JsonObject())
        .toCompletionStage().toCompletableFuture().join();
    Problem late = refusal(() -> service.update(associationAt(midnight), answered.id(), completed, answered.version())
        .toCompletionStage().toCompletableFuture().join());
    assertEquals(409, late.status());
    assertTrue(late.detail().contains("22 août 2025 à minuit"), late.detail());
    Problem lateSubmission = refusal(() -> service.submit(associationAt(midnight), answered.id(), answered.version())
        .toCompletionStage().toCompletableFuture().join());
    assertEquals(409, lateSubmission.status());

    Application saved = service.update(associationAt(lastSecond), answered.id(), completed, answered.version())
        .toCompletionStage().toCompletableFuture().join();
    Application submitted = service.submit(associationAt(lastSecond), answered.id(), saved.version())
        .toCompletionStage().toCompletableFuture().join();
    assertEquals(Application.State.SUBMITTED, submitted.state());
    assertEquals(2, submitted.projects().size());
    assertEquals(Instant.parse("2025-08-22T21:59:59Z"), submitted.submittedAt(), "23:59:59 in Paris (UTC+2)");
    assertEquals(409, refusal(() -> service.update(associationAt(lastSecond), answered.id(), completed, submitted.version())
        .toCompletionStage().toCompletableFuture().join()).status(), "submitted: nothing changes any more");
  }

  /** A copy of the call, with the same lots, grid and deadline, published on 3 June 2025 (the clock of a CallService). */
  private static UUID publishedOn3June2025(UUID callId) {
    fr.pacte.server.calls.CallService calls = new fr.pacte.server.calls.CallService(new TenantTransactions(pool),
        platform.pacte().tenants(), platform.pacte().plugins(), new AuditStore(),
        Clock.fixed(LocalDateTime.of(2025, 6, 3, 9, 0).atZone(PARIS).toInstant(), PARIS));
    fr.pacte.server.identity.Actor actor = fr.pacte.server.identity.Actor.system("test");
    fr.pacte.server.calls.CallForProjects original = calls.get("somme", callId).toCompletionStage().toCompletableFuture().join();
    fr.pacte.server.calls.CallForProjects copy = calls.copy("somme", callId, actor, null).toCompletionStage()
        .toCompletableFuture().join();
    fr.pacte.server.calls.CallForProjects.Content c = copy.content();
    fr.pacte.server.calls.CallForProjects.Content dated = new fr.pacte.server.calls.CallForProjects.Content(c.title(),
        c.thematic(), c.programmeRefs(), c.context(), c.objectives(), c.publicText(), c.territoriesText(), c.launchDecision(),
        c.launchDecisionDate(), java.time.LocalDate.of(2025, 6, 3), original.content().deadline(), c.timeZone(), c.contacts(),
        c.budgetCents(), c.generalParts(), c.projectParts(), c.documents(), c.indirectCostCapPercent(),
        c.maxConventionYears(), c.needsFrom(), c.notes(), c.lots(), c.criteria());
    fr.pacte.server.calls.CallForProjects updated = calls.update("somme", copy.id(), dated, copy.version(), actor, null)
        .toCompletionStage().toCompletableFuture().join();
    return calls.publish("somme", copy.id(), updated.version(), actor, null).toCompletionStage().toCompletableFuture()
        .join().id();
  }
}
