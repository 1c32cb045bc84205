package fr.pacte.server.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** The seed files of a tenant already applied, by content hash ({@code platform.seed_file}, under row-level security). */
final class SeedFileStore {

  // Nodes starting together apply each file once: the lock serialises them, the stored hash tells the late ones.
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pacte.seed-files'), hashtext($1))";
  private static final String SELECT = "SELECT hash FROM platform.seed_file WHERE path = $1";
  private static final String UPSERT = """
      INSERT INTO platform.seed_file (tenant_id, path, hash) VALUES ($1, $2, $3)
      ON CONFLICT (tenant_id, path) DO UPDATE SET hash = excluded.hash, applied_at = now()""";

  /** Locks a tenant's file until the transaction ends and returns the hash last applied, if any. */
  Future<Optional<String>> lock(SqlConnection connection, String tenant, String path) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(tenant + "/" + path))
        .compose(locked -> connection.preparedQuery(SELECT).execute(Tuple.of(path)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("hash")));
  }

  Future<Void> record(SqlConnection connection, String tenant, String path, String hash) {
    return connection.preparedQuery(UPSERT).execute(Tuple.of(tenant, path, hash)).mapEmpty();
  }
}
