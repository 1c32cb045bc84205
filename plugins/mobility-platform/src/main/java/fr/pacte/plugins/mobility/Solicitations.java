package fr.pacte.plugins.mobility;

import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;

/** Recording and reading a tenant's sollicitations; shared by the JSON API and the page. */
final class Solicitations {

  static final String RECORDED_METER = "mobility.solicitations.recorded";

  private final PluginContext context;
  private final Clock clock;

  Solicitations(PluginContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  /** Today in the tenant's time zone: the latest date a sollicitation may carry. */
  LocalDate today(TenantScope tenant) {
    return TenantSettings.today(tenant.configuration(), clock);
  }

  Future<Solicitation> record(TenantScope tenant, SolicitationInput input) {
    return tenant.transaction(sql -> SolicitationStore.insert(sql, input))
        .onSuccess(saved -> context.metrics().counter(RECORDED_METER, "tenant", tenant.tenantId()).increment());
  }

  Future<SolicitationStore.Overview> overview(TenantScope tenant, int latest) {
    return tenant.transaction(sql -> SolicitationStore.overview(sql, latest));
  }
}
