package fr.pacte.server.organisations;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import java.util.List;

/** The organisations a tenant works with and their document vault; a demonstration organisation on the embedded default. */
public final class OrganisationsFeature implements Feature {

  private final Node node;
  private final TenantService tenants;
  private final OrganisationService service;
  private final OrganisationApi api;
  private final OrganisationPages pages;
  private final UploadBodies uploads;

  public OrganisationsFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants,
                              Handler<RoutingContext> authentication) {
    this.node = node;
    this.tenants = tenants;
    this.service = new OrganisationService(node.transactions(), tenants, audit);
    this.api = new OrganisationApi(service, new Access(), node.vertx());
    this.pages = new OrganisationPages(service, tenants, new Access(), layout, node.vertx());
    this.uploads = new UploadBodies(node.config().dataDir().resolve("uploads"), authentication, new Access());
  }

  /** The upload bodies, for other pages that upload a file. */
  public UploadBodies uploadBodies() {
    return uploads;
  }

  public OrganisationService service() {
    return service;
  }

  /** The reading of upload bodies, for other addresses that upload into a vault. */
  public UploadBodies uploads() {
    return uploads;
  }

  @Override
  public Future<Void> start() {
    if (!node.config().demoAccounts()) {
      return Future.succeededFuture();
    }
    return node.transactions().fewAtATime(tenants.all().stream().map(TenantStore.TenantSummary::slug).toList(),
        service::ensureDemo).mapEmpty();
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(40, "Organisations", "organisations", Access.shownTo(Permission.READ_ORGANISATIONS),
        TenantPage.OFFER));
  }

  /**
   * Document uploads read their own bodies (10 MiB, to disk), so they come before the common body handler; who may
   * upload is decided before the body is read.
   */
  @Override
  public void filter(Router router) {
    uploads.mount(router);
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }

  /** After the servers stopped: no upload under way any more. */
  @Override
  public void close() {
    uploads.close();
  }
}
