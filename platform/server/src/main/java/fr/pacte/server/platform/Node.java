package fr.pacte.server.platform;

import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.database.ApplicationPool;
import fr.pacte.server.database.EmbeddedDatabase;
import fr.pacte.server.database.Migrations;
import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every feature of a node shares: its settings, the database (embedded or external, migrated), Vert.x, the
 * connection pool with its tenant transactions, and the cluster signals. Features get it in their constructor.
 */
public final class Node implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final long SLOW_PHASE_MS = 200;

  private final PacteConfig config;
  private EmbeddedDatabase embedded;
  private DatabaseSettings database;
  private Migrations migrations;
  private Vertx vertx;
  private Pool pool;
  private TenantTransactions transactions;
  /** A replica's pool for heavy reads (PACTE_DB_READ_URL), or null: they then go through {@link #pool}. */
  private Pool readPool;
  private TenantTransactions reads;
  private ClusterSignals signals;
  private final List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
  private String serversDeployment;
  private Router router;
  private final AtomicBoolean serving = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();

  private Node(PacteConfig config) {
    this.config = config;
  }

  /**
   * Starts the database (migrated), Vert.x and the pool; blocking.
   *
   * @param instrument adds metrics to Vert.x, which must be set before it is built
   */
  public static Node start(PacteConfig config, UnaryOperator<VertxBuilder> instrument) {
    Node node = new Node(config);
    try {
      node.database = config.database()
          .map(external -> new DatabaseSettings(external.url(), external.ownerUser(), external.ownerPassword(),
              external.appUser(), external.appPassword()))
          .orElseGet(() -> {
            node.embedded = EmbeddedDatabase.start(config.dataDir());
            return node.embedded.settings();
          });
      node.migrations = new Migrations(node.database);
      node.migrations.migratePlatform();
      ClassWarmUp.run();
      node.vertx = instrument.apply(Vertx.builder()).build();
      node.pool = ApplicationPool.create(node.vertx, config.database().map(PacteConfig.ExternalDatabase::appPoolUrl)
          .map(node.database::appConnectOptionsAt).orElseGet(node.database::appConnectOptions), config.dbPoolSize());
      node.transactions = new TenantTransactions(node.pool, config.dbPoolSize());
      String readUrl = config.database().map(PacteConfig.ExternalDatabase::readUrl).orElse(null);
      if (readUrl != null) {
        node.readPool = ApplicationPool.create(node.vertx, node.database.appConnectOptionsAt(readUrl), config.dbPoolSize());
        node.reads = new TenantTransactions(node.readPool, config.dbPoolSize());
      } else {
        node.reads = node.transactions;
      }
      node.signals = ClusterSignals.connect(node.vertx, node.database).await();
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /**
   * Runs the features' phases, each for every feature in list order (see {@link Feature}), then serves HTTP;
   * blocking. Called from the thread starting the node, never an event loop.
   *
   * @param navigation where the features' tenant pages go (the page layout)
   */
  public void run(List<Feature> features, Consumer<TenantPage> navigation) {
    TenantSeeds seeds = new TenantSeeds(vertx, transactions, config.tenantsDir());
    features.forEach(feature -> timed(feature, "seed", () -> feature.seed(seeds).await()));
    features.forEach(feature -> timed(feature, "start", () -> feature.start().await()));
    features.forEach(feature -> feature.navigation().forEach(navigation));
    features.forEach(feature -> signals.listen(feature::onSignal));
    router = Router.router(vertx);
    features.forEach(feature -> feature.filter(router));
    features.forEach(feature -> feature.mount(router));
    features.forEach(feature -> feature.fallback(router));
    serve(router);
  }

  /** A feature's phase taking long is logged: start-up time is a target, this says where it goes. */
  private static void timed(Feature feature, String phase, Runnable work) {
    long started = System.nanoTime();
    work.run();
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (millis >= SLOW_PHASE_MS) {
      LOG.info("{} {} took {} ms", feature.getClass().getSimpleName(), phase, millis);
    }
  }

  /**
   * Serves the router from one HTTP server verticle per configured instance (by default one per core), each on its
   * own event loop and all on the same port; blocking until they all listen.
   */
  private void serve(Router router) {
    // A negative port asks Vert.x for one random port shared by every instance (0 would give each its own).
    int port = config.httpPort() == 0 ? -1 : config.httpPort();
    HttpServerOptions options = new HttpServerOptions().setHost(config.httpHost()).setPort(port)
        .setCompressionSupported(true);
    serversDeployment = vertx.deployVerticle(() -> {
      HttpVerticle server = new HttpVerticle(options, router);
      servers.add(server);
      return server;
    }, new DeploymentOptions().setInstances(config.httpInstances())).await();
    serving.set(true);
    LOG.info("Pacte node {} listening on {}:{} with {} HTTP server instances", config.nodeName(), config.httpHost(),
        port(), servers.size());
  }

  /** The routes served, read-only (the test that holds them against the OpenAPI document reads them). */
  public List<io.vertx.ext.web.Route> routes() {
    return router == null ? List.of() : List.copyOf(router.getRoutes());
  }

  /** Whether the node serves HTTP (readiness). */
  public boolean serving() {
    return serving.get();
  }

  /** The port every HTTP server instance listens on. */
  public int port() {
    return servers.get(0).actualPort();
  }

  /** How many HTTP server instances serve, one per event loop. */
  public int httpInstances() {
    return servers.size();
  }

  /**
   * Whether the node is stopping (SIGTERM): from the moment readiness turns to not-ready until the process ends. A
   * request that fails meanwhile is answered {@code 503} with {@code Retry-After}, never {@code 500}: what failed is the
   * stop, not the request, and a load balancer passes a 503 of an idempotent request to another node.
   */
  public boolean stopping() {
    return stopping.get();
  }

  /**
   * Stops serving HTTP, in this order: readiness answers not-ready, the servers stop accepting connections, and the
   * requests under way finish (within {@link RequestLimits#SHUTDOWN_GRACE}); only then does this return, and the
   * features, the pool and Vert.x may close. No new request is accepted once this returns.
   */
  public void stopServing() {
    stopping.set(true);
    serving.set(false);
    if (serversDeployment != null) {
      vertx.undeploy(serversDeployment).await();
      serversDeployment = null;
    }
  }

  public PacteConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public TenantTransactions transactions() {
    return transactions;
  }

  /**
   * Transactions for read-only work that may lag a little (dashboards, indicators): on the replica of
   * {@code PACTE_DB_READ_URL} when set, else the same as {@link #transactions()}.
   */
  public TenantTransactions reads() {
    return reads;
  }

  public Migrations migrations() {
    return migrations;
  }

  public ClusterSignals signals() {
    return signals;
  }

  public DatabaseSettings database() {
    return database;
  }

  public boolean embeddedDatabase() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (vertx != null) {
      stopServing();
    }
    if (signals != null) {
      signals.close();
    }
    if (readPool != null) {
      readPool.close().await();
    }
    if (pool != null) {
      pool.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
