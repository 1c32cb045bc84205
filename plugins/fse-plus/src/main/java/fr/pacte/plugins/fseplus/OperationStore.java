package fr.pacte.plugins.fseplus;

import fr.pacte.api.ParticipationView;
import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of the module's tables, one tenant's transaction at a time (row-level security keeps the others out). */
final class OperationStore {

  private static final String OPERATION_COLUMNS = """
      id, title, programme, priority, specific_objective, period_start, period_end, beneficiary_kind, beneficiary_name,
      status, cost_option, flat_rate_percent, staff_cents, other_direct_cents, indirect_cents, unit_cost_cents, units,
      lump_sum_cents, fse_rate_percent, departement_cents, etat_cents, other_public_cents, private_cents, version,
      ARRAY(SELECT convention_id FROM fse_plus.operation_convention c WHERE c.operation_id = o.id) AS conventions""";
  private static final String LIST = "SELECT " + OPERATION_COLUMNS + " FROM fse_plus.operation o ORDER BY period_start DESC, title";
  /** One demonstration per tenant, whichever node starts first: the others wait here, then find it made. */
  private static final String DEMONSTRATION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('fse-plus.demonstration:' || $1))";
  private static final String GET = "SELECT " + OPERATION_COLUMNS + " FROM fse_plus.operation o WHERE id = $1";
  private static final String INSERT = """
      INSERT INTO fse_plus.operation (tenant_id, title, programme, priority, specific_objective, period_start, period_end,
        beneficiary_kind, beneficiary_name)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";
  private static final String LINK = """
      INSERT INTO fse_plus.operation_convention (tenant_id, operation_id, convention_id) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING""";
  private static final String UPDATE_PLAN = """
      UPDATE fse_plus.operation SET cost_option = $2, flat_rate_percent = $3, staff_cents = $4, other_direct_cents = $5,
        indirect_cents = $6, unit_cost_cents = $7, units = $8, lump_sum_cents = $9, fse_rate_percent = $10,
        departement_cents = $11, etat_cents = $12, other_public_cents = $13, private_cents = $14,
        version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $15 RETURNING version""";
  private static final String UPDATE_STATUS = """
      UPDATE fse_plus.operation SET status = $2, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $3 RETURNING version""";
  private static final String BY_CONVENTION = """
      SELECT operation_id FROM fse_plus.operation_convention WHERE convention_id = $1""";
  private static final String PARTICIPANT_COLUMNS = """
      operation_id, participation_id, person_id, territory, rsa_recipient, entry_date, age_band, exit_date, exit_type,
      gender, labour_status, education, disability, third_country, foreign_background, minority, homeless, rural,
      entry_collected_on, exit_results, exit_collected_on, employed_after_six_months, improved_after_six_months,
      six_months_collected_on, version""";
  private static final String UPSERT_PARTICIPANT = """
      INSERT INTO fse_plus.participant (tenant_id, operation_id, participation_id, person_id, territory, rsa_recipient,
        entry_date, age_band, exit_date, exit_type)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (tenant_id, operation_id, participation_id) DO UPDATE SET territory = EXCLUDED.territory,
        rsa_recipient = EXCLUDED.rsa_recipient, entry_date = EXCLUDED.entry_date, age_band = EXCLUDED.age_band,
        exit_date = EXCLUDED.exit_date, exit_type = EXCLUDED.exit_type
      WHERE (fse_plus.participant.entry_date, fse_plus.participant.exit_date, fse_plus.participant.exit_type)
        IS DISTINCT FROM (EXCLUDED.entry_date, EXCLUDED.exit_date, EXCLUDED.exit_type)""";
  private static final String PARTICIPANTS = "SELECT " + PARTICIPANT_COLUMNS
      + " FROM fse_plus.participant WHERE operation_id = $1 ORDER BY entry_date, participation_id";
  private static final String PARTICIPANT = "SELECT " + PARTICIPANT_COLUMNS
      + " FROM fse_plus.participant WHERE operation_id = $1 AND participation_id = $2";
  private static final String PARTICIPATIONS = "SELECT " + PARTICIPANT_COLUMNS
      + " FROM fse_plus.participant WHERE participation_id = $1 ORDER BY operation_id";
  private static final String DUE = "SELECT " + PARTICIPANT_COLUMNS
      + " FROM fse_plus.participant WHERE exit_date IS NOT NULL AND six_months_collected_on IS NULL"
      + " AND exit_date <= $1 ORDER BY exit_date, participation_id";
  private static final String UPDATE_ENTRY = """
      UPDATE fse_plus.participant SET gender = $3, labour_status = $4, education = $5, disability = $6,
        third_country = $7, foreign_background = $8, minority = $9, homeless = $10, rural = $11,
        entry_collected_on = $12, version = version + 1
      WHERE operation_id = $1 AND participation_id = $2 AND version = $13 RETURNING version""";
  private static final String UPDATE_EXIT = """
      UPDATE fse_plus.participant SET exit_results = $3, exit_collected_on = $4, version = version + 1
      WHERE operation_id = $1 AND participation_id = $2 AND version = $5 AND exit_date IS NOT NULL RETURNING version""";
  private static final String UPDATE_SIX_MONTHS = """
      UPDATE fse_plus.participant SET employed_after_six_months = $3, improved_after_six_months = $4,
        six_months_collected_on = $5, version = version + 1
      WHERE operation_id = $1 AND participation_id = $2 AND version = $6 RETURNING version""";

  private static final String REALISED = """
      SELECT year, staff_cents, other_direct_cents, indirect_cents, units, lump_sum_cents, version
      FROM fse_plus.realised_cost WHERE operation_id = $1 ORDER BY year""";
  private static final String INSERT_REALISED = """
      INSERT INTO fse_plus.realised_cost (tenant_id, operation_id, year, staff_cents, other_direct_cents, indirect_cents,
        units, lump_sum_cents)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING version""";
  private static final String UPDATE_REALISED = """
      UPDATE fse_plus.realised_cost SET staff_cents = $4, other_direct_cents = $5, indirect_cents = $6, units = $7,
        lump_sum_cents = $8, version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND operation_id = $2 AND year = $3 AND version = $9 RETURNING version""";

  private static final String LOCK = "SELECT id FROM fse_plus.operation WHERE id = $1 FOR UPDATE";
  private static final String CLAIMS = """
      SELECT id, kind, amount_cents, claimed_on, realised_total_cents, fse_due_cents, previously_claimed_cents, status,
        version, submitted_on, withdrawn_on
      FROM fse_plus.payment_claim WHERE operation_id = $1 ORDER BY created_at, id""";
  private static final String UPDATE_CLAIM = """
      UPDATE fse_plus.payment_claim SET kind = $2, amount_cents = $3, claimed_on = $4, realised_total_cents = $5,
        fse_due_cents = $6, previously_claimed_cents = $7, version = version + 1
      WHERE id = $1 AND version = $8 AND status = 'draft' RETURNING version""";
  private static final String WITHDRAW_CLAIM = """
      UPDATE fse_plus.payment_claim SET status = 'withdrawn', withdrawn_on = $2, version = version + 1
      WHERE id = $1 AND version = $3 AND status <> 'withdrawn' RETURNING version""";
  private static final String SUBMIT_CLAIM = """
      UPDATE fse_plus.payment_claim SET status = 'submitted', submitted_on = $2, version = version + 1
      WHERE id = $1 AND version = $3 AND status = 'draft' RETURNING version""";
  private static final String CHECKS = """
      SELECT id, claim_id, participation_id, checked_by, checked_on, subject, result
      FROM fse_plus.service_check WHERE operation_id = $1 ORDER BY checked_on, recorded_at, id""";
  private static final String INSERT_CHECK = """
      INSERT INTO fse_plus.service_check (tenant_id, operation_id, claim_id, participation_id, checked_by, checked_on,
        subject, result)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  private static final String INSERT_CLAIM = """
      INSERT INTO fse_plus.payment_claim (tenant_id, operation_id, kind, amount_cents, claimed_on, realised_total_cents,
        fse_due_cents, previously_claimed_cents)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";

  Future<Void> lockDemonstration(TenantSql sql) {
    return sql.query(DEMONSTRATION_LOCK, Tuple.of(sql.tenantId())).mapEmpty();
  }

  List<Operation> operations(RowSet<Row> rows) {
    List<Operation> operations = new ArrayList<>();
    rows.forEach(row -> operations.add(Operation.of(row)));
    return operations;
  }

  Future<List<Operation>> list(TenantSql sql) {
    return sql.query(LIST).map(this::operations);
  }

  Future<Optional<Operation>> get(TenantSql sql, UUID id) {
    return sql.query(GET, Tuple.of(id)).map(rows -> operations(rows).stream().findFirst());
  }

  Future<UUID> insert(TenantSql sql, OperationInput.NewOperation input) {
    return sql.query(INSERT, Tuple.from(List.of(sql.tenantId(), input.title(), input.programme(), input.priority(),
            input.specificObjective(), input.periodStart(), input.periodEnd(), input.beneficiaryKind(),
            input.beneficiaryName())))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Void> link(TenantSql sql, UUID operation, UUID convention) {
    return sql.query(LINK, Tuple.of(sql.tenantId(), operation, convention)).mapEmpty();
  }

  /** Saves the plan if the operation is still at {@code version}; empty when it is not (someone changed it). */
  Future<Optional<Integer>> updatePlan(TenantSql sql, UUID id, FinancingPlan plan, int version) {
    Tuple tuple = Tuple.tuple().addUUID(id).addString(plan.option().code).addValue(plan.flatRatePercent())
        .addLong(plan.staffCents()).addLong(plan.otherDirectCents()).addLong(plan.indirectCents())
        .addValue(plan.unitCostCents()).addValue(plan.units()).addValue(plan.lumpSumCents())
        .addValue(plan.fseRatePercent()).addLong(plan.departementCents()).addLong(plan.etatCents())
        .addLong(plan.otherPublicCents()).addLong(plan.privateCents()).addInteger(version);
    return sql.query(UPDATE_PLAN, tuple).map(OperationStore::version);
  }

  Future<Optional<Integer>> updateStatus(TenantSql sql, UUID id, OperationStatus status, int version) {
    return sql.query(UPDATE_STATUS, Tuple.of(id, status.code, version)).map(OperationStore::version);
  }

  Future<List<UUID>> operationsOf(TenantSql sql, UUID convention) {
    return sql.query(BY_CONVENTION, Tuple.of(convention)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("operation_id")));
      return ids;
    });
  }

  /** Takes a participation in or brings it up to date; true when a row was written. */
  Future<Boolean> upsert(TenantSql sql, UUID operation, ParticipationView p) {
    return sql.query(UPSERT_PARTICIPANT, Tuple.from(java.util.Arrays.asList(sql.tenantId(), operation, p.id(),
        p.personId(), p.territory(), p.rsaRecipient(), p.entryDate(), Participant.ageBand(p.birthDate(), p.entryDate()),
        p.exitDate(), p.exitType()))).map(rows -> rows.rowCount() > 0);
  }

  Future<List<Participant>> participants(TenantSql sql, UUID operation) {
    return sql.query(PARTICIPANTS, Tuple.of(operation)).map(OperationStore::participants);
  }

  Future<Optional<Participant>> participant(TenantSql sql, UUID operation, UUID participation) {
    return sql.query(PARTICIPANT, Tuple.of(operation, participation)).map(rows -> participants(rows).stream().findFirst());
  }

  Future<List<Participant>> ofParticipation(TenantSql sql, UUID participation) {
    return sql.query(PARTICIPATIONS, Tuple.of(participation)).map(OperationStore::participants);
  }

  /** Participants who left at least six months before {@code today} and whose six-month situation is not collected. */
  Future<List<Participant>> sixMonthsDue(TenantSql sql, LocalDate today) {
    return sql.query(DUE, Tuple.of(today.minusMonths(6))).map(OperationStore::participants);
  }

  Future<Optional<Integer>> updateEntry(TenantSql sql, UUID operation, UUID participation, EntryData data, LocalDate today,
                                        int version) {
    return sql.query(UPDATE_ENTRY, Tuple.from(java.util.Arrays.asList(operation, participation, data.gender(),
        data.labourStatus(), data.education(), data.sensitive().get("disability"), data.sensitive().get("third_country"),
        data.sensitive().get("foreign_background"), data.sensitive().get("minority"), data.sensitive().get("homeless"),
        data.sensitive().get("rural"), today, version))).map(OperationStore::version);
  }

  Future<Optional<Integer>> updateExit(TenantSql sql, UUID operation, UUID participation, List<String> results,
                                       LocalDate today, int version) {
    return sql.query(UPDATE_EXIT, Tuple.of(operation, participation, results.toArray(String[]::new), today, version))
        .map(OperationStore::version);
  }

  Future<Optional<Integer>> updateSixMonths(TenantSql sql, UUID operation, UUID participation, boolean employed,
                                            boolean improved, LocalDate today, int version) {
    return sql.query(UPDATE_SIX_MONTHS, Tuple.of(operation, participation, employed, improved, today, version))
        .map(OperationStore::version);
  }

  Future<List<RealisedCosts>> realised(TenantSql sql, UUID operation) {
    return sql.query(REALISED, Tuple.of(operation)).map(rows -> {
      List<RealisedCosts> years = new ArrayList<>();
      rows.forEach(row -> years.add(RealisedCosts.of(row)));
      return years;
    });
  }

  /** Saves a year's realised costs: a first entry with version 0, a change at the version read; empty on a conflict. */
  Future<Optional<Integer>> saveRealised(TenantSql sql, UUID operation, RealisedCosts costs, int version) {
    Tuple tuple = Tuple.tuple().addString(sql.tenantId()).addUUID(operation).addInteger(costs.year())
        .addLong(costs.staffCents()).addLong(costs.otherDirectCents()).addLong(costs.indirectCents())
        .addInteger(costs.units()).addLong(costs.lumpSumCents());
    return version == 0
        ? sql.query(INSERT_REALISED, tuple).map(OperationStore::version)
        : sql.query(UPDATE_REALISED, tuple.addInteger(version)).map(OperationStore::version);
  }

  /** Holds the operation until the transaction ends, so that two claims are weighed one after the other. */
  Future<Void> lock(TenantSql sql, UUID operation) {
    return sql.query(LOCK, Tuple.of(operation)).mapEmpty();
  }

  /** The claims of an operation, each with its service-done checks. */
  Future<List<PaymentClaim>> claims(TenantSql sql, UUID operation) {
    return sql.query(CHECKS, Tuple.of(operation)).compose(checkRows -> {
      List<ServiceCheck> checks = new ArrayList<>();
      checkRows.forEach(row -> checks.add(ServiceCheck.of(row)));
      return sql.query(CLAIMS, Tuple.of(operation)).map(rows -> {
        List<PaymentClaim> claims = new ArrayList<>();
        rows.forEach(row -> {
          PaymentClaim claim = PaymentClaim.of(row);
          claims.add(claim.withChecks(checks.stream().filter(c -> c.claimId().equals(claim.id())).toList()));
        });
        return claims;
      });
    });
  }

  Future<Optional<Integer>> updateClaim(TenantSql sql, UUID claim, String kind, long amountCents, LocalDate today,
                                        Claimable claimable, int version) {
    Tuple tuple = Tuple.tuple().addUUID(claim).addString(kind).addLong(amountCents).addLocalDate(today)
        .addLong(claimable.realisedTotalCents()).addLong(claimable.fseDueCents()).addLong(claimable.alreadyClaimedCents())
        .addInteger(version);
    return sql.query(UPDATE_CLAIM, tuple).map(OperationStore::version);
  }

  Future<Optional<Integer>> withdrawClaim(TenantSql sql, UUID claim, LocalDate today, int version) {
    return sql.query(WITHDRAW_CLAIM, Tuple.of(claim, today, version)).map(OperationStore::version);
  }

  Future<Optional<Integer>> submitClaim(TenantSql sql, UUID claim, LocalDate today, int version) {
    return sql.query(SUBMIT_CLAIM, Tuple.of(claim, today, version)).map(OperationStore::version);
  }

  Future<UUID> insertCheck(TenantSql sql, UUID operation, UUID claim, ServiceCheck check) {
    Tuple tuple = Tuple.tuple().addString(sql.tenantId()).addUUID(operation).addUUID(claim)
        .addUUID(check.participationId()).addString(check.checkedBy()).addLocalDate(check.checkedOn())
        .addString(check.subject()).addString(check.result());
    return sql.query(INSERT_CHECK, tuple).map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<UUID> insertClaim(TenantSql sql, UUID operation, String kind, long amountCents, LocalDate today,
                           Claimable claimable) {
    Tuple tuple = Tuple.tuple().addString(sql.tenantId()).addUUID(operation).addString(kind).addLong(amountCents)
        .addLocalDate(today).addLong(claimable.realisedTotalCents()).addLong(claimable.fseDueCents())
        .addLong(claimable.alreadyClaimedCents());
    return sql.query(INSERT_CLAIM, tuple).map(rows -> rows.iterator().next().getUUID("id"));
  }

  private static List<Participant> participants(RowSet<Row> rows) {
    List<Participant> participants = new ArrayList<>();
    rows.forEach(row -> participants.add(Participant.of(row)));
    return participants;
  }

  private static Optional<Integer> version(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version"));
  }

  static BigDecimal decimal(Row row, String column) {
    Object value = row.getValue(column);
    if (value == null) {
      return null;
    }
    return new BigDecimal(value.toString());
  }
}
