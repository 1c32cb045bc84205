package fr.pacte.tests.faults.plugins;

import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.DatabaseException;

/**
 * A module that tries to reach another tenant's rows from inside its own tenant's transaction, and reports
 * what happened to each attempt as JSON, so the test asserts the outcomes:
 * <ul>
 *   <li>{@code ownRows}: rows of {@code platform.tenant_plugin} it sees for its own tenant;</li>
 *   <li>{@code foreignRows}: rows it sees for {@code allier} (must be 0);</li>
 *   <li>{@code foreignInsert}: inserting an audit event for {@code allier} (must fail with SQLSTATE 42501);</li>
 *   <li>{@code switchTenant}: {@code set_config('pacte.tenant_id', 'allier', true)} (must be refused).</li>
 * </ul>
 * Each attempt runs in its own transaction, since a failed statement aborts the one it ran in.
 */
public class CrossTenantModule implements PacteModule {

  public static final String ID = "faults-cross-tenant";
  public static final String FOREIGN = "allier";

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    router.get("/probe").handler(request -> {
      TenantScope scope = context.tenant(request);
      JsonObject report = new JsonObject().put("tenant", scope.tenantId());
      count(scope, scope.tenantId())
          .compose(own -> {
            report.put("ownRows", own);
            return count(scope, FOREIGN);
          })
          .compose(foreign -> {
            report.put("foreignRows", foreign);
            return outcome(scope.transaction(sql -> sql.query(
                "INSERT INTO platform.audit_event (tenant_id, actor, action) VALUES ('" + FOREIGN + "','x','y')")));
          })
          .compose(insert -> {
            report.put("foreignInsert", insert);
            return outcome(scope.transaction(sql -> sql.query(
                "SELECT set_config('pacte.tenant_id','" + FOREIGN + "',true)")));
          })
          .onSuccess(switchTenant -> {
            report.put("switchTenant", switchTenant);
            request.response().putHeader("Content-Type", "application/json").end(report.encode());
          })
          .onFailure(request::fail);
    });
  }

  private static Future<Long> count(TenantScope scope, String tenant) {
    return scope.transaction(sql -> sql.query(
            "SELECT count(*) AS n FROM platform.tenant_plugin WHERE tenant_id = '" + tenant + "'")
        .map(rows -> rows.iterator().next().getLong("n")));
  }

  /** Whether the attempt succeeded, and if not its error type, SQLSTATE and message. */
  private static Future<JsonObject> outcome(Future<?> attempt) {
    return attempt.map(done -> new JsonObject().put("succeeded", true))
        .recover(error -> Future.succeededFuture(new JsonObject()
            .put("succeeded", false)
            .put("error", error.getClass().getSimpleName())
            .put("sqlState", error instanceof DatabaseException database ? database.getSqlState() : null)
            .put("message", String.valueOf(error.getMessage()))));
  }
}
