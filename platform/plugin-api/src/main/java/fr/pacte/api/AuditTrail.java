package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The platform's audit trail, for a module's own writes. Each change is recorded in the same transaction as the change
 * (through the {@link TenantSql} the module was given), so that one never exists without the other, and the other
 * nodes are signalled when that transaction commits, as the platform does for its own changes.
 *
 * <pre>{@code
 * tenant.transaction(sql -> store.save(sql, ...)
 *     .compose(saved -> context.audit().record(sql, caller.username(), "claim.withdrawn", "claim:" + id, details)))
 * }</pre>
 *
 * @since 1.5.0
 */
public interface AuditTrail {

  /**
   * Records that {@code actor} did {@code action} to {@code target} in the transaction of {@code sql}, then signals
   * the cluster once it commits. The host prefixes the action with the plugin's id ({@code fse-plus.claim.withdrawn})
   * so that no module can write in another's name. A {@code TenantSql} not made by the host is refused.
   *
   * @param actor   who did it: the caller's username, or a name for work the module does by itself
   * @param action  what was done, in the module's own words ({@code operation.created})
   * @param target  what it was done to ({@code operation:<id>})
   * @param details the values that matter to read the record later (the new version, an amount); may be null
   */
  Future<Void> record(TenantSql sql, String actor, String action, String target, JsonObject details);
}
