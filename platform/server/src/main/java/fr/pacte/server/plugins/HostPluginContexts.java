package fr.pacte.server.plugins;

import fr.pacte.api.Caller;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Principal;
import fr.pacte.api.DomainEvent;
import fr.pacte.api.EventListener;
import fr.pacte.api.Pages;
import fr.pacte.api.PluginContext;
import fr.pacte.api.Tasks;
import fr.pacte.api.TenantScope;
import fr.pacte.api.TenantSql;
import fr.pacte.server.database.PeopleScope;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.api.Role;
import fr.pacte.server.web.PageLayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import fr.pacte.api.PagePanel;
import fr.pacte.api.PlatformData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what each plugin receives from the host: its {@link PluginContext} and, per tenant, a
 * {@link TenantScope} whose transactions go through the guarded, tenant-bound SQL helper. Also delivers
 * domain events to the listeners of the modules enabled in the event's tenant.
 *
 * <p>Domain events are handed to those listeners directly and never put on the Vert.x event bus: the bus is shared by
 * the whole node, and anything on it could be heard by a plugin whatever tenants enabled it (a consumer or an
 * interceptor through the deprecated {@code PluginContext.vertx()}/{@code eventBus()}).
 */
public final class HostPluginContexts {

  /** Routing-context key under which the host stores the tenant of a plugin request. */
  public static final String TENANT_KEY = "pacte.tenant";

  private static final Logger LOG = LoggerFactory.getLogger(HostPluginContexts.class);

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final MeterRegistry registry;
  private final PluginService plugins;
  private final PageLayout layout;
  private final HostPlatformData platformData;

  public HostPluginContexts(Vertx vertx, TenantTransactions transactions, MeterRegistry registry, PluginService plugins,
                            PageLayout layout, java.util.Map<String, String> nationalExitTypes) {
    this.platformData = new HostPlatformData(nationalExitTypes);
    this.vertx = vertx;
    this.transactions = transactions;
    this.registry = registry;
    this.plugins = plugins;
    this.layout = layout;
  }

  public PluginContext forPlugin(String pluginId) {
    CompositeMeterRegistry pluginMeters = new CompositeMeterRegistry();
    pluginMeters.config().commonTags("plugin", pluginId);
    pluginMeters.add(registry);
    Logger logger = LoggerFactory.getLogger("plugin." + pluginId);
    return new Context(pluginId, pluginMeters, logger, new PluginTasks(vertx, pluginId, logger),
        new PluginPages(vertx, layout, pluginId, () -> plugins.runtime().plugin(pluginId)
            .map(p -> p.module().getClass().getClassLoader()).orElseThrow()));
  }

  /** The scope of a tenant for a plugin, for host-initiated calls (enablement hooks). */
  TenantScope scope(String pluginId, String tenantId) {
    return new Scope(pluginId, tenantId);
  }

  /** Publishes a domain event to the listeners of the modules enabled in its tenant, and to nobody else. */
  public Future<Void> publish(DomainEvent event) {
    Future<Void> all = Future.succeededFuture();
    for (InstalledPlugin plugin : plugins.servingFor(event.tenantId())) {
      for (EventListener listener : plugin.module().listeners()) {
        if (listener.eventType().equals(event.type())) {
          all = all.compose(done -> deliver(plugin, listener, event));
        }
      }
    }
    return all;
  }

  /**
   * The panels the modules enabled in a tenant add to a page of one record, in the order of the plugins; a module
   * that fails or has nothing to say on that record adds none. A panel's SQL sees the people and participations the
   * viewing user may see (nobody's without a user), as the module's routes do: a panel is read for that user.
   */
  public Future<List<Panel>> panels(PagePanel.Place place, String tenantId, UUID id, Principal viewer) {
    PeopleScope people = viewer == null ? PeopleScope.nobody() : peopleScope(viewer);
    List<Future<Optional<Panel>>> answers = new ArrayList<>();
    for (InstalledPlugin plugin : plugins.servingFor(tenantId)) {
      for (PagePanel panel : plugin.module().panels()) {
        if (panel.place() == place) {
          answers.add(panel(plugin, panel, tenantId, id, people));
        }
      }
    }
    return Future.join(answers).transform(done -> Future.succeededFuture(answers.stream()
        .map(answer -> answer.succeeded() ? answer.result() : Optional.<Panel>empty())
        .flatMap(Optional::stream).toList()));
  }

