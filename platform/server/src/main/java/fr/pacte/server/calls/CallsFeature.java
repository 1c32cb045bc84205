package fr.pacte.server.calls;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls for projects ({@code calls/*.yaml} of a tenant's folder, the API, staff and public pages) and their closing
 * at the deadline: every node checks each minute, and the per-tenant advisory lock lets one node close.
 */
public final class CallsFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(CallsFeature.class);
  private static final long CLOSING_PERIOD_MS = 60_000;

  private final Vertx vertx;
  private final Node node;
  private final TenantService tenants;
  private final DemoApplication demo;
  private final CallService service;
  private final CallApi api;
  private final CallPages pages;
  private final ApplicationService applications;
  private final ApplicationApi applicationApi;
  private final ApplicationPages applicationPages;
  private long timer = -1;

  public CallsFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins) {
    this.vertx = node.vertx();
    this.node = node;
    this.tenants = tenants;
    this.service = new CallService(node.transactions(), tenants, plugins, audit, Clock.systemUTC());
    this.api = new CallApi(service, new Access());
    this.pages = new CallPages(service, new Access(), layout);
    this.applications = new ApplicationService(node.vertx(), node.transactions(), tenants, audit, service::actionTypes);
    this.applicationApi = new ApplicationApi(applications, new Access());
    this.applicationPages = new ApplicationPages(applications, new Access(), layout);
    this.demo = new DemoApplication(service, applications);
  }

  public CallService service() {
    return service;
  }

  public ApplicationService applications() {
    return applications;
  }

  public ApplicationPages applicationPages() {
    return applicationPages;
  }

  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.applyEach("calls/*.yaml", CallFile::read, (connection, seed) -> service.replaceFromFile(
        connection, seed.tenant(), seed.value(), seed.hash(), seed.displayName()));
  }

  @Override
  public Future<Void> start() {
    timer = vertx.setPeriodic(CLOSING_PERIOD_MS, fired -> service.closeDue()
        .onFailure(error -> LOG.warn("Closing calls for projects at their deadline failed; next try in a minute", error)));
    return service.closeDue().compose(closed -> demoApplication()).mapEmpty();
  }

  /** On the embedded default, the Somme's demonstration association has answered its call (a draft). */
  private Future<Void> demoApplication() {
    boolean somme = tenants.all().stream().anyMatch(t -> t.slug().equals(DemoApplication.TENANT));
    if (!node.config().demoAccounts() || !somme) {
      return Future.succeededFuture();
    }
    return demo.ensure(tenants.zone(DemoApplication.TENANT)).mapEmpty();
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(25, "Appels à projets", "appels", Access.shownTo(Permission.READ_CALLS), TenantPage.OFFER));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
    applicationApi.mount(router);
    applicationPages.mount(router);
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
