/**
 * The contract between Pacte and its plugins.
 *
 * <p>A plugin is a PF4J jar whose extensions implement {@link fr.pacte.api.PacteModule} (routes, pages,
 * migrations, listeners) and, for an action type, {@link fr.pacte.api.ActionType}. The host hands every
 * module a {@link fr.pacte.api.PluginContext}; all database work goes through a tenant-scoped transaction
 * ({@link fr.pacte.api.TenantScope#transaction}), never a raw pool.
 *
 * <p>The contract is versioned by {@link fr.pacte.api.PacteApi#VERSION}; a plugin states the versions it
 * accepts in its {@code Plugin-Requires} manifest entry. Every public type and every later addition says with
 * {@code @since} the version that introduced it; the build checks that a minor version keeps binary compatibility
 * with the previous release.
 *
 * @since 1.0.0
 */
package fr.pacte.api;
