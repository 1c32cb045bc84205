package fr.pacte.server.database;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the database is and the two accounts Pacte uses: the owner (migrations, at start-up only) and the
 * application account (every request), which row-level security applies to.
 */
public record DatabaseSettings(
    String host, int port, String database,
    String ownerUser, String ownerPassword,
    String appUser, String appPassword) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions appConnectOptions() {
    return new PgConnectOptions()
        .setHost(host).setPort(port).setDatabase(database)
        .setUser(appUser).setPassword(appPassword)
        .setCachePreparedStatements(true)
        .addProperty("application_name", "pacte");
  }

  /** Parses {@code jdbc:postgresql://host:port/db} or {@code postgresql://host:port/db}. */
  public static DatabaseSettings fromUrl(String url, String ownerUser, String ownerPassword, String appUser, String appPassword) {
    PgConnectOptions parsed = PgConnectOptions.fromUri(url.startsWith("jdbc:") ? url.substring(5) : url);
    return new DatabaseSettings(parsed.getHost(), parsed.getPort(), parsed.getDatabase(),
        ownerUser, ownerPassword, appUser, appPassword);
  }
}
