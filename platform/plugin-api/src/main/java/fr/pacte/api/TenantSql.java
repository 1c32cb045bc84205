package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * SQL inside one tenant's transaction. Row-level security limits every statement to the tenant's rows;
 * statements that would change the tenant setting or the role (SET, RESET, set_config) are refused.
 *
 * @since 1.0.0
 */
public interface TenantSql {

  Future<RowSet<Row>> query(String sql, Tuple arguments);

  default Future<RowSet<Row>> query(String sql) {
    return query(sql, Tuple.tuple());
  }

  /** The tenant this transaction is bound to, to fill {@code tenant_id} columns. */
  String tenantId();
}
