package fr.pacte.tests.faults.plugins;

import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A module that starts on the first node of the test process and fails on any other: what a node does when its own
 * check of a jar fails (a library, a setting or a resource missing there only), the nodes of a test sharing one JVM.
 */
public class OncePerProcessModule implements PacteModule {

  public static final String ID = "live-once";
  public static final String ERROR = "already started by another node of this process";
  private static final String STARTED = "pacte.tests." + ID + ".started";

  @Override
  public void start(PluginContext context) {
    // System properties are shared by every plugin class loader of the process, unlike this class's statics.
    if (System.getProperties().putIfAbsent(STARTED, "yes") != null) {
      throw new IllegalStateException(ERROR);
    }
  }

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/hello").handler(request -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("plugin", ID).encode()));
  }
}
