package fr.pacte.plugins.mobility;

import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL on {@code mobility_platform.solicitations}. Row-level security already limits every statement to the
 * transaction's tenant; the explicit {@code tenant_id = $1} lets PostgreSQL use the (tenant_id, received_on) index.
 */
final class SolicitationStore {

  private static final String COLUMNS = "id, received_on, territory, channel, reason, created_at";

  private SolicitationStore() {
  }

  /** The total for the tenant and its latest sollicitations, newest first. */
  record Overview(long count, List<Solicitation> latest) {
  }

  static Future<Solicitation> insert(TenantSql sql, SolicitationInput input) {
    String channel = input.channel() == null ? null : input.channel().code();
    return sql.query(
            "INSERT INTO mobility_platform.solicitations (tenant_id, received_on, territory, channel, reason) "
                + "VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS,
            Tuple.of(sql.tenantId(), input.receivedOn(), input.territory(), channel, input.reason()))
        .map(rows -> Solicitation.from(rows.iterator().next()));
  }

  static Future<Overview> overview(TenantSql sql, int latest) {
    return count(sql).compose(count -> latest(sql, latest).map(items -> new Overview(count, items)));
  }

  static Future<Long> count(TenantSql sql) {
    return sql.query("SELECT count(*) FROM mobility_platform.solicitations WHERE tenant_id = $1", Tuple.of(sql.tenantId()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static Future<List<Solicitation>> latest(TenantSql sql, int limit) {
    // The limit is a constant of this plugin, never user input, so it is written into the statement.
    return sql.query("SELECT " + COLUMNS + " FROM mobility_platform.solicitations WHERE tenant_id = $1 "
                + "ORDER BY received_on DESC, id DESC LIMIT " + Math.max(0, limit), Tuple.of(sql.tenantId()))
        .map(SolicitationStore::toList);
  }

  private static List<Solicitation> toList(RowSet<Row> rows) {
    List<Solicitation> items = new ArrayList<>(rows.size());
    for (Row row : rows) {
      items.add(Solicitation.from(row));
    }
    return items;
  }
}
