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
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.web.PageLayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
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

  public HostPluginContexts(Vertx vertx, TenantTransactions transactions, MeterRegistry registry, PluginService plugins,
                            PageLayout layout) {
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
      return new Scope(pluginId, tenantId);
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

  private final class Scope implements TenantScope {

    private final String pluginId;
    private final String tenantId;

    Scope(String pluginId, String tenantId) {
      this.pluginId = pluginId;
      this.tenantId = tenantId;
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
      return transactions.inTenantForPlugin(tenantId, work);
    }

    @Override
    public Future<Void> publish(String type, JsonObject payload) {
      return HostPluginContexts.this.publish(new DomainEvent(type, tenantId, payload, Instant.now()));
    }
  }
}
