package fr.pacte.server.identity;

import fr.pacte.api.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** SQL for sessions; run in the tenant's transaction (or outside any tenant for platform operators). */
public final class SessionStore {

  private static final String INSERT = """
      INSERT INTO platform.web_session (token_hash, tenant_id, provider, subject, username, display_name, roles,
        territories, organisation, id_token, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";
  private static final String FIND = """
      SELECT provider, subject, username, display_name, roles, territories, organisation, id_token,
        last_seen_at < now() - interval '1 minute' AS stale
      FROM platform.web_session WHERE token_hash = $1 AND expires_at > now()""";
  /** Sliding idle expiry, never beyond the absolute lifetime; written at most once a minute per session. */
  private static final String TOUCH = """
      UPDATE platform.web_session SET last_seen_at = now(),
        expires_at = least(created_at + make_interval(secs => $2), now() + make_interval(secs => $3))
      WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute'""";
  private static final String DELETE = "DELETE FROM platform.web_session WHERE token_hash = $1 RETURNING id_token";
  private static final String DELETE_SUBJECT = "DELETE FROM platform.web_session WHERE subject = $1";
  private static final String DELETE_EXPIRED = "DELETE FROM platform.web_session WHERE expires_at < now()";

  /**
   * A session as stored: who, through which provider, and the ID token needed to end a Keycloak session;
   * {@code stale} when its last-seen time is over a minute old and its expiry should slide.
   */
  public record StoredSession(Principal principal, String provider, String idToken, boolean stale) {
  }

  public Future<Void> insert(SqlConnection connection, byte[] tokenHash, Principal principal, String provider,
                             String idToken, OffsetDateTime expiresAt) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
            tokenHash, principal.tenant(), provider, principal.subject(), principal.username(), principal.displayName(),
            principal.roles().stream().map(Role::code).toArray(String[]::new),
            principal.scope().territories().toArray(String[]::new), principal.scope().organisation(), idToken,
            expiresAt}))
        .mapEmpty();
  }

  public Future<Optional<StoredSession>> find(SqlConnection connection, byte[] tokenHash, String tenant) {
    return connection.preparedQuery(FIND).execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(session(rows.iterator().next(), tenant)));
  }

  public Future<Void> touch(SqlConnection connection, byte[] tokenHash, long absoluteSeconds, long idleSeconds) {
    return connection.preparedQuery(TOUCH).execute(Tuple.of(tokenHash, absoluteSeconds, idleSeconds)).mapEmpty();
  }

  /** Deletes a session; returns its ID token if it had one. */
  public Future<Optional<String>> delete(SqlConnection connection, byte[] tokenHash) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.ofNullable(rows.iterator().next().getString("id_token")));
  }

  public Future<Integer> deleteAllOf(SqlConnection connection, String subject) {
    return connection.preparedQuery(DELETE_SUBJECT).execute(Tuple.of(subject)).map(rows -> rows.rowCount());
  }

  public Future<Integer> deleteExpired(SqlConnection connection) {
    return connection.query(DELETE_EXPIRED).execute().map(rows -> rows.rowCount());
  }

  private static StoredSession session(Row row, String tenant) {
    Set<Role> roles = new LinkedHashSet<>();
    for (String code : row.getArrayOfStrings("roles")) {
      Role.fromCode(code).ifPresent(roles::add);
    }
    Scope scope = new Scope(Set.copyOf(Arrays.asList(row.getArrayOfStrings("territories"))), row.getString("organisation"));
    Principal principal = new Principal(row.getString("subject"), row.getString("username"),
        row.getString("display_name"), tenant, roles, scope);
    return new StoredSession(principal, row.getString("provider"), row.getString("id_token"), row.getBoolean("stale"));
  }

  static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
