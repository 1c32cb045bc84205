package fr.pacte.server.conventions;

import fr.pacte.server.conventions.Convention.State;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of conventions, their tranches, amendments and payments. Row-level security keeps every statement in its tenant. */
public final class ConventionStore {

  private static final String COLUMNS = """
      c.id, c.terms, c.state, c.signed_on, c.termination_reason, c.version, o.name AS organisation_name""";
  private static final String LIST = "SELECT " + COLUMNS + """
       FROM platform.convention c JOIN platform.organisation o ON o.tenant_id = c.tenant_id AND o.id = c.organisation_id
      ORDER BY c.period_start DESC, c.reference""";
  /** Whether the tenant has any convention: the start-up's check for its demonstration conventions. */
  private static final String ANY = "SELECT EXISTS (SELECT 1 FROM platform.convention)";
  private static final String FIND = "SELECT " + COLUMNS + """
       FROM platform.convention c JOIN platform.organisation o ON o.tenant_id = c.tenant_id AND o.id = c.organisation_id
      WHERE c.id = $1""";
  private static final String TRANCHES = """
      SELECT convention_id, year, status, voted_cents, deliberation_date, deliberation_reference
      FROM platform.convention_tranche WHERE convention_id = ANY($1) ORDER BY convention_id, year""";
  private static final String PAYMENTS = """
      SELECT id, convention_id, year, kind, paid_on, amount_cents, mandate_reference
      FROM platform.convention_payment WHERE convention_id = ANY($1) ORDER BY convention_id, paid_on, created_at""";
  private static final String AMENDMENTS = """
      SELECT convention_id, number, signed_on, effective_from, object, changes, terms_before, terms_after
      FROM platform.convention_amendment WHERE convention_id = ANY($1) ORDER BY convention_id, number""";
  private static final String INSERT = """
      INSERT INTO platform.convention (tenant_id, reference, title, action_type, organisation_id, territories,
        period_start, period_end, terms, call_id, application_id, offer_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      RETURNING id""";
  private static final String UPDATE_TERMS = """
      UPDATE platform.convention SET reference = $2, title = $3, action_type = $4, organisation_id = $5, territories = $6,
        period_start = $7, period_end = $8, terms = $9, call_id = $10, application_id = $11, offer_id = $12,
        version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String LOCK = "SELECT version, state FROM platform.convention WHERE id = $1 FOR UPDATE";
  private static final String REFERENCE_TAKEN = "SELECT 1 FROM platform.convention WHERE reference = $1 AND id IS DISTINCT FROM $2";
  private static final String SIGN = """
      UPDATE platform.convention SET state = 'signed', signed_on = $2, version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String TERMINATE = """
      UPDATE platform.convention SET state = 'terminated', termination_reason = $2, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String TOUCH = "UPDATE platform.convention SET version = version + 1, updated_at = now() WHERE id = $1";
  private static final String UPSERT_TRANCHE = """
      INSERT INTO platform.convention_tranche (tenant_id, convention_id, year, status, voted_cents, deliberation_date,
        deliberation_reference)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (tenant_id, convention_id, year) DO UPDATE SET status = excluded.status, voted_cents = excluded.voted_cents,
        deliberation_date = excluded.deliberation_date, deliberation_reference = excluded.deliberation_reference""";
  private static final String DROP_TRANCHES_AFTER = "DELETE FROM platform.convention_tranche WHERE convention_id = $1 AND year > $2";
  private static final String INSERT_PAYMENT = """
      INSERT INTO platform.convention_payment (tenant_id, convention_id, year, kind, paid_on, amount_cents, mandate_reference)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";
  private static final String INSERT_AMENDMENT = """
      INSERT INTO platform.convention_amendment (tenant_id, convention_id, number, signed_on, effective_from, object, changes,
        terms_before, terms_after)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String ORGANISATION_EXISTS = "SELECT 1 FROM platform.organisation WHERE id = $1";
  private static final String OFFER_OF = "SELECT organisation_id, action_type FROM platform.offer_item WHERE id = $1";
  /** The places an offer item funds per territory are the convention's objectives; what is taken stays. */
  private static final String FUNDED_PLACES = """
      INSERT INTO platform.offer_place (tenant_id, offer_id, territory, capacity)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (tenant_id, offer_id, territory) DO UPDATE SET capacity = excluded.capacity""";
  private static final String TOUCH_OFFER = "UPDATE platform.offer_item SET version = version + 1, updated_at = now() WHERE id = $1";

  private static final String TEMPLATE = "SELECT body FROM platform.convention_template";
  private static final String CALLS = "SELECT id, title, budget_cents FROM platform.call_for_projects ORDER BY title, id";

  /** The tenant's calls for projects and their envelopes. */
  Future<List<ConventionViews.Call>> calls(SqlConnection connection) {
    return connection.query(CALLS).execute().map(rows -> {
      List<ConventionViews.Call> calls = new ArrayList<>();
      rows.forEach(row -> calls.add(new ConventionViews.Call(row.getUUID("id"), row.getString("title"), row.getLong("budget_cents"))));
      return calls;
    });
  }
  private static final String SAVE_TEMPLATE = """
      INSERT INTO platform.convention_template (tenant_id, body) VALUES ($1, $2)
      ON CONFLICT (tenant_id) DO UPDATE SET body = excluded.body""";

  /** The tenant's own wording of the convention's text, if it has one. */
  public Future<Optional<String>> template(SqlConnection connection) {
    return connection.query(TEMPLATE).execute().map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(rows.iterator().next().getString("body")));
  }

  public Future<Void> saveTemplate(SqlConnection connection, String tenant, String body) {
    return connection.preparedQuery(SAVE_TEMPLATE).execute(Tuple.of(tenant, body)).mapEmpty();
  }

  private static final String NEEDS = """
      SELECT action_type, territory, target FROM platform.need_target ORDER BY call_code, position""";

  /** The needs the tenant's calls set, per action type and territory, in their order (what demonstration data answers). */
  public Future<Map<String, Map<String, Integer>>> needs(SqlConnection connection) {
    return connection.query(NEEDS).execute().map(rows -> {
      Map<String, Map<String, Integer>> byType = new LinkedHashMap<>();
      rows.forEach(row -> byType.computeIfAbsent(row.getString("action_type"), k -> new LinkedHashMap<>())
          .putIfAbsent(row.getString("territory"), row.getInteger("target")));
      return byType;
    });
  }

  /** A selected project of a call's decision, with what a convention takes from it (its call, lot and committee). */
  private static final String SELECTED_PROJECT = """
      SELECT d.call_id, d.organisation_id, d.amount_cents, d.objectives, d.budget, cd.committee, cd.committee_date,
        cd.deliberation_ref, l.action_type, p.title AS project_title, c.indirect_cost_cap_percent
      FROM platform.project_decision d
      JOIN platform.call_decision cd ON cd.tenant_id = d.tenant_id AND cd.call_id = d.call_id
      JOIN platform.call_lot l ON l.tenant_id = d.tenant_id AND l.call_id = d.call_id AND l.code = d.lot_code
      JOIN platform.call_for_projects c ON c.tenant_id = d.tenant_id AND c.id = d.call_id
      JOIN platform.application_project p ON p.tenant_id = d.tenant_id AND p.application_id = d.application_id
        AND p.lot_code = d.lot_code
      WHERE d.application_id = $1 AND d.lot_code = $2 AND d.selected""";
  private static final String GROUPEMENT_MEMBERS = """
      SELECT organisation_id FROM platform.application_member WHERE application_id = $1 AND role = 'member'
      ORDER BY organisation_id""";
  private static final String CONVENTION_OF_PROJECT = """
      SELECT reference FROM platform.convention WHERE application_id = $1 AND terms ->> 'lot' = $2""";
  /** The projects selected by a decision that have no convention yet, for the conventions page. */
  private static final String AWAITING = """
      SELECT d.application_id, d.lot_code, o.name AS organisation_name, p.title, d.amount_cents, c.title AS call_title,
        cd.committee_date
      FROM platform.project_decision d
      JOIN platform.call_decision cd ON cd.tenant_id = d.tenant_id AND cd.call_id = d.call_id
      JOIN platform.call_for_projects c ON c.tenant_id = d.tenant_id AND c.id = d.call_id
      JOIN platform.organisation o ON o.tenant_id = d.tenant_id AND o.id = d.organisation_id
      JOIN platform.application_project p ON p.tenant_id = d.tenant_id AND p.application_id = d.application_id
        AND p.lot_code = d.lot_code
      WHERE d.selected AND NOT EXISTS (SELECT 1 FROM platform.convention v
        WHERE v.application_id = d.application_id AND v.terms ->> 'lot' = d.lot_code)
      ORDER BY cd.committee_date DESC, o.name, d.lot_code""";

  /** A selected project still without its convention. */
  public record Awaiting(UUID application, String lot, String organisationName, String title, long amountCents,
                         String callTitle, LocalDate committeeDate) {
  }

  public Future<List<Awaiting>> awaiting(SqlConnection connection) {
    return connection.query(AWAITING).execute().map(rows -> {
      List<Awaiting> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Awaiting(row.getUUID("application_id"), row.getString("lot_code"),
          row.getString("organisation_name"), row.getString("title"), row.getLong("amount_cents"),
          row.getString("call_title"), row.getLocalDate("committee_date"))));
      return list;
    });
  }

  /** What a convention takes from a selected project. */
  public record SelectedProject(UUID callId, String organisation, List<String> members, long amountCents,
                                JsonArray objectives, JsonArray budget, String committee, LocalDate committeeDate,
                                String deliberationRef, String actionType, String title, Integer capPercent) {
  }

  public Future<Optional<SelectedProject>> selectedProject(SqlConnection connection, UUID application, String lot) {
    return connection.preparedQuery(SELECTED_PROJECT).execute(Tuple.of(application, lot)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = rows.iterator().next();
      return connection.preparedQuery(GROUPEMENT_MEMBERS).execute(Tuple.of(application)).map(memberRows -> {
        List<String> members = new ArrayList<>();
        memberRows.forEach(m -> members.add(m.getString("organisation_id")));
        return Optional.of(new SelectedProject(row.getUUID("call_id"), row.getString("organisation_id"), members,
            row.getLong("amount_cents"), (JsonArray) row.getJson("objectives"), (JsonArray) row.getJson("budget"),
            row.getString("committee"), row.getLocalDate("committee_date"), row.getString("deliberation_ref"),
            row.getString("action_type"), row.getString("project_title"), row.getInteger("indirect_cost_cap_percent")));
      });
    });
  }

  /** The reference of the convention already made from this project, if any. */
  public Future<Optional<String>> conventionOfProject(SqlConnection connection, UUID application, String lot) {
    return connection.preparedQuery(CONVENTION_OF_PROJECT).execute(Tuple.of(application, lot))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("reference")));
  }

  public Future<Boolean> any(SqlConnection connection) {
    return connection.query(ANY).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Convention>> list(SqlConnection connection) {
    return connection.query(LIST).execute().compose(rows -> assemble(connection, rows));
  }

  public Future<Optional<Convention>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> assemble(connection, rows))
        .map(found -> found.stream().findFirst());
  }

  public Future<UUID> insert(SqlConnection connection, String tenant, Terms terms) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {tenant, terms.reference(), terms.title(),
            terms.actionType(), terms.organisation(), terms.territories().toArray(String[]::new), terms.periodStart(),
            terms.periodEnd(), terms.toJson(), terms.callId(), terms.applicationId(), terms.offerId()}))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Void> updateTerms(SqlConnection connection, UUID id, Terms terms) {
    return connection.preparedQuery(UPDATE_TERMS).execute(Tuple.from(new Object[] {id, terms.reference(), terms.title(),
        terms.actionType(), terms.organisation(), terms.territories().toArray(String[]::new), terms.periodStart(),
        terms.periodEnd(), terms.toJson(), terms.callId(), terms.applicationId(), terms.offerId()})).mapEmpty();
  }

  /** The version and state of a convention, locked until the end of the transaction; empty if there is none. */
  public Future<Optional<Map.Entry<Integer, State>>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(Map.entry(rows.iterator().next().getInteger("version"), State.of(rows.iterator().next().getString("state")))));
  }

  public Future<Boolean> referenceTaken(SqlConnection connection, String reference, UUID except) {
    return connection.preparedQuery(REFERENCE_TAKEN).execute(Tuple.of(reference, except)).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> organisationExists(SqlConnection connection, String id) {
    return connection.preparedQuery(ORGANISATION_EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** The organisation and action type of an offer item, or empty if there is none. */
  public Future<Optional<Map.Entry<String, String>>> offer(SqlConnection connection, UUID id) {
    return connection.preparedQuery(OFFER_OF).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(Map.entry(rows.iterator().next().getString("organisation_id"), rows.iterator().next().getString("action_type"))));
  }

  public Future<Void> sign(SqlConnection connection, UUID id, LocalDate signedOn) {
    return connection.preparedQuery(SIGN).execute(Tuple.of(id, signedOn)).mapEmpty();
  }

  public Future<Void> terminate(SqlConnection connection, UUID id, String reason) {
    return connection.preparedQuery(TERMINATE).execute(Tuple.of(id, reason)).mapEmpty();
  }

  /** A new version of the convention for a change made in its other tables (a vote, a payment). */
  public Future<Void> touch(SqlConnection connection, UUID id) {
    return connection.preparedQuery(TOUCH).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Void> saveTranche(SqlConnection connection, String tenant, UUID id, Tranche t) {
    return connection.preparedQuery(UPSERT_TRANCHE).execute(Tuple.from(new Object[] {tenant, id, t.year(), t.status(),
        t.votedCents(), t.deliberationDate(), t.deliberationReference()})).mapEmpty();
  }

  public Future<Void> dropTranchesAfter(SqlConnection connection, UUID id, int lastYear) {
    return connection.preparedQuery(DROP_TRANCHES_AFTER).execute(Tuple.of(id, lastYear)).mapEmpty();
  }

  public Future<UUID> insertPayment(SqlConnection connection, String tenant, UUID id, Payment p) {
    return connection.preparedQuery(INSERT_PAYMENT).execute(Tuple.from(new Object[] {tenant, id, p.year(), p.kind(),
        p.paidOn(), p.amountCents(), p.mandateReference()})).map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Void> insertAmendment(SqlConnection connection, String tenant, UUID id, Amendment a) {
    return connection.preparedQuery(INSERT_AMENDMENT).execute(Tuple.from(new Object[] {tenant, id, a.number(), a.signedOn(),
        a.effectiveFrom(), a.object(), new JsonArray(a.changes()), a.before().toJson(), a.after().toJson()})).mapEmpty();
  }

  /** Sets the places of an offer item per territory (its capacity; what is taken stays) and gives it a new version. */
  public Future<Void> fundPlaces(SqlConnection connection, String tenant, UUID offerId, Map<String, Integer> places) {
    if (places.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    places.forEach((territory, capacity) -> rows.add(Tuple.of(tenant, offerId, territory, capacity)));
    return connection.preparedQuery(FUNDED_PLACES).executeBatch(rows)
        .compose(done -> connection.preparedQuery(TOUCH_OFFER).execute(Tuple.of(offerId))).mapEmpty();
  }

  private Future<List<Convention>> assemble(SqlConnection connection, RowSet<Row> rows) {
    List<Row> found = new ArrayList<>();
    rows.forEach(found::add);
    if (found.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = found.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    Map<UUID, List<Tranche>> tranches = new LinkedHashMap<>();
    Map<UUID, List<Payment>> payments = new LinkedHashMap<>();
    Map<UUID, List<Amendment>> amendments = new LinkedHashMap<>();
    return connection.preparedQuery(TRANCHES).execute(Tuple.of(ids)).compose(trancheRows -> {
      trancheRows.forEach(row -> tranches.computeIfAbsent(row.getUUID("convention_id"), k -> new ArrayList<>())
          .add(new Tranche(row.getInteger("year"), row.getString("status"), row.getLong("voted_cents"),
              row.getLocalDate("deliberation_date"), row.getString("deliberation_reference"))));
      return connection.preparedQuery(PAYMENTS).execute(Tuple.of(ids));
    }).compose(paymentRows -> {
      paymentRows.forEach(row -> payments.computeIfAbsent(row.getUUID("convention_id"), k -> new ArrayList<>())
          .add(new Payment(row.getUUID("id"), row.getInteger("year"), row.getString("kind"), row.getLocalDate("paid_on"),
              row.getLong("amount_cents"), row.getString("mandate_reference"))));
      return connection.preparedQuery(AMENDMENTS).execute(Tuple.of(ids));
    }).map(amendmentRows -> {
      amendmentRows.forEach(row -> {
        List<String> changes = new ArrayList<>();
        row.getJsonArray("changes").forEach(change -> changes.add((String) change));
        amendments.computeIfAbsent(row.getUUID("convention_id"), k -> new ArrayList<>())
            .add(new Amendment(row.getInteger("number"), row.getLocalDate("signed_on"), row.getLocalDate("effective_from"),
                row.getString("object"), changes, Terms.fromJson((JsonObject) row.getJson("terms_before")),
                Terms.fromJson((JsonObject) row.getJson("terms_after"))));
      });
      List<Convention> conventions = new ArrayList<>();
      for (Row row : found) {
        UUID id = row.getUUID("id");
        conventions.add(new Convention(id, Terms.fromJson((JsonObject) row.getJson("terms")), State.of(row.getString("state")),
            row.getLocalDate("signed_on"), row.getString("termination_reason"), row.getString("organisation_name"),
            tranches.getOrDefault(id, List.of()), payments.getOrDefault(id, List.of()), amendments.getOrDefault(id, List.of()),
            row.getInteger("version")));
      }
      return conventions;
    });
  }
}
