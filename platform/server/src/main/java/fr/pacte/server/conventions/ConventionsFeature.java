package fr.pacte.server.conventions;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Conventions d'objectifs et de moyens and their funding (tranches, amendments, payments, co-funders), the API,
 * the staff and operator pages, the open-data file of subsidies, and demonstration conventions on the embedded
 * default.
 */
public final class ConventionsFeature implements Feature {

  private final Node node;
  private final TenantService tenants;
  private final ConventionService service;
  private final ConventionApi api;
  private final ConventionPages pages;
  private final ConventionDemo demo;

  public ConventionsFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                            OfferService offer) {
    this.node = node;
    this.tenants = tenants;
    this.service = new ConventionService(node.transactions(), tenants, plugins, audit);
    this.api = new ConventionApi(service, new Access(), node.vertx());
    this.pages = new ConventionPages(service, new Access(), layout);
    this.demo = new ConventionDemo(service, offer);
  }

  public ConventionService service() {
    return service;
  }

  /** Demonstration conventions, made once per tenant on the embedded default, after the organisations' demo. */
  @Override
  public Future<Void> start() {
    if (!node.config().demoAccounts()) {
      return Future.succeededFuture();
    }
    TenantClock clock = TenantClock.system(tenants);
    Future<Void> chain = Future.succeededFuture();
    for (TenantStore.TenantSummary tenant : tenants.all()) {
      chain = chain.compose(done -> demo.ensure(RequestContext.system(tenant.slug(), "démonstration", clock)));
    }
    return chain;
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(27, "Conventions", "conventions", Access.shownTo(Permission.READ_CONVENTIONS),
        TenantPage.OFFER));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
