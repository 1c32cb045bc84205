package fr.pacte.plugins.fseplus;

import fr.pacte.api.ConventionView;
import fr.pacte.api.PlatformData;
import fr.pacte.api.TenantScope;
import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The demonstration operation of a tenant whose configuration asks for one ({@code demonstration: {convention:
 * <reference>}}): an FSE+ operation co-funding that convention with a plan at the 40 % flat rate, the costs realised in
 * its first year and an interim payment claim, checked and submitted. Made when the module starts in the tenant (or is
 * enabled there), through the same services a user calls, in one transaction: a tenant that already has an operation
 * is left alone, and nodes starting together take turns on a lock held until that transaction ends.
 */
final class Demonstration {

  static final String ACTOR = "démonstration fse-plus";

  private final Operations operations;
  private final PlatformData platform;
  private final TenantToday today;
  private final Logger logger;

  Demonstration(Operations operations, PlatformData platform, TenantToday today, Logger logger) {
    this.operations = operations;
    this.platform = platform;
    this.today = today;
    this.logger = logger;
  }

  Future<Void> ensure(TenantScope tenant) {
    Object setting = tenant.configuration().getValue("demonstration");
    if (!(setting instanceof JsonObject demo) || demo.getString("convention") == null) {
      return Future.succeededFuture();
    }
    String reference = demo.getString("convention");
    LocalDate day = today.of(tenant);
    return tenant.transaction(sql -> operations.lockDemonstration(sql)
            .compose(locked -> operations.list(sql))
            .compose(existing -> existing.isEmpty() ? make(sql, reference, day) : Future.succeededFuture(false)))
        .onSuccess(made -> {
          if (made) {
            logger.info("Demonstration FSE+ operation made for {} on {}", tenant.tenantId(), reference);
          }
        })
        .<Void>mapEmpty()
        .recover(error -> {
          logger.warn("No demonstration FSE+ operation for {}: {}", tenant.tenantId(), error.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Boolean> make(TenantSql sql, String reference, LocalDate day) {
    return platform.conventions(sql).compose(conventions -> {
      Optional<ConventionView> convention = conventions.stream().filter(c -> c.reference().equals(reference)).findFirst();
      if (convention.isEmpty()) {
        logger.warn("No demonstration FSE+ operation: the convention {} is not there", reference);
        return Future.succeededFuture(false);
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
      // First year: 20 000 € of staff costs realised, 28 000 € with the 40 % flat rate; FSE+ due 16 800 €, claimed as
      // an interim payment once a timesheet was checked.
      int year = c.periodStart().getYear();
      RealisedCosts realised = new RealisedCosts(year, 2_000_000, 0, 0, 0, 0, 0);
      return operations.create(sql, operation, ACTOR)
          .compose(id -> operations.savePlan(sql, id, plan, 1, ACTOR))
          .compose(saved -> operations.moveTo(sql, saved.id(), OperationStatus.CONVENTION, saved.version(), ACTOR))
          .compose(moved -> operations.saveRealised(sql, moved.id(), realised, 0, ACTOR)
              .compose(costs -> operations.claim(sql, moved.id(), "interim", 1_680_000L, day, ACTOR))
              .compose(claim -> operations.check(sql, moved.id(), claim.id(), new ServiceCheck(null, claim.id(), null,
                  ACTOR, day, "Feuilles de temps des deux accompagnateurs de l'année " + year + " (démonstration)",
                  "compliant"), ACTOR))
              .compose(claim -> operations.submitClaim(sql, moved.id(), claim.id(), day, claim.version(), ACTOR)))
          .map(true);
    });
  }
}
