package fr.pacte.tests.faults.plugins;

import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** A module with one healthy route and one whose handler throws. */
public class ThrowingRouteModule implements PacteModule {

  public static final String ID = "faults-throwing";
  /** The exception message: shown to administrators on the plugin's state, never to the caller. */
  public static final String SECRET = "boom-secret-detail password=hunter2";

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/ok").handler(request -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("plugin", ID).put("tenant", context.tenant(request).tenantId()).encode()));
    router.get("/boom").handler(request -> {
      throw new IllegalStateException(SECRET);
    });
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/boom").handler(request -> {
      throw new IllegalStateException(SECRET);
    });
  }
}
