package fr.pacte.tests.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.web.SessionCookies;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the embedded default, the Somme's call 2026-2028 has gone through the whole chain, made by the services users
 * call: applications of three organisations on several lots, admissibility, a question answered, two reviewers' sheets
 * on every project, a selection, the commission permanente's decision with its letters; and the demonstration
 * conventions are those of the selected projects.
 */
class DemonstrationChainTest {

  private static final String API = "/api/tenants/somme";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static TestPlatform.Client association;
  private static String call;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    association = platform.login("somme", "association");
    call = pilot.get(API + "/calls").jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> "aap-insertion-2026-2028".equals(c.getString("code"))).findFirst().orElseThrow().getString("id");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static List<JsonObject> demoApplications() {
    TestPlatform.Response list = pilot.get(API + "/calls/" + call + "/applications");
    assertEquals(200, list.status(), list.body());
    return list.jsonArray().stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("organisation").startsWith("demo-")).toList();
  }

  private static JsonObject of(String organisation) {
    return demoApplications().stream().filter(a -> a.getString("organisation").equals(organisation)).findFirst().orElseThrow();
  }

  @Test
  void theCommissionPermanenteOf8December2025DecidedOnTheSixProjectsOfThreeSubmittedApplications() {
    List<JsonObject> applications = demoApplications();
    assertEquals(3, applications.size());
    assertTrue(applications.stream().allMatch(a -> a.getString("submittedAt") != null
        && a.getString("submittedAt").compareTo("2025-08-22T22:00:00Z") < 0), "all submitted before the deadline");
    JsonObject decision = pilot.get(API + "/calls/" + call + "/decision").json();
    assertEquals(true, decision.getBoolean("decided"), decision.encode());
    assertEquals("Commission permanente", decision.getString("committee"));
    assertEquals("2025-12-08", decision.getString("committeeDate"));
    assertTrue(decision.getString("deliberationRef").contains("démonstration"));
    List<JsonObject> projects = decision.getJsonArray("projects").stream().map(JsonObject.class::cast).toList();
    assertEquals(6, projects.size());
    assertEquals(5, projects.stream().filter(p -> p.getBoolean("selected")).count());
    assertEquals(Set.of("plateforme-mobilite", "equilibre-emotionnel-psychologique", "preparation-entree-iae",
        "remobilisation-sociale", "preparation-emploi"), projects.stream().filter(p -> p.getBoolean("selected"))
        .map(p -> p.getString("lot")).collect(Collectors.toSet()), "one selected project per lot");
    assertEquals(5L * 3 * 5_400_000L, decision.getLong("totalCents"), "54 000 € a year for three years, five times");
  }

  @Test
  void theAssociationInTheGroupementReadsTheQuestionItsAnswerAndTheAcceptanceLetter() throws IOException {
    String id = of("demo-parcours-somme").getString("id");
    JsonArray messages = association.get(API + "/applications/" + id + "/messages").json().getJsonArray("messages");
    assertEquals(List.of("departement", "candidat"), messages.stream().map(m -> ((JsonObject) m).getString("side")).toList());
    assertEquals("2025-09-15", messages.getJsonObject(0).getString("dueDate"));
    JsonObject decision = association.get(API + "/applications/" + id + "/decision").json();
    List<String> kinds = decision.getJsonArray("letters").stream().map(l -> ((JsonObject) l).getString("kind")).toList();
    assertTrue(kinds.contains("acceptance") && !kinds.contains("refusal"), kinds.toString());
    JsonObject acceptance = decision.getJsonArray("letters").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("kind").equals("acceptance")).findFirst().orElseThrow();
    String text = pdfText(association, acceptance.getString("href"));
    assertTrue(text.contains("Parcours Somme Insertion (démonstration)"), text);
    assertTrue(text.contains("8 décembre 2025"), text);
  }

  @Test
  void theRefusedApplicantsLetterSaysSoAndItsProjectGetsNoConvention() throws IOException {
    String id = of("demo-initiatives-solidaires").getString("id");
    assertEquals(404, association.get(API + "/applications/" + id + "/decision").status(), "not a member: none of its business");
    JsonObject decision = pilot.get(API + "/applications/" + id + "/decision").json();
    JsonObject refusal = decision.getJsonArray("letters").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("kind").equals("refusal")).findFirst().orElseThrow();
    String text = pdfText(pilot, refusal.getString("href"));
    assertTrue(text.contains("Initiatives solidaires (démonstration)"), text);
    JsonArray conventions = pilot.get(API + "/conventions").jsonArray();
    assertFalse(conventions.encode().contains(id), "a refused project has no convention");
  }

  @Test
  void everyProjectWasScoredByTwoReviewersOnItsLotsGridReadByStaffNotByTheApplicant() {
    String id = of("demo-parcours-somme").getString("id");
    JsonObject reviews = pilot.get(API + "/applications/" + id + "/reviews").json();
    assertEquals(3, reviews.getJsonArray("projects").size());
    for (Object item : reviews.getJsonArray("projects")) {
      JsonObject project = (JsonObject) item;
      assertEquals(2, project.getJsonArray("sheets").size(), project.encode());
      assertEquals(Set.of("instructeur", "pilotage"), project.getJsonArray("reviewers").stream()
          .map(r -> ((JsonObject) r).getString("reviewer")).collect(Collectors.toSet()));
    }
    JsonObject mobility = reviews.getJsonArray("projects").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("lot").equals("plateforme-mobilite")).findFirst().orElseThrow();
    assertTrue(mobility.getJsonArray("criteria").stream().map(c -> ((JsonObject) c).getString("key"))
        .anyMatch(key -> key.startsWith("plateforme-mobilite-solidaire:")), "the mobility fiche's own criteria");
    assertEquals(403, association.get(API + "/applications/" + id + "/reviews").status());
  }

  @Test
  void theFiveDemonstrationConventionsAreThoseOfTheSelectedProjects() {
    Set<String> selected = pilot.get(API + "/calls/" + call + "/decision").json().getJsonArray("projects").stream()
        .map(JsonObject.class::cast).filter(p -> p.getBoolean("selected"))
        .map(p -> p.getString("application") + "|" + p.getString("lot")).collect(Collectors.toSet());
    List<JsonObject> demo = pilot.get(API + "/conventions").jsonArray().stream().map(JsonObject.class::cast)
        .map(c -> c.getJsonObject("terms")).filter(t -> t.getString("reference").startsWith("DEMO-COM-2026-")).toList();
    assertEquals(5, demo.size());
    assertEquals(selected, demo.stream().map(t -> t.getString("applicationId") + "|" + t.getString("lot"))
        .collect(Collectors.toSet()));
    assertTrue(demo.stream().allMatch(t -> t.getJsonArray("members").contains("association-demo")),
        "the demonstration association is party to them, in the groupements");
  }

  @Test
  void theScoresGridIsReadByThePilotAndTheAuditorAndExportedButNotByAReviewerNorTheApplicant() throws Exception {
    TestPlatform.Response grid = pilot.get(API + "/calls/" + call + "/scores");
    assertEquals(200, grid.status(), grid.body());
    List<JsonObject> lines = grid.json().getJsonArray("lines").stream().map(JsonObject.class::cast).toList();
    assertEquals(12, lines.size(), "six projects, two sheets each");
    JsonObject weaker = lines.stream().filter(l -> l.getString("organisation").startsWith("Initiatives solidaires")).findFirst()
        .orElseThrow();
    assertTrue(weaker.getInteger("points") < weaker.getInteger("maxPoints"));
    assertEquals(200, platform.login("somme", "auditeur").get(API + "/calls/" + call + "/scores").status());
    assertEquals(403, platform.login("somme", "instructeur").get(API + "/calls/" + call + "/scores").status());
    assertEquals(403, association.get(API + "/calls/" + call + "/scores").status());
    assertEquals(404, platform.login("allier", "pilotage").get("/api/tenants/allier/calls/" + call + "/scores").status());

    String page = pilot.get("/t/somme/appels/" + call + "/notes", "Accept", "text/html").body();
    assertTrue(page.contains("Notes des instructeurs") && page.contains("Initiatives solidaires (démonstration)"), page);
    assertEquals(403, platform.login("somme", "instructeur").get("/t/somme/appels/" + call + "/notes", "Accept", "text/html")
        .status());
    HttpResponse<byte[]> xlsx = bytes(pilot, "/t/somme/appels/" + call + "/notes?format=xlsx");
    assertEquals(200, xlsx.statusCode());
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(xlsx.body()))) {
      assertEquals("Organisme porteur", workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
      assertEquals(12, workbook.getSheetAt(0).getLastRowNum(), "a row per sheet under the headings");
    }
  }

  @Test
  void theApplicationsListFiltersOnTheConsolidatedScoreAndExportsToExcel() throws Exception {
    String list = "/t/somme/appels/" + call + "/candidatures";
    String all = pilot.get(list, "Accept", "text/html").body();
    assertTrue(all.contains("Note consolidée") && all.contains("Initiatives solidaires (démonstration)"), all);
    JsonObject grid = pilot.get(API + "/calls/" + call + "/scores").json();
    double weakest = grid.getJsonArray("lines").stream().map(JsonObject.class::cast)
        .mapToDouble(l -> Double.parseDouble(l.getString("consolidatedPoints"))).min().orElseThrow();
    String above = pilot.get(list + "?note=" + (int) Math.floor(weakest + 1), "Accept", "text/html").body();
    assertFalse(above.contains("Initiatives solidaires (démonstration)"), "the weakest project is filtered out");
    assertTrue(above.contains("Parcours Somme Insertion (démonstration)"));
    assertFalse(platform.login("somme", "agent.amiens").get(list, "Accept", "text/html").body().contains("Note consolidée"),
        "a territory agent does not read scores");
    HttpResponse<byte[]> xlsx = bytes(pilot, list + "?format=xlsx&lot=plateforme-mobilite");
    assertEquals(200, xlsx.statusCode());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx.headers().firstValue("Content-Type").orElse(""));
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(xlsx.body()))) {
      assertEquals(3, workbook.getSheetAt(0).getLastRowNum(),
          "the two demonstration mobility projects and the association's draft");
    }
  }

  @Test
  void theWholeApplicationIsOnePdfForTheCommitteeReadByThoseInScopeOnly() throws IOException {
    String id = of("demo-parcours-somme").getString("id");
    String text = PdfText.of(bytes(pilot, API + "/applications/" + id + "/pdf").body()).replace('\u00a0', ' ')
        .replaceAll("\\s+", " ");
    assertTrue(text.contains("Dossier de candidature") && text.contains("Parcours Somme Insertion (démonstration)"), text);
    assertTrue(text.contains("Plateforme mobilité solidaire") && text.contains("Montant finançable"), text);
    assertTrue(text.contains("00000000100018"), "the general part's SIRET");
    assertEquals(200, bytes(association, "/t/somme/candidatures/" + id + "/dossier.pdf").statusCode(), "a member reads it");
    assertEquals(404, platform.login("somme", "agent.somme-santerre").get(API + "/applications/" + id + "/pdf").status(),
        "no project on Somme-Santerre");
    assertEquals(404, platform.login("somme", "agent.somme-santerre").get("/t/somme/candidatures/" + id + "/dossier.pdf",
        "Accept", "text/html").status());
    assertEquals(404, platform.login("allier", "pilotage").get("/api/tenants/allier/applications/" + id + "/pdf").status());
    assertEquals(404, platform.login("allier", "pilotage").get("/t/allier/candidatures/" + id, "Accept", "text/html").status());
  }

  private static HttpResponse<byte[]> bytes(TestPlatform.Client client, String path) {
    String cookie = SessionCookies.name("somme") + "=" + client.cookie(SessionCookies.name("somme"));
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + path))
          .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The letter's bytes as the browser downloads them, then its text. */
  private static String pdfText(TestPlatform.Client client, String href) throws IOException {
    String cookie = SessionCookies.name("somme") + "=" + client.cookie(SessionCookies.name("somme"));
    HttpResponse<byte[]> pdf;
    try {
      pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + href))
          .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, pdf.statusCode());
    assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
    return PdfText.of(pdf.body()).replace('\u00a0', ' ').replaceAll("\\s+", " ");
  }
}
