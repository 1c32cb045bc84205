package fr.pacte.server.indicators;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL of the indicators: the monthly facts the database keeps as pathways change (V23), the places, objectives and
 * needs they are measured against, the counts on participation fields, and the values entered by hand. Every query
 * takes the same narrowing: action types, territories, operator and offer items (null for any).
 */
final class FactStore {

  private static final String NARROW = " " + """
        AND ($2::text[] IS NULL OR action_type = ANY($2))
        AND ($3::text[] IS NULL OR territory = ANY($3))
        AND ($4::text IS NULL OR organisation_id = $4)
        AND ($5::uuid[] IS NULL OR offer_id = ANY($5))""";
  /** Every month up to the period's end: the file active is what came in minus what went out before. */
  private static final String MONTHS = """
      SELECT action_type, month, sum(orientations)::int AS orientations, sum(entries)::int AS entries,
             sum(exits)::int AS exits, sum(exit_days)::bigint AS exit_days, sum(waiting_joined)::int AS waiting_joined,
             sum(waiting_left)::int AS waiting_left,
             sum(sessions)::int AS sessions, sum(registered)::int AS registered, sum(present)::int AS present,
             sum(absent)::int AS absent, sum(excused)::int AS excused
        FROM platform.pathway_fact
       WHERE tenant_id = $1 AND month <= $6""" + NARROW + """

       GROUP BY action_type, month ORDER BY month""";
  private static final String EXITS = """
      SELECT month, exit_type, sum(exits)::int AS exits
        FROM platform.pathway_exit_fact
       WHERE tenant_id = $1 AND month <= $6""" + NARROW + """

       GROUP BY month, exit_type HAVING sum(exits) <> 0 ORDER BY month, exit_type""";
  /** File active per action type and territory at the period's end, for the occupancy and the needs. */
  private static final String FILE_BY_TERRITORY = """
      SELECT action_type, territory, sum(entries - exits)::int AS file_active
        FROM platform.pathway_fact
       WHERE tenant_id = $1 AND month <= $6""" + NARROW + """

       GROUP BY action_type, territory""";
  private static final String PLACES = """
      SELECT i.action_type, p.territory, i.period_start, i.period_end, p.capacity
        FROM platform.offer_item i JOIN platform.offer_place p ON p.tenant_id = i.tenant_id AND p.offer_id = i.id
       WHERE i.tenant_id = $1
         AND ($2::text[] IS NULL OR i.action_type = ANY($2))
         AND ($3::text[] IS NULL OR p.territory = ANY($3))
         AND ($4::text IS NULL OR i.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR i.id = ANY($5))""";
  private static final String OBJECTIVES = """
      SELECT c.action_type, c.period_start, (o ->> 'year')::int AS year, o ->> 'territory' AS territory,
             (o ->> 'target')::int AS target
        FROM platform.convention c, jsonb_array_elements(c.terms -> 'objectives') o
       WHERE c.tenant_id = $1 AND c.state IN ('signed', 'running', 'ended')
         AND ($2::text[] IS NULL OR c.action_type = ANY($2))
         AND ($3::text[] IS NULL OR o ->> 'territory' = ANY($3))
         AND ($4::text IS NULL OR c.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR c.offer_id = ANY($5))""";
  /** The needs of the most recent call that names each action type. */
  private static final String NEEDS = """
      SELECT DISTINCT ON (action_type, territory) action_type, territory, target
        FROM platform.need_target
       WHERE tenant_id = $1
         AND ($2::text[] IS NULL OR action_type = ANY($2))
         AND ($3::text[] IS NULL OR territory = ANY($3))
       ORDER BY action_type, territory, call_code DESC""";
  /** Sessions attended per participant present at least once, over the sessions of the period. */
  private static final String ATTENDANCE = """
      SELECT count(*)::int AS attended, count(DISTINCT a.person_id)::int AS participants
        FROM platform.workshop_session s
        JOIN platform.workshop_attendance a ON a.tenant_id = s.tenant_id AND a.session_id = s.id AND a.status = 'present'
       WHERE s.tenant_id = $1 AND s.starts_at >= $6 AND s.starts_at < $7
         AND ($2::text[] IS NULL OR s.action_type = ANY($2))
         AND ($3::text[] IS NULL OR s.territory = ANY($3))
         AND ($4::text IS NULL OR s.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR s.offer_id = ANY($5))""";
  /** The participations followed during the period (entered before its end, not gone before its start). */
  private static final String FOLLOWED = " " + """
        FROM platform.orientation o
       WHERE o.tenant_id = $1 AND o.entry_date IS NOT NULL AND o.entry_date <= $7
         AND (o.exit_date IS NULL OR o.exit_date >= $6) AND o.state IN ('in', 'exited')
         AND ($2::text[] IS NULL OR o.action_type = ANY($2))
         AND ($3::text[] IS NULL OR o.territory = ANY($3))
         AND ($4::text IS NULL OR o.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR o.offer_id = ANY($5))""";
  private static final String FIELD_TRUE = """
      SELECT count(*)::int AS value""" + FOLLOWED + """

         AND CASE jsonb_typeof(o.fields -> $8)
               WHEN 'boolean' THEN (o.fields ->> $8)::boolean
               WHEN 'string' THEN o.fields ->> $8 <> ''
               WHEN 'array' THEN jsonb_array_length(o.fields -> $8) > 0
               WHEN 'number' THEN (o.fields ->> $8)::numeric > 0
               ELSE false END""";
  private static final String FIELD_EQUALS = """
      SELECT count(*)::int AS value""" + FOLLOWED + """

         AND o.fields ->> $8 = $9""";
  private static final String FIELD_CHOICES = """
      SELECT coalesce(sum(jsonb_array_length(o.fields -> $8)), 0)::int AS value""" + FOLLOWED + """

         AND jsonb_typeof(o.fields -> $8) = 'array'""";
  private static final String FIELD_SUM = """
      SELECT coalesce(sum((o.fields ->> $8)::numeric), 0) AS value""" + FOLLOWED + """

         AND jsonb_typeof(o.fields -> $8) = 'number'""";
  private static final String OPERATORS = """
      SELECT id, name FROM platform.organisation WHERE tenant_id = $1 AND kind = 'operator' ORDER BY lower(name)""";
  private static final String ENTRIES = """
      SELECT id, subject, indicator, territory, period_start, period_end, value, target, source, entered_by, version,
             updated_at
        FROM platform.indicator_entry
       WHERE tenant_id = $1 AND ($2::text IS NULL OR subject = $2)
         AND period_start >= $3 AND period_end <= $4
         AND ($5::text[] IS NULL OR territory = ANY($5))
       ORDER BY subject, indicator, period_start, territory NULLS FIRST""";
  private static final String ENTRY = """
      SELECT id, subject, indicator, territory, period_start, period_end, value, target, source, entered_by, version,
             updated_at
        FROM platform.indicator_entry WHERE tenant_id = $1 AND id = $2""";
  private static final String INSERT_ENTRY = """
      INSERT INTO platform.indicator_entry (tenant_id, subject, indicator, territory, period_start, period_end, value,
          target, source, entered_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (tenant_id, subject, indicator, coalesce(territory, ''), period_start, period_end) DO NOTHING
      RETURNING id""";
  private static final String UPDATE_ENTRY = """
      UPDATE platform.indicator_entry SET value = $3, target = $4, source = $5, entered_by = $6, version = version + 1,
             updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND version = $7
      RETURNING id""";

