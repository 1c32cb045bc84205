package fr.pacte.tests.faults.plugins;

import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** A module whose {@code start()} throws: the platform must keep it as failed at start and never serve it. */
public class FailingAtStartModule implements PacteModule {

  public static final String ID = "faults-failing-start";
  public static final String ERROR = "start-failure-marker: configuration absente";

  @Override
  public void start(PluginContext context) {
    throw new IllegalStateException(ERROR);
  }

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/hello").handler(request -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("plugin", ID).encode()));
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    router.get("/").handler(request -> request.response().putHeader("Content-Type", "text/plain").end(ID));
  }
}
