package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * What a module may do for one tenant: its configuration there, and transactions limited to its rows.
 *
 * @since 1.0.0
 */
public interface TenantScope {

  String tenantId();

  /** The module's configuration for this tenant (from {@code tenants/<slug>/tenant.yaml} or the Modules page). */
  JsonObject configuration();

  /**
   * Runs {@code work} in a transaction where only this tenant's rows are visible; commits when the returned
   * future succeeds, rolls back otherwise.
   */
  <T> Future<T> transaction(Function<TenantSql, Future<T>> work);

  /** Publishes a domain event in this tenant. */
  Future<Void> publish(String type, JsonObject payload);
}
