package fr.pacte.server.plugins;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import io.vertx.core.Future;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.web.PageLayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The plugins: loaded from the plugin directory and started with their contexts when the feature is built (before
 * tenants are loaded, since tenant files enable them), their enablement per tenant, their routes and pages.
 */
public final class PluginsFeature implements Feature {

  private final PluginRuntime runtime;
  private final PluginService service;
  private final PluginApi api;
  private final ModulesPage modules;
  private final PluginRouting routing;
  private final PluginInstaller installer;
  private final PlatformPluginsPage platformPage;
  private UploadReader pageUploads;

  /** @param nationalExitTypes the national exit types (code to label), which plugins read through the data view */
  public PluginsFeature(Node node, PageLayout layout, AuditStore audit, MeterRegistry registry,
                        java.util.Map<String, String> nationalExitTypes) {
    this.runtime = PluginRuntime.load(node.config().pluginsDir(), node.migrations());
    this.service = new PluginService(runtime, node.transactions(), audit);
    HostPluginContexts contexts = new HostPluginContexts(node.vertx(), node.transactions(), registry, service, layout,
        nationalExitTypes);
    service.useContexts(contexts);
    runtime.start(contexts::forPlugin);
    this.installer = new PluginInstaller(node.vertx(), node.transactions(), node.migrations(), service, contexts::forPlugin, audit,
        node.config().nodeName());
    installer.loadStored();
    layout.addTenantNavigation((java.util.function.BiFunction<io.vertx.ext.web.RoutingContext, String,
        List<fr.pacte.server.web.PageLayout.NavItem>>) service::navigation);
    Access access = new Access();
    this.api = new PluginApi(access, service, installer);
    this.modules = new ModulesPage(access, service, layout);
    this.platformPage = new PlatformPluginsPage(access, node.vertx(), service, installer, layout, node.config().pluginsDir());
    this.routing = new PluginRouting(access, node.vertx(), service, contexts);
    installer.useRouting(routing);
  }

  /** The platform operator's page uploads its jars through the platform's upload bodies. */
  public void usePageUploads(UploadReader uploads) {
    this.pageUploads = uploads;
  }

  /**
   * The modules' own start work in each tenant ({@link PluginService#tenantsStarted}): a phase of its own, placed
   * last in the node's list so that it runs after every feature's start (the demonstration data it may build on).
   */
  public Feature tenantsStarted() {
    return new Feature() {
      @Override
      public Future<Void> start() {
        return service.tenantsStarted();
      }
    };
  }

  public PluginService service() {
    return service;
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(60, "Modules", "admin/modules", Access.shownTo(Permission.VIEW_MODULES), TenantPage.ADMINISTRATION));
  }

  @Override
  public void onSignal(JsonObject signal) {
    service.onSignal(signal);
    installer.onSignal(signal);
  }

  @Override
  public void filter(Router router) {
    if (pageUploads != null) {
      pageUploads.mount(router, List.of(PlatformPluginsPage.UPLOAD), Permission.OPERATE_PLATFORM);
    }
  }

  @Override
  public void mount(Router router) {
    // Mounted once this node listens to the signals: the other nodes' answers reach it.
    installer.askOtherNodes();
    api.mount(router);
    platformPage.mount(router);
    modules.mount(router);
    routing.mount(router);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
