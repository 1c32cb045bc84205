package fr.pacte.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Pacte starts by itself when no external database is configured: the zonky binaries
 * from Maven Central, with a data directory that survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String APP_ROLE = "pacte_app";

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private final DatabaseSettings settings;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, DatabaseSettings settings) {
    this.postgres = postgres;
    this.directory = directory;
    this.settings = settings;
  }

  /** Starts (initialising on first use) the database stored under {@code dataDir/postgres}. */
  public static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres");
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100")
          .setPgBinaryResolver(EmbeddedDatabase::binaries)
          .start();
      String appPassword = appPassword(dataDir);
      ensureApplicationRole(postgres.getPostgresDatabase(), appPassword);
      DatabaseSettings settings = new DatabaseSettings("postgresql://localhost:" + postgres.getPort() + "/postgres",
          "postgres", "postgres", APP_ROLE, appPassword);
      LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(postgres, directory, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
    }
  }

  /**
   * The PostgreSQL binaries from the class path, first copy wins. Zonky's default resolver refuses to choose
   * when the jar is visible twice (as with Maven's verify, where the packaged server brings its lib/ again).
   */
  private static InputStream binaries(String system, String machine) throws IOException {
    String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machine.toLowerCase(Locale.ROOT) + ".txz";
    InputStream in = EmbeddedDatabase.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("No embedded PostgreSQL binaries for " + system + " " + machine
          + ": configure an external database with PACTE_DB_URL");
    }
    return in;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Path directory() {
    return directory;
  }

  /**
   * The application role must not own the tables nor be a superuser: row-level security would not apply
   * to it. Its password is generated once and kept beside the data.
   */
  private static void ensureApplicationRole(DataSource admin, String password) {
    try (Connection connection = admin.getConnection()) {
      boolean exists;
      try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        query.setString(1, APP_ROLE);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      try (Statement statement = connection.createStatement()) {
        String verb = exists ? "ALTER" : "CREATE";
        statement.execute(verb + " ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '"
            + password + "'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the application role in the embedded database", e);
    }
  }

  private static String appPassword(Path directory) throws IOException {
    Path file = directory.resolve("app-role.secret");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    Files.writeString(file, password);
    return password;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
