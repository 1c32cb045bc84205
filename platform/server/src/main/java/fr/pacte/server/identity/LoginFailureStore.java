package fr.pacte.server.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** Recent failed logins per account name and per address, shared by every node (platform table, no tenant rows). */
public final class LoginFailureStore {

  private static final String RECENT = """
      SELECT count(*) FROM platform.login_failure
      WHERE realm = $1 AND key = $2 AND failed_at > now() - make_interval(secs => $3)""";
  private static final String RECORD = "INSERT INTO platform.login_failure (realm, key) VALUES ($1, $2), ($1, $3)";
  private static final String CLEAR = "DELETE FROM platform.login_failure WHERE realm = $1 AND key = $2";
  private static final String PURGE = "DELETE FROM platform.login_failure WHERE failed_at < now() - interval '1 day'";

  public Future<Long> recent(SqlClient client, String realm, String key, Duration window) {
    return client.preparedQuery(RECENT).execute(Tuple.of(realm, key, window.toSeconds()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> record(SqlClient client, String realm, String userKey, String addressKey) {
    return client.preparedQuery(RECORD).execute(Tuple.of(realm, userKey, addressKey)).mapEmpty();
  }

  public Future<Void> clear(SqlClient client, String realm, String key) {
    return client.preparedQuery(CLEAR).execute(Tuple.of(realm, key)).mapEmpty();
  }

  public Future<Void> purge(SqlClient client) {
    return client.query(PURGE).execute().mapEmpty();
  }
}
