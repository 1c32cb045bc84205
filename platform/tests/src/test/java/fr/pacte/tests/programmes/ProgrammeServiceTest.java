package fr.pacte.tests.programmes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.programmes.ActionInput;
import fr.pacte.server.programmes.ChantierInput;
import fr.pacte.server.programmes.Programme;
import fr.pacte.server.programmes.ProgrammeFile;
import fr.pacte.server.programmes.ProgrammeService;
import fr.pacte.server.programmes.ProgrammeService.ImportFile;
import fr.pacte.server.programmes.ProgrammeStore;
import fr.pacte.server.referentials.NationalReferentials;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.referentials.ReferentialService.EntryView;
import fr.pacte.server.referentials.ReferentialStore;
import fr.pacte.server.referentials.ReferentialsFile;
import fr.pacte.server.referentials.TenantReferentials;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.Problem;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The référentiels and programmes of the three départements once loaded from the real tenants/ folder: what the
 * database holds, the YAML round trip of the Somme PDI/PTI 2022-2025, all-or-nothing import, versions, validation and
 * audit, and seeds applied once per content. Services run on the application role, as requests do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgrammeServiceTest {

  private static final String SOMME_PDI_PTI = "pdi-pti-2022-2025";
  private static final Actor ACTOR = new Actor("somme:pilotage", "Pilotage (test)");
  private static final TenantClock CLOCK = new TenantClock(Clock.systemUTC(), tenant -> ZoneId.of("Europe/Paris"));

  private TestPlatform platform;
  private Vertx vertx;
  private Pool pool;
  private TenantTransactions transactions;
  private ReferentialService referentials;
  private ProgrammeService programmes;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(platform.pacte().node().database().appConnectOptions()).using(vertx).build();
    transactions = new TenantTransactions(pool);
    referentials = new ReferentialService(transactions, new ReferentialStore(), new TenantStore(), new AuditStore(),
        NationalReferentials.load());
    programmes = new ProgrammeService(transactions, new ProgrammeStore(), new AuditStore(), referentials);
  }

  @AfterAll
  void stop() {
    pool.close().await();
    vertx.close().await();
    platform.close();
  }

  /** The service's caller: the whole tenant in scope, acting as {@link #ACTOR}. */
  private static RequestContext as(String tenant) {
    return RequestContext.system(tenant, "test", CLOCK).withActor(ACTOR);
  }

  private static Programme fromRepository(String tenant, String code) {
    return ProgrammeFile.read(Repository.tenants().resolve(tenant).resolve("programmes").resolve(code + ".yaml"),
        "tenants/" + tenant + "/programmes/" + code + ".yaml");
  }

  private long audited(String tenant, String action) {
    return transactions.inTenant(tenant, sql -> sql.preparedQuery(
            "SELECT count(*) FROM platform.audit_event WHERE action = $1").execute(io.vertx.sqlclient.Tuple.of(action)))
        .map(rows -> rows.iterator().next().getLong(0)).await();
  }

  private static Problem failure(Future<?> future) {
    Throwable error = assertThrowsFuture(future);
    return assertInstanceOf(Problem.class, error, String.valueOf(error));
  }

  private static Throwable assertThrowsFuture(Future<?> future) {
    try {
      future.await();
    } catch (Throwable error) {
      return error;
    }
    throw new AssertionError("expected a failure, got " + future.result());
  }

  private static JsonObject firstAction(JsonObject programme) {
    return programme.getJsonArray("axes").getJsonObject(0).getJsonArray("fiches").getJsonObject(0)
        .getJsonArray("actions").getJsonObject(0);
  }

  @Test
  @Order(0)
  void theSeedsOfTheThreeDepartementsAreInTheDatabase() {
    List<JsonObject> somme = programmes.list("somme").await();
    assertEquals(List.of("pdi-pti-2022-2025", "pti-amiens-2018-2021", "pdi-2017-2021"),
        somme.stream().map(p -> p.getString("code")).toList(), "newest period first, the older versions kept");
    JsonObject counts = somme.get(0).getJsonObject("counts");
    assertEquals(4, counts.getLong("axes"));
    assertEquals(19, counts.getLong("fiches"));
    assertEquals(66, counts.getLong("actions"));
    assertEquals(5, counts.getLong("roadmaps"));
    JsonObject tree = programmes.programme("somme", SOMME_PDI_PTI).await();
    assertEquals(List.of(11, 9, 10, 12, 10), tree.getJsonArray("roadmaps").stream()
        .map(r -> ((JsonObject) r).getJsonArray("chantiers").size()).toList());
    assertEquals(14, programmes.programme("deux-sevres", "pti-2014-2020").await().getJsonArray("axes").size());
    assertEquals(6, programmes.programme("allier", "pti-2018-2021").await().getJsonArray("commitments").size());
    assertTrue(programmes.list("allier").await().stream().noneMatch(p -> p.getString("code").startsWith("pdi-pti")),
        "each tenant sees its own programmes only");
  }

  @Test
  @Order(1)
  void theSommePdiPtiGoesThroughExportAndImportUnchanged() {
    Programme published = fromRepository("somme", SOMME_PDI_PTI);
    assertEquals(published, programmes.record("somme", SOMME_PDI_PTI).await(), "the database holds the file as published");
    String exported = programmes.export("somme", SOMME_PDI_PTI).await();
    assertEquals(published, ProgrammeFile.parse(exported, "export.yaml"), "the export reads back as the same programme");

    ProgrammeService.ImportResult result = programmes.importFiles(as("somme"),
        List.of(new ImportFile("pdi-pti-2022-2025.yaml", exported))).await();
    assertEquals(List.of(SOMME_PDI_PTI), result.replaced());
    assertEquals(published, programmes.record("somme", SOMME_PDI_PTI).await(), "import of the export gives it back");
    assertEquals(exported.substring(exported.indexOf("\ncode:")),
        programmes.export("somme", SOMME_PDI_PTI).await().substring(exported.indexOf("\ncode:")));
    assertTrue(audited("somme", "programme.imported") >= 1);
  }

  @Test
  void anImportWithOneBadFileChangesNothingAndNamesFileLineAndField() {
    String good = ProgrammeFile.write("essai", new Programme("essai-2026", Programme.Kind.PTI, "PTI d'essai",
        java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2028, 12, 31), null, null, null, List.of(), null,
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    String bad = """
        code: essai-bis
        kind: pti
        title: Essai
        period: {from: 2026-01-01, to: 2028-12-31}
        axes:
          - code: "1"
            titel: Faute de frappe
        """;
    Problem problem = failure(programmes.importFiles(as("somme"),
        List.of(new ImportFile("essai-2026.yaml", good), new ImportFile("essai-bis.yaml", bad))));
    assertEquals(400, problem.status());
    Problem.FieldError error = problem.errors().get(0);
    assertEquals("axes[1].titel", error.field());
    assertTrue(error.message().startsWith("essai-bis.yaml, ligne 7"), error.message());
    assertTrue(programmes.list("somme").await().stream().noneMatch(p -> p.getString("code").equals("essai-2026")),
        "the good file was not imported either");
    Problem referentialsRefused = failure(programmes.importFiles(as("somme"),
        List.of(new ImportFile("referentiels.yaml", "overrides: {}\nareas: []\n"))));
    assertEquals(403, referentialsRefused.status(), "a programme manager does not replace référentiels");
  }

  @Test
  void anActionIsSavedWithItsVersionAndAStaleVersionChangesNothing() {
    JsonObject action = firstAction(programmes.programme("somme", SOMME_PDI_PTI).await());
    long id = action.getLong("id");
    int version = action.getInteger("version");
    ActionInput edit = new ActionInput(action.getString("title") + " (révisé)", action.getString("description"),
        "Allocataires du RSA", List.of("DILE"), List.of("France Travail"), "2024", List.of(
            new Programme.Indicator("Nombre de personnes accompagnées", "personnes", "annuel", "150")),
        List.of(), version);
    JsonObject saved = programmes.updateAction(as("somme"), SOMME_PDI_PTI, id, edit).await();
    assertEquals(version + 1, saved.getInteger("version"));
    assertEquals("Allocataires du RSA", saved.getString("targetPublic"));
    assertEquals(new JsonArray().add(new JsonObject().put("name", "Nombre de personnes accompagnées")
        .put("unit", "personnes").put("period", "annuel").put("target", "150")), saved.getJsonArray("indicators"));
    assertEquals(1, audited("somme", "programme.action.updated"));

    Problem stale = failure(programmes.updateAction(as("somme"), SOMME_PDI_PTI, id,
        new ActionInput("Écrasement", null, null, List.of(), List.of(), null, List.of(), List.of(), version)));
    assertEquals(409, stale.status());
    Problem invalid = failure(programmes.updateAction(as("somme"), SOMME_PDI_PTI, id,
        new ActionInput(null, null, null, List.of(), List.of(), null,
            List.of(new Programme.Indicator(null, "personnes", null, null)), List.of(), version + 1)));
    assertEquals(400, invalid.status());
    assertEquals(List.of("title", "indicators[0].name"), invalid.errors().stream().map(Problem.FieldError::field).toList());
    JsonObject after = programmes.action("somme", SOMME_PDI_PTI, id).await();
    assertEquals(saved.getString("title"), after.getString("title"), "nothing overwritten by the refused edits");
    assertEquals(1, audited("somme", "programme.action.updated"));
    assertEquals(404, failure(programmes.action("allier", SOMME_PDI_PTI, id)).status(), "not visible from another tenant");
  }

  @Test
  void aChantierRefusesUnknownActionCodes() {
    JsonObject roadmap = programmes.programme("somme", SOMME_PDI_PTI).await().getJsonArray("roadmaps").getJsonObject(2);
    assertEquals("amiens", roadmap.getString("territory"));
    JsonObject chantier = roadmap.getJsonArray("chantiers").getJsonObject(0).put("territory", "amiens");
    ChantierInput wrong = new ChantierInput(chantier.getString("title"), null, List.of(), List.of("9-9-9"), List.of(),
        chantier.getInteger("version"));
    Problem problem = failure(programmes.updateChantier(as("somme"), SOMME_PDI_PTI, chantier.getLong("id"), wrong));
    assertEquals("actions", problem.errors().get(0).field());
    JsonObject saved = programmes.updateChantier(as("somme"), SOMME_PDI_PTI, chantier.getLong("id"), new ChantierInput(chantier.getString("title"),
        chantier.getString("description"), List.of("PLIE d'Amiens Métropole"), List.of("1-1-1"), List.of(),
        chantier.getInteger("version"))).await();
    assertEquals(List.of("1-1-1"), saved.getJsonArray("actions").getList());
    assertEquals(chantier.getInteger("version") + 1, saved.getInteger("version"));
  }

  @Test
  void vocabularyDiffersByDepartementThroughDataOnly() {
    assertEquals("Référent RSA", referentials.labels("somme", "vocabulary").await().get("referent"));
    assertEquals("Référent RSA", referentials.labels("deux-sevres", "vocabulary").await().get("referent"));
    assertEquals("Référent unique", referentials.labels("allier", "vocabulary").await().get("referent"));
    assertEquals("Contrat d'insertion", referentials.labels("deux-sevres", "vocabulary").await().get("contrat"));
    assertEquals(69, referentials.kind("somme", "thematics").await().entries().size(), "data·inclusion v1 thématiques");
    List<TenantReferentials.Area> areas = referentials.areas("somme").await();
    assertEquals(List.of("plie-amiens-metropole", "plie-amiens-metropole-mlife"),
        areas.stream().map(TenantReferentials.Area::code).toList());
    assertEquals(java.time.LocalDate.of(2019, 1, 1), areas.get(1).validFrom());
  }

  @Test
  void anOverrideIsVersionedAndReturnsToTheNationalValue() {
    EntryView before = referentials.entry("allier", "exit-types", "abandon").await();
    assertFalse(before.overridden());
    EntryView overridden = referentials.override("allier", "exit-types", "abandon", "Abandon en cours d'action", null,
        0, ACTOR, null).await();
    assertTrue(overridden.overridden());
    assertEquals("Abandon", overridden.nationalLabel());
    assertEquals(1, overridden.version());
    assertEquals(409, failure(referentials.override("allier", "exit-types", "abandon", "Autre", null, 0, ACTOR, null)).status());
    assertEquals(400, failure(referentials.override("allier", "exit-types", "abandon", " ", null, 1, ACTOR, null)).status());
    assertEquals(404, failure(referentials.override("allier", "exit-types", "inconnu", "X", null, 0, ACTOR, null)).status());
    assertEquals("Abandon", referentials.entry("somme", "exit-types", "abandon").await().label(), "other tenants unchanged");
    EntryView reset = referentials.reset("allier", "exit-types", "abandon", 1, ACTOR, null).await();
    assertFalse(reset.overridden());
    assertEquals("Abandon", reset.label());
    assertEquals(1, audited("allier", "referential.overridden"));
    assertEquals(1, audited("allier", "referential.reset"));
  }

  @Test
  void theReferentialsExportReadsBackTheSame() {
    TenantReferentials somme = referentials.export("somme").await();
    String yaml = ReferentialsFile.write("test", somme);
    assertEquals(somme, ReferentialsFile.parse(yaml, "referentiels.yaml", referentials.national()));
    assertEquals(ReferentialsFile.read(Repository.tenants().resolve("somme").resolve("referentiels.yaml"),
        "tenants/somme/referentiels.yaml", referentials.national()), somme);
  }

  @Test
  void seedsAreAppliedOncePerContentSoEditsSurviveARestart() throws Exception {
    JsonObject action = firstAction(programmes.programme("deux-sevres", "pti-2014-2020").await());
    programmes.updateAction(as("deux-sevres"), "pti-2014-2020", action.getLong("id"), new ActionInput("Intitulé modifié",
        null, null, List.of(), List.of(), null, List.of(), List.of(), action.getInteger("version"))).await();
    Path allierFile = platform.pacte().config().tenantsDir().resolve("allier/programmes/pti-2018-2021.yaml");
    Files.writeString(allierFile, Files.readString(allierFile).replaceFirst("\ntitle: .*\n", "\ntitle: \"PTI changé\"\n"));
    platform.startSecondNode();
    assertEquals("Intitulé modifié", programmes.action("deux-sevres", "pti-2014-2020", action.getLong("id")).await()
        .getString("title"), "an unchanged seed file does not overwrite an edit");
    assertEquals("PTI changé", programmes.programme("allier", "pti-2018-2021").await().getString("title"),
        "a changed seed file is applied again");
  }
}