  /** What narrows every figure: null for any. */
  record Narrowing(List<String> actionTypes, List<String> territories, String organisation, List<UUID> offers) {

    Tuple tuple(String tenant) {
      return Tuple.of(tenant, array(actionTypes), array(territories), organisation,
          offers == null ? null : offers.toArray(UUID[]::new));
    }

    private static String[] array(List<String> values) {
      return values == null ? null : values.toArray(String[]::new);
    }
  }

  /** One month of one action type, as the facts hold it. */
  record Month(String actionType, YearMonth month, int orientations, int entries, int exits, long exitDays, int waitingJoined,
               int waitingLeft, int sessions, int registered, int present, int absent, int excused) {
  }

  record ExitCount(YearMonth month, String exitType, int exits) {
  }

  record FileActive(String actionType, String territory, int count) {
  }

  record Places(String actionType, String territory, LocalDate start, LocalDate end, int capacity) {

    boolean covers(YearMonth month) {
      return !start.isAfter(month.atEndOfMonth()) && !end.isBefore(month.atDay(1));
    }
  }

  record Objective(String actionType, LocalDate conventionStart, int year, String territory, int target) {

    /** Whether the month falls in this objective's year of the convention. */
    boolean covers(YearMonth month) {
      LocalDate from = conventionStart.plusYears(year - 1L);
      LocalDate to = from.plusYears(1).minusDays(1);
      return !from.isAfter(month.atEndOfMonth()) && !to.isBefore(month.atDay(1));
    }
  }

