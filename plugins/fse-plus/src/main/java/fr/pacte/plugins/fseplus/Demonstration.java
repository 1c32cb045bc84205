package fr.pacte.plugins.fseplus;

import fr.pacte.api.ConventionView;
import fr.pacte.api.PlatformData;
import fr.pacte.api.TenantScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The demonstration operation of a tenant whose configuration asks for one ({@code demonstration: {convention:
 * <reference>}}): an FSE+ operation co-funding that convention with a plan at the 40 % flat rate, made once, when the
 * tenant has no operation yet, through the same services a user calls.
 */
final class Demonstration {

  private final Operations operations;
  private final PlatformData platform;
  private final Logger logger;
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Future<Void>> running = new ConcurrentHashMap<>();

  Demonstration(Operations operations, PlatformData platform, Logger logger) {
    this.operations = operations;
    this.platform = platform;
    this.logger = logger;
  }

  Future<Void> ensure(TenantScope tenant) {
    Object setting = tenant.configuration().getValue("demonstration");
    if (!(setting instanceof JsonObject demo) || demo.getString("convention") == null || done.contains(tenant.tenantId())) {
      return Future.succeededFuture();
    }
    // Requests arriving together on this node share one attempt.
    return running.computeIfAbsent(tenant.tenantId(), slug -> make(tenant, demo.getString("convention"))
        .onComplete(finished -> running.remove(slug)));
  }

  private Future<Void> make(TenantScope tenant, String reference) {
    return operations.list(tenant).<Void>compose(existing -> {
      if (!existing.isEmpty()) {
        done.add(tenant.tenantId());
        return Future.succeededFuture();
      }
      return tenant.transaction(platform::conventions).<Void>compose(conventions -> {
        Optional<ConventionView> convention = conventions.stream().filter(c -> c.reference().equals(reference)).findFirst();
        if (convention.isEmpty()) {
          return Future.succeededFuture();
        }
        ConventionView c = convention.get();
        OperationInput.NewOperation operation = new OperationInput.NewOperation(
            c.title() + " — cofinancement FSE+ (démonstration)", OperationInput.PROGRAMMES.get(0),
            "Priorité « Inclusion sociale » (démonstration)",
            "ESO4.8 — Favoriser l'inclusion active et améliorer l'aptitude à l'emploi",
            c.periodStart(), c.periodEnd(), "operator", c.organisationName(), List.of(c.id()));
        // 40 % flat rate on 60 000 € of direct staff costs: 24 000 € of other costs, 84 000 € in all; FSE+ at 60 %
        // (50 400 €) and the Département for the rest (33 600 €).
        FinancingPlan plan = new FinancingPlan(FinancingPlan.CostOption.REMAINING_FLAT_RATE, new BigDecimal("40"),
            6_000_000, 0, 0, null, null, null, new BigDecimal("60"), 3_360_000, 0, 0, 0);
        return operations.create(tenant, operation)
            .compose(id -> operations.get(tenant, id))
            .compose(detail -> operations.savePlan(tenant, detail.operation().id(), plan, detail.operation().version()))
            .compose(saved -> operations.moveTo(tenant, saved.id(), OperationStatus.CONVENTION, saved.version()))
            .onSuccess(saved -> logger.info("Demonstration FSE+ operation made for {} on {}", tenant.tenantId(), reference))
            .<Void>mapEmpty();
      });
    }).onSuccess(ok -> done.add(tenant.tenantId())).recover(error -> {
      logger.warn("No demonstration FSE+ operation for {}: {}", tenant.tenantId(), error.getMessage());
      return Future.succeededFuture();
    });
  }
}
