package fr.pacte.tests.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Account;
import fr.pacte.server.identity.AccountStore;
import fr.pacte.server.identity.DemoAccounts;
import fr.pacte.server.identity.PasswordHasher;
import fr.pacte.api.Role;
import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The embedded default creates one demonstration account per role and tenant; a real deployment refuses them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoAccountsTest {

  private TestPlatform platform;
  private Vertx vertx;
  private Pool pool;
  private TenantTransactions transactions;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants())).start();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(platform.pacte().node().database().appConnectOptions()).using(vertx).build();
    transactions = new TenantTransactions(pool);
  }

  @AfterAll
  void stop() {
    pool.close().await();
    vertx.close().await();
    platform.close();
  }

  private Map<String, Account> accounts(String tenant) {
    return transactions.inTenant(tenant, new AccountStore()::all).await().stream()
        .collect(Collectors.toMap(Account::username, Function.identity()));
  }

  @Test
  void everyTenantHasADemoAccountPerRoleWithAHashedPassword() {
    Map<String, Account> somme = accounts("somme");
    assertTrue(somme.keySet().containsAll(List.of("admin", "pilotage", "agent.amiens", "agent.picardie-maritime",
        "referent", "association", "instructeur", "auditeur")), somme.keySet().toString());
    Account admin = somme.get("admin");
    assertTrue(admin.roles().contains(Role.TENANT_ADMINISTRATOR));
    assertTrue(admin.passwordHash().startsWith("$argon2id$"));
    assertTrue(new PasswordHasher().verify(DemoAccounts.PASSWORD, admin.passwordHash()));
    assertEquals(java.util.Set.of("amiens"), somme.get("agent.amiens").scope().territories());
    assertEquals("association-demo", somme.get("association").scope().organisation());
    assertTrue(somme.values().stream().allMatch(Account::demo));

    Map<String, Account> deuxSevres = accounts("deux-sevres");
    assertTrue(deuxSevres.containsKey("admin"));
    assertFalse(deuxSevres.keySet().stream().anyMatch(name -> name.startsWith("agent.")),
        "no territory agent where the seed names no territory");
    assertFalse(accounts("allier").containsKey("agent.amiens"), "accounts stay in their tenant");
  }

  @Test
  void aStartOutsideTheEmbeddedDefaultRefusesDemoAccounts() throws Exception {
    DatabaseSettings db = platform.pacte().node().database();
    PacteConfig external = new PacteConfig("127.0.0.1", 0, platform.workDir().resolve("external"),
        platform.pacte().config().pluginsDir(), platform.pacte().config().tenantsDir(),
        Optional.of(new PacteConfig.ExternalDatabase(db.jdbcUrl(), db.ownerUser(), db.ownerPassword(), db.appUser(),
            db.appPassword())), "external-node", false,
        Optional.empty(), null);
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Pacte.start(external).close());
    assertTrue(refused.getMessage().contains("comptes de démonstration"), refused.getMessage());
  }
}
