package fr.pacte.server.reporting;

import fr.pacte.server.reporting.MonthlyReport.Line;
import fr.pacte.server.reporting.MonthlyReport.State;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of monthly reports and their reminders, and the prefill read straight from the pathways (orientations, workshop
 * sessions and attendance). Row-level security keeps every statement in its tenant.
 */
final class ReportStore {

  private static final String SETTING = """
      SELECT due_day, remind_days_before, version FROM platform.report_setting""";
  private static final String SAVE_SETTING = """
      INSERT INTO platform.report_setting (tenant_id, due_day, remind_days_before) VALUES ($1, $2, $3)
      ON CONFLICT (tenant_id) DO UPDATE SET due_day = $2, remind_days_before = $3,
        version = platform.report_setting.version + 1
      RETURNING version""";
  /** One report per offer item and territory of its places, for the items running during the month. */
  private static final String OPEN = """
      INSERT INTO platform.monthly_report (tenant_id, offer_id, territory, organisation_id, action_type, title,
        convention_id, month, due_on)
      SELECT o.tenant_id, o.id, p.territory, o.organisation_id, o.action_type, o.title,
        (SELECT c.id FROM platform.convention c WHERE c.tenant_id = o.tenant_id AND c.offer_id = o.id
          ORDER BY c.created_at LIMIT 1), $2, $3
      FROM platform.offer_item o
      JOIN platform.offer_place p ON p.tenant_id = o.tenant_id AND p.offer_id = o.id
      WHERE o.tenant_id = $1 AND o.period_start <= $4 AND o.period_end >= $2
        AND ($5::text IS NULL OR o.organisation_id = $5)
      ON CONFLICT (tenant_id, offer_id, territory, month) DO NOTHING
      RETURNING id""";
  private static final String COLUMNS = """
      r.id, r.offer_id, r.territory, r.organisation_id, o.name AS organisation_name, r.action_type, r.title,
      r.convention_id, r.month, r.due_on, r.state, r.lines, r.comment, r.submitted_at, r.submitted_by, r.validated_at,
      r.validated_by, r.approved_at, r.approved_by, r.locked_at, r.reopen_reason, r.version""";
  private static final String FROM = """
       FROM platform.monthly_report r
       JOIN platform.organisation o ON o.tenant_id = r.tenant_id AND o.id = r.organisation_id""";
  private static final String FIND = "SELECT " + COLUMNS + "\n" + FROM + "\n" + " WHERE r.id = $1";
  private static final String LOCK = "SELECT " + COLUMNS + "\n" + FROM + "\n" + " WHERE r.id = $1 FOR UPDATE OF r";
  /** The reports of a period, narrowed to an organisation or to territories when the caller's scope says so. */
  private static final String LIST = "SELECT " + COLUMNS + "\n" + FROM + "\n" + """
       WHERE r.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR r.organisation_id = $3)
         AND (cardinality($4::text[]) = 0 OR r.territory = ANY($4))
       ORDER BY r.month DESC, o.name, r.title, r.territory
       LIMIT 5000""";
  /** Whether the tenant has any report of a period: the start-up's check that its demonstration reports exist. */
  private static final String ANY = """
      SELECT EXISTS (SELECT 1 FROM platform.monthly_report WHERE month BETWEEN $1 AND $2)""";
  private static final String SAVE_LINES = """
      UPDATE platform.monthly_report SET lines = $2, comment = $3, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String PREFILLED = """
      UPDATE platform.monthly_report SET lines = $2, prefilled_at = now() WHERE id = $1""";
  private static final String SUBMIT = """
      UPDATE platform.monthly_report SET state = 'submitted', submitted_at = now(), submitted_by = $2,
        version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String VALIDATE = """
      UPDATE platform.monthly_report SET state = 'validated', validated_at = now(), validated_by = $2,
        version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String APPROVE = """
      UPDATE platform.monthly_report SET state = 'approved', approved_at = now(), approved_by = $2,
        version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String LOCK_REPORT = """
      UPDATE platform.monthly_report SET state = 'locked', locked_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String REOPEN = """
      UPDATE platform.monthly_report SET state = 'draft', reopen_reason = $2, submitted_at = NULL, submitted_by = NULL,
        validated_at = NULL, validated_by = NULL, approved_at = NULL, approved_by = NULL, locked_at = NULL,
        version = version + 1, updated_at = now() WHERE id = $1""";

  // ---- the prefill: the tableau de pilotage read from the orientations and workshops of one item in one territory
  private static final String FILE_ACTIVE = """
      SELECT
        count(*) FILTER (WHERE (created_at AT TIME ZONE $5)::date BETWEEN $3 AND $4) AS positioned,
        count(*) FILTER (WHERE entry_date < $3 AND (exit_date IS NULL OR exit_date >= $3)) AS active_start,
        count(*) FILTER (WHERE entry_date BETWEEN $3 AND $4) AS entries,
        count(*) FILTER (WHERE exit_date BETWEEN $3 AND $4) AS exits,
        count(*) FILTER (WHERE entry_date <= $4 AND (exit_date IS NULL OR exit_date > $4)) AS active_end,
        round(avg(exit_date - entry_date) FILTER (WHERE exit_date BETWEEN $3 AND $4), 1) AS exited_days,
        round(avg($4 - entry_date) FILTER (WHERE entry_date <= $4 AND (exit_date IS NULL OR exit_date > $4)), 1)
          AS active_days
      FROM platform.orientation WHERE offer_id = $1 AND territory = $2""";
  private static final String EXITS = """
      SELECT exit_type, count(*) AS exits FROM platform.orientation
      WHERE offer_id = $1 AND territory = $2 AND exit_date BETWEEN $3 AND $4
      GROUP BY exit_type ORDER BY exit_type""";
  /** The fields recorded on the participations followed during the month (what was mobilised for them). */
  private static final String FOLLOWED_FIELDS = """
      SELECT fields FROM platform.orientation
      WHERE offer_id = $1 AND territory = $2 AND entry_date <= $4 AND (exit_date IS NULL OR exit_date >= $3)""";
  private static final String WORKSHOPS = """
      SELECT count(DISTINCT s.id) AS sessions,
        count(a.person_id) FILTER (WHERE a.status = 'present') AS presences,
        count(DISTINCT a.person_id) FILTER (WHERE a.status = 'present') AS participants
      FROM platform.workshop_session s
      LEFT JOIN platform.workshop_attendance a ON a.tenant_id = s.tenant_id AND a.session_id = s.id
      WHERE s.offer_id = $1 AND s.territory = $2 AND s.starts_at::date BETWEEN $3 AND $4""";

  // ---- reminders
  private static final String DRAFTS_DUE = """
      SELECT r.id, r.organisation_id, r.title, r.territory, r.month, r.due_on FROM platform.monthly_report r
      WHERE r.state = 'draft' AND r.due_on <= $1
        AND NOT EXISTS (SELECT 1 FROM platform.report_reminder m WHERE m.tenant_id = r.tenant_id AND m.report_id = r.id
          AND m.kind = CASE WHEN r.due_on < $2 THEN 'after' ELSE 'before' END)
      ORDER BY r.due_on, r.id LIMIT 2000""";
  private static final String REMIND = """
      INSERT INTO platform.report_reminder (tenant_id, report_id, kind, organisation_id, message)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING report_id""";
  /** The operator accounts of an organisation that have an address (built-in identity provider). */
  private static final String OPERATORS = """
      SELECT email FROM platform.account
      WHERE active AND email IS NOT NULL AND 'operator' = ANY (roles) AND organisation = $1 ORDER BY username""";
  private static final String REMINDERS = """
      SELECT m.report_id, m.kind, m.message, m.created_at FROM platform.report_reminder m
      JOIN platform.monthly_report r ON r.tenant_id = m.tenant_id AND r.id = m.report_id
      WHERE r.state = 'draft' AND ($1::text IS NULL OR m.organisation_id = $1)
        AND (cardinality($2::text[]) = 0 OR r.territory = ANY($2))
      ORDER BY m.created_at DESC LIMIT 50""";

  /** When reports are due and reminded in a tenant. */
  record Settings(int dueDay, int remindDaysBefore, int version) {

    static final Settings DEFAULT = new Settings(30, 5, 0);

    /** The day a month's report is due: the due day of the following month, or its last day if shorter. */
    LocalDate dueOn(LocalDate month) {
      LocalDate next = month.plusMonths(1);
      return next.withDayOfMonth(Math.min(dueDay, next.lengthOfMonth()));
    }

    JsonObject toJson() {
      return new JsonObject().put("dueDay", dueDay).put("remindDaysBefore", remindDaysBefore).put("version", version);
    }
  }

  /** The raw figures of the tableau for one item, territory and month. */
  record Figures(long positioned, long activeStart, long entries, long exits, long activeEnd, BigDecimal exitedDays,
                 BigDecimal activeDays, Map<String, Long> exitsByType, List<JsonObject> followedFields, long sessions,
                 long presences, long participants) {
  }

  record Due(UUID id, String organisation, String title, String territory, LocalDate month, LocalDate dueOn) {
  }

  record Reminder(UUID report, String kind, String message, OffsetDateTime createdAt) {
  }

  Future<Settings> settings(SqlConnection connection) {
    return connection.query(SETTING).execute().map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Settings.DEFAULT;
      }
      Row row = rows.iterator().next();
      return new Settings(row.getInteger("due_day"), row.getInteger("remind_days_before"), row.getInteger("version"));
    });
  }

  Future<Integer> saveSettings(SqlConnection connection, String tenant, Settings settings) {
    return connection.preparedQuery(SAVE_SETTING).execute(Tuple.of(tenant, settings.dueDay(), settings.remindDaysBefore()))
        .map(rows -> rows.iterator().next().getInteger("version"));
  }

  Future<List<UUID>> open(SqlConnection connection, String tenant, LocalDate month, LocalDate dueOn, String organisation) {
    return connection.preparedQuery(OPEN)
        .execute(Tuple.of(tenant, month, dueOn, month.plusMonths(1).minusDays(1), organisation))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  Future<Optional<MonthlyReport>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIND).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(report(rows.iterator().next())) : Optional.empty());
  }

  Future<Optional<MonthlyReport>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(report(rows.iterator().next())) : Optional.empty());
  }

  Future<Boolean> any(SqlConnection connection, LocalDate from, LocalDate to) {
    return connection.preparedQuery(ANY).execute(Tuple.of(from, to)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<List<MonthlyReport>> list(SqlConnection connection, LocalDate from, LocalDate to, String organisation,
                                   List<String> territories) {
    return connection.preparedQuery(LIST)
        .execute(Tuple.of(from, to, organisation, (Object) territories.toArray(String[]::new)))
        .map(rows -> {
          List<MonthlyReport> reports = new ArrayList<>();
          rows.forEach(row -> reports.add(report(row)));
          return reports;
        });
  }

  Future<Void> saveLines(SqlConnection connection, UUID id, List<Line> lines, String comment) {
    return connection.preparedQuery(SAVE_LINES).execute(Tuple.of(id, json(lines), comment)).mapEmpty();
  }

  Future<Void> prefilled(SqlConnection connection, UUID id, List<Line> lines) {
    return connection.preparedQuery(PREFILLED).execute(Tuple.of(id, json(lines))).mapEmpty();
  }

  /** Moves a report to {@code state}, recording who did it where the state keeps it. */
  Future<Void> move(SqlConnection connection, UUID id, State state, String actorOrReason) {
    String sql = switch (state) {
      case SUBMITTED -> SUBMIT;
      case VALIDATED -> VALIDATE;
      case APPROVED -> APPROVE;
      case LOCKED -> LOCK_REPORT;
      case DRAFT -> REOPEN;
    };
    Tuple arguments = state == State.LOCKED ? Tuple.of(id) : Tuple.of(id, actorOrReason);
    return connection.preparedQuery(sql).execute(arguments).mapEmpty();
  }

  Future<Figures> figures(SqlConnection connection, UUID offer, String territory, LocalDate month, String zone) {
    LocalDate end = month.plusMonths(1).minusDays(1);
    Tuple arguments = Tuple.of(offer, territory, month, end);
    return connection.preparedQuery(FILE_ACTIVE).execute(Tuple.of(offer, territory, month, end, zone)).compose(counts ->
        connection.preparedQuery(EXITS).execute(arguments).compose(exits ->
            connection.preparedQuery(FOLLOWED_FIELDS).execute(arguments).compose(fields ->
                connection.preparedQuery(WORKSHOPS).execute(arguments).map(workshops -> {
                  Row c = counts.iterator().next();
                  Map<String, Long> byType = new LinkedHashMap<>();
                  exits.forEach(row -> byType.put(row.getString("exit_type") == null ? "" : row.getString("exit_type"),
                      row.getLong("exits")));
                  List<JsonObject> followed = new ArrayList<>();
                  fields.forEach(row -> followed.add(row.getJsonObject("fields")));
                  Row w = workshops.iterator().next();
                  return new Figures(c.getLong("positioned"), c.getLong("active_start"), c.getLong("entries"),
                      c.getLong("exits"), c.getLong("active_end"), c.getBigDecimal("exited_days"),
                      c.getBigDecimal("active_days"), byType, followed, w.getLong("sessions"), w.getLong("presences"),
                      w.getLong("participants"));
                }))));
  }

  Future<List<Due>> due(SqlConnection connection, LocalDate remindFrom, LocalDate today) {
    return connection.preparedQuery(DRAFTS_DUE).execute(Tuple.of(remindFrom, today)).map(rows -> {
      List<Due> due = new ArrayList<>();
      rows.forEach(row -> due.add(new Due(row.getUUID("id"), row.getString("organisation_id"), row.getString("title"),
          row.getString("territory"), row.getLocalDate("month"), row.getLocalDate("due_on"))));
      return due;
    });
  }

  /** Records a reminder; false when it was already there. */
  Future<Boolean> remind(SqlConnection connection, String tenant, UUID report, String kind, String organisation,
                         String message) {
    return connection.preparedQuery(REMIND).execute(Tuple.of(tenant, report, kind, organisation, message))
        .map(rows -> rows.iterator().hasNext());
  }

  Future<List<String>> operatorAddresses(SqlConnection connection, String organisation) {
    return connection.preparedQuery(OPERATORS).execute(Tuple.of(organisation)).map(rows -> {
      List<String> addresses = new ArrayList<>();
      rows.forEach(row -> addresses.add(row.getString("email")));
      return addresses;
    });
  }

  Future<List<Reminder>> reminders(SqlConnection connection, String organisation, List<String> territories) {
    return connection.preparedQuery(REMINDERS).execute(Tuple.of(organisation, (Object) territories.toArray(String[]::new)))
        .map(rows -> {
          List<Reminder> reminders = new ArrayList<>();
          rows.forEach(row -> reminders.add(new Reminder(row.getUUID("report_id"), row.getString("kind"),
              row.getString("message"), row.getOffsetDateTime("created_at"))));
          return reminders;
        });
  }

  private static JsonArray json(List<Line> lines) {
    return new JsonArray(lines.stream().map(Line::toJson).map(j -> {
      j.remove("corrected");
      return j;
    }).toList());
  }

  private static MonthlyReport report(Row row) {
    List<Line> lines = new ArrayList<>();
    JsonArray array = (JsonArray) row.getValue("lines");
    for (int i = 0; i < array.size(); i++) {
      lines.add(Line.fromJson(array.getJsonObject(i)));
    }
    return new MonthlyReport(row.getUUID("id"), row.getUUID("offer_id"), row.getString("territory"),
        row.getString("organisation_id"), row.getString("organisation_name"), row.getString("action_type"),
        row.getString("title"), row.getUUID("convention_id"), row.getLocalDate("month"), row.getLocalDate("due_on"),
        State.of(row.getString("state")), lines, row.getString("comment"), row.getOffsetDateTime("submitted_at"),
        row.getString("submitted_by"), row.getOffsetDateTime("validated_at"), row.getString("validated_by"),
        row.getOffsetDateTime("approved_at"), row.getString("approved_by"), row.getOffsetDateTime("locked_at"),
        row.getString("reopen_reason"), row.getInteger("version"));
  }
}
