package fr.pacte.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Pacte starts by itself when no external database is configured: the zonky binaries
 * from Maven Central, with a data directory that survives restarts. It is durable (see {@link #SERVER_CONFIG}) and
 * supervised: if its postmaster dies, it is started again ({@link PostmasterSupervisor}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String APP_ROLE = "pacte_app";

  /**
   * The server's settings. The library starts PostgreSQL with {@code -F} (no fsync) and
   * {@code synchronous_commit=off}, fit for throwaway test databases only: an acknowledged commit could be lost on a
   * crash. {@code -c} options come after {@code -F} on the command line, and the last one wins.
   */
  public static final Map<String, String> SERVER_CONFIG = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
      "fsync", "on",
      "synchronous_commit", "on",
      "full_page_writes", "on",
      "max_connections", "100",
      "timezone", "UTC")));

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private final DatabaseSettings settings;
  private final PostmasterSupervisor supervisor;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, DatabaseSettings settings,
                           PostmasterSupervisor supervisor) {
    this.postgres = postgres;
    this.directory = directory;
    this.settings = settings;
    this.supervisor = supervisor;
  }

  /** Starts (initialising on first use) the database stored under {@code dataDir/postgres}. */
  public static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres");
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          // Pacte stops it itself, after the requests and the pool: the library's own hook would race them.
          .setRegisterShutdownHook(false)
          .setPgBinaryResolver(EmbeddedDatabase::binaries);
      SERVER_CONFIG.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      String appPassword = appPassword(dataDir);
      ensureApplicationRole(postgres.getPostgresDatabase(), appPassword);
      DatabaseSettings settings = new DatabaseSettings("postgresql://localhost:" + postgres.getPort() + "/postgres",
          "postgres", "postgres", APP_ROLE, appPassword);
      PostmasterSupervisor supervisor = supervise(postgres, directory);
      LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(postgres, directory, settings, supervisor);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
    }
  }

  /** Watches the postmaster; its {@code pg_ctl} is the one beside the running {@code postgres}. */
  private static PostmasterSupervisor supervise(EmbeddedPostgres postgres, Path directory) throws IOException {
    long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
    Path executable = ProcessHandle.of(pid).flatMap(process -> process.info().command()).map(Path::of)
        .orElseGet(() -> {
          try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
          } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("Cannot find the embedded PostgreSQL's binaries (process " + pid + ")", e);
          }
        });
    // As the library does: PostgreSQL refuses to run as root, so it runs in a user namespace then.
    List<String> prefix = LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
    PostmasterSupervisor supervisor = new PostmasterSupervisor(directory, postgres.getPort(), SERVER_CONFIG,
        executable.resolveSibling("pg_ctl"), prefix, pid);
    supervisor.start();
    return supervisor;
  }

  /** The postmaster's process id now; it changes when the supervisor starts it again. */
  public long postmasterPid() {
    return supervisor.pid();
  }

  /** How many times the postmaster was started again after dying. */
  public int restarts() {
    return supervisor.restarts();
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

  /** A clean stop ({@code pg_ctl stop -m fast}): call it after the pool is closed. */
  @Override
  public void close() {
    supervisor.close();
    if (!supervisor.postmasterAlive()) {
      LOG.warn("Embedded PostgreSQL was not running at stop (postmaster process {} is gone)", supervisor.pid());
      return;
    }
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }
}
