package fr.pacte.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Pacte's settings. Read from environment variables ({@code PACTE_HTTP_PORT}…) over an optional properties
 * file ({@code PACTE_CONFIG_FILE}, default {@code pacte.properties} if present) whose keys are the same names
 * in lower case with dots ({@code http.port}). Everything has a default so that Pacte starts with none.
 *
 * @param httpHost    interface to listen on
 * @param httpPort    port to listen on (0 picks a free one)
 * @param dataDir     where the embedded database and other local state live
 * @param pluginsDir  plugin jars, or plugin module folders holding {@code target/*.jar}
 * @param tenantsDir  one folder per département with its {@code tenant.yaml}
 * @param database    an external PostgreSQL, or empty for the embedded one
 * @param nodeName    name of this node in logs
 * @param demoAccounts whether to create the demonstration accounts; only the embedded default does, and a
 *                     start without them refuses a database that holds some
 * @param keycloak     the Keycloak server holding one realm per tenant, or empty for the built-in identity provider
 * @param publicUrl    the address browsers use to reach Pacte (for Keycloak's redirects), or null to derive it from
 *                     host and port
 * @param dbPoolSize   connections this node keeps to PostgreSQL ({@code PACTE_DB_POOL_SIZE}); all nodes together must
 *                     stay under the server's {@code max_connections}
 * @param httpInstances HTTP server instances, one per event loop ({@code PACTE_HTTP_INSTANCES}, default the number of
 *                     cores)
 * @param smtp         where e-mails go ({@code PACTE_SMTP_HOST}…), or empty: they are then kept in the outbox and
 *                     shown in the application, never sent
 * @param demoPeople   whether, with the demonstration accounts, to make the demonstration people and their monthly
 *                     reports (the embedded default does; a test that counts its own participations does without)
 */
public record PacteConfig(
    String httpHost,
    int httpPort,
    Path dataDir,
    Path pluginsDir,
    Path tenantsDir,
    Optional<ExternalDatabase> database,
    String nodeName,
    boolean demoAccounts,
    Optional<Keycloak> keycloak,
    String publicUrl,
    int dbPoolSize,
    int httpInstances,
    Optional<Smtp> smtp,
    boolean demoPeople) {

  public static final int DEFAULT_DB_POOL_SIZE = 16;

  public PacteConfig {
    if (dbPoolSize < 1) {
      throw new IllegalArgumentException("PACTE_DB_POOL_SIZE must be at least 1, not " + dbPoolSize);
    }
    if (httpInstances < 1) {
      throw new IllegalArgumentException("PACTE_HTTP_INSTANCES must be at least 1, not " + httpInstances);
    }
  }

  /** Settings with the default pool size and one HTTP server instance per core. */
  public PacteConfig(String httpHost, int httpPort, Path dataDir, Path pluginsDir, Path tenantsDir,
                     Optional<ExternalDatabase> database, String nodeName, boolean demoAccounts,
                     Optional<Keycloak> keycloak, String publicUrl) {
    this(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts, keycloak, publicUrl,
        DEFAULT_DB_POOL_SIZE, defaultHttpInstances(), Optional.empty(), demoAccounts);
  }

  /** Settings without an SMTP server. */
  public PacteConfig(String httpHost, int httpPort, Path dataDir, Path pluginsDir, Path tenantsDir,
                     Optional<ExternalDatabase> database, String nodeName, boolean demoAccounts,
                     Optional<Keycloak> keycloak, String publicUrl, int dbPoolSize, int httpInstances) {
    this(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts, keycloak, publicUrl,
        dbPoolSize, httpInstances, Optional.empty(), demoAccounts);
  }

  /** One HTTP server instance per core: each runs on its own event loop. */
  public static int defaultHttpInstances() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** A copy with another number of HTTP server instances (used by the test kit). */
  public PacteConfig withHttpInstances(int instances) {
    return new PacteConfig(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts,
        keycloak, publicUrl, dbPoolSize, instances, smtp, demoPeople);
  }

  /**
   * An SMTP server for outgoing e-mail.
   *
   * @param host     its name ({@code PACTE_SMTP_HOST})
   * @param port     its port ({@code PACTE_SMTP_PORT}, default 25)
   * @param from     the sender address ({@code PACTE_SMTP_FROM}, default {@code pacte@localhost})
   * @param username login, or null for none ({@code PACTE_SMTP_USER}, with {@code PACTE_SMTP_PASSWORD})
   * @param password its password
   * @param startTls whether to require STARTTLS ({@code PACTE_SMTP_STARTTLS=true})
   */
  public record Smtp(String host, int port, String from, String username, String password, boolean startTls) {

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", from " + from + (username == null ? "" : ", as " + username) + "]";
    }
  }

  /** A copy that sends e-mail through this server (used by the test kit). */
  public PacteConfig withSmtp(Smtp server) {
    return new PacteConfig(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts,
        keycloak, publicUrl, dbPoolSize, httpInstances, Optional.of(server), demoPeople);
  }

  /** A copy without the demonstration people and their reports (used by the test kit). */
  public PacteConfig withoutDemoPeople() {
    return new PacteConfig(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts,
        keycloak, publicUrl, dbPoolSize, httpInstances, smtp, false);
  }

  /** A copy with another pool size (used by the test kit). */
  public PacteConfig withDbPoolSize(int size) {
    return new PacteConfig(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts,
        keycloak, publicUrl, size, httpInstances, smtp, demoPeople);
  }

  /**
   * A Keycloak server. Pacte provisions the realms with the admin account of its {@code master} realm.
   *
   * @param url           address Pacte uses to reach Keycloak (admin API, token endpoint, keys)
   * @param publicUrl     address browsers use (Keycloak's {@code hostname}); the tokens' issuer is built on it
   * @param adminUser     administrator of the {@code master} realm
   * @param adminPassword its password
   */
  public record Keycloak(String url, String publicUrl, String adminUser, String adminPassword) {
  }

  /** A copy that uses Keycloak (used by the test kit). */
  public PacteConfig withKeycloak(Keycloak server, String pactePublicUrl) {
    return new PacteConfig(httpHost, httpPort, dataDir, pluginsDir, tenantsDir, database, nodeName, demoAccounts,
        Optional.of(server), pactePublicUrl, dbPoolSize, httpInstances, smtp, demoPeople);
  }

  /**
   * An external PostgreSQL. The owner account runs migrations; the application account serves requests and
   * must neither own the tables nor be a superuser, so that row-level security applies to it.
   *
   * @param appPoolUrl where the application account's request pool connects ({@code PACTE_DB_APP_URL}, e.g. a
   *                   PgBouncer in transaction mode), or null for {@code url}. Migrations and the LISTEN connection of
   *                   cluster signals always use {@code url}: they need a session of their own.
   * @param readUrl    a read-only replica of the database ({@code PACTE_DB_READ_URL}) where the application account
   *                   reads what dashboards and indicators compute, or null to read them from the request pool's
   *                   database. They may then lag behind the primary by the replica's delay.
   */
  public record ExternalDatabase(String url, String ownerUser, String ownerPassword, String appUser, String appPassword,
                                 String appPoolUrl, String readUrl) {

    /** Every connection to {@code url}. */
    public ExternalDatabase(String url, String ownerUser, String ownerPassword, String appUser, String appPassword) {
      this(url, ownerUser, ownerPassword, appUser, appPassword, null, null);
    }

    /** Requests through {@code appPoolUrl}, no replica. */
    public ExternalDatabase(String url, String ownerUser, String ownerPassword, String appUser, String appPassword,
                            String appPoolUrl) {
      this(url, ownerUser, ownerPassword, appUser, appPassword, appPoolUrl, null);
    }
  }

  public static PacteConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static PacteConfig from(Map<String, String> environment) {
    Map<String, String> settings = new HashMap<>(readFile(environment));
    environment.forEach((key, value) -> {
      if (key.startsWith("PACTE_")) {
        settings.put(key, value);
      }
    });
    Optional<ExternalDatabase> database = Optional.ofNullable(blankToNull(settings.get("PACTE_DB_URL")))
        .map(url -> new ExternalDatabase(url,
            required(settings, "PACTE_DB_USER"),
            settings.getOrDefault("PACTE_DB_PASSWORD", ""),
            required(settings, "PACTE_DB_APP_USER"),
            settings.getOrDefault("PACTE_DB_APP_PASSWORD", ""),
            blankToNull(settings.get("PACTE_DB_APP_URL")),
            blankToNull(settings.get("PACTE_DB_READ_URL"))));
    return new PacteConfig(
        settings.getOrDefault("PACTE_HTTP_HOST", "localhost"),
        parsePort("PACTE_HTTP_PORT", settings.getOrDefault("PACTE_HTTP_PORT", "8080")),
        Path.of(settings.getOrDefault("PACTE_DATA_DIR", "data")).toAbsolutePath(),
        Path.of(settings.getOrDefault("PACTE_PLUGINS_DIR", "plugins")).toAbsolutePath(),
        Path.of(settings.getOrDefault("PACTE_TENANTS_DIR", "tenants")).toAbsolutePath(),
        database,
        settings.getOrDefault("PACTE_NODE_NAME", "node-" + ProcessHandle.current().pid()),
        database.isEmpty(),
        keycloak(settings),
        blankToNull(settings.get("PACTE_PUBLIC_URL")),
        positive(settings, "PACTE_DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE),
        positive(settings, "PACTE_HTTP_INSTANCES", defaultHttpInstances()),
        smtp(settings),
        database.isEmpty());
  }

  private static Optional<Keycloak> keycloak(Map<String, String> settings) {
    return Optional.ofNullable(blankToNull(settings.get("PACTE_KEYCLOAK_URL"))).map(url -> new Keycloak(url,
        Optional.ofNullable(blankToNull(settings.get("PACTE_KEYCLOAK_PUBLIC_URL"))).orElse(url),
        Optional.ofNullable(blankToNull(settings.get("PACTE_KEYCLOAK_ADMIN_USER"))).orElse("admin"),
        required(settings, "PACTE_KEYCLOAK_ADMIN_PASSWORD", "PACTE_KEYCLOAK_URL")));
  }

  /** The address browsers use to reach Pacte, without a trailing slash. */
  private static Optional<Smtp> smtp(Map<String, String> settings) {
    return Optional.ofNullable(blankToNull(settings.get("PACTE_SMTP_HOST"))).map(host -> new Smtp(host,
        parsePort("PACTE_SMTP_PORT", settings.getOrDefault("PACTE_SMTP_PORT", "25")),
        Optional.ofNullable(blankToNull(settings.get("PACTE_SMTP_FROM"))).orElse("pacte@localhost"),
        blankToNull(settings.get("PACTE_SMTP_USER")), settings.getOrDefault("PACTE_SMTP_PASSWORD", ""),
        Boolean.parseBoolean(settings.getOrDefault("PACTE_SMTP_STARTTLS", "false"))));
  }

  public String webBaseUrl(int actualPort) {
    if (publicUrl != null) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    return "http://" + httpHost + ":" + actualPort;
  }

  public boolean embeddedDatabase() {
    return database.isEmpty();
  }

  private static Map<String, String> readFile(Map<String, String> environment) {
    Path file = Path.of(environment.getOrDefault("PACTE_CONFIG_FILE", "pacte.properties"));
    if (!Files.isRegularFile(file)) {
      if (environment.containsKey("PACTE_CONFIG_FILE")) {
        throw new IllegalArgumentException("Configuration file not found: " + file.toAbsolutePath());
      }
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    Map<String, String> settings = new HashMap<>();
    properties.forEach((key, value) ->
        settings.put("PACTE_" + key.toString().toUpperCase().replace('.', '_'), value.toString()));
    return settings;
  }

  private static String required(Map<String, String> settings, String key) {
    return required(settings, key, "PACTE_DB_URL");
  }

  private static String required(Map<String, String> settings, String key, String because) {
    String value = blankToNull(settings.get(key));
    if (value == null) {
      throw new IllegalArgumentException(key + " is required when " + because + " is set");
    }
    return value;
  }

  private static int parsePort(String name, String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number between 0 and 65535, not '" + value + "'");
    }
  }

  private static int positive(Map<String, String> settings, String key, int fallback) {
    String value = blankToNull(settings.get(key));
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number < 1) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number of at least 1, not '" + value + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
