package fr.pacte.server.identity.keycloak;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** OpenID Connect logins under way, keyed by the hash of their {@code state}; taken once, within ten minutes. */
public final class LoginAttemptStore {

  private static final String INSERT = """
      INSERT INTO platform.login_attempt (state_hash, tenant_id, code_verifier, nonce, return_to)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String TAKE = """
      DELETE FROM platform.login_attempt WHERE state_hash = $1 AND created_at > now() - interval '10 minutes'
      RETURNING code_verifier, nonce, return_to""";
  private static final String PURGE = "DELETE FROM platform.login_attempt WHERE created_at < now() - interval '10 minutes'";

  /** What the callback needs to finish a login. */
  public record Attempt(String codeVerifier, String nonce, String returnTo) {
  }

  public Future<Void> insert(SqlConnection connection, byte[] stateHash, String tenant, Attempt attempt) {
    return connection.preparedQuery(INSERT)
        .execute(Tuple.of(stateHash, tenant, attempt.codeVerifier(), attempt.nonce(), attempt.returnTo()))
        .compose(done -> connection.query(PURGE).execute())
        .mapEmpty();
  }

  public Future<Optional<Attempt>> take(SqlConnection connection, byte[] stateHash) {
    return connection.preparedQuery(TAKE).execute(Tuple.of(stateHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(attempt(rows.iterator().next())));
  }

  private static Attempt attempt(Row row) {
    return new Attempt(row.getString("code_verifier"), row.getString("nonce"), row.getString("return_to"));
  }
}
