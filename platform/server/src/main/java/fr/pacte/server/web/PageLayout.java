package fr.pacte.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.Principal;

/**
 * Renders server-side pages in the common layout: the platform's or a tenant's branding, its navigation,
 * the accessibility landmarks. Host pages are Pebble templates under {@code templates/}; plugin pages arrive
 * as already rendered HTML content.
 */
public final class PageLayout {

  /** One entry of the navigation bar. */
  public record NavItem(String label, String href, boolean current) {
  }

  /** A host page of every tenant shown in the navigation to those holding {@code permission}. */
  public record TenantPage(String label, String path, Permission permission) {
  }

  /** How a page is branded: the platform, or one tenant. */
  public record Branding(String slug, String displayName, String colour, boolean hasLogo) {
  }

  private final PebbleTemplateEngine engine;
  private final Function<String, Branding> tenantBranding;
  private final Function<String, List<NavItem>> tenantNavigation;
  private final List<TenantPage> tenantPages = new CopyOnWriteArrayList<>();

  /**
   * @param tenantBranding   the branding of a tenant slug, or null if no such tenant
   * @param tenantNavigation the extra navigation items of a tenant (enabled plugins' pages)
   */
  public PageLayout(Vertx vertx, Function<String, Branding> tenantBranding, Function<String, List<NavItem>> tenantNavigation) {
    this.engine = PebbleTemplateEngine.create(vertx);
    this.tenantBranding = tenantBranding;
    this.tenantNavigation = tenantNavigation;
  }

  /** Adds a host page to every tenant's navigation, after the modules' pages, for those who may open it. */
  public void addTenantPage(String label, String path, Permission permission) {
    tenantPages.add(new TenantPage(label, path, permission));
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
    Principal principal = Access.principal(request).orElse(null);
    List<NavItem> navigation;
    String path = request.normalizedPath();
    if (branding != null) {
      String base = "/t/" + branding.slug() + "/";
      List<NavItem> items = new java.util.ArrayList<>();
      items.add(new NavItem("Accueil", base, path.equals(base)));
      if (principal != null && branding.slug().equals(principal.tenant())) {
        for (NavItem item : tenantNavigation.apply(branding.slug())) {
          items.add(new NavItem(item.label(), item.href(), path.startsWith(item.href())));
        }
      }
      for (TenantPage page : tenantPages) {
        if (principal != null && Access.allows(principal, page.permission().roles(), false, branding.slug())) {
          String href = base + page.path();
          items.add(new NavItem(page.label(), href, path.startsWith(href)));
        }
      }
      navigation = items;
    } else {
      navigation = List.of(
          new NavItem("Départements", "/", path.equals("/")),
          new NavItem("API", "/api/docs", path.startsWith("/api/docs")));
    }
    data.put("title", title);
    data.put("user", principal);
    data.put("loginPath", Access.loginPage(branding == null ? null : branding.slug()));
    data.put("logoutPath", branding == null ? "/deconnexion" : "/t/" + branding.slug() + "/deconnexion");
    data.put("tenant", branding);
    data.put("navigation", navigation);
    data.put("lang", "fr");
    data.put("csrfToken", request.get(CsrfProtection.CONTEXT_KEY) == null ? "" : request.get(CsrfProtection.CONTEXT_KEY));
    data.put("requestId", request.get("pacte.requestId"));
    return data;
  }
}
