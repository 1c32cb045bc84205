package fr.pacte.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders server-side pages in the common layout: the platform's or a tenant's branding, its navigation,
 * the accessibility landmarks. Host pages are Pebble templates under {@code templates/}; plugin pages arrive
 * as already rendered HTML content.
 */
public final class PageLayout {

  /** One entry of the navigation bar. */
  public record NavItem(String label, String href, boolean current) {
  }

  /** How a page is branded: the platform, or one tenant. */
  public record Branding(String slug, String displayName, String colour, boolean hasLogo) {
  }

  private final PebbleTemplateEngine engine;
  private final Function<String, Branding> tenantBranding;
  private final Function<String, List<NavItem>> tenantNavigation;

  /**
   * @param tenantBranding   the branding of a tenant slug, or null if no such tenant
   * @param tenantNavigation the extra navigation items of a tenant (enabled plugins' pages)
   */
  public PageLayout(Vertx vertx, Function<String, Branding> tenantBranding, Function<String, List<NavItem>> tenantNavigation) {
    this.engine = PebbleTemplateEngine.create(vertx);
    this.tenantBranding = tenantBranding;
    this.tenantNavigation = tenantNavigation;
  }

  /** Renders {@code templates/<name>.peb} with the layout's model added. */
  public Future<Void> render(RoutingContext request, String name, String title, Map<String, Object> model) {
    Map<String, Object> data = layoutModel(request, title);
    data.putAll(model);
    return engine.render(data, "templates/" + name + ".peb")
        .compose(html -> request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html));
  }

  /** Renders already escaped HTML (a plugin's page) as the main content. */
  public Future<Void> renderContent(RoutingContext request, String title, String html) {
    return render(request, "content", title, Map.of("content", html));
  }

  private Map<String, Object> layoutModel(RoutingContext request, String title) {
    Map<String, Object> data = new HashMap<>();
    String slug = request.pathParam("tenant");
    Branding branding = slug == null ? null : tenantBranding.apply(slug);
    List<NavItem> navigation;
    String path = request.normalizedPath();
    if (branding != null) {
      String base = "/t/" + branding.slug() + "/";
      List<NavItem> items = new java.util.ArrayList<>();
      items.add(new NavItem("Accueil", base, path.equals(base)));
      for (NavItem item : tenantNavigation.apply(branding.slug())) {
        items.add(new NavItem(item.label(), item.href(), path.startsWith(item.href())));
      }
      items.add(new NavItem("Modules", base + "admin/modules", path.startsWith(base + "admin/modules")));
      navigation = items;
    } else {
      navigation = List.of(
          new NavItem("Départements", "/", path.equals("/")),
          new NavItem("API", "/api/docs", path.startsWith("/api/docs")));
    }
    data.put("title", title);
    data.put("tenant", branding);
    data.put("navigation", navigation);
    data.put("lang", "fr");
    data.put("csrfToken", request.get(CsrfProtection.CONTEXT_KEY) == null ? "" : request.get(CsrfProtection.CONTEXT_KEY));
    data.put("requestId", request.get("pacte.requestId"));
    return data;
  }
}
