package fr.pacte.server.audit;

import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The audit trail: the store every feature records its changes with, and its reading API. Audit knows nothing of
 * identity: who may read the trail is decided by the guard it is given.
 */
public final class AuditFeature implements Feature {

  private final AuditStore store = new AuditStore();
  private final AuditRoutes routes;

  /** @param mayRead lets through those allowed to read a tenant's audit trail */
  public AuditFeature(Node node, Handler<RoutingContext> mayRead) {
    this.routes = new AuditRoutes(mayRead, node.transactions(), store);
  }

  public AuditStore store() {
    return store;
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
