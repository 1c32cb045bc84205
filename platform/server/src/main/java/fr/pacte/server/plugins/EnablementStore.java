package fr.pacte.server.plugins;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** SQL for {@code platform.tenant_plugin}; every method runs in the tenant's transaction. */
final class EnablementStore {

  private static final String SELECT_ALL = """
      SELECT plugin_id, enabled, configuration, version, changed_by, changed_at FROM platform.tenant_plugin""";
  private static final String SELECT_ONE = SELECT_ALL + " WHERE plugin_id = $1 FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO platform.tenant_plugin (tenant_id, plugin_id, enabled, configuration, changed_by)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING plugin_id, enabled, configuration, version, changed_by, changed_at""";
  private static final String UPDATE = """
      UPDATE platform.tenant_plugin SET enabled = $2, configuration = $3, changed_by = $4, changed_at = now(),
        version = version + 1
      WHERE plugin_id = $1
      RETURNING plugin_id, enabled, configuration, version, changed_by, changed_at""";
  private static final String DISABLE_ALL_BUT = """
      UPDATE platform.tenant_plugin SET enabled = false, changed_by = $2, changed_at = now(), version = version + 1
      WHERE enabled AND NOT (plugin_id = ANY ($1))""";

  Future<Map<String, Enablement>> all(SqlConnection connection) {
    return connection.query(SELECT_ALL).execute().map(rows -> {
      Map<String, Enablement> enablements = new HashMap<>();
      rows.forEach(row -> enablements.put(row.getString("plugin_id"), enablement(row)));
      return enablements;
    });
  }

  /** The current row, locked until the end of the transaction. */
  Future<Optional<Enablement>> lock(SqlConnection connection, String pluginId) {
    return connection.preparedQuery(SELECT_ONE).execute(Tuple.of(pluginId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(enablement(rows.iterator().next())));
  }

  Future<Enablement> insert(SqlConnection connection, String tenantId, String pluginId, boolean enabled,
                            JsonObject configuration, String actor) {
    return connection.preparedQuery(INSERT)
        .execute(Tuple.of(tenantId, pluginId, enabled, configuration, actor))
        .map(rows -> enablement(rows.iterator().next()));
  }

  Future<Enablement> update(SqlConnection connection, String pluginId, boolean enabled, JsonObject configuration,
                            String actor) {
    return connection.preparedQuery(UPDATE)
        .execute(Tuple.of(pluginId, enabled, configuration, actor))
        .map(rows -> enablement(rows.iterator().next()));
  }

  Future<Void> disableAllBut(SqlConnection connection, String[] keep, String actor) {
    return connection.preparedQuery(DISABLE_ALL_BUT).execute(Tuple.of(keep, actor)).mapEmpty();
  }

  private static Enablement enablement(Row row) {
    JsonObject configuration = row.getJsonObject("configuration");
    return new Enablement(row.getString("plugin_id"), row.getBoolean("enabled"),
        configuration == null ? new JsonObject() : configuration, row.getInteger("version"),
        row.getString("changed_by"), row.getOffsetDateTime("changed_at"));
  }
}
