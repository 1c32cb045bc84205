package fr.pacte.server.plugins;

import fr.pacte.api.ModuleAccess;
import fr.pacte.server.identity.Access;
import fr.pacte.server.web.Problem;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Routes of each plugin by id, to take them away when it is replaced or removed on the running platform. */
  private final Map<String, List<Route>> mounted = new ConcurrentHashMap<>();
  private Router liveApi;
  private Router livePages;

  public void mount(Router root) {
    for (InstalledPlugin plugin : plugins.runtime().plugins()) {
      attach(root, root, plugin, "/api/tenants/:tenant/modules/", "/t/:tenant/modules/");
    }
    // Plugins installed on the running platform: their routes join these routers, mounted now in their place
    // (before the platform's 404), since a router's routes cannot be put ahead of that later.
    liveApi = Router.router(vertx);
    livePages = Router.router(vertx);
    root.route("/api/tenants/:tenant/modules/*").subRouter(liveApi);
    root.route("/t/:tenant/modules/*").subRouter(livePages);
  }

  /** Serves a plugin installed on the running platform, in place of the routes of its previous version. */
  public void attachLive(InstalledPlugin plugin) {
    detach(plugin.id());
    attach(liveApi, livePages, plugin, "/", "/");
  }

  /** Stops serving a plugin's routes (it is replaced or removed). */
  public void detach(String pluginId) {
    List<Route> routes = mounted.remove(pluginId);
    if (routes != null) {
      routes.forEach(Route::remove);
    }
  }

  private void attach(Router api, Router pages, InstalledPlugin plugin, String apiPrefix, String pagePrefix) {
    if (!plugin.serving()) {
      return;
    }
    List<Route> routes = new ArrayList<>();
    mountOne(api, plugin, apiPrefix + plugin.id() + "/*", true, routes);
    mountOne(pages, plugin, pagePrefix + plugin.id() + "/*", false, routes);
    mounted.put(plugin.id(), routes);
  }

  private void mountOne(Router root, InstalledPlugin plugin, String path, boolean api, List<Route> routes) {
    Router router = Router.router(vertx);
    ModuleAccess rules;
    try {
      rules = plugin.module().access();
      if (api) {
        serveDescriptor(router, plugin);
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
    routes.add(root.route(path).handler(request -> gate(plugin, rules, request)));
    routes.add(root.route(path).subRouter(router));
  }

  /**
   * What every action type serves the same way, served by the host before the plugin's own routes: the descriptor as
   * JSON at {@code …/descriptor}. A plugin written before 1.4.0 that serves it too keeps working: the host answers
   * first, with the same JSON.
   */
  private static void serveDescriptor(Router router, InstalledPlugin plugin) {
    if (plugin.actionTypes().size() == 1) {
      io.vertx.core.json.JsonObject descriptor = plugin.actionTypes().get(0).toJson();
      router.get("/descriptor").handler(request -> request.json(descriptor));
    }
  }

  private void gate(InstalledPlugin plugin, ModuleAccess rules, RoutingContext request) {
    String tenant = tenantOf(request);
    if (plugins.runtime().plugin(plugin.id()).orElse(null) == plugin && plugin.serving() && plugins.isEnabled(tenant, plugin.id())) {
      request.put(HostPluginContexts.TENANT_KEY, tenant);
      access.decide(request, rules.rolesFor(request.request().method().name()), false);
    } else {
      request.fail(404, Problem.notFound("Le module « " + plugin.id() + " » n'est pas activé pour ce département."));
    }
  }

  /** The request's tenant: its path parameter, or read from the path inside the routers of live-installed plugins. */
  private static String tenantOf(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    if (tenant != null) {
      return tenant;
    }
    String[] parts = request.normalizedPath().split("/");
    // /api/tenants/{tenant}/modules/… or /t/{tenant}/modules/…
    return parts.length > 3 && "api".equals(parts[1]) ? parts[3] : parts.length > 2 ? parts[2] : null;
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
