package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for everything a plugin adds to a tenant: routes, pages, navigation, tables and listeners.
 * Exactly one per plugin. All methods have defaults so a module implements only what it needs.
 *
 * <p>Database migrations are found by convention at {@code db/<plugin-id>/V*__*.sql} in the jar and run in a
 * schema named after the plugin id (dashes become underscores). Every table there must have a
 * {@code tenant_id text not null} column and row-level security enabled and forced, with a policy on
 * {@code platform.current_tenant()}; the host checks this after migrating and refuses the plugin otherwise.
 *
 * @since 1.0.0
 */
public interface PacteModule extends ExtensionPoint {

  /** Called once when the platform starts the plugin. An exception marks the plugin as failed. */
  default void start(PluginContext context) {
  }

  /** JSON routes, mounted at {@code /api/tenants/{tenant}/modules/{plugin-id}/}; answered only where enabled. */
  default void apiRoutes(Router router, PluginContext context) {
  }

  /** Page routes, mounted at {@code /t/{tenant}/modules/{plugin-id}/}; answered only where enabled. */
  default void pageRoutes(Router router, PluginContext context) {
  }

  /**
   * The roles the module's routes need (API and pages); the host checks them before the module's handlers run.
   * Defaults to {@link ModuleAccess#staffDefault()}.
   *
   * @since 1.2.0
   */
  default ModuleAccess access() {
    return ModuleAccess.staffDefault();
  }

  /** Entries added to the tenant's navigation while enabled. */
  default List<NavigationEntry> navigation() {
    return List.of();
  }

  /**
   * Reactions to domain events. The host calls each listener itself, for an event of a tenant where the module is
   * enabled only, with a {@link TenantScope} of that tenant; events of other tenants never reach the module, by
   * this or any other way (the host does not put them on the event bus).
   */
  default List<EventListener> listeners() {
    return List.of();
  }

  /**
   * Panels added to the platform's convention and participation pages of the tenants where the module is enabled.
   *
   * @since 1.4.0
   */
  default List<PagePanel> panels() {
    return List.of();
  }

  /** Called on the node where an administrator enabled the module for a tenant. */
  default Future<Void> onTenantEnabled(TenantScope tenant) {
    return Future.succeededFuture();
  }

  /**
   * Called on every node once the platform has started, after its own start work (the tenants' files, the
   * demonstration data), for each tenant where the module is enabled and serving: the place for a module's own
   * start work in a tenant, such as demonstration data its configuration asks for. Several nodes start together and
   * a node restarts: what is done here must hold when run again, or on two nodes at once. A failure marks the module
   * as failing in that tenant and does not stop the platform.
   *
   * @since 1.5.0
   */
  default Future<Void> onTenantStarted(TenantScope tenant) {
    return Future.succeededFuture();
  }

  /** Called on the node where an administrator disabled the module for a tenant; data is kept. */
  default Future<Void> onTenantDisabled(TenantScope tenant) {
    return Future.succeededFuture();
  }

  /** Called when the platform stops the plugin. */
  default void stop() {
  }
}
