package fr.pacte.server.audit;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** A tenant's audit trail on the API, newest first. */
public final class AuditRoutes {

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final Handler<RoutingContext> mayRead;
  private final TenantTransactions transactions;
  private final AuditStore audit;

  /** @param mayRead the access check of the trail (reading a tenant's audit), given by identity */
  public AuditRoutes(Handler<RoutingContext> mayRead, TenantTransactions transactions, AuditStore audit) {
    this.mayRead = mayRead;
    this.transactions = transactions;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.get("/api/tenants/:tenant/audit").handler(mayRead).handler(this::recent);
  }

  private void recent(RoutingContext request) {
    int limit = limit(request.queryParams().get("limit"));
    transactions.inTenant(request.pathParam("tenant"), connection -> audit.recent(connection, limit))
        .onSuccess(events -> Json.ok(request, new JsonArray(events.stream().map(AuditStore.AuditEvent::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw Problem.validation(List.of(new Problem.FieldError("limit", "Un nombre entre 1 et " + MAX_LIMIT + " est attendu.")));
    }
  }
}
