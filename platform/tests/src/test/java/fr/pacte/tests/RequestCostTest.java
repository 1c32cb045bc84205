package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.database.TenantTransactions.Tally;
import fr.pacte.api.Role;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Scope;
import fr.pacte.server.programmes.ActionInput;
import fr.pacte.server.programmes.ChantierInput;
import fr.pacte.server.programmes.Programme;
import fr.pacte.server.programmes.ProgrammeService;
import fr.pacte.server.programmes.ProgrammeStore;
import fr.pacte.server.referentials.NationalReferentials;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.referentials.ReferentialStore;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.Problem;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a request costs the database, counted by the node's own {@link TenantTransactions}: one tenant transaction for
 * the data·inclusion export and for the public offer page, a session read without a write, and a programme edit in a
 * handful of statements rather than a reload of the whole tree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestCostTest {

  private static final String PDI_PTI = "pdi-pti-2022-2025";
  private static final Actor ACTOR = new Actor("somme:pilotage", "Pilotage (test)");
  private static final TenantClock CLOCK = new TenantClock(Clock.systemUTC(), tenant -> ZoneId.of("Europe/Paris"));

  private static final RequestContext SOMME = RequestContext.system("somme", "test", CLOCK).withActor(ACTOR);

  private TestPlatform platform;
  private TenantTransactions transactions;
  private ProgrammeService programmes;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    transactions = platform.pacte().node().transactions();
    ReferentialService referentials = new ReferentialService(transactions, new ReferentialStore(), new TenantStore(),
        new AuditStore(), NationalReferentials.load());
    programmes = new ProgrammeService(transactions, new ProgrammeStore(), new AuditStore(), referentials);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private Tally cost(Supplier<?> work) {
    Tally before = transactions.tally();
    work.get();
    return transactions.tally().since(before);
  }

  @Test
  void theDataInclusionExportIsOneTenantTransaction() {
    for (String schema : List.of("v1", "v0")) {
      Tally cost = cost(() -> {
        TestPlatform.Response export = platform.get("/api/tenants/somme/offer/data-inclusion?schema=" + schema);
        assertEquals(200, export.status(), export.body());
        return export;
      });
      assertEquals(1, cost.transactions(), schema + ": " + cost);
    }
  }

  @Test
  void thePublicOfferPageIsOneTenantTransaction() {
    Tally cost = cost(() -> {
      TestPlatform.Response page = platform.get("/t/somme/offre");
      assertEquals(200, page.status());
      return page;
    });
    assertEquals(1, cost.transactions(), cost.toString());
  }

  @Test
  void aSignedInRequestReadsItsSessionWithoutWritingIt() {
    TestPlatform.Client pilot = platform.login("somme", "pilotage");
    Tally anonymous = cost(() -> platform.get("/t/somme/offre"));
    Tally signedIn = cost(() -> pilot.get("/t/somme/offre"));
    Tally session = signedIn.since(anonymous);
    assertEquals(1, session.transactions(), "the session is read in its own transaction: " + session);
    assertEquals(2, session.statements(), "the tenant binding and one SELECT, no UPDATE of last-seen: " + session);
  }

  @Test
  void anActionEditTakesOneTransactionOfAtMostFiveStatements() {
    JsonObject action = programmes.programme("somme", PDI_PTI).await().getJsonArray("axes").getJsonObject(0)
        .getJsonArray("fiches").getJsonObject(0).getJsonArray("actions").getJsonObject(0);
    ActionInput edit = new ActionInput(action.getString("title") + " (révisé)", action.getString("description"),
        "Allocataires du RSA", List.of("DILE"), List.of("France Travail"), "2025",
        List.of(new Programme.Indicator("Personnes accompagnées", "personnes", "annuel", "150")), List.of(),
        action.getInteger("version"));
    JsonObject[] saved = new JsonObject[1];
    Tally cost = cost(() -> saved[0] = programmes.updateAction(SOMME, PDI_PTI, action.getLong("id"), edit)
        .await());
    assertEquals(1, cost.transactions(), cost.toString());
    assertTrue(cost.statements() <= 5, "at most 5 statements: " + cost);
    assertEquals(action.getInteger("version") + 1, saved[0].getInteger("version"));
    assertEquals("Personnes accompagnées", saved[0].getJsonArray("indicators").getJsonObject(0).getString("name"));
    assertEquals(saved[0], programmes.action("somme", PDI_PTI, action.getLong("id")).await(),
        "the answer is the action as stored");

    Tally read = cost(() -> programmes.action("somme", PDI_PTI, action.getLong("id")).await());
    assertEquals(new Tally(1, 2), read, "an action is read by its id");
  }

  @Test
  void aChantierEditTakesOneTransactionOfAtMostFiveStatements() {
    JsonObject roadmap = programmes.programme("somme", PDI_PTI).await().getJsonArray("roadmaps").getJsonObject(2);
    JsonObject chantier = roadmap.getJsonArray("chantiers").getJsonObject(0);
    ChantierInput edit = new ChantierInput(chantier.getString("title"), chantier.getString("description"), List.of("PLIE"),
        List.of("1-1-1", "1-1-2"), List.of(), chantier.getInteger("version"));
    Principal elsewhere = new Principal("agent", "agent.ailleurs", "Agent (test)", "somme", Set.of(Role.TERRITORY_AGENT),
        Scope.territories("picardie-maritime"));
    Problem refused = assertThrows(Problem.class, () -> programmes.updateChantier(
        RequestContext.of("somme", elsewhere, CLOCK), PDI_PTI, chantier.getLong("id"), edit).await());
    assertEquals(403, refused.status(), "the service refuses a chantier outside the caller's territory");

    JsonObject[] saved = new JsonObject[1];
    Tally cost = cost(() -> saved[0] = programmes.updateChantier(SOMME, PDI_PTI, chantier.getLong("id"), edit).await());
    assertEquals(1, cost.transactions(), cost.toString());
    assertTrue(cost.statements() <= 5, "at most 5 statements: " + cost);
    assertEquals(roadmap.getString("territory"), saved[0].getString("territory"));
    assertEquals(chantier.getInteger("version") + 1, saved[0].getInteger("version"), "the refused edit changed nothing");
    assertEquals(saved[0], programmes.chantier("somme", PDI_PTI, chantier.getLong("id")).await());
  }
}
