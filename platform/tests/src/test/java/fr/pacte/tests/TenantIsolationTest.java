package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant isolation is held by PostgreSQL row-level security, not by the queries: these tests connect as the
 * application role and try to cross from Somme into Allier with hand-written SQL, and through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

  private TestPlatform platform;
  private TestPlatform.Client admins;
  private Vertx vertx;
  private Pool pool;
  private TenantTransactions transactions;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenantsDir(copyOfRepositoryTenants())
        .plugin(Repository.builtPlugin("mobility-platform")).start();
    admins = platform.administrators();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(platform.pacte().node().database().appConnectOptions()).using(vertx).build();
    transactions = new TenantTransactions(pool);
    // Give Allier rows of its own in every tenant-owned table the tests look at.
    assertEquals(200, admins.putJson("/api/tenants/allier/plugins/mobility-platform", "{\"enabled\": true}").status());
    transactions.inTenant("allier", sql -> sql.query(
        "INSERT INTO platform.territory (tenant_id, layer, code, name) VALUES ('allier', 'bassin-de-vie', 'moulins', 'Moulins')")
        .execute()).await();
  }

  @AfterAll
  void stop() {
    pool.close().await();
    vertx.close().await();
    platform.close();
  }

  private static java.nio.file.Path copyOfRepositoryTenants() {
    return TenantFolders.copy(Repository.tenants());
  }

  private long count(String tenant, String sql) {
    return transactions.inTenant(tenant, connection -> connection.query(sql).execute())
        .map(rows -> rows.iterator().next().getLong(0)).await();
  }

  @Test
  void theApplicationRoleIsNeitherSuperuserNorOwnerNorExemptFromRowLevelSecurity() {
    Row role = pool.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").execute().await()
        .iterator().next();
    assertFalse(role.getBoolean("rolsuper"));
    assertFalse(role.getBoolean("rolbypassrls"));
    long owned = pool.query("SELECT count(*) FROM pg_tables WHERE tableowner = current_user").execute().await()
        .iterator().next().getLong(0);
    assertEquals(0, owned, "the application role must not own any table");
  }

  @Test
  void everyTableWithATenantColumnHasForcedRowLevelSecurityAndAPolicy() {
    List<String> unprotected = new ArrayList<>();
    pool.query("""
        SELECT n.nspname || '.' || c.relname AS name, c.relrowsecurity, c.relforcerowsecurity,
               EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p')""").execute().await().forEach(row -> {
          if (!row.getBoolean("relrowsecurity") || !row.getBoolean("relforcerowsecurity") || !row.getBoolean("has_policy")) {
            unprotected.add(row.getString("name"));
          }
        });
    assertTrue(unprotected.isEmpty(), "tables without forced RLS: " + unprotected);
    long tables = pool.query("""
        SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attname = 'tenant_id' AND c.relkind = 'r'""").execute().await().iterator().next().getLong(0);
    assertTrue(tables >= 4, "platform and plugin tables are checked, found " + tables);
  }

  @Test
  void outsideATenantTransactionNoTenantRowIsVisible() {
    for (String table : List.of("platform.territory", "platform.tenant_plugin", "platform.audit_event",
        "mobility_platform.solicitations")) {
      long visible = pool.query("SELECT count(*) FROM " + table).execute().await().iterator().next().getLong(0);
      assertEquals(0, visible, table + " shows rows outside a tenant transaction");
    }
    assertTrue(count("somme", "SELECT count(*) FROM platform.territory") >= 5, "Somme sees its own territories");
  }

  @Test
  void sommeCannotReadAllierRowsEvenWhenNamingThem() {
    assertTrue(count("allier", "SELECT count(*) FROM platform.audit_event WHERE tenant_id = 'allier'") > 0);
    assertEquals(0, count("somme", "SELECT count(*) FROM platform.audit_event WHERE tenant_id = 'allier'"));
    assertEquals(0, count("somme", "SELECT count(*) FROM platform.territory WHERE tenant_id = 'allier'"));
    assertEquals(0, count("somme", "SELECT count(*) FROM platform.tenant_plugin WHERE tenant_id = 'allier'"));
    assertEquals(0, count("somme", "SELECT count(*) FROM platform.tenant_plugin WHERE tenant_id <> 'somme'"));
  }

  @Test
  void sommeCannotUpdateOrDeleteAllierRows() {
    int updated = transactions.inTenant("somme", sql -> sql.query(
        "UPDATE platform.tenant_plugin SET enabled = false WHERE tenant_id = 'allier'").execute()).await().rowCount();
    int deleted = transactions.inTenant("somme", sql -> sql.query(
        "DELETE FROM platform.territory WHERE tenant_id = 'allier'").execute()).await().rowCount();
    assertEquals(0, updated);
    assertEquals(0, deleted);
    assertEquals(1, count("allier", "SELECT count(*) FROM platform.tenant_plugin WHERE enabled AND plugin_id = 'mobility-platform'"));
    assertEquals(1, count("allier", "SELECT count(*) FROM platform.territory WHERE code = 'moulins'"));
  }

  @Test
  void sommeCannotInsertRowsForAllier() {
    Future<?> insert = transactions.inTenant("somme", sql -> sql.preparedQuery(
        "INSERT INTO platform.territory (tenant_id, layer, code, name) VALUES ($1, 'x', 'intrus', 'Intrus')")
        .execute(Tuple.of("allier")));
    Throwable error = insert.transform(result -> Future.succeededFuture(result.cause())).await();
    assertTrue(error instanceof PgException, "insert for another tenant must fail, got " + error);
    assertEquals("42501", ((PgException) error).getSqlState(), "refused by the row-level security policy");
    assertEquals(0, count("allier", "SELECT count(*) FROM platform.territory WHERE code = 'intrus'"));
  }

  @Test
  void theTenantSettingDoesNotOutliveItsTransaction() {
    count("somme", "SELECT count(*) FROM platform.territory");
    String leaked = pool.query("SELECT coalesce(current_setting('pacte.tenant_id', true), '') AS t").execute().await()
        .iterator().next().getString("t");
    assertEquals("", leaked);
  }

  @Test
  void aPluginsDataCannotBeCrossedThroughTheApi() {
    assertEquals(200, admins.putJson("/api/tenants/somme/plugins/mobility-platform", "{\"enabled\": true}").status());
    String base = "/api/tenants/%s/modules/mobility-platform/solicitations";
    TestPlatform.Response created = admins.postJson(base.formatted("somme"),
        "{\"receivedOn\": \"2026-11-02\", \"territory\": \"Amiens\", \"channel\": \"telephone\", \"reason\": \"permis\","
            + " \"tenant_id\": \"allier\"}");
    assertEquals(201, created.status(), created.body());
    long sommeCount = admins.get(base.formatted("somme")).json().getLong("count");
    long allierCount = admins.get(base.formatted("allier")).json().getLong("count");
    assertTrue(sommeCount >= 1);
    assertEquals(0, allierCount, "a Somme solicitation must not appear for Allier, whatever the body says");
    assertEquals(0, count("allier", "SELECT count(*) FROM mobility_platform.solicitations"));
  }

  @Test
  void aTenantsApiAnswersNothingForATenantThatDoesNotExistOrHasNotEnabledThePlugin() {
    assertEquals(200, admins.putJson("/api/tenants/deux-sevres/plugins/mobility-platform", "{\"enabled\": false}").status());
    TestPlatform.Response response = admins.get("/api/tenants/deux-sevres/modules/mobility-platform/solicitations");
    assertEquals(404, response.status());
    assertEquals("application/problem+json", response.header("Content-Type"));
    assertEquals(404, admins.get("/api/tenants/paris/plugins").status());
    JsonObject problem = admins.get("/api/tenants/paris/plugins").json();
    assertTrue(problem.getString("detail").contains("paris"));
  }
}
