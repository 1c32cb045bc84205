package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An operation co-funded by FSE+, as stored: its identity, the conventions it co-funds, its status and its plan. */
record Operation(UUID id, String title, String programme, String priority, String specificObjective,
                 LocalDate periodStart, LocalDate periodEnd, String beneficiaryKind, String beneficiaryName,
                 OperationStatus status, FinancingPlan plan, List<UUID> conventions, int version) {

  static final java.util.Map<String, String> BENEFICIARIES = Participant.ordered("operator", "L'opérateur (bénéficiaire direct)",
      "intermediate-body", "Le Département, organisme intermédiaire");

  static Operation of(Row row) {
    Long unitCost = row.getLong("unit_cost_cents");
    Integer units = row.getInteger("units");
    Long lumpSum = row.getLong("lump_sum_cents");
    FinancingPlan plan = new FinancingPlan(FinancingPlan.CostOption.of(row.getString("cost_option")),
        OperationStore.decimal(row, "flat_rate_percent"), row.getLong("staff_cents"), row.getLong("other_direct_cents"),
        row.getLong("indirect_cents"), unitCost, units, lumpSum, OperationStore.decimal(row, "fse_rate_percent"),
        row.getLong("departement_cents"), row.getLong("etat_cents"), row.getLong("other_public_cents"),
        row.getLong("private_cents"));
    UUID[] conventions = row.getArrayOfUUIDs("conventions");
    return new Operation(row.getUUID("id"), row.getString("title"), row.getString("programme"), row.getString("priority"),
        row.getString("specific_objective"), row.getLocalDate("period_start"), row.getLocalDate("period_end"),
        row.getString("beneficiary_kind"), row.getString("beneficiary_name"), OperationStatus.of(row.getString("status")),
        plan, conventions == null ? List.of() : List.of(conventions), row.getInteger("version"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("title", title)
        .put("programme", programme)
        .put("priority", priority)
        .put("specificObjective", specificObjective)
        .put("periodStart", periodStart.toString())
        .put("periodEnd", periodEnd.toString())
        .put("beneficiaryKind", beneficiaryKind)
        .put("beneficiaryName", beneficiaryName)
        .put("status", status.code)
        .put("statusLabel", status.label)
        .put("conventions", new io.vertx.core.json.JsonArray(conventions.stream().map(UUID::toString).toList()))
        .put("plan", plan.toJson())
        .put("version", version);
  }
}
