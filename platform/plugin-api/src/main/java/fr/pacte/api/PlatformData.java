package fr.pacte.api;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A read-only view of the platform's own data for one tenant: its référentiels (territories, exit typology), its
 * conventions and the participations of people on its actions, with the few fields a cross-cutting module needs.
 *
 * <p>Every read runs inside a transaction the module opened with {@link TenantScope#transaction}, through the
 * {@link TenantSql} it was given: the platform's row-level security limits it to that tenant's rows, as for the
 * module's own tables, and nothing here can be written. A {@code TenantSql} not made by the host is refused.
 *
 * <pre>{@code
 * tenant.transaction(sql -> context.platformData().conventions(sql))
 * }</pre>
 *
 * @since 1.4.0
 */
public interface PlatformData {

  /** The tenant's territories (every layer), in the order the tenant gave them. */
  Future<List<TerritoryView>> territories(TenantSql sql);

  /** The exit typology of participations (référentiel {@code exit-types}: national values and the tenant's overrides). */
  Future<List<ReferenceValue>> exitTypes(TenantSql sql);

  /** The tenant's conventions d'objectifs et de moyens, by reference. */
  Future<List<ConventionView>> conventions(TenantSql sql);

  /** One convention of the tenant, empty when the tenant has none with this id. */
  Future<Optional<ConventionView>> convention(TenantSql sql, UUID id);

  /**
   * The participations (entered or exited) on the places of a convention, i.e. on the offer item it funds, by entry
   * date; empty when the convention is not the tenant's or funds no offer item.
   */
  Future<List<ParticipationView>> participationsOf(TenantSql sql, UUID conventionId);

  /** Every participation of the tenant that has entered an action (entered or exited), by entry date. */
  Future<List<ParticipationView>> participations(TenantSql sql);

  /** One participation of the tenant, empty when the tenant has none with this id. */
  Future<Optional<ParticipationView>> participation(TenantSql sql, UUID id);
}
