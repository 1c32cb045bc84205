package fr.pacte.server.identity.users;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** One-time invitation links of the built-in provider (only their hash is kept). */
public final class InvitationStore {

  public static final Duration VALIDITY = Duration.ofDays(7);

  private static final String INSERT = """
      INSERT INTO platform.invitation (token_hash, tenant_id, account_id, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(secs => $4))""";
  private static final String FIND = """
      SELECT account_id FROM platform.invitation WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()""";
  private static final String USE = """
      UPDATE platform.invitation SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING account_id""";

  public Future<Void> insert(SqlConnection connection, String tenant, UUID account, byte[] tokenHash) {
    return connection.preparedQuery(INSERT).execute(Tuple.of(tokenHash, tenant, account, VALIDITY.toSeconds())).mapEmpty();
  }

  /** The account of a valid, unused invitation. */
  public Future<Optional<UUID>> find(SqlConnection connection, byte[] tokenHash) {
    return connection.preparedQuery(FIND).execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("account_id")));
  }

  /** Marks a valid invitation used and returns its account; empty if it was not valid (any more). */
  public Future<Optional<UUID>> use(SqlConnection connection, byte[] tokenHash) {
    return connection.preparedQuery(USE).execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("account_id")));
  }
}
