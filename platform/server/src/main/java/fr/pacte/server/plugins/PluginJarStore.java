package fr.pacte.server.plugins;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plugin jars a platform operator installed, in PostgreSQL so that every node loads the same ones. */
final class PluginJarStore {

  /** One stored jar, without its bytes. */
  record StoredJar(long id, String pluginId, String version, String fileName, String sha256, String state,
                   String uploadedBy, OffsetDateTime uploadedAt) {
  }

  private static final String COLUMNS = "id, plugin_id, version, file_name, sha256, state, uploaded_by, uploaded_at";

  private static final String ACTIVE = "SELECT " + COLUMNS + " FROM platform.plugin_jar WHERE state = 'active' ORDER BY plugin_id";

  private static final String HISTORY = "SELECT " + COLUMNS + " FROM platform.plugin_jar WHERE state <> 'replaced' "
      + "ORDER BY plugin_id, uploaded_at DESC";

  private static final String CONTENT = "SELECT content FROM platform.plugin_jar WHERE id = $1";

  private static final String LOCK_PLUGIN = "SELECT pg_advisory_xact_lock(hashtext('plugin_jar:' || $1))";

  private static final String RETIRE_PREVIOUS = """
      UPDATE platform.plugin_jar SET state = 'replaced' WHERE plugin_id = $1 AND state = 'previous'""";

  private static final String KEEP_ACTIVE_AS_PREVIOUS = """
      UPDATE platform.plugin_jar SET state = 'previous' WHERE plugin_id = $1 AND state = 'active'""";

  private static final String INSERT = """
      INSERT INTO platform.plugin_jar (plugin_id, version, file_name, sha256, content, state, uploaded_by)
      VALUES ($1, $2, $3, $4, $5, 'active', $6)
      RETURNING """ + " " + COLUMNS;

  private static final String REMOVE = """
      UPDATE platform.plugin_jar SET state = 'removed' WHERE plugin_id = $1 AND state IN ('active', 'previous')""";

  private static final String ROLLBACK_ACTIVE = """
      UPDATE platform.plugin_jar SET state = 'replaced' WHERE plugin_id = $1 AND state = 'active'""";

  private static final String ROLLBACK_PREVIOUS = """
      UPDATE platform.plugin_jar SET state = 'active' WHERE plugin_id = $1 AND state = 'previous'
      RETURNING """ + " " + COLUMNS;

  Future<List<StoredJar>> active(SqlConnection connection) {
    return connection.query(ACTIVE).execute().map(PluginJarStore::jars);
  }

  Future<List<StoredJar>> history(SqlConnection connection) {
    return connection.query(HISTORY).execute().map(PluginJarStore::jars);
  }

  Future<byte[]> content(SqlConnection connection, long id) {
    return connection.preparedQuery(CONTENT).execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getBuffer("content").getBytes());
  }

  /**
   * The new active version of a plugin; the one it replaces is kept as the previous one, for rollback.
   *
   * @return whether it replaced a version installed on the running platform
   */
  Future<Boolean> activate(SqlConnection connection, String pluginId, String version, String fileName, String sha256,
                             byte[] content, String uploadedBy) {
    return connection.preparedQuery(LOCK_PLUGIN).execute(Tuple.of(pluginId))
        .compose(locked -> connection.preparedQuery(RETIRE_PREVIOUS).execute(Tuple.of(pluginId)))
        .compose(retired -> connection.preparedQuery(KEEP_ACTIVE_AS_PREVIOUS).execute(Tuple.of(pluginId)))
        .compose(kept -> connection.preparedQuery(INSERT).execute(Tuple.of(pluginId, version, fileName, sha256,
            Buffer.buffer(content), uploadedBy)).map(inserted -> kept.rowCount() > 0));
  }

  /** The previous version becomes the active one again; empty when there is none. */
  Future<Optional<StoredJar>> rollback(SqlConnection connection, String pluginId) {
    return connection.preparedQuery(LOCK_PLUGIN).execute(Tuple.of(pluginId))
        .compose(locked -> connection.preparedQuery(ROLLBACK_ACTIVE).execute(Tuple.of(pluginId)))
        .compose(retired -> connection.preparedQuery(ROLLBACK_PREVIOUS).execute(Tuple.of(pluginId)))
        .map(rows -> rows.size() == 0 ? Optional.<StoredJar>empty() : Optional.of(jar(rows.iterator().next())));
  }

  Future<Integer> remove(SqlConnection connection, String pluginId) {
    return connection.preparedQuery(REMOVE).execute(Tuple.of(pluginId)).map(rows -> rows.rowCount());
  }

  private static List<StoredJar> jars(Iterable<Row> rows) {
    List<StoredJar> jars = new ArrayList<>();
    rows.forEach(row -> jars.add(jar(row)));
    return jars;
  }

  private static StoredJar jar(Row row) {
    return new StoredJar(row.getLong("id"), row.getString("plugin_id"), row.getString("version"),
        row.getString("file_name"), row.getString("sha256"), row.getString("state"), row.getString("uploaded_by"),
        row.getOffsetDateTime("uploaded_at"));
  }
}
