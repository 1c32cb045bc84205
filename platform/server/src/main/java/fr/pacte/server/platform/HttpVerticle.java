package fr.pacte.server.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server on one event loop. The node deploys one instance per core, all listening on the same port: Vert.x
 * spreads the connections over them, and they share the router, its handlers and the connection pool.
 */
final class HttpVerticle extends VerticleBase {

  private final HttpServerOptions options;
  private final Router router;
  private HttpServer server;

  HttpVerticle(HttpServerOptions options, Router router) {
    this.options = options;
    this.router = router;
  }

  @Override
  public Future<?> start() {
    return RequestLimits.server(vertx, new HttpServerOptions(options), router).listen()
        .onSuccess(listening -> server = listening);
  }

  /** Stops accepting, lets the requests under way finish (within the grace period), then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(RequestLimits.SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
  }

  int actualPort() {
    return server.actualPort();
  }
}
