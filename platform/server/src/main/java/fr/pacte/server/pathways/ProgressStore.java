package fr.pacte.server.pathways;

import fr.pacte.server.pathways.ProgressGrids.Moment;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the progress grids and satisfaction questionnaires of participations. */
public final class ProgressStore {

  private static final String ASSESSMENT_COLUMNS = """
      id, orientation_id, action_type, moment, assessed_on, scores, comment, assessed_by""";
  private static final String OF_ORIENTATION = "SELECT " + ASSESSMENT_COLUMNS
      + " FROM platform.progress_assessment WHERE orientation_id = $1 ORDER BY assessed_on, created_at, id";
  /** Served by progress_assessment_by_type. */
  private static final String OF_TYPE = "SELECT " + ASSESSMENT_COLUMNS + """
       FROM platform.progress_assessment
      WHERE ($1::text IS NULL OR action_type = $1) AND assessed_on BETWEEN $2 AND $3
      ORDER BY action_type, assessed_on, id""";
  private static final String INSERT_ASSESSMENT = """
      INSERT INTO platform.progress_assessment (tenant_id, orientation_id, action_type, moment, assessed_on, scores, comment,
        assessed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  private static final String ONCE = """
      SELECT assessed_on FROM platform.progress_assessment WHERE orientation_id = $1 AND moment = $2""";
  private static final String SATISFACTION_COLUMNS = """
      orientation_id, action_type, answered_on, answers, comment, recorded_by""";
  private static final String SATISFACTION = "SELECT " + SATISFACTION_COLUMNS
      + " FROM platform.satisfaction_answer WHERE orientation_id = $1";
  /** Served by satisfaction_answer_by_type. */
  private static final String SATISFACTION_OF_TYPE = "SELECT " + SATISFACTION_COLUMNS + """
       FROM platform.satisfaction_answer
      WHERE ($1::text IS NULL OR action_type = $1) AND answered_on BETWEEN $2 AND $3
      ORDER BY action_type, answered_on, orientation_id""";
  private static final String INSERT_SATISFACTION = """
      INSERT INTO platform.satisfaction_answer (tenant_id, orientation_id, action_type, answered_on, answers, comment,
        recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  /** A progress grid filled for a participation: a level from 1 to 4 for each criterion of its action type. */
  public record Assessment(UUID id, UUID orientationId, String actionType, Moment moment, LocalDate on, JsonObject scores,
                           String comment, String by) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("orientation", orientationId.toString())
          .put("actionType", actionType).put("moment", moment.code()).put("date", on.toString())
          .put("scores", scores.copy()).put("comment", comment).put("by", by);
    }
  }

  /** The answers of a person to the satisfaction questionnaire at exit: a level from 1 to 4 per question. */
  public record Satisfaction(UUID orientationId, String actionType, LocalDate on, JsonObject answers, String comment,
                             String by) {

    public JsonObject toJson() {
      return new JsonObject().put("orientation", orientationId.toString()).put("actionType", actionType)
          .put("date", on.toString()).put("answers", answers.copy()).put("comment", comment).put("by", by);
    }
  }

  public Future<List<Assessment>> ofOrientation(SqlConnection connection, UUID orientation) {
    return connection.preparedQuery(OF_ORIENTATION).execute(Tuple.of(orientation)).map(ProgressStore::assessments);
  }

  /** Every grid of the tenant filled between two dates (inclusive), of one action type or all (null). */
  public Future<List<Assessment>> ofActionType(SqlConnection connection, String actionType, LocalDate from, LocalDate to) {
    return connection.preparedQuery(OF_TYPE).execute(Tuple.of(actionType, from, to)).map(ProgressStore::assessments);
  }

  /** The date the entry or exit grid of a participation was filled, if it was. */
  public Future<Optional<LocalDate>> filled(SqlConnection connection, UUID orientation, Moment moment) {
    return connection.preparedQuery(ONCE).execute(Tuple.of(orientation, moment.code()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLocalDate("assessed_on")));
  }

  public Future<UUID> insert(SqlConnection connection, String tenant, UUID orientation, String actionType, Moment moment,
                             LocalDate on, JsonObject scores, String comment, String by) {
    return connection.preparedQuery(INSERT_ASSESSMENT)
        .execute(Tuple.from(new Object[] {tenant, orientation, actionType, moment.code(), on, scores, comment, by}))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Optional<Satisfaction>> satisfaction(SqlConnection connection, UUID orientation) {
    return connection.preparedQuery(SATISFACTION).execute(Tuple.of(orientation))
        .map(rows -> satisfactions(rows).stream().findFirst());
  }

  /** Every questionnaire of the tenant answered between two dates (inclusive), of one action type or all (null). */
  public Future<List<Satisfaction>> satisfactionsOfActionType(SqlConnection connection, String actionType, LocalDate from,
                                                              LocalDate to) {
    return connection.preparedQuery(SATISFACTION_OF_TYPE).execute(Tuple.of(actionType, from, to))
        .map(ProgressStore::satisfactions);
  }

  public Future<Void> insertSatisfaction(SqlConnection connection, String tenant, UUID orientation, String actionType,
                                         LocalDate on, JsonObject answers, String comment, String by) {
    return connection.preparedQuery(INSERT_SATISFACTION)
        .execute(Tuple.from(new Object[] {tenant, orientation, actionType, on, answers, comment, by})).mapEmpty();
  }

  private static List<Assessment> assessments(RowSet<Row> rows) {
    List<Assessment> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(new Assessment(row.getUUID("id"), row.getUUID("orientation_id"), row.getString("action_type"),
          Moment.of(row.getString("moment")).orElseThrow(), row.getLocalDate("assessed_on"),
          (JsonObject) row.getValue("scores"), row.getString("comment"), row.getString("assessed_by")));
    }
    return list;
  }

  private static List<Satisfaction> satisfactions(RowSet<Row> rows) {
    List<Satisfaction> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(new Satisfaction(row.getUUID("orientation_id"), row.getString("action_type"), row.getLocalDate("answered_on"),
          (JsonObject) row.getValue("answers"), row.getString("comment"), row.getString("recorded_by")));
    }
    return list;
  }
}
