package fr.pacte.server.observability;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the database answers (within
 * {@value #DATABASE_DEADLINE_MS} ms) and the migrations are applied, so a load balancer may send traffic. It asks the
 * database each time, so it turns back to 200 by itself once the database is back (restarted by the supervisor of the
 * embedded one, or an external one reached again by the pool).
 */
public final class HealthRoutes {

  private static final String MIGRATIONS_APPLIED =
      "SELECT count(*) AS failed FROM platform.flyway_schema_history WHERE NOT success";

  static final long DATABASE_DEADLINE_MS = 2_000;

  private final Pool pool;
  private final BooleanSupplier started;

  public HealthRoutes(Pool pool, BooleanSupplier started) {
    this.pool = pool;
    this.started = started;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(request -> json(request, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext request) {
    Future<Long> failedMigrations = pool.query(MIGRATIONS_APPLIED).execute()
        .map(rows -> rows.iterator().next().getLong("failed"))
        .timeout(DATABASE_DEADLINE_MS, TimeUnit.MILLISECONDS);
    failedMigrations.onComplete(result -> {
      boolean database = result.succeeded();
      boolean migrations = database && result.result() == 0;
      boolean ready = database && migrations && started.getAsBoolean();
      json(request, ready ? 200 : 503, new JsonObject()
          .put("status", ready ? "UP" : "DOWN")
          .put("checks", new JsonObject()
              .put("database", database ? "UP" : "DOWN")
              .put("migrations", migrations ? "UP" : "DOWN")
              .put("started", started.getAsBoolean() ? "UP" : "DOWN")));
    });
  }

  private static void json(RoutingContext request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