  private Future<Optional<Panel>> panel(InstalledPlugin plugin, PagePanel panel, String tenantId, UUID id,
                                        PeopleScope people) {
    Future<List<PagePanel.Line>> lines;
    try {
      lines = panel.content().apply(id, new Scope(plugin.id(), tenantId, people));
    } catch (RuntimeException e) {
      lines = Future.failedFuture(e);
    }
    String root = "/t/" + tenantId + "/modules/" + plugin.id() + "/";
    return lines.map(found -> {
      if (found == null || found.isEmpty()) {
        return Optional.<Panel>empty();
      }
      List<Map<String, String>> rendered = new ArrayList<>();
      for (PagePanel.Line line : found) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("label", line.label() == null ? "" : line.label());
        map.put("value", line.value() == null ? "" : line.value());
        map.put("link", line.link() == null || line.link().contains("//") || line.link().contains(":")
            ? "" : root + (line.link().startsWith("/") ? line.link().substring(1) : line.link()));
        rendered.add(map);
      }
      return Optional.of(new Panel(plugin.id(), panel.title().fr(), rendered));
    }).recover(error -> {
      LOG.warn("Plugin {} failed to give its panel for {} of tenant {}", plugin.id(), id, tenantId, error);
      return Future.succeededFuture(Optional.empty());
    });
  }

  /** A module's panel as a page shows it: its title and lines of label, value and link (a path, or empty). */
  public record Panel(String plugin, String title, List<Map<String, String>> lines) {

    /** The panel as templates read it ({@code module-panels.peb}). */
    public Map<String, Object> view() {
      return Map.of("plugin", plugin, "title", title, "lines", lines);
    }
  }

  private Future<Void> deliver(InstalledPlugin plugin, EventListener listener, DomainEvent event) {
    Future<Void> reaction;
    try {
      reaction = listener.handler().apply(event, new Scope(plugin.id(), event.tenantId()));
    } catch (RuntimeException e) {
      reaction = Future.failedFuture(e);
    }
    // A listener's failure is the plugin's, never the publisher's.
    return reaction.recover(error -> {
      LOG.error("Plugin {} failed on event {} of tenant {}", plugin.id(), event.type(), event.tenantId(), error);
      plugin.markFailing(event.tenantId(), error);
      return Future.succeededFuture();
    });
  }

  private static final String AUDIT = """
      INSERT INTO platform.audit_event (tenant_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5)""";

  /** A plugin's context; closing it (when the platform stops the plugin) ends the plugin's timers and workers. */
  private final class Context implements PluginContext, AutoCloseable {

    private final String pluginId;
    private final MeterRegistry meters;
    private final Logger logger;
    private final PluginTasks tasks;
    private final Pages pages;

    Context(String pluginId, MeterRegistry meters, Logger logger, PluginTasks tasks, Pages pages) {
      this.pluginId = pluginId;
      this.meters = meters;
      this.logger = logger;
      this.tasks = tasks;
      this.pages = pages;
    }

    @Override
    public String pluginId() {
      return pluginId;
    }

    /** Kept for 1.x plugins; it carries no domain event (see the class comment). */
    @Override
    @Deprecated(since = "1.3.0", forRemoval = true)
    public Vertx vertx() {
      return vertx;
    }

    /** Kept for 1.x plugins; it carries no domain event (see the class comment). */
    @Override
    @Deprecated(since = "1.3.0", forRemoval = true)
    public EventBus eventBus() {
      return vertx.eventBus();
    }

    @Override
    public Tasks tasks() {
      return tasks;
    }

    @Override
    public void close() {
      tasks.close();
    }

    @Override
    public MeterRegistry metrics() {
      return meters;
    }

    @Override
    public Logger logger() {
      return logger;
    }

    @Override
    public Pages pages() {
      return pages;
    }

    @Override
    public TenantScope tenant(RoutingContext request) {
      String tenantId = request.get(TENANT_KEY);
      if (tenantId == null) {
        throw new IllegalStateException("tenant(request) is only available inside the plugin's own routes");
      }
      Principal principal = request.get(Access.PRINCIPAL_KEY);
      return new Scope(pluginId, tenantId, principal == null ? PeopleScope.nobody() : peopleScope(principal));
    }

    @Override
    public PlatformData platformData() {
      return platformData;
    }

    /**
     * Records through the plugin's own guarded transaction, so the record commits or rolls back with the change; the
     * action carries the plugin's id, so a module never writes in the platform's name or another module's.
     */
    @Override
    public fr.pacte.api.AuditTrail audit() {
      return (sql, actor, action, target, details) -> {
        if (!TenantTransactions.madeByHost(sql)) {
          return Future.failedFuture(new IllegalArgumentException("audit: this TenantSql was not made by the host"));
        }
        String named = pluginId + "." + action;
        return sql.query(AUDIT, io.vertx.sqlclient.Tuple.of(sql.tenantId(), actor, named, target,
                details == null ? new JsonObject() : details))
            .compose(recorded -> sql.query("SELECT pg_notify($1, $2)", io.vertx.sqlclient.Tuple.of(
                fr.pacte.server.database.ClusterSignals.CHANNEL, new JsonObject().put("kind", "plugin-data")
                    .put("plugin", pluginId).put("tenant", sql.tenantId()).put("action", named).put("target", target)
                    .encode())))
            .mapEmpty();
      };
    }

    @Override
    public Caller caller(RoutingContext request) {
      Principal principal = request.get(Access.PRINCIPAL_KEY);
      if (principal == null || request.get(TENANT_KEY) == null) {
        throw new IllegalStateException("caller(request) is only available inside the plugin's own routes");
      }
      return principal.caller();
    }
  }

  /**
   * Whose people a module's SQL sees when it acts for this user: the same reach as the host's pages and API give
   * them (fr.pacte.server.pathways.Reach), enforced by PostgreSQL's {@code people_scope} policies.
   */
  static PeopleScope peopleScope(Principal principal) {
    if (principal.has(Role.TENANT_ADMINISTRATOR) || principal.has(Role.PROGRAMME_MANAGER) || principal.has(Role.AUDITOR)
        || principal.has(Role.TERRITORY_AGENT)) {
      if (principal.scope().organisation() != null) {
        return PeopleScope.organisation(principal.scope().organisation());
      }
      return principal.scope().territories().isEmpty() ? PeopleScope.wholeTenant()
          : PeopleScope.territories(principal.scope().territories());
    }
    if (principal.has(Role.OPERATOR)) {
      return principal.scope().organisation() == null ? PeopleScope.nobody()
          : PeopleScope.organisation(principal.scope().organisation());
    }
    if (principal.has(Role.REFERENT)) {
      return PeopleScope.referent(principal.username());
    }
    return PeopleScope.nobody();
  }

  private final class Scope implements TenantScope {

    private final String pluginId;
    private final String tenantId;
    /** The user a route or a panel acts for; null for a module's own work (its event listeners), which reads the whole tenant. */
    private final PeopleScope people;

    Scope(String pluginId, String tenantId) {
      this(pluginId, tenantId, null);
    }

    Scope(String pluginId, String tenantId, PeopleScope people) {
      this.pluginId = pluginId;
      this.tenantId = tenantId;
      this.people = people;
    }

    @Override
    public String tenantId() {
      return tenantId;
    }

    @Override
    public JsonObject configuration() {
      return plugins.enablement(tenantId, pluginId).configuration().copy();
    }

    @Override
    public <T> Future<T> transaction(Function<TenantSql, Future<T>> work) {
      return people == null ? transactions.inTenantForPlugin(tenantId, work)
          : transactions.inTenantForPlugin(tenantId, people, work);
    }

    @Override
    public Future<Void> publish(String type, JsonObject payload) {
      return HostPluginContexts.this.publish(new DomainEvent(type, tenantId, payload, Instant.now()));
    }
  }
}
