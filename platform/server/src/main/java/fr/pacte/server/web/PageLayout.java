package fr.pacte.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import fr.pacte.server.platform.TenantPage;

/**
 * Renders server-side pages in the common layout: the platform's or a tenant's branding, its navigation,
 * the accessibility landmarks. Host pages are Pebble templates under {@code templates/}; plugin pages arrive
 * as already rendered HTML content.
 */
public final class PageLayout {

  /**
   * One entry of the navigation bar.
   *
   * @param group the heading it is listed under ({@code TenantPage.POLICY}…), or null for an entry of its own
   */
  public record NavItem(String label, String href, boolean current, String group) {

    /** An entry of its own, under no heading. */
    public NavItem(String label, String href, boolean current) {
      this(label, href, current, null);
    }
  }

  /** A heading of the navigation bar and its entries; a heading without label is a single entry of its own. */
  public record NavGroup(String label, List<NavItem> items, boolean current) {
  }

  /**
   * Who a page is shown to, as the layout greets them. Identity attaches one to a signed-in request under
   * {@link #CONTEXT_KEY}; the layout needs nothing else of it.
   */
  public interface Viewer {
    String CONTEXT_KEY = "pacte.principal";

    String displayName();

    /** The tenant the viewer belongs to, or null for a platform operator. */
    String tenant();
  }

  /** How a page is branded: the platform, or one tenant. */
  public record Branding(String slug, String displayName, String colour, boolean hasLogo) {
  }

  private final PebbleTemplateEngine engine;
  private volatile Function<String, Branding> tenantBranding = slug -> null;
  private final List<java.util.function.BiFunction<RoutingContext, String, List<NavItem>>> tenantNavigation =
      new CopyOnWriteArrayList<>();
  private volatile java.util.function.BiFunction<RoutingContext, String, Map<String, Boolean>> rights =
      (request, tenant) -> Map.of();
  private final List<TenantPage> tenantPages = new CopyOnWriteArrayList<>();

  public PageLayout(Vertx vertx) {
    // Vert.x's own engine reads templates through its file cache (see ClasspathTemplates) and parses the layout a page
    // extends again on every render; this one reads the class path and keeps every template parsed. It keeps the
    // attribute resolvers of Vert.x's engine (JSON objects in templates).
    List<AttributeResolver> vertxResolvers = PebbleTemplateEngine.create(vertx).unwrap().getExtensionRegistry()
        .getAttributeResolver();
    this.engine = PebbleTemplateEngine.create(vertx, new PebbleEngine.Builder().loader(new ClasspathTemplates())
        .extension(new AbstractExtension() {
          @Override
          public List<AttributeResolver> getAttributeResolver() {
            return vertxResolvers;
          }
        })
        .cacheActive(true).build());
    engine.unwrap().getExtensionRegistry().addExtension(new FrenchDates());
    engine.unwrap().getExtensionRegistry().addExtension(new PeopleText());
  }

  /** Where tenants' branding comes from (the tenant registry): a slug's branding, or null if no such tenant. */
  public void brandTenantsWith(Function<String, Branding> branding) {
    this.tenantBranding = branding;
  }

  /** Adds navigation items that depend on the tenant (enabled plugins' pages), shown to its own signed-in users. */
  public void addTenantNavigation(Function<String, List<NavItem>> items) {
    tenantNavigation.add((request, tenant) -> items.apply(tenant));
  }

  /** Same, for entries shown to some viewers only (a module's pages to the roles that may open them). */
  public void addTenantNavigation(java.util.function.BiFunction<RoutingContext, String, List<NavItem>> items) {
    tenantNavigation.add(items);
  }

  /**
   * Where pages learn what the viewer may do: for each permission's name, whether the viewer holds it in the page's
   * tenant. Every page's model has it as {@code can}, so that a template shows a button or a form only to those
   * whose request would be allowed ({@code {% if can.MANAGE_MODULES %}}), decided by the same table as the routes.
   */
  public void decideRightsWith(java.util.function.BiFunction<RoutingContext, String, Map<String, Boolean>> rights) {
    this.rights = rights;
  }

  /** Adds a host page to every tenant's navigation, after the modules' pages, at its position. */
  public void addTenantPage(TenantPage page) {
    tenantPages.add(page);
    tenantPages.sort(java.util.Comparator.comparingInt(TenantPage::position));
  }

