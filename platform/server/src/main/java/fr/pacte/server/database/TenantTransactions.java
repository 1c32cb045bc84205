package fr.pacte.server.database;

import fr.pacte.api.TenantSql;
import fr.pacte.server.web.DatabaseProblems;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one way to touch tenant-owned rows: a transaction in which {@code pacte.tenant_id} is set for that
 * transaction only ({@code set_config(..., true)}), so row-level security shows and accepts that tenant's
 * rows and nothing else. The setting is gone at commit, before the connection returns to the pool.
 */
public final class TenantTransactions {

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  private static final String BIND_TENANT = "SELECT set_config('pacte.tenant_id', $1, true)";

  private final Pool pool;

  public TenantTransactions(Pool pool) {
    this.pool = pool;
  }

  /** Runs platform code in a tenant's transaction with full SQL. */
  public <T> Future<T> inTenant(String tenantId, Function<SqlConnection, Future<T>> work) {
    if (tenantId == null || !SLUG.matcher(tenantId).matches()) {
      // A malformed identifier names no tenant: the same answer as an unknown one.
      return Future.failedFuture(Problem.notFound("Aucun département « " + tenantId + " » sur cette plateforme."));
    }
    return pool.withTransaction(connection -> {
      ApplicationPool.quietOnLoss(connection);
      return connection.preparedQuery(BIND_TENANT)
          .execute(Tuple.of(tenantId))
          .compose(bound -> work.apply(connection));
    }).recover(error -> Future.failedFuture(DatabaseProblems.translate(error)));
  }

  /**
   * Runs work in a tenant's transaction, or outside any tenant when {@code tenantId} is null: the platform's own
   * rows of tables shared with tenants (platform operators' sessions) are the ones visible then.
   */
  public <T> Future<T> inTenantOrPlatform(String tenantId, Function<SqlConnection, Future<T>> work) {
    return tenantId == null
        ? pool.withTransaction(connection -> {
          ApplicationPool.quietOnLoss(connection);
          return work.apply(connection);
        }).recover(error -> Future.failedFuture(DatabaseProblems.translate(error)))
        : inTenant(tenantId, work);
  }

  /** Runs plugin code in a tenant's transaction, through a {@link TenantSql} that refuses to leave it. */
  public <T> Future<T> inTenantForPlugin(String tenantId, Function<TenantSql, Future<T>> work) {
    return inTenant(tenantId, connection -> work.apply(new GuardedSql(tenantId, connection)));
  }

  /** Work outside any tenant: only the tenant registry and health checks belong here. */
  public Pool platformPool() {
    return pool;
  }

  private record GuardedSql(String tenantId, SqlConnection connection) implements TenantSql {

    @Override
    public Future<RowSet<Row>> query(String sql, Tuple arguments) {
      try {
        StatementGuard.check(sql);
      } catch (IllegalArgumentException refused) {
        return Future.failedFuture(refused);
      }
      return connection.preparedQuery(sql).execute(arguments);
    }
  }
}
