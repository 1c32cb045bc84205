package fr.pacte.server.plugins;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Pages;
import fr.pacte.server.web.CsrfProtection;
import fr.pacte.server.web.PageLayout;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders a plugin's Pebble templates (from its own jar, through its class loader) and places the result in
 * the tenant's layout; renders an action type's fiche with the host's own template. Templates are auto-escaped.
 */
final class PluginPages implements Pages {

  private final Vertx vertx;
  private final PageLayout layout;
  private final String pluginId;
  private final Supplier<ClassLoader> classLoader;
  private volatile PebbleTemplateEngine engine;

  PluginPages(Vertx vertx, PageLayout layout, String pluginId, Supplier<ClassLoader> classLoader) {
    this.vertx = vertx;
    this.layout = layout;
    this.pluginId = pluginId;
    this.classLoader = classLoader;
  }

  @Override
  public Future<Void> render(RoutingContext request, String title, String template, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("csrfToken", request.get(CsrfProtection.CONTEXT_KEY) == null ? "" : request.get(CsrfProtection.CONTEXT_KEY));
    data.put("tenantSlug", request.get(HostPluginContexts.TENANT_KEY));
    data.put("pluginId", pluginId);
    return engine().render(data, template)
        .compose(html -> layout.renderContent(request, title, html.toString()));
  }

  @Override
  public Future<Void> renderFiche(RoutingContext request, ActionTypeDescriptor descriptor) {
    return layout.render(request, ActionTypePage.TEMPLATE, ActionTypePage.title(descriptor),
        ActionTypePage.model(descriptor));
  }

  private PebbleTemplateEngine engine() {
    if (engine == null) {
      ClasspathLoader loader = new ClasspathLoader(classLoader.get());
      engine = PebbleTemplateEngine.create(vertx, "peb", new PebbleEngine.Builder().loader(loader).autoEscaping(true).build());
    }
    return engine;
  }
}
