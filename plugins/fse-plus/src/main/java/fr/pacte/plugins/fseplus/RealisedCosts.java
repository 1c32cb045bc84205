package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * The costs realised in one calendar year, in the categories of the financing plan, as the programme manager declares
 * them (euro cents). The plan's simplified cost option and flat rate apply to them as to the plan: with a flat rate
 * the indirect or remaining costs are computed from the realised direct staff costs, with unit costs the realised
 * units are paid at the plan's unit cost, with a lump sum the amount declared as delivered counts.
 */
record RealisedCosts(int year, long staffCents, long otherDirectCents, long indirectCents, int units, long lumpSumCents,
                     int version) {

  static RealisedCosts of(Row row) {
    return new RealisedCosts(row.getInteger("year"), row.getLong("staff_cents"), row.getLong("other_direct_cents"),
        row.getLong("indirect_cents"), row.getInteger("units"), row.getLong("lump_sum_cents"), row.getInteger("version"));
  }

  /** The realised costs under the plan's cost option and rates (resources are not part of what is realised). */
  FinancingPlan under(FinancingPlan plan) {
    return new FinancingPlan(plan.option(), plan.flatRatePercent(), staffCents, otherDirectCents, indirectCents,
        plan.unitCostCents(), units, lumpSumCents, plan.fseRatePercent(), 0, 0, 0, 0);
  }

  JsonObject toJson(FinancingPlan plan) {
    FinancingPlan realised = under(plan);
    return new JsonObject()
        .put("year", year)
        .put("staffCents", staffCents)
        .put("otherDirectCents", otherDirectCents)
        .put("indirectCents", realised.computedIndirectCents())
        .put("remainingCents", realised.remainingCents())
        .put("units", units)
        .put("lumpSumCents", lumpSumCents)
        .put("totalCents", realised.totalCents())
        .put("fseCents", realised.fseCents())
        .put("plannedTotalCents", plan.totalCents())
        .put("version", version);
  }
}