  /** The branding of a tenant, or null if there is no such (active) tenant. */
  public Branding branding(String slug) {
    return slug == null ? null : tenantBranding.apply(slug);
  }

  /** Where a browser logs in for a tenant, or for the platform when {@code tenant} is null. */
  public static String loginPage(String tenant) {
    return tenant == null ? "/connexion" : "/t/" + tenant + "/connexion";
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

  /** Whether a page's path is the entry's page or one under it (not a sibling that merely starts alike). */
  static boolean isUnder(String path, String href) {
    String base = href.endsWith("/") ? href : href + "/";
    return path.equals(href) || path.startsWith(base);
  }

  /**
   * The entries under their headings, in the order of each heading's first entry.
   */
  static List<NavGroup> grouped(List<NavItem> navigation) {
    Map<String, List<NavItem>> byGroup = new java.util.LinkedHashMap<>();
    List<Object> order = new java.util.ArrayList<>();
    for (NavItem item : navigation) {
      if (item.group() == null) {
        order.add(item);
      } else {
        if (!byGroup.containsKey(item.group())) {
          byGroup.put(item.group(), new java.util.ArrayList<>());
          order.add(item.group());
        }
        byGroup.get(item.group()).add(item);
      }
    }
    List<NavGroup> groups = new java.util.ArrayList<>();
    for (Object entry : order) {
      if (entry instanceof NavItem item) {
        groups.add(new NavGroup(null, List.of(item), item.current()));
      } else {
        List<NavItem> items = byGroup.get(entry);
        groups.add(new NavGroup((String) entry, items, items.stream().anyMatch(NavItem::current)));
      }
    }
    return groups;
  }

  private Map<String, Object> layoutModel(RoutingContext request, String title) {
    Map<String, Object> data = new HashMap<>();
    String slug = request.pathParam("tenant");
    Branding branding = branding(slug);
    Viewer principal = request.get(Viewer.CONTEXT_KEY);
    List<NavItem> navigation;
    String path = request.normalizedPath();
    if (branding != null) {
      String base = "/t/" + branding.slug() + "/";
      List<NavItem> items = new java.util.ArrayList<>();
      items.add(new NavItem("Accueil", base, path.equals(base)));
      // The modules' pages are action types of the offer: listed under it, after the host pages.
      List<NavItem> modules = new java.util.ArrayList<>();
      if (principal != null && branding.slug().equals(principal.tenant())) {
        for (java.util.function.BiFunction<RoutingContext, String, List<NavItem>> source : tenantNavigation) {
          for (NavItem item : source.apply(request, branding.slug())) {
            modules.add(new NavItem(item.label(), item.href(), isUnder(path, item.href()),
                item.group() == null ? TenantPage.OFFER : item.group()));
          }
        }
      }
      for (TenantPage page : tenantPages) {
        if (principal != null && page.shownTo().test(request, branding.slug())) {
          String href = base + page.path();
          items.add(new NavItem(page.label(), href, isUnder(path, href), page.group()));
        }
      }
      items.addAll(modules);
      navigation = items;
    } else {
      navigation = new java.util.ArrayList<>(List.of(
          new NavItem("Départements", "/", path.equals("/")),
          new NavItem("API", "/api/docs", path.startsWith("/api/docs"))));
      if (Boolean.TRUE.equals(rights.apply(request, null).get("OPERATE_PLATFORM"))) {
        navigation.add(new NavItem("Administration", "/plateforme", path.startsWith("/plateforme")));
      }
    }
    data.put("title", title);
    data.put("user", principal);
    data.put("loginPath", loginPage(branding == null ? null : branding.slug()));
    data.put("logoutPath", branding == null ? "/deconnexion" : "/t/" + branding.slug() + "/deconnexion");
    data.put("tenant", branding);
    data.put("navigation", navigation);
    data.put("menu", grouped(navigation));
    data.put("lang", "fr");
    data.put("csrfToken", request.get(CsrfProtection.CONTEXT_KEY) == null ? "" : request.get(CsrfProtection.CONTEXT_KEY));
    data.put("requestId", request.get("pacte.requestId"));
    data.put("can", rights.apply(request, slug));
    data.put("limits", Fields.LIMITS);
    return data;
  }
}
