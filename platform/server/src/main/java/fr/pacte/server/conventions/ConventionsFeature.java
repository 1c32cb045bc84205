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
  private final fr.pacte.server.organisations.UploadBodies uploads;

  public ConventionsFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                            OfferService offer, io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> authentication) {
    this.node = node;
    this.tenants = tenants;
    this.service = new ConventionService(node.transactions(), tenants, plugins, audit);
    this.api = new ConventionApi(service, new Access(), node.vertx());
    this.pages = new ConventionPages(service, new Access(), layout);
    this.demo = new ConventionDemo(service, offer);
    this.uploads = new fr.pacte.server.organisations.UploadBodies(node.config().dataDir().resolve("uploads-conventions"),
        authentication, new Access());
  }

  public ConventionService service() {
    return service;
  }

  /** Each tenant's wording of the convention's text: {@code conventions/convention.txt} of its folder. */
  @Override
  public Future<Void> seed(fr.pacte.server.platform.TenantSeeds seeds) {
    return seeds.applyEach("conventions/convention.txt", (file, displayName) -> {
      String body = java.nio.file.Files.readString(file);
      String refusal = ConventionText.refusal(body);
      if (refusal != null) {
        throw new fr.pacte.server.config.YamlFileException(displayName, 1, null, refusal);
      }
      return body;
    }, (connection, seed) -> service.saveTemplate(connection, seed.tenant(), seed.value()));
  }

  /** Demonstration conventions, made once per tenant on the embedded default, after the organisations' demo. */
  @Override
  public Future<Void> start() {
    if (!node.config().demoAccounts()) {
      return Future.succeededFuture();
    }
    TenantClock clock = TenantClock.system(tenants);
    return node.transactions().fewAtATime(tenants.all(),
        tenant -> demo.ensure(RequestContext.system(tenant.slug(), "démonstration", clock))).mapEmpty();
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(27, "Conventions", "conventions", Access.shownTo(Permission.READ_CONVENTIONS),
        TenantPage.OFFER));
  }

  /**
   * Documents attached to a convention read their own bodies (10 Mio, to disk) like the organisations' vault, before
   * the common body handler; the right to read conventions is checked before the body, the service decides the rest.
   */
  @Override
  public void filter(Router router) {
    uploads.mount(router, List.of(ConventionApi.DOCUMENTS, ConventionPages.DOCUMENTS), Permission.READ_CONVENTIONS);
  }

  @Override
  public void close() {
    uploads.close();
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
