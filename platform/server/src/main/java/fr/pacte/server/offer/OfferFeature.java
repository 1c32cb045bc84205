package fr.pacte.server.offer;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/** The offer catalogue (staff, public, data·inclusion export) and the needs published per call ({@code needs/*.yaml}). */
public final class OfferFeature implements Feature {

  private final OfferService service;
  private final OfferApi api;
  private final OfferPages pages;

  public OfferFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                      OrganisationService organisations) {
    this.service = new OfferService(node.transactions(), tenants, plugins, audit);
    this.api = new OfferApi(service, tenants, new Access());
    this.pages = new OfferPages(service, organisations, new Access(), layout);
  }

  public OfferService service() {
    return service;
  }

  /** The offer's pages, to which the programmes give the actions an item may serve. */
  public OfferPages pages() {
    return pages;
  }

  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.applyEach("needs/*.yaml", NeedsFile::read, (connection, seed) -> service.replaceNeedsFromFile(
        connection, seed.tenant(), seed.value(), seed.hash(), seed.displayName()));
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(
        new TenantPage(20, "Catalogue", "offre/catalogue", Access.shownTo(Permission.READ_OFFER), TenantPage.OFFER),
        new TenantPage(30, "Besoins", "besoins", Access.shownTo(Permission.READ_POLICY), TenantPage.POLICY));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
