package fr.pacte.tests.faults.plugins;

import fr.pacte.api.EventListener;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A well-behaved module, to show that other plugins' faults do not affect it. */
public class HealthyModule implements PacteModule {

  public static final String ID = "faults-healthy";
  /** The domain event {@code POST /ping} publishes in the caller's tenant. */
  public static final String PING = "faults.ping";

  /** The plugin.enabled events this module heard, by tenant: what its listener proves it received. */
  private final Map<String, List<String>> heard = new ConcurrentHashMap<>();

  @Override
  public List<EventListener> listeners() {
    return List.of(new EventListener("plugin.enabled", (event, scope) -> {
      heard.computeIfAbsent(scope.tenantId(), tenant -> new CopyOnWriteArrayList<>()).add(event.payload().getString("plugin"));
      return Future.succeededFuture();
    }));
  }

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/hello").handler(request -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("plugin", ID).put("tenant", context.tenant(request).tenantId()).encode()));
    router.post("/ping").handler(request -> context.tenant(request)
        .publish(PING, new JsonObject().put("from", context.tenant(request).tenantId()))
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(request::fail));
    router.get("/heard").handler(request -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonArray(heard.getOrDefault(context.tenant(request).tenantId(), List.of())).encode()));
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/").handler(request -> request.response().putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("Module sain pour " + context.tenant(request).tenantId()));
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(LocalizedText.fr("Module sain"), ""));
  }
}
