package fr.pacte.server.plugins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HostPlatformDataTest {

  /** A plugin's own TenantSql claiming another tenant: the view reads nothing through it. */
  private static final class ForeignSql implements TenantSql {

    final AtomicBoolean used = new AtomicBoolean();

    @Override
    public Future<RowSet<Row>> query(String sql, Tuple arguments) {
      used.set(true);
      return Future.failedFuture("not a database");
    }

    @Override
    public String tenantId() {
      return "another-tenant";
    }
  }

  @Test
  void thePlatformDataIsReadOnlyThroughATransactionTheHostOpened() {
    HostPlatformData data = new HostPlatformData(java.util.Map.of("emploi", "Emploi"));
    ForeignSql sql = new ForeignSql();
    assertTrue(data.territories(sql).failed());
    assertTrue(data.exitTypes(sql).failed());
    assertTrue(data.conventions(sql).failed());
    assertTrue(data.convention(sql, UUID.randomUUID()).failed());
    assertTrue(data.participations(sql).failed());
    assertTrue(data.participationsOf(sql, UUID.randomUUID()).failed());
    assertTrue(data.participation(sql, UUID.randomUUID()).failed());
    assertFalse(sql.used.get(), "no statement went through a helper the host did not make");
  }
}
