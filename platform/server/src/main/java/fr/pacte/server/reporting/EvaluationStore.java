package fr.pacte.server.reporting;

import fr.pacte.server.reporting.YearlyEvaluation.Decision;
import fr.pacte.server.reporting.YearlyEvaluation.State;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the yearly evaluations, and the year's figures read from the pathways and the monthly reports. */
final class EvaluationStore {

  private static final String COLUMNS = """
      e.id, e.convention_id, c.reference, c.title AS convention_title, e.year, e.organisation_id, o.name AS organisation_name,
      e.territories, e.state, e.figures, e.achievements, e.difficulties, e.outlook, e.committee_date,
      e.committee_participants, e.committee_minutes, e.decision, e.decision_cents, e.decision_objectives, e.version""";
  private static final String FROM = """
       FROM platform.yearly_evaluation e
       JOIN platform.convention c ON c.tenant_id = e.tenant_id AND c.id = e.convention_id
       JOIN platform.organisation o ON o.tenant_id = e.tenant_id AND o.id = e.organisation_id""";
  private static final String LIST = "SELECT " + COLUMNS + "\n" + FROM + "\n" + " ORDER BY c.reference, e.year LIMIT 5000";
  private static final String FIND = "SELECT " + COLUMNS + "\n" + FROM + "\n" + " WHERE e.id = $1";
  private static final String LOCK = "SELECT " + COLUMNS + "\n" + FROM + "\n" + " WHERE e.id = $1 FOR UPDATE OF e";
  private static final String INSERT = """
      INSERT INTO platform.yearly_evaluation (tenant_id, convention_id, year, organisation_id, territories, figures)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (tenant_id, convention_id, year) DO NOTHING RETURNING id""";
  private static final String COMPLETE = """
      UPDATE platform.yearly_evaluation SET achievements = $2, difficulties = $3, outlook = $4, version = version + 1,
        updated_at = now() WHERE id = $1""";
  private static final String SEND = """
      UPDATE platform.yearly_evaluation SET state = 'sent', sent_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String DECIDE = """
      UPDATE platform.yearly_evaluation SET state = 'decided', committee_date = $2, committee_participants = $3,
        committee_minutes = $4, decision = $5, decision_cents = $6, decision_objectives = $7, version = version + 1,
        updated_at = now() WHERE id = $1""";

  /** Per territory: people followed during the year, entries, exits, average file active at the end of each month. */
  private static final String TERRITORY = """
      SELECT
        (SELECT count(*) FROM platform.orientation WHERE offer_id = $1 AND territory = $2 AND entry_date <= $4
           AND (exit_date IS NULL OR exit_date >= $3)) AS followed,
        (SELECT count(*) FROM platform.orientation WHERE offer_id = $1 AND territory = $2
           AND entry_date BETWEEN $3 AND $4) AS entries,
        (SELECT count(*) FROM platform.orientation WHERE offer_id = $1 AND territory = $2
           AND exit_date BETWEEN $3 AND $4) AS exits,
        (SELECT round(avg(active), 1) FROM (
           SELECT (SELECT count(*) FROM platform.orientation WHERE offer_id = $1 AND territory = $2
                     AND entry_date <= month_end AND (exit_date IS NULL OR exit_date > month_end)) AS active
           FROM (SELECT (m + interval '1 month' - interval '1 day')::date AS month_end
                 FROM generate_series($3::date, $4::date, interval '1 month') m) months) per_month) AS average_active,
        (SELECT count(*) FROM platform.workshop_session WHERE offer_id = $1 AND territory = $2
           AND starts_at::date BETWEEN $3 AND $4) AS sessions""";
  private static final String EXITS = """
      SELECT exit_type, count(*) AS exits FROM platform.orientation
      WHERE offer_id = $1 AND exit_date BETWEEN $2 AND $3 GROUP BY exit_type ORDER BY exit_type""";
  private static final String REPORTS = """
      SELECT count(*) AS expected, count(*) FILTER (WHERE state <> 'draft') AS sent,
        count(*) FILTER (WHERE state IN ('approved', 'locked')) AS approved
      FROM platform.monthly_report WHERE offer_id = $1 AND month BETWEEN $2 AND $3""";

  /**
   * Per participation of the action with a progress grid filled in the year: its first and last grid of the year (entry
   * before during before exit on the same day) and how many it has.
   */
  private static final String GRIDS = """
      WITH year_grids AS (
        SELECT a.orientation_id, a.scores, a.assessed_on, a.created_at, a.id,
          CASE a.moment WHEN 'entry' THEN 0 WHEN 'during' THEN 1 ELSE 2 END AS moment_order
        FROM platform.progress_assessment a
        JOIN platform.orientation o ON o.tenant_id = a.tenant_id AND o.id = a.orientation_id
        WHERE o.offer_id = $1 AND a.assessed_on BETWEEN $2 AND $3),
      ranked AS (
        SELECT orientation_id, scores, count(*) OVER (PARTITION BY orientation_id) AS grids,
          row_number() OVER (PARTITION BY orientation_id ORDER BY assessed_on, moment_order, created_at, id) AS from_first,
          row_number() OVER (PARTITION BY orientation_id ORDER BY assessed_on DESC, moment_order DESC, created_at DESC,
            id DESC) AS from_last
        FROM year_grids)
      SELECT f.orientation_id, f.grids, f.scores AS first_scores, l.scores AS last_scores
      FROM ranked f JOIN ranked l ON l.orientation_id = f.orientation_id AND l.from_last = 1
      WHERE f.from_first = 1
      ORDER BY f.orientation_id""";
  private static final String SATISFACTIONS = """
      SELECT s.answers FROM platform.satisfaction_answer s
      JOIN platform.orientation o ON o.tenant_id = s.tenant_id AND o.id = s.orientation_id
      WHERE o.offer_id = $1 AND s.answered_on BETWEEN $2 AND $3""";

  /** A participation's first and last progress grid of the year, and how many grids it had in the year. */
  record GridSpan(UUID orientation, long grids, JsonObject first, JsonObject last) {
  }

  record TerritoryFigures(long followed, long entries, long exits, java.math.BigDecimal averageActive, long sessions) {
  }

  Future<List<YearlyEvaluation>> list(SqlConnection connection) {
    return connection.query(LIST).execute().map(rows -> {
      List<YearlyEvaluation> list = new ArrayList<>();
      rows.forEach(row -> list.add(evaluation(row)));
      return list;
    });
  }

  Future<Optional<YearlyEvaluation>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIND).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(evaluation(rows.iterator().next())) : Optional.empty());
  }

  Future<Optional<YearlyEvaluation>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(evaluation(rows.iterator().next())) : Optional.empty());
  }

  Future<Optional<UUID>> insert(SqlConnection connection, String tenant, UUID convention, int year, String organisation,
                                List<String> territories, JsonObject figures) {
    return connection.preparedQuery(INSERT)
        .execute(Tuple.of(tenant, convention, year, organisation, territories.toArray(String[]::new), figures))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getUUID("id")) : Optional.empty());
  }

  Future<Void> complete(SqlConnection connection, UUID id, String achievements, String difficulties, String outlook) {
    return connection.preparedQuery(COMPLETE).execute(Tuple.of(id, achievements, difficulties, outlook)).mapEmpty();
  }

  Future<Void> send(SqlConnection connection, UUID id) {
    return connection.preparedQuery(SEND).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> decide(SqlConnection connection, UUID id, EvaluationService.Committee committee) {
    return connection.preparedQuery(DECIDE).execute(Tuple.from(new Object[] {id, committee.date(),
        committee.participants(), committee.minutes(), committee.decision().code(), committee.amountCents(),
        committee.objectives()})).mapEmpty();
  }

  Future<TerritoryFigures> territory(SqlConnection connection, UUID offer, String territory, LocalDate start, LocalDate end) {
    return connection.preparedQuery(TERRITORY).execute(Tuple.of(offer, territory, start, end)).map(rows -> {
      Row row = rows.iterator().next();
      return new TerritoryFigures(row.getLong("followed"), row.getLong("entries"), row.getLong("exits"),
          row.getBigDecimal("average_active"), row.getLong("sessions"));
    });
  }

  Future<List<Object[]>> exits(SqlConnection connection, UUID offer, LocalDate start, LocalDate end) {
    return connection.preparedQuery(EXITS).execute(Tuple.of(offer, start, end)).map(rows -> {
      List<Object[]> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Object[] {row.getString("exit_type"), row.getLong("exits")}));
      return list;
    });
  }

  Future<long[]> reports(SqlConnection connection, UUID offer, LocalDate start, LocalDate end) {
    return connection.preparedQuery(REPORTS).execute(Tuple.of(offer, start, end)).map(rows -> {
      Row row = rows.iterator().next();
      return new long[] {row.getLong("expected"), row.getLong("sent"), row.getLong("approved")};
    });
  }

  Future<List<GridSpan>> grids(SqlConnection connection, UUID offer, LocalDate start, LocalDate end) {
    return connection.preparedQuery(GRIDS).execute(Tuple.of(offer, start, end)).map(rows -> {
      List<GridSpan> list = new ArrayList<>();
      rows.forEach(row -> list.add(new GridSpan(row.getUUID("orientation_id"), row.getLong("grids"),
          (JsonObject) row.getValue("first_scores"), (JsonObject) row.getValue("last_scores"))));
      return list;
    });
  }

  Future<List<JsonObject>> satisfactions(SqlConnection connection, UUID offer, LocalDate start, LocalDate end) {
    return connection.preparedQuery(SATISFACTIONS).execute(Tuple.of(offer, start, end)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(row -> list.add((JsonObject) row.getValue("answers")));
      return list;
    });
  }

  private static YearlyEvaluation evaluation(Row row) {
    List<String> territories = new ArrayList<>();
    for (String t : row.getArrayOfStrings("territories")) {
      territories.add(t);
    }
    Object figures = row.getValue("figures");
    if (figures instanceof JsonObject json && !(json.getValue("progress") instanceof JsonObject)) {
      // Bilans opened before the grids were summarised kept an empty list there.
      json.put("progress", ProgressSummary.none());
    }
    return new YearlyEvaluation(row.getUUID("id"), row.getUUID("convention_id"), row.getString("reference"),
        row.getString("convention_title"), row.getInteger("year"), row.getString("organisation_id"),
        row.getString("organisation_name"), territories, State.of(row.getString("state")),
        figures instanceof JsonObject json ? json : new JsonObject(), row.getString("achievements"),
        row.getString("difficulties"), row.getString("outlook"), row.getLocalDate("committee_date"),
        row.getString("committee_participants"), row.getString("committee_minutes"),
        Decision.of(row.getString("decision")), row.getLong("decision_cents"), row.getString("decision_objectives"),
        row.getInteger("version"));
  }

  static JsonArray array(List<?> values) {
    return new JsonArray(new ArrayList<>(values));
  }
}
