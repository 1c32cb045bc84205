package fr.pacte.testkit;

import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.observability.TenantOfRequest;
import fr.pacte.server.web.CsrfProtection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Pacte for tests: embedded PostgreSQL in a temporary folder, the plugin jars and tenants you choose,
 * served on a free loopback port. Use one per test class ({@code @BeforeAll} / {@code @AfterAll}).
 *
 * <pre>
 * platform = TestPlatform.builder().tenant("somme", "80").plugin(Path.of("target/my-plugin.jar")).start();
 * TestPlatform.Response r = platform.get("/api/tenants/somme/plugins");
 * </pre>
 */
public final class TestPlatform implements AutoCloseable {

  private final Pacte pacte;
  private final Path workDir;
  /** Where the blocked-thread warnings stood when this platform started. */
  private int blockedMark;
  private final List<TestPlatform> otherNodes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private TestPlatform(Pacte pacte, Path workDir, int blockedMark) {
    this.pacte = pacte;
    this.workDir = workDir;
    this.blockedMark = blockedMark;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Pacte pacte() {
    return pacte;
  }

  public String url() {
    return "http://127.0.0.1:" + pacte.port();
  }

  public Path workDir() {
    return workDir;
  }

  /** Starts another node on the same database, as a cluster would have behind a load balancer. */
  public TestPlatform startSecondNode() {
    DatabaseSettings db = pacte.node().database();
    PacteConfig config = new PacteConfig("127.0.0.1", 0, workDir.resolve("node-" + (otherNodes.size() + 2)),
        pacte.config().pluginsDir(), pacte.config().tenantsDir(),
        Optional.of(new PacteConfig.ExternalDatabase(db.jdbcUrl(), db.ownerUser(), db.ownerPassword(), db.appUser(),
            db.appPassword())),
        "node-" + (otherNodes.size() + 2), true, pacte.config().keycloak(), pacte.config().publicUrl());
    config = pacte.config().smtp().map(config::withSmtp).orElse(config);
    if (!pacte.config().demoPeople()) {
      config = config.withoutDemoPeople();
    }
    Pacte started = Pacte.start(config);
    TestPlatform node = new TestPlatform(started, workDir, BlockedThreads.mark());
    otherNodes.add(node);
    return node;
  }

  /** A response, read whole. */
  public record Response(int status, String body, Map<String, List<String>> headers) {

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    public io.vertx.core.json.JsonObject json() {
      return new io.vertx.core.json.JsonObject(body);
    }

    public io.vertx.core.json.JsonArray jsonArray() {
      return new io.vertx.core.json.JsonArray(body);
    }
  }

  /** A caller without any session. */
  public Client anonymous() {
    return new Client();
  }

  /**
   * A caller signed in with a demonstration account of a tenant (password {@code pacte-demo}), e.g.
   * {@code login("somme", "admin")}, {@code login("somme", "agent.amiens")}, {@code login("somme", "association")}.
   */
  public Client login(String tenant, String username) {
    return login(tenant, username, "pacte-demo");
  }

  /** A caller signed in with the built-in identity provider of a tenant. Fails if the login is refused. */
  public Client login(String tenant, String username, String password) {
    return new Client().signIn(tenant, username, password);
  }

  /** A caller signed in as a platform operator (the demonstration one is {@code operateur}). */
  public Client loginPlatform(String username) {
    return new Client().signIn(null, username, "pacte-demo");
  }

  /**
   * One caller signed in as the demonstration administrator of every tenant existing now and as the demonstration
   * platform operator: sessions are per tenant, so each request carries the session of the tenant its URL names.
   * For tests of the platform's mechanics that are not about rights.
   */
  public Client administrators() {
    Client client = new Client().signIn(null, "operateur", "pacte-demo");
    anonymous().get("/api/tenants").jsonArray().stream()
        .map(tenant -> ((io.vertx.core.json.JsonObject) tenant).getString("slug"))
        .forEach(slug -> client.signIn(slug, "admin", "pacte-demo"));
    return client;
  }

  public Response get(String path, String... headers) {
    return anonymous().get(path, headers);
  }

  public Response putJson(String path, String json, String... headers) {
    return anonymous().putJson(path, json, headers);
  }

  public Response postJson(String path, String json, String... headers) {
    return anonymous().postJson(path, json, headers);
  }

  /** Any method with a body of the given content type, to test what the platform refuses. */
  public Response send(String method, String path, String contentType, String body, String... headers) {
    return anonymous().send(method, path, contentType, body, headers);
  }

  /**
   * One caller with its cookies (session, CSRF), like a browser tab. Forms get the CSRF field added; every
   * response's cookies are kept; every answer of an API route is checked against the OpenAPI document
   * ({@link ApiContract}).
   */
  public final class Client {

    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    private String lastPath = "/";

    public Response get(String path, String... headers) {
      return send(request(path, headers).GET().build());
    }

    public Response delete(String path, String... headers) {
      return send(request(path, headers).DELETE().build());
    }

    public Response putJson(String path, String json, String... headers) {
      return send(request(path, headers).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response postJson(String path, String json, String... headers) {
      return send(request(path, headers).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Posts a form as a page of Pacte would, with the CSRF field a page at that address would carry. */
    public Response postForm(String path, String form, String... headers) {
      String body = form + (form.isEmpty() ? "" : "&") + "_csrf=" + csrfToken(path);
      return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Any method with a body of the given content type, to test what the platform refuses. */
    public Response send(String method, String path, String contentType, String body, String... headers) {
      return send(request(path, headers).header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST of raw bytes (a multipart body with a binary file, say) of the given content type. */
    public Response postBytes(String path, String contentType, byte[] body, String... headers) {
      return send(request(path, headers).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Signs this caller in to a tenant (null: the platform) too, keeping its other sessions. Fails if refused. */
    public Client signIn(String tenant, String username, String password) {
      String path = tenant == null ? "/api/session" : "/api/tenants/" + tenant + "/session";
      Response response = postJson(path,
          new io.vertx.core.json.JsonObject().put("username", username).put("password", password).encode());
      if (response.status() != 201) {
        throw new IllegalStateException("login of " + username + "@" + (tenant == null ? "platform" : tenant)
            + " refused: " + response.status() + " " + response.body());
      }
      return this;
    }

    /**
     * The CSRF token a page at {@code path} gives this caller: derived from its session for that address's tenant
     * (or the platform), or before any session the value of its {@code pacte_csrf} cookie (fetched if it has none).
     */
    public String csrfToken(String path) {
      String tenant = TenantOfRequest.of(path);
      String session = cookies.get(Sessions.cookieName(TenantOfRequest.NONE.equals(tenant) ? null : tenant));
      if (session != null) {
        return CsrfProtection.tokenFor(session);
      }
      if (!cookies.containsKey("pacte_csrf")) {
        get("/health/live");
      }
      return cookies.get("pacte_csrf");
    }

    /** The CSRF token of the page this caller opened last, as a browser tab's next form would carry. */
    public String csrfToken() {
      return csrfToken(lastPath);
    }

    /** The value of one of this caller's cookies, or null. */
    public String cookie(String name) {
      return cookies.get(name);
    }

    private HttpRequest.Builder request(String path, String... headers) {
      lastPath = path;
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
      for (int i = 0; i + 1 < headers.length; i += 2) {
        builder.header(headers[i], headers[i + 1]);
      }
      if (!cookies.isEmpty()) {
        builder.header("Cookie", String.join("; ", cookies.entrySet().stream()
            .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
      }
      return builder;
    }

    private Response send(HttpRequest request) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
          String pair = header.split(";", 2)[0];
          int equals = pair.indexOf('=');
          String name = pair.substring(0, equals).trim();
          String value = pair.substring(equals + 1).trim();
          boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
          if (expired) {
            cookies.remove(name);
          } else {
            cookies.put(name, value);
          }
        }
        // Every answer of an API route is held to the OpenAPI document, in every test that calls it.
        ApiContract.check(request.method(), request.uri().getPath(), response.statusCode(), response.headers().map(),
            response.body());
        return new Response(response.statusCode(), response.body(), response.headers().map());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    otherNodes.forEach(node -> node.pacte.close());
    pacte.close();
    List<String> blocked = BlockedThreads.since(blockedMark);
    if (!blocked.isEmpty()) {
      throw new AssertionError("Vert.x reported a blocked thread while this platform ran (nothing may block an event "
          + "loop):\n" + String.join("\n", blocked));
    }
  }

  /**
   * The blocked-thread warnings Vert.x logged since this platform started (or since {@link #forgiveBlockedThreads}):
   * {@link #close} fails if there are any.
   */
  public List<String> blockedThreadWarnings() {
    return BlockedThreads.since(blockedMark);
  }

  /** Forgets the warnings so far: for the test that checks they are detected. */
  public void forgiveBlockedThreads() {
    blockedMark = BlockedThreads.mark();
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the platform under test holds. */
  public static final class Builder {

    private final Map<String, String> tenants = new HashMap<>();
    private final List<Path> pluginJars = new ArrayList<>();
    private Path tenantsDir;
    private Path pluginsDir;
    private KeycloakServer keycloak;
    private int httpInstances;
    private boolean demoPeople = true;
    private PacteConfig.Smtp smtp;
    private int dbPoolSize;

    /** A minimal tenant (slug, département code) with no plugin enabled. */
    public Builder tenant(String slug, String departementCode) {
      tenants.put(slug, departementCode);
      return this;
    }

    /** Uses an existing tenants folder (e.g. the repository's {@code tenants/}). */
    public Builder tenantsDir(Path directory) {
      this.tenantsDir = directory;
      return this;
    }

    /** Serves HTTP from this many verticle instances (default: one per core, as in production). */
    /** Without the demonstration people and their reports: for tests that count the participations they make. */
    public Builder withoutDemoPeople() {
      this.demoPeople = false;
      return this;
    }

    public Builder httpInstances(int instances) {
      this.httpInstances = instances;
      return this;
    }

    /** Sends the platform's e-mails to this SMTP server (without one, mails are held in the outbox). */
    public Builder mailServer(TestMailServer server) {
      return smtp(server.smtp());
    }

    /** Sends the platform's e-mails to this SMTP address (e.g. one where nothing listens). */
    public Builder smtp(PacteConfig.Smtp server) {
      this.smtp = server;
      return this;
    }

    /** Keeps this many database connections (default: the product's {@code PACTE_DB_POOL_SIZE} default). */
    public Builder dbPoolSize(int size) {
      this.dbPoolSize = size;
      return this;
    }

    /** Installs a plugin jar. */
    public Builder plugin(Path jar) {
      pluginJars.add(jar);
      return this;
    }

    /** Uses an existing plugin directory as is. */
    public Builder pluginsDir(Path directory) {
      this.pluginsDir = directory;
      return this;
    }

    /**
     * Uses a real Keycloak instead of the built-in identity provider: every tenant gets its realm at start-up, and
     * Pacte listens on a fixed free port so that Keycloak can send browsers back to it.
     */
    public Builder keycloak(KeycloakServer server) {
      this.keycloak = server;
      return this;
    }

    private PacteConfig withKeycloak(Path work, Path plugins, Path tenantFolder) {
      int port = freePort();
      PacteConfig.Keycloak server = new PacteConfig.Keycloak(keycloak.url(), keycloak.url(), keycloak.adminUsername(),
          keycloak.adminPassword());
      return new PacteConfig("127.0.0.1", port, work.resolve("data"), plugins, tenantFolder, Optional.empty(),
          "test-node-1", true, Optional.of(server), "http://127.0.0.1:" + port);
    }

    public TestPlatform start() {
      try {
        Path work = Files.createTempDirectory("pacte-test-");
        Path tenantFolder = tenantsDir != null ? tenantsDir : work.resolve("tenants");
        for (Map.Entry<String, String> tenant : tenants.entrySet()) {
          Path folder = Files.createDirectories(tenantFolder.resolve(tenant.getKey()));
          Files.writeString(folder.resolve("tenant.yaml"), "slug: " + tenant.getKey() + "\nname: Département " + tenant.getKey()
              + "\ndepartement: \"" + tenant.getValue() + "\"\nbranding:\n  colour: \"#1f4e79\"\n");
        }
        Path plugins = pluginsDir != null ? pluginsDir : Files.createDirectories(work.resolve("plugins"));
        for (Path jar : pluginJars) {
          Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        PacteConfig config = keycloak == null
            ? new PacteConfig("127.0.0.1", 0, work.resolve("data"), plugins, tenantFolder, Optional.empty(),
                "test-node-1", true, Optional.empty(), null)
            : withKeycloak(work, plugins, tenantFolder);
        if (httpInstances > 0) {
          config = config.withHttpInstances(httpInstances);
        }
        if (!demoPeople) {
          config = config.withoutDemoPeople();
        }
        if (smtp != null) {
          config = config.withSmtp(smtp);
        }
        if (dbPoolSize > 0) {
          config = config.withDbPoolSize(dbPoolSize);
        }
        // Counted from the moment the platform serves: while it starts, the first use of each class and the
        // demonstration data may hold an event loop for seconds on a loaded machine, with no request waiting on it.
        Pacte started = Pacte.start(config);
        return new TestPlatform(started, work, BlockedThreads.mark());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
