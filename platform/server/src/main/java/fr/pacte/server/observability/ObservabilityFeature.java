package fr.pacte.server.observability;

import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What operators see of a node: the request log (every request's first handler), health and readiness, and the
 * Prometheus metrics, scraped on a worker thread so that a scrape never holds up requests.
 */
public final class ObservabilityFeature implements Feature {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Node node;
  private final Metrics metrics;
  private final HealthRoutes health;

  public ObservabilityFeature(Node node, Metrics metrics) {
    this.node = node;
    this.metrics = metrics;
    this.health = new HealthRoutes(node.pool(), node::serving);
    metrics.bindJvmMetrics();
  }

  @Override
  public void filter(Router router) {
    router.route().handler(new RequestLog(node.config().nodeName()));
  }

  @Override
  public void mount(Router router) {
    health.mount(router);
    router.get("/metrics").handler(this::scrape);
  }

  private void scrape(RoutingContext request) {
    node.vertx().executeBlocking(() -> metrics.registry().scrape(), false)
        .onSuccess(text -> request.response().putHeader("Content-Type", PROMETHEUS_TEXT)
            .end(text))
        .onFailure(request::fail);
  }
}