  record Need(String actionType, String territory, int target) {
  }

  /** A value (or a target) entered by the programme manager for a period, with its source. */
  record Entry(UUID id, String subject, String indicator, String territory, LocalDate periodStart, LocalDate periodEnd,
               BigDecimal value, BigDecimal target, String source, String enteredBy, int version, String updatedAt) {

    JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("subject", subject).put("indicator", indicator)
          .put("territory", territory).put("periodStart", periodStart.toString()).put("periodEnd", periodEnd.toString())
          .put("value", value == null ? null : value.toPlainString())
          .put("target", target == null ? null : target.toPlainString())
          .put("source", source).put("enteredBy", enteredBy).put("version", version).put("updatedAt", updatedAt);
    }
  }

  Future<List<Month>> months(SqlConnection connection, String tenant, Narrowing narrowing, YearMonth until) {
    return connection.preparedQuery(MONTHS).execute(narrowing.tuple(tenant).addLocalDate(until.atDay(1))).map(rows -> {
      List<Month> months = new ArrayList<>();
      for (Row row : rows) {
        months.add(new Month(row.getString("action_type"), YearMonth.from(row.getLocalDate("month")),
            row.getInteger("orientations"), row.getInteger("entries"), row.getInteger("exits"), row.getLong("exit_days"),
            row.getInteger("waiting_joined"), row.getInteger("waiting_left"), row.getInteger("sessions"), row.getInteger("registered"), row.getInteger("present"),
            row.getInteger("absent"), row.getInteger("excused")));
      }
      return months;
    });
  }

  Future<List<ExitCount>> exits(SqlConnection connection, String tenant, Narrowing narrowing, YearMonth until) {
    return connection.preparedQuery(EXITS).execute(narrowing.tuple(tenant).addLocalDate(until.atDay(1))).map(rows -> {
      List<ExitCount> exits = new ArrayList<>();
      rows.forEach(row -> exits.add(new ExitCount(YearMonth.from(row.getLocalDate("month")), row.getString("exit_type"),
          row.getInteger("exits"))));
      return exits;
    });
  }

  Future<List<FileActive>> fileByTerritory(SqlConnection connection, String tenant, Narrowing narrowing, YearMonth until) {
    return connection.preparedQuery(FILE_BY_TERRITORY).execute(narrowing.tuple(tenant).addLocalDate(until.atDay(1)))
        .map(rows -> {
          List<FileActive> files = new ArrayList<>();
          rows.forEach(row -> files.add(new FileActive(row.getString("action_type"), row.getString("territory"),
              row.getInteger("file_active"))));
          return files;
        });
  }

  Future<List<Places>> places(SqlConnection connection, String tenant, Narrowing narrowing) {
    return connection.preparedQuery(PLACES).execute(narrowing.tuple(tenant)).map(rows -> {
      List<Places> places = new ArrayList<>();
      rows.forEach(row -> places.add(new Places(row.getString("action_type"), row.getString("territory"),
          row.getLocalDate("period_start"), row.getLocalDate("period_end"), row.getInteger("capacity"))));
      return places;
    });
  }

  Future<List<Objective>> objectives(SqlConnection connection, String tenant, Narrowing narrowing) {
    return connection.preparedQuery(OBJECTIVES).execute(narrowing.tuple(tenant)).map(rows -> {
      List<Objective> objectives = new ArrayList<>();
      rows.forEach(row -> objectives.add(new Objective(row.getString("action_type"), row.getLocalDate("period_start"),
          row.getInteger("year"), row.getString("territory"), row.getInteger("target"))));
      return objectives;
    });
  }

  Future<List<Need>> needs(SqlConnection connection, String tenant, Narrowing narrowing) {
    Tuple tuple = Tuple.of(tenant, narrowing.actionTypes() == null ? null : narrowing.actionTypes().toArray(String[]::new),
        narrowing.territories() == null ? null : narrowing.territories().toArray(String[]::new));
    return connection.preparedQuery(NEEDS).execute(tuple).map(rows -> {
      List<Need> needs = new ArrayList<>();
      rows.forEach(row -> needs.add(new Need(row.getString("action_type"), row.getString("territory"), row.getInteger("target"))));
      return needs;
    });
  }

  /** Present attendances and distinct participants present, over the sessions starting in [from, to]. */
  Future<int[]> attendance(SqlConnection connection, String tenant, Narrowing narrowing, LocalDate from, LocalDate to) {
    return connection.preparedQuery(ATTENDANCE).execute(narrowing.tuple(tenant).addLocalDateTime(from.atStartOfDay())
            .addLocalDateTime(to.plusDays(1).atStartOfDay()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new int[] {row.getInteger("attended"), row.getInteger("participants")};
        });
  }

  /** A count on participation fields over the participations followed in [from, to]; see IndicatorComputation. */
  Future<BigDecimal> fieldCount(SqlConnection connection, String tenant, Narrowing narrowing, LocalDate from, LocalDate to,
                                fr.pacte.api.IndicatorComputation how) {
    String sql = switch (how.kind()) {
      case FIELD_TRUE -> FIELD_TRUE;
      case FIELD_EQUALS -> FIELD_EQUALS;
      case FIELD_CHOICES -> FIELD_CHOICES;
      case FIELD_SUM -> FIELD_SUM;
      default -> throw new IllegalArgumentException(how.kind().name());
    };
    Future<BigDecimal> total = Future.succeededFuture(BigDecimal.ZERO);
    for (String field : how.fields()) {
      Tuple tuple = narrowing.tuple(tenant).addLocalDate(from).addLocalDate(to).addString(field);
      if (how.kind() == fr.pacte.api.IndicatorComputation.Kind.FIELD_EQUALS) {
        tuple.addString(how.value());
      }
      total = total.compose(sum -> connection.preparedQuery(sql).execute(tuple).map(rows -> {
        Row row = rows.iterator().next();
        BigDecimal value = decimal(row, "value");
        return value == null ? sum : sum.add(value);
      }));
    }
    return total;
  }

  /** The tenant's operators, id to name, by name. */
  Future<java.util.Map<String, String>> operators(SqlConnection connection, String tenant) {
    return connection.preparedQuery(OPERATORS).execute(Tuple.of(tenant)).map(rows -> {
      java.util.Map<String, String> operators = new java.util.LinkedHashMap<>();
      rows.forEach(row -> operators.put(row.getString("id"), row.getString("name")));
      return operators;
    });
  }

  Future<List<Entry>> entries(SqlConnection connection, String tenant, String subject, LocalDate from, LocalDate to,
                              List<String> territories) {
    return connection.preparedQuery(ENTRIES).execute(Tuple.of(tenant, subject, from, to,
        territories == null ? null : territories.toArray(String[]::new))).map(FactStore::entryList);
  }

  Future<Entry> entry(SqlConnection connection, String tenant, UUID id) {
    return connection.preparedQuery(ENTRY).execute(Tuple.of(tenant, id))
        .map(rows -> entryList(rows).stream().findFirst().orElse(null));
  }

  /** The new entry's id, or null when one already exists for that indicator, territory and period. */
  Future<UUID> insert(SqlConnection connection, String tenant, EntryInput input, String enteredBy) {
    return connection.preparedQuery(INSERT_ENTRY).execute(Tuple.from(new Object[] {tenant, input.subject(), input.indicator(),
            input.territory(), input.periodStart(), input.periodEnd(), numeric(input.value()), numeric(input.target()), input.source(),
            enteredBy}))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** Whether the entry at that version was changed. */
  Future<Boolean> update(SqlConnection connection, String tenant, UUID id, EntryInput input, String enteredBy, int version) {
    return connection.preparedQuery(UPDATE_ENTRY).execute(Tuple.from(new Object[] {tenant, id, numeric(input.value()), numeric(input.target()),
            input.source(), enteredBy, version}))
        .map(rows -> rows.size() > 0);
  }

  private static List<Entry> entryList(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Entry> entries = new ArrayList<>();
    for (Row row : rows) {
      entries.add(new Entry(row.getUUID("id"), row.getString("subject"), row.getString("indicator"), row.getString("territory"),
          row.getLocalDate("period_start"), row.getLocalDate("period_end"), decimal(row, "value"), decimal(row, "target"),
          row.getString("source"), row.getString("entered_by"), row.getInteger("version"),
          row.getOffsetDateTime("updated_at").toInstant().toString()));
    }
    return entries;
  }

  private static BigDecimal decimal(Row row, String column) {
    Object value = row.getValue(column);
    return value == null ? null : new BigDecimal(value.toString());
  }

  private static io.vertx.sqlclient.data.Numeric numeric(BigDecimal value) {
    return value == null ? null : io.vertx.sqlclient.data.Numeric.create(value);
  }

  static JsonArray strings(List<String> values) {
    return values == null ? null : new JsonArray(new ArrayList<>(values));
  }
}
