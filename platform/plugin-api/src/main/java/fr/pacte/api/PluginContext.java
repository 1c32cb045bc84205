package fr.pacte.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

/**
 * What the host gives a module. There is deliberately no way to reach a database pool from here, nor, since 1.3.0,
 * a reason to reach the event bus: domain events reach a module only through {@link PacteModule#listeners()}, for
 * the tenants where it is enabled, and timers and blocking work go through {@link #tasks()}.
 *
 * @since 1.0.0
 */
public interface PluginContext {

  String pluginId();

  /**
   * The host's Vert.x instance.
   *
   * @deprecated since 1.3.0, removed in 2.0.0: it hands a module the whole node (event bus, timers and worker pool
   *     shared with the host and every other plugin). Use {@link #tasks()} for timers and blocking work. The host
   *     puts no domain event on the event bus, so nothing of any tenant can be heard there.
   */
  @Deprecated(since = "1.3.0", forRemoval = true)
  Vertx vertx();

  /**
   * The host's event bus.
   *
   * @deprecated since 1.3.0, removed in 2.0.0: the host no longer publishes domain events on the event bus; they
   *     reach a module only through {@link PacteModule#listeners()}, for the tenants where it is enabled.
   */
  @Deprecated(since = "1.3.0", forRemoval = true)
  EventBus eventBus();

  /**
   * Timers and blocking work, owned by the plugin and cancelled when the platform stops it.
   *
   * @since 1.3.0
   */
  Tasks tasks();

  /** Meters registered here are exported on {@code /metrics} with a {@code plugin} tag. */
  MeterRegistry metrics();

  Logger logger();

  Pages pages();

  /**
   * The scope of the tenant a request was made for. Only valid inside the module's own routes, where the
   * host has already checked that the module is enabled for that tenant.
   */
  TenantScope tenant(RoutingContext request);

  /**
   * Who made a request to the module's own routes; the host has already checked their role against
   * {@link PacteModule#access()}. Use its scope to narrow what the route shows.
   *
   * @since 1.2.0
   */
  Caller caller(RoutingContext request);

  /**
   * A read-only view of the platform's data (référentiels, conventions, participations) of the tenant of a
   * transaction the module opened; see {@link PlatformData}.
   *
   * @since 1.4.0
   */
  PlatformData platformData();

  /**
   * The platform's audit trail, where a module records each of its writes in the same transaction; see
   * {@link AuditTrail}. A host older than 1.5.0 has none.
   *
   * @since 1.5.0
   */
  default AuditTrail audit() {
    throw new UnsupportedOperationException("This host predates the plugin API 1.5.0 and has no audit trail for plugins");
  }
}
