package fr.pacte.server.database;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the database is and the two accounts Pacte uses: the owner (migrations, at start-up only) and the
 * application account (every request), which row-level security applies to.
 *
 * @param url {@code postgresql://host:port/database?parameters} (parameters such as {@code sslmode} are kept)
 */
public record DatabaseSettings(String url, String ownerUser, String ownerPassword, String appUser, String appPassword) {

  /** Accepts {@code jdbc:postgresql://…} or {@code postgresql://…}. */
  public DatabaseSettings {
    url = url.startsWith("jdbc:") ? url.substring(5) : url;
  }

  public String jdbcUrl() {
    return "jdbc:" + url;
  }

  public PgConnectOptions appConnectOptions() {
    return appConnectOptionsAt(url);
  }

  /**
   * The application account at another address of the same database: a pooler such as PgBouncer in front of
   * PostgreSQL, for the request pool ({@code postgresql://…}, {@code jdbc:} accepted).
   */
  public PgConnectOptions appConnectOptionsAt(String address) {
    return PgConnectOptions.fromUri(address.startsWith("jdbc:") ? address.substring(5) : address)
        .setUser(appUser).setPassword(appPassword)
        .setCachePreparedStatements(true)
        .addProperty("application_name", "pacte");
  }

  /** Where it is, without credentials, for the start-up report. */
  public String location() {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    return options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }
}
