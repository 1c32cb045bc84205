package fr.pacte.server.indicators;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Indicators: every action type's follow-up indicators computed for any period, territory, operator and convention
 * against their targets, the occupancy of the funded places, and the dashboards, all read from the monthly facts the
 * database keeps as pathways change (migration V23); the values the data cannot give are entered by the programme
 * manager.
 */
public final class IndicatorsFeature implements Feature {

  private final IndicatorService service;
  private final IndicatorApi api;
  private final IndicatorPages pages;

  public IndicatorsFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, OfferService offer,
                           ReferentialService referentials, ConventionService conventions) {
    this.service = new IndicatorService(node.transactions(), node.reads(), offer, referentials, tenants, audit);
    this.api = new IndicatorApi(service, new Access());
    this.pages = new IndicatorPages(service, conventions, new Access(), layout);
  }

  public IndicatorService service() {
    return service;
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(
        new TenantPage(31, "Tableaux de bord", "tableaux-de-bord", Access.shownTo(Permission.READ_INDICATORS), TenantPage.POLICY),
        new TenantPage(32, "Indicateurs", "indicateurs", Access.shownTo(Permission.READ_INDICATORS), TenantPage.POLICY));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
