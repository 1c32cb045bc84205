package fr.pacte.server.plugins;

import fr.pacte.api.DomainEvent;
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.TenantScope;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enabling and disabling plugins per tenant. The database is the truth; each node keeps a copy of every
 * tenant's enablements, refreshed when a cluster signal says a tenant changed, so that a change made on one
 * node is effective on all of them without restart.
 */
public final class PluginService {

  static final String SIGNAL = "plugins-changed";
  private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);

  private final PluginRuntime runtime;
  private final TenantTransactions transactions;
  private final AuditStore audit;
  private final EnablementStore store = new EnablementStore();
  private final Map<String, Map<String, Enablement>> byTenant = new ConcurrentHashMap<>();
  private HostPluginContexts contexts;

  public PluginService(PluginRuntime runtime, TenantTransactions transactions, AuditStore audit) {
    this.runtime = runtime;
    this.transactions = transactions;
    this.audit = audit;
  }

  /** The contexts are built from this service, so they are handed over once built. */
  /**
   * The panels the modules enabled in the tenant add to the page of one record (a convention, a participation), read
   * with the people scope of the user viewing the page.
   */
  public Future<List<HostPluginContexts.Panel>> panels(fr.pacte.api.PagePanel.Place place, String tenantId,
                                                        java.util.UUID id, fr.pacte.server.identity.Principal viewer) {
    return contexts.panels(place, tenantId, id, viewer);
  }

  /**
   * Publishes a domain event of the platform to the modules enabled in its tenant, once what it announces is
   * committed; a module's failure is its own and never the caller's.
   */
  public Future<Void> publish(DomainEvent event) {
    return contexts.publish(event);
  }

  public void useContexts(HostPluginContexts contexts) {
    this.contexts = contexts;
  }

  public PluginRuntime runtime() {
    return runtime;
  }

  /** Reacts to {@code plugins-changed} signals from any node. */
  public void onSignal(JsonObject signal) {
    if (SIGNAL.equals(signal.getString("kind"))) {
      refresh(signal.getString("tenant"));
    }
  }

  /** Reloads one tenant's enablements from the database. */
  public Future<Void> refresh(String tenantId) {
    return transactions.inTenant(tenantId, store::all)
        .onSuccess(enablements -> byTenant.put(tenantId, Map.copyOf(enablements)))
        .onFailure(error -> LOG.error("Cannot refresh the plugins of tenant {}", tenantId, error))
        .mapEmpty();
  }

  public boolean isEnabled(String tenantId, String pluginId) {
    return enablement(tenantId, pluginId).enabled();
  }

  public Enablement enablement(String tenantId, String pluginId) {
    return byTenant.getOrDefault(tenantId, Map.of()).getOrDefault(pluginId, Enablement.never(pluginId));
  }

  /** Installed plugins that are enabled for the tenant and able to serve. */
  public List<InstalledPlugin> servingFor(String tenantId) {
    return runtime.plugins().stream().filter(p -> p.serving() && isEnabled(tenantId, p.id())).toList();
  }

  /** The navigation entries of the plugins enabled for a tenant. */
  public List<PageLayout.NavItem> navigation(String tenantId) {
    return navigation(tenantId, plugin -> true);
  }

  /**
   * The navigation entries of the plugins enabled for a tenant that the request's caller may open: a module's pages
   * answer 403 to the roles its access rules leave out, so its entries are not shown to them.
   */
  public List<PageLayout.NavItem> navigation(io.vertx.ext.web.RoutingContext request, String tenantId) {
    return navigation(tenantId, plugin -> {
      try {
        java.util.Set<fr.pacte.api.Role> readers = plugin.module().access().rolesFor("GET");
        return fr.pacte.server.identity.Access.principal(request)
            .map(principal -> fr.pacte.server.identity.Access.allows(principal, readers, false, tenantId)).orElse(false);
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    });
  }

  private List<PageLayout.NavItem> navigation(String tenantId, java.util.function.Predicate<InstalledPlugin> shown) {
    List<PageLayout.NavItem> items = new java.util.ArrayList<>();
    for (InstalledPlugin plugin : servingFor(tenantId)) {
      if (!shown.test(plugin)) {
        continue;
      }
      for (NavigationEntry entry : plugin.navigation()) {
        items.add(new PageLayout.NavItem(entry.label().fr(),
            "/t/" + tenantId + "/modules/" + plugin.id() + "/" + entry.path(), false));
      }
    }
    return items;
  }

  /**
   * Enables or disables a plugin for a tenant.
   *
   * @param configuration   the plugin's configuration for the tenant, or null to keep the current one
   * @param expectedVersion the version the caller read, or null to skip the check
   */
  public Future<Enablement> setEnabled(String tenantId, String pluginId, boolean enabled, JsonObject configuration,
                                       Integer expectedVersion, Actor actor, String requestId) {
    Optional<InstalledPlugin> plugin = runtime.plugin(pluginId);
    if (plugin.isEmpty()) {
      return Future.failedFuture(Problem.notFound("Aucun plugin « " + pluginId + " » n'est installé sur la plateforme."));
    }
    if (enabled && !plugin.get().serving()) {
      return Future.failedFuture(Problem.conflict("Le plugin « " + pluginId
          + " » est en échec au démarrage et ne peut pas être activé. " + plugin.get().health().reason()));
    }
    return transactions.inTenant(tenantId, connection -> store.lock(connection, pluginId)
            .compose(current -> write(connection, tenantId, pluginId, enabled, configuration, expectedVersion, current, actor))
            .compose(saved -> audit.record(connection, tenantId, actor.audited(), enabled ? "plugin.enabled" : "plugin.disabled",
                    "plugin:" + pluginId, new JsonObject().put("version", saved.version()), requestId)
                .compose(recorded -> ClusterSignals.notify(connection, signal(tenantId)))
                .map(saved)))
        .compose(saved -> refresh(tenantId).map(saved))
        .onSuccess(saved -> afterChange(plugin.get(), tenantId, enabled));
  }

  private Future<Enablement> write(SqlConnection connection, String tenantId, String pluginId, boolean enabled,
                                   JsonObject configuration, Integer expectedVersion, Optional<Enablement> current,
                                   Actor actor) {
    int currentVersion = current.map(Enablement::version).orElse(0);
    if (expectedVersion != null && expectedVersion != currentVersion) {
      return Future.failedFuture(Problem.conflict("Le plugin « " + pluginId + " » a été modifié entre-temps (version "
          + currentVersion + ", vous aviez la version " + expectedVersion + "). Rechargez la page et recommencez."));
    }
    JsonObject newConfiguration = configuration != null ? configuration
        : current.map(Enablement::configuration).orElse(new JsonObject());
    return current.isPresent()
        ? store.update(connection, pluginId, enabled, newConfiguration, actor.audited())
        : store.insert(connection, tenantId, pluginId, enabled, newConfiguration, actor.audited());
  }

  private void afterChange(InstalledPlugin plugin, String tenantId, boolean enabled) {
    if (enabled) {
      plugin.clearFailure();
    }
    TenantScope scope = contexts.scope(plugin.id(), tenantId);
    Future<Void> hook;
    try {
      hook = enabled ? plugin.module().onTenantEnabled(scope) : plugin.module().onTenantDisabled(scope);
    } catch (RuntimeException e) {
      hook = Future.failedFuture(e);
    }
    hook.onFailure(error -> plugin.markFailing(tenantId, error));
    // Other modules of the tenant may react (e.g. a cross-cutting module following action types).
    contexts.publish(new DomainEvent(enabled ? "plugin.enabled" : "plugin.disabled", tenantId,
        new JsonObject().put("plugin", plugin.id()), Instant.now()));
  }

  /**
   * Applies the plugin list of a tenant file, inside the caller's tenant transaction: listed plugins are
   * enabled with their configuration, all others disabled.
   */
  public Future<Void> applyFile(SqlConnection connection, String tenantId, Map<String, JsonObject> listed, Actor actor,
                                String requestId) {
    Future<Void> chain = store.disableAllBut(connection, listed.keySet().toArray(String[]::new), actor.audited());
    for (Map.Entry<String, JsonObject> entry : listed.entrySet()) {
      if (runtime.plugin(entry.getKey()).isEmpty()) {
        LOG.warn("Tenant {} enables plugin {} which is not installed; it will be active once installed", tenantId, entry.getKey());
      }
      chain = chain.compose(done -> store.lock(connection, entry.getKey()))
          .compose(current -> current.isPresent()
              ? store.update(connection, entry.getKey(), true, entry.getValue(), actor.audited())
              : store.insert(connection, tenantId, entry.getKey(), true, entry.getValue(), actor.audited()))
          .mapEmpty();
    }
    return chain
        .compose(done -> audit.record(connection, tenantId, actor.audited(), "plugins.applied-from-file", "tenant:" + tenantId,
            new JsonObject().put("enabled", new io.vertx.core.json.JsonArray(List.copyOf(listed.keySet()))), requestId))
        .compose(done -> ClusterSignals.notify(connection, signal(tenantId)));
  }

  /**
   * Calls {@link fr.pacte.api.PacteModule#onTenantStarted} of every serving module for each tenant where it is
   * enabled, one after the other, once the platform's own start work is done; a module's failure is its own.
   */
  public Future<Void> tenantsStarted() {
    Future<Void> chain = Future.succeededFuture();
    for (String tenantId : List.copyOf(byTenant.keySet())) {
      for (InstalledPlugin plugin : servingFor(tenantId)) {
        chain = chain.compose(done -> {
          Future<Void> hook;
          try {
            hook = plugin.module().onTenantStarted(contexts.scope(plugin.id(), tenantId));
          } catch (RuntimeException | LinkageError e) {
            hook = Future.failedFuture(e);
          }
          return hook.recover(error -> {
            LOG.error("Plugin {} failed to start in tenant {}", plugin.id(), tenantId, error);
            plugin.markFailing(tenantId, error);
            return Future.succeededFuture();
          });
        });
      }
    }
    return chain;
  }

  static JsonObject signal(String tenantId) {
    return new JsonObject().put("kind", SIGNAL).put("tenant", tenantId);
  }
}
