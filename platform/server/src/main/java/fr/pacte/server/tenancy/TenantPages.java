package fr.pacte.server.tenancy;

import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.BrandColours;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Redirect;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platform home (the départements) and each tenant's home page, logo and colours. */
public final class TenantPages {

  private final TenantService tenants;
  private final PluginService plugins;
  private final PageLayout layout;

  public TenantPages(TenantService tenants, PluginService plugins, PageLayout layout) {
    this.tenants = tenants;
    this.plugins = plugins;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get("/").handler(this::platformHome);
    router.getWithRegex("/t/[a-z][a-z0-9-]{1,39}").handler(request -> Redirect.seeOther(request, request.normalizedPath() + "/"));
    router.get("/t/:tenant/").handler(this::tenantHome);
    router.get("/t/:tenant/logo").handler(this::logo);
    router.get("/t/:tenant/theme.css").handler(this::theme);
  }

  private void platformHome(RoutingContext request) {
    layout.render(request, "platform-home", "Pacte — départements", Map.of("tenants", tenants.all()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void tenantHome(RoutingContext request) {
    String slug = request.pathParam("tenant");
    TenantSummary tenant = tenants.find(slug).orElseThrow();
    tenants.territories(slug)
        .compose(territories -> {
          ListTable table = territoryTable(territories);
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          return layout.render(request, "tenant-home", tenant.displayName() + " — accueil", Map.of(
              "summary", tenant,
              "territories", table.model(request),
              "modules", plugins.servingFor(slug)));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The département's territories, each with the layer it belongs to, as a list to sort and export. */
  static ListTable territoryTable(List<Tenant.Territory> territories) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (Tenant.Territory territory : territories) {
      Map<String, String> cells = new LinkedHashMap<>();
      cells.put("name", territory.name());
      cells.put("layer", layerName(territory.layer()));
      lines.add(new ListTable.Line("territoire-" + territory.layer() + "-" + territory.code(), null, cells));
    }
    return new ListTable("Couches territoriales du département", "territoires", List.of(
        ListTable.Column.text("name", "Territoire"), ListTable.Column.text("layer", "Couche")), lines);
  }

  private static String layerName(String layer) {
    return switch (layer) {
      case "territoire-action-sociale" -> "Territoire d'action sociale";
      case "bassin-mobilite" -> "Bassin de mobilité";
      default -> layer;
    };
  }

  private void logo(RoutingContext request) {
    tenants.logo(request.pathParam("tenant"))
        .onSuccess(logo -> {
          if (logo.isEmpty()) {
            request.fail(404);
            return;
          }
          request.response().putHeader("Content-Type", logo.get().mediaType())
              .putHeader("Cache-Control", "public, max-age=300")
              .end(logo.get().bytes());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The tenant's colours as CSS variables: a stylesheet, since the CSP forbids inline styles. */
  private void theme(RoutingContext request) {
    String colour = tenants.find(request.pathParam("tenant")).orElseThrow().colour();
    request.response().putHeader("Content-Type", "text/css; charset=utf-8").putHeader("Cache-Control", "public, max-age=300")
        .end(":root { --brand: " + colour + "; --brand-text: " + BrandColours.readableTextOn(colour) + "; }\n");
  }
}
