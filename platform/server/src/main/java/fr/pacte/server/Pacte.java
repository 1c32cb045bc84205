package fr.pacte.server;

import fr.pacte.server.audit.AuditRoutes;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.ApplicationPool;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.database.EmbeddedDatabase;
import fr.pacte.server.database.Migrations;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.observability.HealthRoutes;
import fr.pacte.server.observability.Metrics;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.offer.OfferRoutes;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.organisations.OrganisationRoutes;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.organisations.UploadBodies;
import fr.pacte.server.plugins.HostPluginContexts;
import fr.pacte.server.programmes.ProgrammeRoutes;
import fr.pacte.server.programmes.ProgrammeService;
import fr.pacte.server.programmes.ProgrammeStore;
import fr.pacte.server.referentials.NationalReferentials;
import fr.pacte.server.referentials.ReferentialRoutes;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.referentials.ReferentialStore;
import fr.pacte.server.plugins.PluginRoutes;
import fr.pacte.server.plugins.PluginRouting;
import fr.pacte.server.plugins.PluginRuntime;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantRoutes;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.AccountStore;
import fr.pacte.server.identity.DemoAccounts;
import fr.pacte.server.identity.Authentication;
import fr.pacte.server.identity.LoginFailureStore;
import fr.pacte.server.identity.LoginRoutes;
import fr.pacte.server.identity.PasswordLogin;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.SessionStore;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.identity.keycloak.KeycloakRealms;
import fr.pacte.server.identity.users.BuiltinUsers;
import fr.pacte.server.identity.users.InvitationRoutes;
import fr.pacte.server.identity.users.InvitationStore;
import fr.pacte.server.identity.users.KeycloakUsers;
import fr.pacte.server.identity.users.UserDirectory;
import fr.pacte.server.identity.users.UserRoutes;
import fr.pacte.server.identity.users.UserService;
import fr.pacte.server.identity.keycloak.LoginAttemptStore;
import fr.pacte.server.identity.keycloak.OidcLogin;
import fr.pacte.server.identity.keycloak.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import fr.pacte.server.identity.PasswordHasher;
import fr.pacte.server.web.ApiDocs;
import fr.pacte.server.web.CsrfProtection;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.RequestDeadline;
import fr.pacte.server.web.RequestLimits;
import fr.pacte.server.web.SecurityHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pacte node: the composition root. {@link #start} wires the parts of the chain together in the
 * order they depend on each other; {@link #close} stops them in reverse.
 */
public final class Pacte implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pacte.class);
  /** Largest request body accepted (JSON and forms). Uploads get their own limit where they exist. */
  public static final long BODY_LIMIT_BYTES = 1024 * 1024;
  /** At stop, requests under way get this long to finish. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final PacteConfig config;
  private EmbeddedDatabase embedded;
  private DatabaseSettings database;
  private Vertx vertx;
  private Pool pool;
  private PluginRuntime pluginRuntime;
  private PluginService plugins;
  private TenantService tenants;
  private ClusterSignals signals;
  private KeycloakRealms realms;
  private HttpServer server;
  private UploadBodies uploads;
  private List<String> appliedTenantFiles = List.of();
  private final AtomicBoolean started = new AtomicBoolean();

  private Pacte(PacteConfig config) {
    this.config = config;
  }

  /** Starts a node; blocking. Throws if the database, a tenant file or the HTTP port is not usable. */
  public static Pacte start(PacteConfig config) {
    Pacte pacte = new Pacte(config);
    try {
      pacte.boot();
      return pacte;
    } catch (RuntimeException e) {
      pacte.close();
      throw e;
    }
  }

  private void boot() {
    database = config.database()
        .map(external -> new DatabaseSettings(external.url(), external.ownerUser(), external.ownerPassword(),
            external.appUser(), external.appPassword()))
        .orElseGet(() -> {
          embedded = EmbeddedDatabase.start(config.dataDir());
          return embedded.settings();
        });
    Migrations migrations = new Migrations(database);
    migrations.migratePlatform();
    // Tenant files are read before anything is served: a malformed one stops start-up here.
    List<TenantService.TenantSource> tenantFiles = TenantService.readFolder(config.tenantsDir());

    Metrics metrics = new Metrics();
    AtomicReference<TenantService> tenantsRef = new AtomicReference<>();
    vertx = Vertx.builder()
        .with(metrics.vertxOptions(slug -> tenantsRef.get() != null && tenantsRef.get().find(slug).isPresent()))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    metrics.bindJvmMetrics();
    pool = ApplicationPool.create(vertx, database);
    TenantTransactions transactions = new TenantTransactions(pool);
    AuditStore audit = new AuditStore();

    pluginRuntime = PluginRuntime.load(config.pluginsDir(), migrations);
    plugins = new PluginService(pluginRuntime, transactions, audit);
    tenants = new TenantService(transactions, new TenantStore(), audit, plugins);
    tenantsRef.set(tenants);
    PageLayout layout = new PageLayout(vertx, tenants::branding, plugins::navigation);
    HostPluginContexts contexts = new HostPluginContexts(vertx, transactions, metrics.registry(), plugins, layout);
    plugins.useContexts(contexts);
    pluginRuntime.start(contexts::forPlugin);

    tenants.reloadDirectory().await();
    appliedTenantFiles = tenants.applyAll(tenantFiles).await();
    tenants.refreshAllPlugins().await();
    AccountStore accounts = new AccountStore();
    PasswordHasher hasher = new PasswordHasher();
    prepareDemoAccounts(transactions, accounts, hasher);

    // The tenants' policy and offer data: seed files applied once per content, demo organisation on the embedded default.
    ReferentialService referentials = new ReferentialService(transactions, new ReferentialStore(), new TenantStore(),
        audit, NationalReferentials.load());
    ProgrammeService programmes = new ProgrammeService(transactions, new ProgrammeStore(), audit, referentials);
    programmes.loadTenantSeeds(config.tenantsDir(), tenantFiles.stream().map(file -> file.tenant().slug()).toList()).await();
    OrganisationService organisations = new OrganisationService(transactions, tenants, audit);
    if (config.demoAccounts()) {
      tenants.all().forEach(tenant -> organisations.ensureDemo(tenant.slug()).await());
    }
    OfferService offer = new OfferService(transactions, tenants, plugins, audit);
    tenants.all().forEach(tenant -> offer.loadNeeds(config.tenantsDir(), tenant.slug()));

    // Keycloak redirects browsers back to Pacte, so its public address must be known before listening.
    String webBaseUrl = config.webBaseUrl(config.httpPort());
    Optional<TokenVerifier> tokens = Optional.empty();
    if (config.keycloak().isPresent()) {
      if (config.publicUrl() == null && config.httpPort() == 0) {
        throw new IllegalStateException("With Keycloak, set PACTE_PUBLIC_URL or a fixed PACTE_HTTP_PORT: "
            + "Keycloak must know where to send browsers back.");
      }
      TokenVerifier verifier = TokenVerifier.create();
      realms = new KeycloakRealms(vertx, config.keycloak().get(), webBaseUrl, verifier);
      realms.provisionPlatform();
      tenants.all().forEach(tenant -> realms.provisionTenant(tenant.slug(), tenant.displayName()));
      tokens = Optional.of(verifier);
    }
    signals = ClusterSignals.connect(vertx, database).await();
    signals.listen(tenants::onSignal);
    signals.listen(plugins::onSignal);
    if (realms != null) {
      signals.listen(signal -> realms.trustOnly(tenants.all().stream()
          .map(fr.pacte.server.tenancy.TenantStore.TenantSummary::slug).toList()));
    }

    Access access = new Access();
    // The host's pages in every tenant's navigation, in this order, for those who may open them.
    layout.addTenantPage("Programmes", "programmes", Permission.READ_POLICY);
    layout.addTenantPage("Offre", "offre/catalogue", Permission.READ_OFFER);
    layout.addTenantPage("Besoins", "besoins", Permission.READ_POLICY);
    layout.addTenantPage("Organisations", "organisations", Permission.READ_ORGANISATIONS);
    layout.addTenantPage("Référentiels", "referentiels", Permission.READ_POLICY);
    layout.addTenantPage("Modules", "admin/modules", Permission.VIEW_MODULES);
    layout.addTenantPage("Utilisateurs", "admin/utilisateurs", Permission.MANAGE_USERS);
    Sessions sessions = new Sessions(transactions, new SessionStore());
    PasswordLogin passwords = new PasswordLogin(vertx, transactions, accounts, new LoginFailureStore(), hasher, audit);
    Optional<OidcLogin> oidc = tokens.map(verifier -> new OidcLogin(realms, verifier, sessions, transactions,
        new LoginAttemptStore(), audit, tenants, webBaseUrl));

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(config.nodeName()));
    router.route().handler(new SecurityHeaders());
    Authentication authentication = new Authentication(sessions, tokens);
    // Document uploads: callers checked before their body is read, their own 10 MiB body handling and deadline.
    uploads = new UploadBodies(config.dataDir().resolve("uploads"), authentication, access);
    uploads.mount(router);
    router.route().handler(RequestDeadline.of(RequestDeadline.REQUEST));
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(new CsrfProtection(Sessions::cookieName));
    router.route().handler(authentication);
    router.route("/assets/htmx/*").handler(StaticHandler.create("META-INF/resources/webjars/htmx.org/2.0.4/dist"));
    router.route("/assets/*").handler(StaticHandler.create("assets"));
    new HealthRoutes(pool, started::get).mount(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
    TenantRoutes tenantRoutes = new TenantRoutes(access, tenants, plugins, layout, this::provisionIdentity,
        this::identityStatus);
    tenantRoutes.mountTenantGate(router);
    tenantRoutes.mount(router);
    new LoginRoutes(access, sessions, passwords, oidc, layout).mount(router);
    InvitationStore invitations = new InvitationStore();
    UserDirectory directory = realms == null
        ? new BuiltinUsers(transactions, accounts, invitations)
        : new KeycloakUsers(vertx, realms.provisioner());
    new UserRoutes(access, new UserService(directory, tenants, transactions, audit, sessions), tenants, layout).mount(router);
    if (realms == null) {
      new InvitationRoutes(vertx, transactions, invitations, accounts, hasher, audit, layout).mount(router);
    }
    new PluginRoutes(access, plugins, layout).mount(router);
    new AuditRoutes(access, transactions, audit).mount(router);
    new ReferentialRoutes(referentials, layout, access).mount(router);
    new ProgrammeRoutes(programmes, referentials, layout, access).mount(router);
    new OrganisationRoutes(organisations, tenants, access, layout, vertx).mount(router);
    new OfferRoutes(offer, organisations, tenants, access, layout).mount(router);
    new PluginRouting(access, vertx, plugins, contexts).mount(router);
    new ApiDocs(layout).mount(router);
    router.route().handler(request -> request.fail(404));
    router.route().failureHandler(new FailureHandler(layout));

    server = RequestLimits.server(vertx, new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort())
            .setCompressionSupported(true), router)
        .listen()
        .await();
    started.set(true);
    LOG.info("Pacte node {} listening on {}", config.nodeName(), url());
  }

  /** A tenant created live gets its realm at once; the answer carries its first administrator's temporary password. */
  private Future<JsonObject> provisionIdentity(fr.pacte.server.tenancy.TenantStore.TenantSummary tenant) {
    if (realms == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return realms.provisionTenantAsync(tenant.slug(), tenant.displayName())
        .map(provisioned -> provisioned.firstUser().map(first -> new JsonObject().put("firstAdministrator",
            new JsonObject().put("username", first.username()).put("temporaryPassword", first.temporaryPassword())))
            .orElseGet(JsonObject::new));
  }

  /** A deactivated tenant's realm is disabled (no login, no new token) and its tokens no longer trusted. */
  private Future<Void> identityStatus(String slug, boolean active) {
    if (realms == null) {
      return Future.succeededFuture();
    }
    String name = tenants.find(slug).map(fr.pacte.server.tenancy.TenantStore.TenantSummary::displayName).orElse(slug);
    return vertx.executeBlocking(() -> {
      if (active) {
        realms.provisionTenant(slug, name);
      } else {
        realms.deactivate(slug);
      }
      return null;
    }, false).mapEmpty();
  }

  /** The embedded default gets its demonstration accounts; anything else refuses to run with them. */
  private void prepareDemoAccounts(TenantTransactions transactions, AccountStore accounts, PasswordHasher hasher) {
    DemoAccounts demo = new DemoAccounts(transactions, accounts, hasher);
    List<String> slugs = tenants.all().stream().map(TenantStore.TenantSummary::slug).toList();
    if (config.demoAccounts()) {
      demo.ensurePlatformOperator();
      slugs.forEach(slug -> demo.ensure(slug, tenants.territories(slug).await()));
    } else {
      demo.refuseIfPresent(slugs);
    }
  }

  public String url() {
    return "http://" + config.httpHost() + ":" + port();
  }

  public int port() {
    return server.actualPort();
  }

  public PacteConfig config() {
    return config;
  }

  public TenantService tenants() {
    return tenants;
  }

  public PluginService plugins() {
    return plugins;
  }

  public DatabaseSettings database() {
    return database;
  }

  /** The slugs of the tenant files that were new or changed and so applied at this start. */
  public List<String> appliedTenantFiles() {
    return appliedTenantFiles;
  }

  public boolean embeddedDatabase() {
    return embedded != null;
  }

  @Override
  public void close() {
    started.set(false);
    if (server != null) {
      // Stops accepting, lets the requests under way finish (within the grace period), then closes.
      server.shutdown(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS).await();
    }
    if (uploads != null) {
      uploads.close();
    }
    if (signals != null) {
      signals.close();
    }
    if (realms != null) {
      realms.close();
    }
    if (pluginRuntime != null) {
      pluginRuntime.close();
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
