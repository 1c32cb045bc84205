package fr.pacte.server.plugins;

import fr.pacte.api.ModuleAccess;
import fr.pacte.server.identity.Access;
import fr.pacte.server.web.Problem;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts each plugin's routers once, behind a gate that answers 404 unless the plugin is enabled for the
 * request's tenant (read from this node's copy, which cluster signals keep current), then checks the roles the
 * plugin declared ({@link fr.pacte.api.PacteModule#access()}). A handler that throws
 * marks the plugin as failing and answers 500, without touching other plugins or tenants.
 */
public final class PluginRouting {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRouting.class);

  private final Access access;
  private final Vertx vertx;
  private final PluginService plugins;
  private final HostPluginContexts contexts;

  public PluginRouting(Access access, Vertx vertx, PluginService plugins, HostPluginContexts contexts) {
    this.access = access;
    this.vertx = vertx;
    this.plugins = plugins;
    this.contexts = contexts;
  }

  public void mount(Router root) {
    for (InstalledPlugin plugin : plugins.runtime().plugins()) {
      if (!plugin.serving()) {
        continue;
      }
      mountOne(root, plugin, "/api/tenants/:tenant/modules/" + plugin.id() + "/*", true);
      mountOne(root, plugin, "/t/:tenant/modules/" + plugin.id() + "/*", false);
    }
  }

  private void mountOne(Router root, InstalledPlugin plugin, String path, boolean api) {
    Router router = Router.router(vertx);
    ModuleAccess rules;
    try {
      rules = plugin.module().access();
      if (api) {
        plugin.module().apiRoutes(router, contexts.forPlugin(plugin.id()));
      } else {
        plugin.module().pageRoutes(router, contexts.forPlugin(plugin.id()));
      }
    } catch (RuntimeException | LinkageError e) {
      plugin.markFailedAtStart(e);
      LOG.error("Plugin {} failed while declaring its routes", plugin.id(), e);
      return;
    }
    router.route().failureHandler(request -> failed(plugin, request));
    root.route(path).handler(request -> gate(plugin, rules, request));
    root.route(path).subRouter(router);
  }

  private void gate(InstalledPlugin plugin, ModuleAccess rules, RoutingContext request) {
    String tenant = request.pathParam("tenant");
    if (plugin.serving() && plugins.isEnabled(tenant, plugin.id())) {
      request.put(HostPluginContexts.TENANT_KEY, tenant);
      access.decide(request, rules.rolesFor(request.request().method().name()), false);
    } else {
      request.fail(404, Problem.notFound("Le module « " + plugin.id() + " » n'est pas activé pour ce département."));
    }
  }

  private void failed(InstalledPlugin plugin, RoutingContext request) {
    Throwable error = request.failure();
    if (error == null || error instanceof Problem || request.statusCode() > 0 && request.statusCode() < 500) {
      request.next();
      return;
    }
    // Marked here, logged once by the platform's failure handler.
    plugin.markFailing(request.get(HostPluginContexts.TENANT_KEY), error);
    request.next();
  }
}
