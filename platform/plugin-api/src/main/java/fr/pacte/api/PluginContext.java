package fr.pacte.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

/** What the host gives a module. There is deliberately no way to reach a database pool from here. */
public interface PluginContext {

  String pluginId();

  Vertx vertx();

  EventBus eventBus();

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
   */
  Caller caller(RoutingContext request);
}
