package fr.pacte.tests.funding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.Pacte;
import fr.pacte.tests.TenantFolders;
import fr.pacte.tests.organisations.Multipart;
import fr.pacte.testkit.PdfText;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conventions d'objectifs et de moyens on the real Somme with its five action types: entered through the API and the
 * pages, signed with year 1 firm, year 2 voted lower by a deliberation, an advance and a balance paid, an amendment
 * whose objectives the offer's places follow, stale versions, who sees what, and the open-data file of subsidies
 * against the SCDL schema's published field list.
 */
class ConventionsTest {

  private static final String API = "/api/tenants/somme/conventions";
  private static final String OPERATOR = "mobilite-solidaire-somme";
  private static final List<String> PLUGINS = List.of("mobility-platform", "psychological-support", "iae-preparation",
      "social-remobilisation", "employment-preparation");
  private static TestPlatform platform;
  private static TestPlatform.Client pilot;
  private static int references;
  private static final String SOMME_CLAUSE = "Protection des données (clause de la Somme)";

  private static String defaultWording() throws IOException {
    try (InputStream in = Pacte.class.getResourceAsStream("/conventions/convention.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeAll
  static void start() {
    java.nio.file.Path tenants = TenantFolders.copy(Repository.tenants());
    try {
      // The Somme words its conventions itself: Pacte's default with a clause of its own.
      java.nio.file.Files.createDirectories(tenants.resolve("somme/conventions"));
      java.nio.file.Files.writeString(tenants.resolve("somme/conventions/convention.txt"), defaultWording()
          .replace("[avenants]", "# Article 11 – " + SOMME_CLAUSE + "\n\nLes données des personnes accompagnées sont "
              + "traitées selon la charte départementale.\n\n[avenants]"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(tenants);
    PLUGINS.forEach(plugin -> builder.plugin(Repository.builtPlugin(plugin)));
    platform = builder.start();
    pilot = platform.login("somme", "pilotage");
    TestPlatform.Response organisation = pilot.postJson("/api/tenants/somme/organisations", new JsonObject()
        .put("id", OPERATOR).put("name", "Mobilité Solidaire Somme").put("siret", "13003013300016")
        .put("legalForm", "Association loi 1901").put("territories", new JsonArray().add("amiens")).encode());
    assertEquals(201, organisation.status(), organisation.body());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** A year of 80 000 € direct and 25 000 € indirect costs: 4 000 € of indirect costs above 20 % are not eligible. */
  private static JsonObject year() {
    return new JsonObject().put("directCents", 8_000_000).put("indirectCents", 2_500_000).put("departementCents", 7_000_000)
        .put("coFunders", new JsonArray()
            .add(new JsonObject().put("kind", "fse-plus").put("name", "FSE+").put("amountCents", 2_000_000).put("status", "granted"))
            .add(new JsonObject().put("kind", "commune-epci").put("name", "Amiens Métropole").put("amountCents", 1_100_000)
                .put("status", "requested")));
  }

  private static JsonObject terms(String reference, String organisation, JsonObject objectives, String offerId) {
    JsonArray targets = new JsonArray();
    for (int y = 1; y <= 3; y++) {
      for (String territory : objectives.fieldNames()) {
        targets.add(new JsonObject().put("year", y).put("territory", territory).put("target", objectives.getInteger(territory)));
      }
    }
    return new JsonObject().put("reference", reference).put("title", "Plateforme mobilité solidaire, convention 2026-2028")
        .put("actionType", "plateforme-mobilite-solidaire").put("organisation", organisation)
        .put("departement", new JsonObject().put("siret", "12345678901234"))
        .put("signatories", new JsonArray()
            .add(new JsonObject().put("party", "departement").put("name", "Le Président (test)").put("capacity",
                "Président du Conseil départemental"))
            .add(new JsonObject().put("party", organisation).put("name", "La Présidente (test)").put("capacity", "Présidente")))
        .put("periodStart", "2026-01-01").put("objectives", targets)
        .put("means", new JsonObject().put("staffFte", "2.5").put("schedule", "Du lundi au vendredi"))
        .put("evaluation", "Bilan annuel au comité de pilotage").put("renewal", "Reconduction par tranche annuelle")
        .put("years", new JsonArray().add(year()).add(year()).add(year()))
        .put("decision", new JsonObject().put("date", "2025-12-08").put("reference", "CP-2025-12-08-42"))
        .put("offerId", offerId);
  }

  private static String reference() {
    return "CD80-COM-TEST-" + (++references);
  }

  private static JsonObject created(JsonObject terms) {
    TestPlatform.Response created = pilot.postJson(API, terms.encode());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static JsonObject signed(JsonObject convention) {
    TestPlatform.Response signed = pilot.postJson(API + "/" + convention.getString("id") + "/sign",
        new JsonObject().put("signedOn", "2025-12-15").put("version", convention.getInteger("version")).encode());
    assertEquals(200, signed.status(), signed.body());
    return signed.json();
  }

  private static TestPlatform.Response vote(JsonObject convention, int year, long cents, String date, String reference) {
    return pilot.putJson(API + "/" + convention.getString("id") + "/tranches/" + year, new JsonObject().put("votedCents", cents)
        .put("deliberationDate", date).put("deliberationReference", reference).put("version", convention.getInteger("version"))
        .encode());
  }

  private static TestPlatform.Response pay(JsonObject convention, int year, String kind, String date, long cents) {
    return pilot.postJson(API + "/" + convention.getString("id") + "/payments", new JsonObject().put("year", year)
        .put("kind", kind).put("paidOn", date).put("amountCents", cents).put("mandateReference", "M-" + date)
        .put("version", convention.getInteger("version")).encode());
  }

  private static String offerItem(Map<String, Integer> places) {
    JsonArray placeArray = new JsonArray();
    places.forEach((territory, capacity) -> placeArray.add(new JsonObject().put("territory", territory).put("capacity", capacity)));
    TestPlatform.Response item = pilot.postJson("/api/tenants/somme/offer", new JsonObject()
        .put("actionType", "plateforme-mobilite-solidaire").put("organisation", OPERATOR).put("title", "Plateforme mobilité Amiens")
        .put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31").put("places", placeArray)
        .put("funders", new JsonArray().add("Département de la Somme")).put("publics", new JsonArray().add("beneficiaires-des-minimas-sociaux"))
        .encode());
    assertEquals(201, item.status(), item.body());
    return item.json().getString("id");
  }

  private static Map<String, Integer> places(String offerId) {
    JsonArray places = pilot.get("/api/tenants/somme/offer/" + offerId).json().getJsonArray("places");
    return places.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(p -> p.getString("territory"), p -> p.getInteger("capacity"), (a, b) -> a, LinkedHashMap::new));
  }

  private static JsonObject year(JsonObject convention, int year) {
    return convention.getJsonArray("years").getJsonObject(year - 1);
  }

  private static TestPlatform.Response upload(TestPlatform.Client client, String path, Multipart multipart) {
    return client.send("POST", path, Multipart.CONTENT_TYPE, multipart.body(client));
  }

  @Test
  void documentsAreAttachedListedAndDownloadedByThoseWhoSeeTheConventionAndKeptAsDeposited() {
    JsonObject c = signed(created(terms(reference(), "association-demo", new JsonObject().put("amiens", 20), null)));
    String id = c.getString("id");
    String documents = API + "/" + id + "/documents";
    pilot.get(documents);
    TestPlatform.Response signedCopy = upload(pilot, documents, new Multipart().field("kind", "signed-convention")
        .file("convention-signee.pdf", Multipart.pdf("convention signee", 100)));
    assertEquals(201, signedCopy.status(), signedCopy.body());
    JsonObject document = signedCopy.json();
    assertEquals("Convention signée", document.getString("label"), "the kind names it when no label is given");
    assertEquals("application/pdf", document.getString("mediaType"));
    assertEquals("convention-signee.pdf", document.getString("fileName"));

    assertEquals("file", upload(pilot, documents, new Multipart().field("kind", "other")
        .file("virus.pdf", "MZ\u0090 not a pdf")).json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("kind", upload(pilot, documents, new Multipart().field("kind", "facture")
        .file("a.pdf", Multipart.pdf("a", 10))).json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response noYear = upload(pilot, documents, new Multipart().field("kind", "bilan").file("b.pdf", Multipart.pdf("b", 10)));
    assertEquals(400, noYear.status());
    assertEquals("year", noYear.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertTrue(noYear.json().getJsonArray("errors").getJsonObject(0).getString("message").contains("l'année"), noYear.body());
    assertEquals(1, pilot.get(documents).jsonArray().size(), "nothing refused was written");

    TestPlatform.Client association = platform.login("somme", "association");
    association.get(documents);
    assertEquals(1, association.get(documents).jsonArray().size(), "the operator sees its convention's documents");
    assertTrue(association.get(documents + "/" + document.getString("id") + "/content").body().startsWith("%PDF-1.4\n% convention signee"));
    association.get(documents);
    TestPlatform.Response bilan = upload(association, documents, new Multipart().field("kind", "bilan").field("year", "1")
        .field("label", "Bilan 2026").file("bilan-2026.pdf", Multipart.pdf("bilan", 50)));
    assertEquals(201, bilan.status(), "the operator deposits its yearly bilan: " + bilan.body());
    assertEquals(1, bilan.json().getInteger("year"));
    association.get(documents);
    assertEquals(403, upload(association, documents, new Multipart().field("kind", "amendment")
        .file("avenant.pdf", Multipart.pdf("avenant", 10))).status(), "other documents are the Département's");
    String page = association.get("/t/somme/conventions/" + id, "Accept", "text/html").body();
    assertTrue(page.contains("Bilan 2026") && page.contains("Convention signée"), page);

    TestPlatform.Client auditor = platform.login("somme", "auditeur");
    assertEquals(2, auditor.get(documents).jsonArray().size(), "auditors read");
    auditor.get(documents);
    assertEquals(403, upload(auditor, documents, new Multipart().field("kind", "other").file("x.pdf", Multipart.pdf("x", 10))).status());
    TestPlatform.Client santerre = platform.login("somme", "agent.somme-santerre");
    assertEquals(403, santerre.get(documents).status(), "not on the agent's territories");
    assertEquals(403, santerre.get(documents + "/" + document.getString("id") + "/content").status());
    assertEquals(200, platform.login("somme", "agent.amiens").get(documents).status());
    TestPlatform.Client otherTenant = platform.login("deux-sevres", "pilotage");
    assertEquals(404, otherTenant.get("/api/tenants/deux-sevres/conventions/" + id + "/documents").status());
    assertEquals(404, otherTenant.get("/api/tenants/deux-sevres/conventions/" + id + "/documents/" + document.getString("id")
        + "/content").status());

    String pagePath = "/t/somme/conventions/" + id;
    pilot.get(pagePath, "Accept", "text/html");
    TestPlatform.Response refused = pilot.send("POST", pagePath + "/documents", Multipart.CONTENT_TYPE, new Multipart()
        .field("kind", "amendment").field("label", "Avenant 1 signe").file("avenant.exe", "MZ\u0090").body(pilot),
        "Accept", "text/html");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("id=\"document-file-error\"") && refused.body().contains("Fichier refusé"), refused.body());
    assertTrue(refused.body().contains("value=\"Avenant 1 signe\""), "the label typed is kept");
    pilot.get(pagePath, "Accept", "text/html");
    TestPlatform.Response attached = pilot.send("POST", pagePath + "/documents", Multipart.CONTENT_TYPE, new Multipart()
        .field("kind", "amendment").field("label", "Avenant 1 signe").file("avenant.pdf", Multipart.pdf("avenant", 10))
        .body(pilot), "Accept", "text/html");
    assertEquals(303, attached.status(), attached.body());
    assertTrue(pilot.get(pagePath, "Accept", "text/html").body().contains("Avenant 1 signe"));
    assertEquals(3, pilot.get(documents).jsonArray().size());
    String audit = platform.login("somme", "admin").get("/api/tenants/somme/audit?limit=100").body();
    assertTrue(audit.contains("convention.document-attached"), audit);
  }

  @Test
  void amountsAddUpByYearActionTypeTerritoryAndOperatorSharedBetweenTerritoriesByTheirObjectives() {
    String organisation = "figures-" + (++references);
    assertEquals(201, pilot.postJson("/api/tenants/somme/organisations", new JsonObject().put("id", organisation)
        .put("name", "Organisation des montants").put("rna", "W80200" + (1000 + references)).put("legalForm", "Association loi 1901")
        .put("territories", new JsonArray().add("amiens")).encode()).status());
    JsonObject c = signed(created(terms(reference(), organisation, new JsonObject().put("amiens", 2).put("picardie-maritime", 1), null)));
    assertEquals(201, pay(c, 1, "advance", "2026-01-20", 3_500_000).status());
    String query = "?organisation=" + organisation;

    JsonArray byYear = pilot.get(API + "/figures" + query).jsonArray();
    assertEquals(3, byYear.size(), byYear.encode());
    JsonObject first = byYear.getJsonObject(0);
    assertEquals(2026, first.getInteger("calendarYear"));
    assertEquals(7_000_000L, first.getLong("committedCents"));
    assertEquals(7_000_000L, first.getLong("votedCents"), "year 1 is firm at signature");
    assertEquals(3_500_000L, first.getLong("paidCents"));
    assertEquals(3_500_000L, first.getLong("dueCents"));
    assertEquals(0L, byYear.getJsonObject(1).getLong("votedCents"), "year 2 is provisional");
    assertEquals(7_000_000L, byYear.getJsonObject(1).getLong("committedCents"));

    JsonArray byTerritory = pilot.get(API + "/figures" + query + "&by=territory").jsonArray();
    Map<String, JsonObject> in2026 = byTerritory.stream().map(JsonObject.class::cast).filter(r -> r.getInteger("calendarYear") == 2026)
        .collect(Collectors.toMap(r -> r.getString("group"), r -> r));
    // 70 000 € shared 2 : 1 — 46 666,66 € (rounded down) and the 23 333,34 € left; 35 000 € paid: 23 333,33 € and 11 666,67 €.
    assertEquals(4_666_666L, in2026.get("amiens").getLong("committedCents"));
    assertEquals(2_333_334L, in2026.get("picardie-maritime").getLong("committedCents"));
    assertEquals(2_333_333L, in2026.get("amiens").getLong("paidCents"));
    assertEquals(1_166_667L, in2026.get("picardie-maritime").getLong("paidCents"));
    assertEquals("Amiens", in2026.get("amiens").getString("groupLabel"));

    JsonArray byOperator = pilot.get(API + "/figures" + query + "&by=operator").jsonArray();
    assertEquals("Organisation des montants", byOperator.getJsonObject(0).getString("groupLabel"));
    JsonArray byType = pilot.get(API + "/figures" + query + "&by=actionType").jsonArray();
    assertEquals("plateforme-mobilite-solidaire", byType.getJsonObject(0).getString("group"));
    assertEquals(21_000_000L, byType.stream().map(JsonObject.class::cast).mapToLong(r -> r.getLong("committedCents")).sum());
    TestPlatform.Response wrong = pilot.get(API + "/figures?by=commune");
    assertEquals(400, wrong.status());
    assertEquals("by", wrong.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    JsonArray tranches = pilot.get(API + "/tranches" + query).jsonArray();
    assertEquals(3, tranches.size());
    assertEquals("voted", tranches.getJsonObject(0).getString("status"));
    JsonArray payments = pilot.get(API + "/payments" + query).jsonArray();
    assertEquals(1, payments.size());
    assertEquals(3_500_000L, payments.getJsonObject(0).getLong("amountCents"));

    String page = pilot.get("/t/somme/conventions/montants?par=territoire&organisation=" + organisation, "Accept", "text/html").body();
    assertTrue(page.contains("46 666,66") && page.contains("23 333,34"), page);
    String reference = c.getJsonObject("terms").getString("reference");
    TestPlatform.Client santerre = platform.login("somme", "agent.somme-santerre");
    assertFalse(santerre.get(API + "/tranches").body().contains(reference), "not on the agent's territories");
    assertFalse(santerre.get("/t/somme/conventions/tranches?format=csv").body().contains(reference));
    assertFalse(santerre.get(API + "/figures?by=operator").body().contains(organisation));
    TestPlatform.Client association = platform.login("somme", "association");
    java.util.Set<String> its = association.get(API).jsonArray().stream().map(JsonObject.class::cast)
        .map(x -> x.getJsonObject("terms").getString("reference")).collect(Collectors.toSet());
    assertTrue(association.get(API + "/payments").jsonArray().stream().map(JsonObject.class::cast)
        .allMatch(p -> its.contains(p.getString("reference"))), "an operator sees the payments of its own conventions only");
    assertFalse(association.get("/t/somme/conventions/paiements", "Accept", "text/html").body().contains(reference));
    assertEquals(200, pilot.get(API + "/envelopes").status());
    assertEquals(403, platform.login("somme", "association").get(API + "/envelopes").status(), "the département's staff only");
  }

  @Test
  void everyConventionsListExportsAsCsvAndXlsx() {
    String reference = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)))
        .getJsonObject("terms").getString("reference");
    for (String list : List.of("/t/somme/conventions", "/t/somme/conventions/tranches", "/t/somme/conventions/paiements",
        "/t/somme/conventions/montants?par=annee", "/t/somme/conventions/montants?par=type",
        "/t/somme/conventions/montants?par=territoire", "/t/somme/conventions/montants?par=operateur",
        "/t/somme/conventions/enveloppes")) {
      String separator = list.contains("?") ? "&" : "?";
      TestPlatform.Response page = pilot.get(list, "Accept", "text/html");
      assertEquals(200, page.status(), list);
      assertTrue(page.body().contains("format=csv") && page.body().contains("format=xlsx"), list);
      TestPlatform.Response csv = pilot.get(list + separator + "format=csv");
      assertEquals(200, csv.status(), list);
      assertTrue(csv.header("Content-Type").startsWith("text/csv"), list);
      TestPlatform.Response xlsx = pilot.get(list + separator + "format=xlsx");
      assertEquals(200, xlsx.status(), list);
      assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.header("Content-Type"), list);
      assertTrue(xlsx.body().startsWith("PK"), list + " is a zipped workbook");
    }
    assertTrue(pilot.get("/t/somme/conventions?format=csv").body().contains(reference));
    assertTrue(pilot.get("/t/somme/conventions/tranches?format=csv").body().contains(reference + ";"));
  }

  @Test
  void aDraftsSignatoriesAndTermsAreSetOnItsPageWithTheErrorNextToTheFieldTheInputKeptAndAStaleVersionRefused() {
    JsonObject draft = created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)
        .put("signatories", new JsonArray()));
    String page = "/t/somme/conventions/" + draft.getString("id");
    String shown = pilot.get(page, "Accept", "text/html").body();
    assertTrue(shown.contains("action=\"" + page + "/termes\"") && shown.contains("id=\"signatory.organisation.capacity\""),
        "a draft's page has the form of its terms");
    String form = "reference=" + enc(draft.getJsonObject("terms").getString("reference"))
        + "&title=" + enc("Plateforme mobilité solidaire, convention 2026-2028")
        + "&signatory.departement.name=" + enc("Stéphane Haussoulier") + "&signatory.departement.capacity="
        + "&signatory.organisation.name=" + enc("Claire Martin") + "&signatory.organisation.capacity=" + enc("Présidente")
        + "&departement.siret=123&decision.date=2025-12-08&decision.reference=" + enc("CP-2025-12-08-42")
        + "&means.staffFte=" + enc("2,5") + "&means.schedule=" + enc("Du lundi au vendredi")
        + "&evaluation=" + enc("Bilan annuel au comité de pilotage") + "&renewal=" + enc("Reconduction par tranche annuelle")
        + "&payment.advancePercent=60&payment.balanceMonthsAfterYear=3";

    TestPlatform.Response refused = pilot.postForm(page + "/termes", form + "&version=" + draft.getInteger("version"),
        "Accept", "text/html");
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("id=\"signatory.departement.capacity-error\"")
        && refused.body().contains("Indiquez la qualité du signataire"), "the missing capacity is said next to its field");
    assertTrue(refused.body().contains("id=\"departement.siret-error\"") && refused.body().contains("Un SIRET compte 14 chiffres"));
    assertTrue(refused.body().contains("value=\"Stéphane Haussoulier\"") && refused.body().contains("value=\"60\""),
        "what was typed is kept");
    JsonObject unchanged = pilot.get(API + "/" + draft.getString("id")).json();
    assertEquals(draft.getInteger("version"), unchanged.getInteger("version"), "nothing refused was written");
    assertTrue(unchanged.getJsonObject("terms").getJsonArray("signatories").isEmpty());

    String valid = form.replace("signatory.departement.capacity=", "signatory.departement.capacity="
        + enc("Président du Conseil départemental")).replace("departement.siret=123", "departement.siret=22800001400013");
    TestPlatform.Response saved = pilot.postForm(page + "/termes", valid + "&version=" + draft.getInteger("version"),
        "Accept", "text/html");
    assertEquals(303, saved.status(), saved.body());
    JsonObject after = pilot.get(API + "/" + draft.getString("id")).json();
    assertEquals(draft.getInteger("version") + 1, after.getInteger("version"));
    JsonObject terms = after.getJsonObject("terms");
    assertEquals(new JsonArray()
        .add(new JsonObject().put("party", "departement").put("name", "Stéphane Haussoulier")
            .put("capacity", "Président du Conseil départemental"))
        .add(new JsonObject().put("party", OPERATOR).put("name", "Claire Martin").put("capacity", "Présidente")),
        terms.getJsonArray("signatories"));
    assertEquals("22800001400013", terms.getJsonObject("departement").getString("siret"));
    assertEquals(60, terms.getJsonObject("payment").getInteger("advancePercent"));
    assertEquals(3, terms.getJsonArray("years").size(), "the budget stays as entered");
    String shownAfter = pilot.get(saved.header("Location"), "Accept", "text/html").body();
    assertTrue(shownAfter.contains("Claire Martin, Présidente (Mobilité Solidaire Somme)"), shownAfter);

    TestPlatform.Response stale = pilot.postForm(page + "/termes", valid.replace("Claire Martin", "Claire Dupont")
        + "&version=" + draft.getInteger("version"),
        "Accept", "text/html");
    assertEquals(409, stale.status());
    assertTrue(stale.body().contains("modifiée entre-temps"), stale.body());
    assertEquals(terms, pilot.get(API + "/" + draft.getString("id")).json().getJsonObject("terms"), "the stale edit changed nothing");
  }

  @Test
  void theSelectedProjectsWithoutAConventionAndAConventionsPaymentsAmendmentsAndDocumentsExportAsCsvAndXlsx() {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    TestPlatform.Response paid = pay(c, 1, "advance", "2026-01-20", 3_500_000);
    assertEquals(201, paid.status(), paid.body());
    c = paid.json();
    JsonObject amended = c.getJsonObject("terms").copy();
    TestPlatform.Response amendment = pilot.postJson(API + "/" + c.getString("id") + "/amendments", new JsonObject()
        .put("signedOn", "2027-02-01").put("object", "Prolongation; horaires élargis")
        .put("terms", amended.put("objectives", new JsonArray(amended.getJsonArray("objectives").stream()
            .map(JsonObject.class::cast).map(o -> o.copy().put("target", 80)).toList())))
        .put("version", c.getInteger("version")).encode());
    assertEquals(201, amendment.status(), amendment.body());
    String page = "/t/somme/conventions/" + c.getString("id");
    String shown = pilot.get(page, "Accept", "text/html").body();
    for (String list : List.of("paiements", "avenants")) {
      assertTrue(shown.contains(page + "/" + list + "?format=csv") && shown.contains(page + "/" + list + "?format=xlsx"), list);
    }

    String payments = pilot.get(page + "/paiements?format=csv").body();
    assertEquals("\uFEFFDate;Année;Nature;Montant;Mandat\r\n20/01/2026;1;Avance;35 000 €;M-2026-01-20\r\n", payments);
    String amendments = pilot.get(page + "/avenants?format=csv").body();
    assertTrue(amendments.startsWith("\uFEFFAvenant n°;Signé le;En vigueur le;Objet;Changements\r\n1;01/02/2027;01/02/2027;"
        + "\"Prolongation; horaires élargis\";"), amendments);
    String documents = pilot.get(page + "/documents?format=csv").body();
    assertEquals("\uFEFFDocument;Type;Année;Déposé le;Fichier;Taille\r\n", documents, "no document attached yet");
    TestPlatform.Response workbook = pilot.get(page + "/paiements?format=xlsx");
    assertEquals(200, workbook.status());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.header("Content-Type"));
    assertTrue(workbook.body().startsWith("PK"), "a zipped workbook");
    assertEquals(303, pilot.get(page + "/paiements").status(), "without a format, the page at its payments");

    TestPlatform.Response awaiting = pilot.get("/t/somme/conventions/a-conventionner?format=csv");
    assertEquals(200, awaiting.status());
    assertTrue(awaiting.body().startsWith("\uFEFFOrganisation;Projet;Lot;Appel à projets;Décision;Montant décidé\r\n"),
        awaiting.body());
    assertEquals(200, pilot.get("/t/somme/conventions/a-conventionner?format=xlsx").status());
    assertEquals(403, platform.login("somme", "association").get("/t/somme/conventions/a-conventionner?format=csv").status(),
        "an operator does not see the selected projects of others");
  }

  @Test
  void theTranchesWorkbookHasItsAmountsAsNumbersInEuros() throws Exception {
    String reference = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)))
        .getJsonObject("terms").getString("reference");
    java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(platform.url() + "/t/somme/conventions/tranches?format=xlsx"))
        .header("Cookie", fr.pacte.server.identity.Sessions.cookieName("somme") + "="
            + pilot.cookie(fr.pacte.server.identity.Sessions.cookieName("somme"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(response.body()))) {
      org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
      assertEquals("Convention", sheet.getRow(0).getCell(0).getStringCellValue());
      assertEquals("Prévu", sheet.getRow(0).getCell(4).getStringCellValue());
      org.apache.poi.ss.usermodel.Row first = null;
      for (org.apache.poi.ss.usermodel.Row row : sheet) {
        if (row.getCell(0).getStringCellValue().equals(reference)) {
          first = row;
          break;
        }
      }
      assertNotNull(first, "the convention's first year is in the workbook");
      assertEquals(70_000.0, first.getCell(4).getNumericCellValue(), "70 000 € planned, as a number");
      assertEquals(70_000.0, first.getCell(6).getNumericCellValue(), "voted at signature");
      assertEquals("Ferme (votée)", first.getCell(5).getStringCellValue());
    }
  }

  @Test
  void thePagesRefuseAPaymentAboveWhatIsVotedAnEarlierDeliberationAndAStaleVersionNextToTheField() {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    String page = "/t/somme/conventions/" + c.getString("id");
    pilot.get(page, "Accept", "text/html");
    TestPlatform.Response tooMuch = pilot.postForm(page + "/paiements", "year=1&kind=advance&paidOn=2026-01-20&amountCents="
        + enc("70 000,01") + "&mandateReference=M-1&version=" + c.getInteger("version"), "Accept", "text/html");
    assertEquals(400, tooMuch.status());
    assertTrue(tooMuch.body().contains("id=\"amountCents-error\""), tooMuch.body());
    assertTrue(tooMuch.body().contains("value=\"70 000,01\""), "the amount typed is kept");
    TestPlatform.Response outside = pilot.postForm(page + "/paiements", "year=1&kind=advance&paidOn=2031-01-20&amountCents=100"
        + "&mandateReference=M-1&version=" + c.getInteger("version"), "Accept", "text/html");
    assertEquals(400, outside.status());
    assertTrue(outside.body().contains("id=\"paidOn-error\""), outside.body());

    c = vote(c, 2, 6_000_000, "2026-11-30", "CP-2026-11-30-7").json();
    TestPlatform.Response early = pilot.postForm(page + "/tranches/3", "decision=voted&votedCents=" + enc("60 000")
        + "&deliberationDate=2026-10-01&deliberationReference=CP-2026-10&version=" + c.getInteger("version"), "Accept", "text/html");
    assertEquals(400, early.status());
    assertTrue(early.body().contains("id=\"deliberationDate-error\"") && early.body().contains("précède celle qui a voté l"),
        early.body());
    TestPlatform.Response stale = pilot.postForm(page + "/paiements", "year=1&kind=advance&paidOn=2026-01-20&amountCents=100"
        + "&mandateReference=M-1&version=" + (c.getInteger("version") - 1), "Accept", "text/html");
    assertEquals(409, stale.status());
    assertTrue(stale.body().contains("modifiée entre-temps"), stale.body());
    assertEquals(0L, pilot.get(API + "/" + c.getString("id")).json().getLong("paidCents"), "nothing refused was written");
  }

  @Test
  void aConventionEnteredThroughTheApiIsSignedWithYear1FirmAndTheNextYearsProvisional() {
    String offer = offerItem(Map.of("amiens", 10));
    JsonObject draft = created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70).put("picardie-maritime", 40), offer));
    assertEquals("draft", draft.getString("state"));
    assertEquals(3, draft.getJsonArray("years").size());
    assertEquals("2028-12-31", draft.getJsonObject("terms").getString("periodEnd"), "3 years by default");
    assertEquals(21_000_000L, draft.getLong("committedCents"), "3 × 70 000 €");
    assertEquals(10_500_000L, year(draft, 1).getLong("budgetCents"));
    assertEquals(10_100_000L, year(draft, 1).getLong("eligibleCents"), "105 000 € less 4 000 € of indirect costs above 20 %");
    assertEquals(Map.of("amiens", 10), places(offer), "a draft funds no place");

    JsonObject signed = signed(draft);
    assertEquals("running", signed.getString("state"), "signed, and its period has begun");
    assertEquals("voted", year(signed, 1).getJsonObject("tranche").getString("status"));
    assertEquals("CP-2025-12-08-42", year(signed, 1).getJsonObject("tranche").getString("deliberationReference"));
    assertEquals(7_000_000L, year(signed, 1).getLong("votedCents"));
    assertEquals("provisional", year(signed, 2).getJsonObject("tranche").getString("status"));
    assertEquals(7_000_000L, year(signed, 2).getLong("provisionalCents"));
    assertEquals(7_000_000L, signed.getLong("votedCents"));
    assertEquals(Map.of("amiens", 70, "picardie-maritime", 40), places(offer), "the offer's places are the objectives");
    // Advance of 50 % at the start of the year, balance three months after its end, once the bilan is in.
    JsonArray schedule = year(signed, 1).getJsonArray("schedule");
    assertEquals(new JsonObject().put("kind", "advance").put("kindLabel", "Avance").put("dueOn", "2026-01-01")
        .put("amountCents", 3_500_000L), schedule.getJsonObject(0));
    assertEquals("2027-03-31", schedule.getJsonObject(1).getString("dueOn"));
  }

  @Test
  void year2VotedLowerByADeliberationBecomesFirmAndPaymentsLeaveWhatIsStillDue() {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    TestPlatform.Response early = vote(c, 3, 7_000_000, "2027-11-30", "CP-2027-11");
    assertEquals(400, early.status(), early.body());
    assertEquals("deliberationDate", early.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertTrue(early.json().getJsonArray("errors").getJsonObject(0).getString("message").contains("n'est pas encore votée"));

    TestPlatform.Response lower = vote(c, 2, 6_000_000, "2026-11-30", "CP-2026-11-30-7");
    assertEquals(200, lower.status(), lower.body());
    c = lower.json();
    assertEquals("voted", year(c, 2).getJsonObject("tranche").getString("status"));
    assertEquals(6_000_000L, year(c, 2).getLong("votedCents"));
    assertEquals(7_000_000L, year(c, 2).getLong("committedCents"), "the terms still plan 70 000 €");
    assertEquals(13_000_000L, c.getLong("votedCents"));

    TestPlatform.Response above = vote(c, 3, 8_000_000, "2027-11-30", "CP-2027-11");
    assertEquals(400, above.status());
    assertTrue(above.body().contains("votedCents") && above.body().contains("un avenant est nécessaire"), above.body());
    TestPlatform.Response beforePrevious = vote(c, 3, 7_000_000, "2026-10-01", "CP-2026-10");
    assertEquals(400, beforePrevious.status());
    assertTrue(beforePrevious.body().contains("précède celle qui a voté l'année 2"), beforePrevious.body());

    TestPlatform.Response advance = pay(c, 1, "advance", "2026-01-20", 3_500_000);
    assertEquals(201, advance.status(), advance.body());
    c = advance.json();
    TestPlatform.Response balance = pay(c, 1, "balance", "2027-03-15", 3_500_000);
    assertEquals(201, balance.status(), balance.body());
    c = balance.json();
    TestPlatform.Response second = pay(c, 2, "advance", "2027-01-20", 3_000_000);
    assertEquals(201, second.status(), second.body());
    c = second.json();
    assertEquals(0L, year(c, 1).getLong("dueCents"), "70 000 € voted, 35 000 € + 35 000 € paid");
    assertEquals(3_000_000L, year(c, 2).getLong("dueCents"), "60 000 € voted, 30 000 € paid");
    assertEquals(10_000_000L, c.getLong("paidCents"));
    assertEquals(3_000_000L, c.getLong("dueCents"));

    TestPlatform.Response tooMuch = pay(c, 2, "balance", "2028-03-15", 3_000_001);
    assertEquals(400, tooMuch.status());
    assertEquals("amountCents", tooMuch.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response notVoted = pay(c, 3, "advance", "2028-01-20", 100_000);
    assertEquals(400, notVoted.status());
    assertEquals("year", notVoted.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestPlatform.Response outside = pay(c, 2, "balance", "2030-06-01", 100_000);
    assertEquals(400, outside.status());
    assertEquals("paidOn", outside.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(10_000_000L, pilot.get(API + "/" + c.getString("id")).json().getLong("paidCents"), "nothing refused was written");
  }

  @Test
  void anAmendmentChangesATerritorysObjectiveThePlacesFollowAndTheFormerTermsStayReadable() {
    String offer = offerItem(Map.of("amiens", 10));
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70).put("picardie-maritime", 40), offer)));
    JsonObject amended = c.getJsonObject("terms").copy();
    JsonArray objectives = new JsonArray();
    amended.getJsonArray("objectives").stream().map(JsonObject.class::cast).forEach(o -> objectives.add(o.copy()
        .put("target", o.getString("territory").equals("amiens") ? 90 : o.getInteger("target"))));
    amended.put("objectives", objectives);
    TestPlatform.Response response = pilot.postJson(API + "/" + c.getString("id") + "/amendments", new JsonObject()
        .put("signedOn", "2027-02-01").put("object", "Renfort de la file active sur Amiens").put("terms", amended)
        .put("version", c.getInteger("version")).encode());
    assertEquals(201, response.status(), response.body());
    JsonObject after = response.json();
    JsonObject amendment = after.getJsonArray("amendments").getJsonObject(0);
    assertEquals(1, amendment.getInteger("number"));
    assertEquals("2027-02-01", amendment.getString("effectiveFrom"));
    assertTrue(amendment.getJsonArray("changes").contains("Objectif de l'année 1 sur « amiens » : 90 au lieu de 70."),
        amendment.encode());
    assertEquals(Map.of("amiens", 90, "picardie-maritime", 40), places(offer), "the places follow the amendment");

    JsonObject before = pilot.get(API + "/" + c.getString("id") + "?at=2026-06-01").json().getJsonObject("termsInForce");
    assertTrue(before.getJsonArray("objectives").contains(new JsonObject().put("year", 2).put("territory", "amiens").put("target", 70)));
    JsonObject later = pilot.get(API + "/" + c.getString("id") + "?at=2027-06-01").json().getJsonObject("termsInForce");
    assertTrue(later.getJsonArray("objectives").contains(new JsonObject().put("year", 2).put("territory", "amiens").put("target", 90)));

    String audit = platform.login("somme", "admin").get("/api/tenants/somme/audit?limit=100").body();
    assertTrue(audit.contains("convention.amended") && audit.contains("convention.signed"), audit);
  }

  @Test
  void twoEditsFromTheSameVersionGiveA409ToTheSecondAndItChangesNothing() {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    assertEquals(201, pay(c, 1, "advance", "2026-01-20", 1_000_000).status());
    TestPlatform.Response stale = pay(c, 1, "advance", "2026-01-21", 1_000_000);
    assertEquals(409, stale.status(), stale.body());
    assertEquals("application/problem+json", stale.header("Content-Type"));
    assertEquals(1_000_000L, pilot.get(API + "/" + c.getString("id")).json().getLong("paidCents"));
    TestPlatform.Response signedAgain = pilot.putJson(API + "/" + c.getString("id"),
        terms(c.getJsonObject("terms").getString("reference"), OPERATOR, new JsonObject().put("amiens", 70), null)
            .put("version", c.getInteger("version") + 1).encode());
    assertEquals(409, signedAgain.status(), "a signed convention changes by amendment only");
  }

  @Test
  void anUnbalancedYearIsRefusedNamingTheFieldAndNothingIsSaved() {
    int before = pilot.get(API).jsonArray().size();
    JsonObject body = terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null);
    body.getJsonArray("years").getJsonObject(1).put("departementCents", 6_000_000);
    TestPlatform.Response refused = pilot.postJson(API, body.encode());
    assertEquals(400, refused.status());
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("years[1].departementCents", error.getString("field"));
    assertTrue(error.getString("message").contains("ne s'équilibre pas"), error.encode());
    assertEquals(before, pilot.get(API).jsonArray().size());
  }

  @Test
  void operatorsAgentsAndOtherTenantsSeeOnlyTheirConventionsThroughTheApiAndThePages() {
    JsonObject amiens = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    String id = amiens.getString("id");
    String reference = amiens.getJsonObject("terms").getString("reference");

    TestPlatform.Client association = platform.login("somme", "association");
    JsonArray seen = association.get(API).jsonArray();
    assertFalse(seen.isEmpty());
    assertTrue(seen.stream().map(JsonObject.class::cast).map(c -> c.getJsonObject("terms")).allMatch(t ->
        t.getString("organisation").equals("association-demo") || t.getJsonArray("members").contains("association-demo")),
        "the demo association sees the conventions it is party to only");
    assertEquals(403, association.get(API + "/" + id).status());
    assertFalse(association.get("/t/somme/conventions", "Accept", "text/html").body().contains(reference));
    assertEquals(403, association.get("/t/somme/conventions/" + id, "Accept", "text/html").status());
    assertEquals(403, association.postJson(API, terms(reference(), "association-demo", new JsonObject().put("amiens", 1), null)
        .encode()).status(), "operators read, never write");

    TestPlatform.Client amiensAgent = platform.login("somme", "agent.amiens");
    assertTrue(amiensAgent.get(API).jsonArray().stream().map(JsonObject.class::cast).allMatch(c ->
        c.getJsonArray("territories").contains("amiens")));
    assertEquals(200, amiensAgent.get(API + "/" + id).status());
    TestPlatform.Client santerre = platform.login("somme", "agent.somme-santerre");
    assertFalse(santerre.get(API).body().contains(reference));
    assertEquals(403, santerre.get(API + "/" + id).status());
    assertFalse(santerre.get("/t/somme/conventions", "Accept", "text/html").body().contains(reference));

    TestPlatform.Client deuxSevres = platform.login("deux-sevres", "pilotage");
    assertEquals(404, deuxSevres.get("/api/tenants/deux-sevres/conventions/" + id).status());
    assertFalse(deuxSevres.get("/api/tenants/deux-sevres/conventions").body().contains(reference));
  }

  @Test
  void theSommeHasDemonstrationConventionsWithTheirPlacesInTheOffer() {
    JsonArray all = pilot.get(API).jsonArray();
    List<JsonObject> demo = all.stream().map(JsonObject.class::cast)
        .filter(c -> c.getJsonObject("terms").getString("reference").startsWith("DEMO-COM-2026-")).toList();
    assertEquals(5, demo.size(), "one per action type of the call");
    JsonObject first = demo.stream().filter(c -> c.getJsonObject("terms").getString("reference").equals("DEMO-COM-2026-001"))
        .findFirst().orElseThrow();
    assertEquals(5_000_000L, year(first, 2).getLong("votedCents"), "year 2 voted lower than the 54 000 € planned");
    assertEquals(2_700_000L, first.getLong("paidCents"), "the year 1 advance");
    String offer = first.getJsonObject("terms").getString("offerId");
    assertNotNull(offer);
    Map<String, Integer> places = places(offer);
    assertEquals(new java.util.HashSet<>(first.getJsonArray("territories").getList()), places.keySet());
    assertTrue(places.values().stream().allMatch(p -> p > 0), places.toString());
    assertTrue(pilot.get("/t/somme/conventions", "Accept", "text/html").body().contains("DEMO-COM-2026-001"));
  }

  @Test
  void theProgrammeManagerEntersAConventionOnThePageAndAnUnbalancedFormKeepsItsInputWithTheErrorInFrench() {
    assertEquals(200, pilot.get("/t/somme/conventions/nouvelle", "Accept", "text/html").status());
    String reference = reference();
    StringBuilder form = new StringBuilder("reference=" + reference + "&title=" + enc("Remobilisation sociale Amiens")
        + "&actionType=remobilisation-sociale&organisation=" + OPERATOR + "&periodStart=2026-01-01"
        + "&decision.date=2025-12-08&decision.reference=CP-42");
    for (int y = 1; y <= 3; y++) {
      form.append("&objective.").append(y).append(".amiens=192");
      int i = y - 1;
      form.append("&years%5B").append(i).append("%5D.directCents=").append(enc("50 000"))
          .append("&years%5B").append(i).append("%5D.indirectCents=10000")
          .append("&years%5B").append(i).append("%5D.departementCents=").append(y == 2 ? "40000" : "45000")
          .append("&years%5B").append(i).append("%5D.fse-plus=").append(enc("15 000,00"));
    }
    TestPlatform.Response refused = pilot.postForm("/t/somme/conventions", form.toString(), "Accept", "text/html");
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("ne s&#39;équilibre pas") || refused.body().contains("ne s'équilibre pas"), refused.body());
    assertTrue(refused.body().contains("value=\"" + reference + "\""), "the typed reference is kept");
    assertFalse(pilot.get(API).body().contains(reference));

    TestPlatform.Response created = pilot.postForm("/t/somme/conventions",
        form.toString().replace("departementCents=40000", "departementCents=45000"), "Accept", "text/html");
    assertEquals(303, created.status(), created.body());
    String page = pilot.get(created.header("Location"), "Accept", "text/html").body();
    assertTrue(page.contains(reference) && page.contains("45 000 €") && page.contains("Projet"), page);
  }

  @Test
  void theOpenDataFileHasTheScdlColumnsInOrderAndEachRowMatchesTheSchemasFieldTypes() throws IOException {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    String objet = c.getJsonObject("terms").getString("title");
    List<Map<String, String>> fields = fieldList();
    TestPlatform.Response file = platform.anonymous().get(API + "/open-data.csv");
    assertEquals(200, file.status(), file.body());
    List<List<String>> lines = csv(file.body());
    assertEquals(fields.stream().map(f -> f.get("name")).toList(), lines.get(0), "the schema's columns in its order");
    assertEquals(16, lines.get(0).size());
    for (List<String> line : lines.subList(1, lines.size())) {
      for (int i = 0; i < fields.size(); i++) {
        assertValid(fields.get(i), line.get(i));
      }
    }
    Map<String, String> row = lines.subList(1, lines.size()).stream().filter(l -> l.get(7).equals(objet))
        .map(l -> zip(lines.get(0), l)).filter(r -> r.get("dateConvention").equals("2025-12-15")).findFirst().orElseThrow();
    assertEquals("Département de la Somme", row.get("nomAttribuant"));
    assertEquals("12345678901234", row.get("idAttribuant"));
    assertEquals("CP-2025-12-08-42", row.get("referenceDecision"));
    assertEquals("Mobilité Solidaire Somme", row.get("nomBeneficiaire"));
    assertEquals("13003013300016", row.get("idBeneficiaire"));
    assertEquals("210000.00", row.get("montant"), "3 × 70 000 €, point as decimal separator");
    assertEquals("échelonné", row.get("conditionsVersement"));
    assertEquals("2025-12-15/2029-03-31", row.get("datesPeriodeVersement"), "from signature to the last balance");
    assertEquals("non", row.get("notificationUE"));
    assertEquals("1.00", row.get("pourcentageSubvention"));
    assertFalse(file.body().contains("DEMO-COM"), "conventions lacking a SIRET are left out rather than published invalid");
    assertFalse(platform.anonymous().get(API + "/open-data.csv?thresholdCents=30000000").body().contains(objet),
        "above the threshold only");
    JsonArray json = platform.anonymous().get(API + "/open-data").jsonArray();
    assertTrue(json.stream().map(JsonObject.class::cast).anyMatch(r -> r.getDouble("montant") == 210000.0
        && Boolean.FALSE.equals(r.getBoolean("notificationUE"))), json.encode());
  }

  @Test
  void anOrganisationsConventionsAreListedWithTheirAmountsOverTheYears() {
    String reference = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)))
        .getJsonObject("terms").getString("reference");
    JsonArray mine = pilot.get(API + "?organisation=" + OPERATOR).jsonArray();
    assertTrue(mine.stream().map(JsonObject.class::cast).allMatch(c -> c.getJsonObject("terms").getString("organisation").equals(OPERATOR)
        || c.getJsonObject("terms").getJsonArray("members").contains(OPERATOR)));
    assertTrue(mine.encode().contains(reference));
    assertFalse(mine.encode().contains("DEMO-COM-2026-001"), "the demonstration association's are left out");
    String page = pilot.get("/t/somme/conventions?organisation=" + OPERATOR, "Accept", "text/html").body();
    assertTrue(page.contains("Conventions de Mobilité Solidaire Somme") && page.contains(reference), page);
    assertFalse(page.contains("DEMO-COM-2026-001"));
  }

  @Test
  void theYearlyFiguresExportAsASpreadsheetOneLinePerConventionAndYear() {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    String reference = c.getJsonObject("terms").getString("reference");
    TestPlatform.Response export = pilot.get(API + "/export.csv");
    assertEquals(200, export.status());
    assertTrue(export.header("Content-Type").startsWith("text/csv"));
    List<String> lines = export.body().lines().filter(l -> l.startsWith(reference + ";")).toList();
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).contains(";1;01/01/2026;31/12/2026;Ferme (votée);CP-2025-12-08-42;105000,00;101000,00;31000,00;70000,00;70000,00;0,00;0,00;70000,00"),
        lines.get(0));
  }

  @Test
  void theConventionsTextIsAPdfInFrenchThatFollowsItsAmendments() throws Exception {
    JsonObject c = signed(created(terms(reference(), OPERATOR, new JsonObject().put("amiens", 70), null)));
    String reference = c.getJsonObject("terms").getString("reference");
    JsonObject amended = c.getJsonObject("terms").copy();
    JsonArray objectives = new JsonArray();
    amended.getJsonArray("objectives").stream().map(JsonObject.class::cast).forEach(o -> objectives.add(o.copy().put("target", 85)));
    amended.put("objectives", objectives);
    assertEquals(201, pilot.postJson(API + "/" + c.getString("id") + "/amendments", new JsonObject().put("signedOn", "2026-09-01")
        .put("object", "Objectif relevé").put("terms", amended).put("version", c.getInteger("version")).encode()).status());
    String before = PdfText.of(pdf(API + "/" + c.getString("id") + "/text.pdf?at=2026-06-01"));
    assertTrue(before.contains("Convention d'objectifs et de moyens n°"), before);
    assertTrue(before.contains("Convention " + reference + " — texte en vigueur le 1 juin 2026"), before);
    assertTrue(before.contains("1er janvier 2026") || before.contains("1 janvier 2026"), before);
    assertTrue(before.contains("DORA") && before.contains("le 30") && before.contains("comité de pilotage"), before);
    assertTrue(before.contains("Amiens 70 70 70") || before.replaceAll("\\s+", " ").contains("Amiens 70 70 70"), before);
    assertFalse(before.contains("Avenant n° 1"), "not yet in force on 1 June 2026");
    String after = PdfText.of(pdf(API + "/" + c.getString("id") + "/text.pdf?at=2026-10-01")).replaceAll("\\s+", " ");
    assertTrue(after.contains("Amiens 85 85 85") && after.contains("Avenant n° 1"), after);
    assertTrue(before.contains(SOMME_CLAUSE), "the Somme's own wording: " + before);
    assertFalse(defaultWording().contains(SOMME_CLAUSE), "Pacte's default does not have it");
  }

  @Test
  void aProjectSelectedByTheCommitteeBecomesAConventionInOneStepWithItsThreeYearlyTranches() {
    String call = pilot.get("/api/tenants/somme/calls").jsonArray().stream().map(JsonObject.class::cast)
        .filter(c -> "aap-insertion-2026-2028".equals(c.getString("code"))).findFirst().orElseThrow().getString("id");
    String application = selectedProject(call, 19_500_000);
    JsonArray awaiting = pilot.get(API + "/awaiting").jsonArray();
    assertTrue(awaiting.stream().map(JsonObject.class::cast).anyMatch(a -> a.getString("application").equals(application)));
    assertTrue(pilot.get("/t/somme/conventions", "Accept", "text/html").body().contains("Projets retenus sans convention"));

    String reference = reference();
    TestPlatform.Response made = pilot.postJson(API + "/from-decision", new JsonObject().put("application", application)
        .put("lot", "plateforme-mobilite").put("reference", reference).put("departementSiret", "12345678901234").encode());
    assertEquals(201, made.status(), made.body());
    JsonObject c = made.json();
    JsonObject terms = c.getJsonObject("terms");
    assertEquals("draft", c.getString("state"));
    assertEquals(OPERATOR, terms.getString("organisation"));
    assertEquals(List.of("association-demo"), terms.getJsonArray("members").getList(), "the groupement comes over");
    assertEquals("plateforme-mobilite-solidaire", terms.getString("actionType"), "the lot's action type");
    assertEquals("2026-01-01", terms.getString("periodStart"), "1 January after the committee of 8 December 2025");
    assertEquals("2028-12-31", terms.getString("periodEnd"));
    assertEquals(List.of("amiens"), c.getJsonArray("territories").getList());
    // The call's decision (on the embedded default, the demonstration's commission permanente of 8 December 2025).
    JsonObject decision = pilot.get("/api/tenants/somme/calls/" + call + "/decision").json();
    assertEquals("Commission permanente du 8 décembre 2025, " + decision.getString("deliberationRef"),
        terms.getJsonObject("decision").getString("reference"));
    assertEquals(3, c.getJsonArray("years").size());
    // 195 000 € decided for 210 000 € asked (70 000 € a year): 65 000 € a year; the eligible 101 000 € less 65 000 €
    // and the co-funders' 31 000 € leaves 5 000 € to the organisation.
    JsonObject year1 = terms.getJsonArray("years").getJsonObject(0);
    assertEquals(6_500_000L, year1.getLong("departementCents"));
    List<String> kinds = year1.getJsonArray("coFunders").stream().map(JsonObject.class::cast).map(f -> f.getString("kind")).toList();
    assertEquals(List.of("fse-plus", "commune-epci", "autre"), kinds);
    assertEquals(500_000L, year1.getJsonArray("coFunders").getJsonObject(2).getLong("amountCents"));
    assertEquals(19_500_000L, c.getLong("committedCents"));

    TestPlatform.Response again = pilot.postJson(API + "/from-decision", new JsonObject().put("application", application)
        .put("lot", "plateforme-mobilite").put("reference", reference()).encode());
    assertEquals(409, again.status(), "one convention per selected project");
    assertFalse(pilot.get(API + "/awaiting").body().contains(application));

    JsonObject body = terms.copy().put("signatories", new JsonArray()
        .add(new JsonObject().put("party", "departement").put("name", "Le Président (test)").put("capacity", "Président"))
        .add(new JsonObject().put("party", OPERATOR).put("name", "La Présidente (test)").put("capacity", "Présidente")))
        .put("version", c.getInteger("version"));
    TestPlatform.Response completed = pilot.putJson(API + "/" + c.getString("id"), body.encode());
    assertEquals(200, completed.status(), completed.body());
    JsonObject signed = signed(completed.json());
    assertEquals(List.of("voted", "provisional", "provisional"), signed.getJsonArray("years").stream().map(JsonObject.class::cast)
        .map(y -> y.getJsonObject("tranche").getString("status")).toList());
    assertEquals(6_500_000L, signed.getLong("votedCents"));
  }

  /** The upstream state of a call's decision: a submitted application whose mobility project was selected. */
  private static String selectedProject(String call, long decidedCents) {
    JsonArray years = new JsonArray();
    for (int y = 1; y <= 3; y++) {
      years.add(new JsonObject().put("year", y)
          .put("direct", new JsonObject().put("staffCents", 6_000_000).put("servicesCents", 1_000_000).put("purchasesCents", 1_000_000))
          .put("indirect", new JsonObject().put("rentCents", 1_500_000).put("utilitiesCents", 500_000).put("printingCents", 200_000)
              .put("supportCents", 300_000))
          .put("cofunding", new JsonArray()
              .add(new JsonObject().put("funder", "FSE+").put("amountCents", 2_000_000).put("status", "obtained"))
              .add(new JsonObject().put("funder", "Amiens Métropole").put("amountCents", 1_100_000).put("status", "requested")))
          .put("requestedCents", 7_000_000));
    }
    JsonArray objectives = new JsonArray();
    for (int y = 1; y <= 3; y++) {
      objectives.add(new JsonObject().put("territory", "amiens").put("year", y).put("target", 70));
    }
    return platform.pacte().node().transactions().inTenant("somme", connection -> connection.preparedQuery("""
            INSERT INTO platform.application (tenant_id, call_id, organisation_id, state, created_by, submitted_at, submitted_by,
              content_hash) VALUES ('somme', $1, $2, 'submitted', 'test', now(), 'test', repeat('a', 64)) RETURNING id""")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(call), OPERATOR))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(id -> connection.preparedQuery("""
                INSERT INTO platform.application_member (tenant_id, application_id, organisation_id, role, position)
                VALUES ('somme', $1, $2, 'lead', 0), ('somme', $1, 'association-demo', 'member', 1)""")
            .execute(io.vertx.sqlclient.Tuple.of(id, OPERATOR))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.application_project (tenant_id, application_id, lot_code, title, territories, objectives, budget)
                VALUES ('somme', $1, 'plateforme-mobilite', 'Plateforme mobilité solidaire du Grand Amiens', '{amiens}', $2, $3)""")
                .execute(io.vertx.sqlclient.Tuple.of(id, objectives, years)))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.call_decision (tenant_id, call_id, committee, committee_date, deliberation_ref, decided_by)
                VALUES ('somme', $1, 'Commission permanente', '2025-12-08', 'CP-2025-12-08-42', 'test')
                ON CONFLICT DO NOTHING""").execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(call))))
            .compose(done -> connection.preparedQuery("""
                INSERT INTO platform.project_decision (tenant_id, call_id, application_id, lot_code, organisation_id, selected,
                  amount_cents, requested_cents, territories, objectives, budget)
                VALUES ('somme', $1, $2, 'plateforme-mobilite', $3, true, $4, 21000000, '{amiens}', $5, $6)""")
                .execute(io.vertx.sqlclient.Tuple.from(new Object[] {java.util.UUID.fromString(call), id, OPERATOR, decidedCents,
                    objectives, years})))
            .map(done -> id.toString()))).await();
  }

  /** A PDF as the programme manager's browser gets it: bytes, with the session cookie. */
  private static byte[] pdf(String path) throws Exception {
    java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(platform.url() + path))
        .header("Cookie", fr.pacte.server.identity.Sessions.cookieName("somme") + "=" + pilot.cookie(fr.pacte.server.identity.Sessions.cookieName("somme"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
    return response.body();
  }

  private static void assertValid(Map<String, String> field, String value) {
    String name = field.get("name");
    if (value.isEmpty()) {
      assertEquals("false", field.get("required"), name + " is required");
      return;
    }
    if (!field.get("pattern").isEmpty()) {
      assertTrue(value.matches(field.get("pattern")), name + " « " + value + " » against " + field.get("pattern"));
    }
    if (!field.get("maxLength").isEmpty()) {
      assertTrue(value.length() <= Integer.parseInt(field.get("maxLength")), name);
    }
    if (!field.get("values").isEmpty()) {
      assertTrue(List.of(field.get("values").split("\\|")).contains(value), name + " « " + value + " »");
    }
    switch (field.get("type")) {
      case "date" -> LocalDate.parse(value);
      case "number" -> assertTrue(value.matches("-?[0-9]+(\\.[0-9]+)?"), name + " « " + value + " » is a number with a point");
      case "boolean" -> assertTrue(value.equals("oui") || value.equals("non"), name);
      default -> { }
    }
  }

  /** The schema's field list kept in the repository beside the server's resources. */
  private static List<Map<String, String>> fieldList() throws IOException {
    try (InputStream in = Pacte.class.getResourceAsStream("/opendata/scdl-subventions-2.1.1.csv")) {
      assertNotNull(in, "the field list is in the server's resources");
      List<List<String>> lines = csv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return lines.subList(1, lines.size()).stream().map(l -> zip(lines.get(0), l)).toList();
    }
  }

  private static Map<String, String> zip(List<String> header, List<String> line) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), i < line.size() ? line.get(i) : "");
    }
    return row;
  }

  /** RFC 4180: quoted fields may hold commas, quotes doubled. */
  private static List<List<String>> csv(String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        line.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        line.add(field.toString().replace("\r", ""));
        field.setLength(0);
        lines.add(line);
        line = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !line.isEmpty()) {
      line.add(field.toString());
      lines.add(line);
    }
    return lines;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
