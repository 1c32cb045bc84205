package fr.pacte.server.indicators;

import fr.pacte.server.programmes.ProgrammeMeasure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The programme indicators (the PDI/PTI fiches' indicators of each action): the SQL that reads them, how each is
 * computed (the measure the programme's file declares, or the programme manager's, which wins) and the figures over the
 * offer items serving the action, read from the monthly facts grouped by offer item.
 */
final class ProgrammeIndicators {

  private static final String INDICATORS = """
      SELECT a.programme_code, p.title AS programme_title, a.code AS action_code, a.title AS action_title, i.position,
             i.name, i.unit, i.period, i.target
        FROM platform.programme_indicator i
        JOIN platform.programme_action a ON a.tenant_id = i.tenant_id AND a.id = i.action_id
        JOIN platform.programme p ON p.tenant_id = a.tenant_id AND p.code = a.programme_code
       WHERE i.tenant_id = $1
       ORDER BY p.code, a.position, i.position""";
  private static final String INDICATOR = """
      SELECT i.name FROM platform.programme_indicator i
        JOIN platform.programme_action a ON a.tenant_id = i.tenant_id AND a.id = i.action_id
       WHERE i.tenant_id = $1 AND a.programme_code = $2 AND a.code = $3 AND i.position = $4
       ORDER BY a.position LIMIT 1""";
  private static final String MEASURE_COLUMNS = """
      programme_code, action_code, indicator, measure, exit_types, with_sub_actions, declared_in, version, changed_by,
      changed_at""";
  private static final String MEASURES = "SELECT " + MEASURE_COLUMNS + """

        FROM platform.programme_indicator_measure WHERE tenant_id = $1""";
  private static final String MANAGERS = "SELECT " + MEASURE_COLUMNS + """

        FROM platform.programme_indicator_measure
       WHERE tenant_id = $1 AND programme_code = $2 AND action_code = $3 AND indicator = $4 AND declared_in = 'manager'
       FOR UPDATE""";
  private static final String INSERT = """
      INSERT INTO platform.programme_indicator_measure (tenant_id, programme_code, action_code, indicator, measure,
          exit_types, with_sub_actions, declared_in, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'manager', $8) ON CONFLICT DO NOTHING
      RETURNING""" + " " + MEASURE_COLUMNS;
  private static final String UPDATE = """
      UPDATE platform.programme_indicator_measure
         SET measure = $5, exit_types = $6, with_sub_actions = $7, changed_by = $8, version = version + 1, changed_at = now()
       WHERE tenant_id = $1 AND programme_code = $2 AND action_code = $3 AND indicator = $4 AND declared_in = 'manager'
         AND version = $9
      RETURNING""" + " " + MEASURE_COLUMNS;
  private static final String DELETE = """
      DELETE FROM platform.programme_indicator_measure
       WHERE tenant_id = $1 AND programme_code = $2 AND action_code = $3 AND indicator = $4 AND declared_in = 'manager'
         AND version = $5
      RETURNING version""";
  private static final String SERVING = """
      SELECT id, programme_action FROM platform.offer_item WHERE tenant_id = $1 AND programme_action IS NOT NULL""";
  private static final String NARROW = " " + """
        AND ($2::text[] IS NULL OR action_type = ANY($2))
        AND ($3::text[] IS NULL OR territory = ANY($3))
        AND ($4::text IS NULL OR organisation_id = $4)
        AND offer_id = ANY($5)""";
  private static final String MONTHS = """
      SELECT offer_id, month, sum(orientations)::int AS orientations, sum(entries)::int AS entries, sum(exits)::int AS exits,
             sum(exit_days)::bigint AS exit_days, sum(waiting_joined - waiting_left)::int AS waiting,
             sum(sessions)::int AS sessions, sum(present)::int AS present
        FROM platform.pathway_fact
       WHERE tenant_id = $1 AND month <= $6""" + NARROW + """

       GROUP BY offer_id, month""";
  private static final String EXITS = """
      SELECT offer_id, month, exit_type, sum(exits)::int AS exits
        FROM platform.pathway_exit_fact
       WHERE tenant_id = $1 AND month >= $7 AND month <= $6""" + NARROW + """

       GROUP BY offer_id, month, exit_type""";

  private ProgrammeIndicators() {
  }

  /** One indicator of a programme action as the programme publishes it; {@code number} counts from 1 in the action. */
  record Published(String programme, String programmeTitle, String action, String actionTitle, int number, String name,
                   String unit, String period, String target) {

    /** The subject of the values entered for it ("pdi-pti-2022-2025/1-1-2"). */
    String subject() {
      return programme + "/" + action;
    }
  }

  /** How one indicator is computed, as the file or the programme manager declared it. */
  record Measure(String programme, String action, String indicator, ProgrammeMeasure measure, List<String> exitTypes,
                 boolean withSubActions, String declaredIn, int version, String changedBy, String changedAt) {

    JsonObject toJson() {
      return new JsonObject().put("programme", programme).put("action", action).put("indicator", indicator)
          .put("measure", measure.code()).put("exitTypes", new JsonArray(new ArrayList<>(exitTypes)))
          .put("withSubActions", withSubActions).put("declaredIn", declaredIn).put("version", version)
          .put("changedBy", changedBy).put("changedAt", changedAt);
    }
  }

  /**
   * One programme indicator for a filter.
   *
   * @param measure   how it is computed (null: entered, as {@link ProgrammeMeasure#ENTERED})
   * @param manager   the programme manager's choice, if any (its version is what a change sends back)
   * @param value     the value computed or entered, or null
   * @param offers    the offer items serving the action within the caller's reach
   */
  record Value(Published published, Measure measure, Measure manager, BigDecimal value, String source, String target,
               String targetSource, int offers) {

    boolean computed() {
      return measure != null && measure.measure() != ProgrammeMeasure.ENTERED;
    }

    JsonObject toJson() {
      return new JsonObject().put("programme", published.programme()).put("programmeTitle", published.programmeTitle())
          .put("action", published.action()).put("actionTitle", published.actionTitle()).put("number", published.number())
          .put("indicator", published.name()).put("unit", published.unit()).put("period", published.period())
          .put("measure", computed() ? measure.measure().code() : ProgrammeMeasure.ENTERED.code())
          .put("exitTypes", new JsonArray(computed() ? new ArrayList<>(measure.exitTypes()) : new ArrayList<>()))
          .put("withSubActions", computed() && measure.withSubActions())
          .put("declaredIn", measure == null ? null : measure.declaredIn())
          .put("version", manager == null ? null : manager.version())
          .put("value", value == null ? null : value.toPlainString()).put("source", source)
          .put("target", target).put("targetSource", targetSource).put("offerItems", offers);
    }
  }

  /** The facts of one offer item and month. */
  private record OfferMonth(UUID offer, YearMonth month, int orientations, int entries, int exits, long exitDays,
                            int waiting, int sessions, int present) {
  }

  private record OfferExit(UUID offer, String exitType, int exits) {
  }

  static Future<List<Published>> published(SqlConnection connection, String tenant) {
    return connection.preparedQuery(INDICATORS).execute(Tuple.of(tenant)).map(rows -> {
      List<Published> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Published(row.getString("programme_code"), row.getString("programme_title"),
            row.getString("action_code"), row.getString("action_title"), row.getInteger("position") + 1,
            row.getString("name"), row.getString("unit"), row.getString("period"), row.getString("target")));
      }
      return list;
    });
  }

  /** The name of an action's indicator by its number (from 1), or null. */
  static Future<String> indicatorName(SqlConnection connection, String tenant, String programme, String action, int number) {
    return connection.preparedQuery(INDICATOR).execute(Tuple.of(tenant, programme, action, number - 1))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("name"));
  }

  static Future<List<Measure>> measures(SqlConnection connection, String tenant) {
    return connection.preparedQuery(MEASURES).execute(Tuple.of(tenant)).map(ProgrammeIndicators::measureList);
  }

  /** The programme manager's measure for that indicator, locked for a change, or null. */
  static Future<Measure> manager(SqlConnection connection, String tenant, String programme, String action, String indicator) {
    return connection.preparedQuery(MANAGERS).execute(Tuple.of(tenant, programme, action, indicator))
        .map(rows -> measureList(rows).stream().findFirst().orElse(null));
  }

  static Future<Measure> insert(SqlConnection connection, String tenant, String programme, String action, String indicator,
                                MeasureInput input, String actor) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {tenant, programme, action, indicator,
            input.measure().code(), input.exitTypes().toArray(String[]::new), input.withSubActions(), actor}))
        .map(rows -> measureList(rows).stream().findFirst().orElse(null));
  }

  /** The measure changed, or null if it was not at {@code version}. */
  static Future<Measure> update(SqlConnection connection, String tenant, String programme, String action, String indicator,
                                MeasureInput input, String actor, int version) {
    return connection.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {tenant, programme, action, indicator,
            input.measure().code(), input.exitTypes().toArray(String[]::new), input.withSubActions(), actor, version}))
        .map(rows -> measureList(rows).stream().findFirst().orElse(null));
  }

  /** Whether the measure at {@code version} was removed. */
  static Future<Boolean> delete(SqlConnection connection, String tenant, String programme, String action, String indicator,
                                int version) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(tenant, programme, action, indicator, version))
        .map(rows -> rows.size() > 0);
  }

  private static List<Measure> measureList(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Measure> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(new Measure(row.getString("programme_code"), row.getString("action_code"), row.getString("indicator"),
          fr.pacte.server.text.Coded.of(ProgrammeMeasure.class, row.getString("measure")),
          Arrays.asList(row.getArrayOfStrings("exit_types")), row.getBoolean("with_sub_actions"),
          row.getString("declared_in"), row.getInteger("version"), row.getString("changed_by"),
          row.getOffsetDateTime("changed_at").toInstant().toString()));
    }
    return list;
  }

  /** Whether an offer item's programme action ("programme/action") serves the action, or one of its sub-actions. */
  static boolean serves(String reference, String programme, String action, boolean withSubActions) {
    String own = programme + "/" + action;
    return reference.equals(own)
        || withSubActions && (reference.startsWith(own + "-") || reference.startsWith(own + "."));
  }

  /**
   * Every programme indicator computed (or as entered) for the filter, narrowed like every other figure: the offer
   * items serving each action, within the narrowing's action types, territories, operator and convention.
   */
  static Future<List<Value>> compute(SqlConnection connection, String tenant, IndicatorFilter filter,
                                     FactStore.Narrowing narrowing, List<FactStore.Entry> entries,
                                     Map<String, String> exitLabels, FactStore store) {
    return published(connection, tenant).compose(published -> measures(connection, tenant).compose(measures ->
        connection.preparedQuery(SERVING).execute(Tuple.of(tenant)).compose(serving -> {
          Map<UUID, String> references = new HashMap<>();
          serving.forEach(row -> references.put(row.getUUID("id"), row.getString("programme_action")));
          if (narrowing.offers() != null) {
            references.keySet().retainAll(narrowing.offers());
          }
          Map<String, Measure> effective = new HashMap<>();
          Map<String, Measure> managers = new HashMap<>();
          for (Measure m : measures) {
            String key = m.programme() + "/" + m.action() + "|" + m.indicator();
            if (m.declaredIn().equals("manager")) {
              managers.put(key, m);
              effective.put(key, m);
            } else {
              effective.putIfAbsent(key, m);
            }
          }
          Set<UUID> used = new LinkedHashSet<>();
          Map<String, List<UUID>> offersByKey = new HashMap<>();
          for (Published p : published) {
            String key = p.subject() + "|" + p.name();
            Measure m = effective.get(key);
            List<UUID> offers = new ArrayList<>();
            references.forEach((id, reference) -> {
              if (serves(reference, p.programme(), p.action(), m != null && m.withSubActions())) {
                offers.add(id);
              }
            });
            offersByKey.put(key, offers);
            if (m != null && m.measure() != ProgrammeMeasure.ENTERED) {
              used.addAll(offers);
            }
          }
          if (used.isEmpty()) {
            return Future.succeededFuture(build(filter, published, effective, managers, offersByKey, List.of(), List.of(),
                Map.of(), entries, exitLabels));
          }
          Tuple tuple = new FactStore.Narrowing(narrowing.actionTypes(), narrowing.territories(), narrowing.organisation(),
              List.copyOf(used)).tuple(tenant).addLocalDate(filter.to().atDay(1));
          return connection.preparedQuery(MONTHS).execute(tuple).compose(monthRows -> {
            List<OfferMonth> months = new ArrayList<>();
            monthRows.forEach(row -> months.add(new OfferMonth(row.getUUID("offer_id"),
                YearMonth.from(row.getLocalDate("month")), row.getInteger("orientations"), row.getInteger("entries"),
                row.getInteger("exits"), row.getLong("exit_days"), row.getInteger("waiting"), row.getInteger("sessions"),
                row.getInteger("present"))));
            return connection.preparedQuery(EXITS).execute(tuple.addLocalDate(filter.start())).compose(exitRows -> {
              List<OfferExit> exits = new ArrayList<>();
              exitRows.forEach(row -> exits.add(new OfferExit(row.getUUID("offer_id"), row.getString("exit_type"),
                  row.getInteger("exits"))));
              return attendance(connection, tenant, filter, narrowing, published, effective, offersByKey, store)
                  .map(attendance -> build(filter, published, effective, managers, offersByKey, months, exits,
                      attendance, entries, exitLabels));
            });
          });
        })));
  }

  /** Sessions per participant needs the people, not the monthly sums: one count per indicator asking for it. */
  private static Future<Map<String, int[]>> attendance(SqlConnection connection, String tenant, IndicatorFilter filter,
                                                       FactStore.Narrowing narrowing, List<Published> published,
                                                       Map<String, Measure> effective, Map<String, List<UUID>> offersByKey,
                                                       FactStore store) {
    Future<Map<String, int[]>> all = Future.succeededFuture(new HashMap<>());
    for (Published p : published) {
      String key = p.subject() + "|" + p.name();
      Measure m = effective.get(key);
      List<UUID> offers = offersByKey.get(key);
      if (m == null || m.measure() != ProgrammeMeasure.SESSIONS_PER_PARTICIPANT || offers.isEmpty()) {
        continue;
      }
      FactStore.Narrowing one = new FactStore.Narrowing(narrowing.actionTypes(), narrowing.territories(),
          narrowing.organisation(), offers);
      all = all.compose(map -> store.attendance(connection, tenant, one, filter.start(), filter.end()).map(counts -> {
        map.put(key, counts);
        return map;
      }));
    }
    return all;
  }

  private static List<Value> build(IndicatorFilter filter, List<Published> published, Map<String, Measure> effective,
                                   Map<String, Measure> managers, Map<String, List<UUID>> offersByKey,
                                   List<OfferMonth> months, List<OfferExit> exits, Map<String, int[]> attendance,
                                   List<FactStore.Entry> entries, Map<String, String> exitLabels) {
    List<Value> values = new ArrayList<>();
    for (Published p : published) {
      String key = p.subject() + "|" + p.name();
      Measure m = effective.get(key);
      List<UUID> offers = offersByKey.get(key);
      BigDecimal enteredTarget = IndicatorService.entered(entries, p.subject(), p.name(), filter, false);
      String target = enteredTarget != null ? enteredTarget.toPlainString() : p.target();
      String targetSource = enteredTarget != null ? IndicatorService.sources(entries, p.subject(), p.name(), filter, false)
          : p.target() != null ? "Cible inscrite au programme" : null;
      BigDecimal value;
      String source;
      if (m == null || m.measure() == ProgrammeMeasure.ENTERED) {
        value = IndicatorService.entered(entries, p.subject(), p.name(), filter, true);
        source = value == null ? "À saisir par le service du programme"
            : IndicatorService.sources(entries, p.subject(), p.name(), filter, true);
      } else {
        Set<UUID> mine = new java.util.HashSet<>(offers);
        value = value(m, filter, mine, months, exits, attendance.get(key));
        source = describe(m, p.action(), offers.size(), exitLabels);
      }
      values.add(new Value(p, m, managers.get(key), value, source, target, targetSource, offers.size()));
    }
    return values;
  }

  /** The figure of one measure over the offer items {@code mine}; null when a rate has nothing to divide. */
  private static BigDecimal value(Measure m, IndicatorFilter filter, Set<UUID> mine, List<OfferMonth> months,
                                  List<OfferExit> exits, int[] attendance) {
    long before = 0;
    long waiting = 0;
    long orientations = 0;
    long entries = 0;
    long exitCount = 0;
    long exitDays = 0;
    long sessions = 0;
    long present = 0;
    for (OfferMonth o : months) {
      if (!mine.contains(o.offer())) {
        continue;
      }
      waiting += o.waiting();
      if (o.month().isBefore(filter.from())) {
        before += o.entries() - o.exits();
      } else {
        orientations += o.orientations();
        entries += o.entries();
        exitCount += o.exits();
        exitDays += o.exitDays();
        sessions += o.sessions();
        present += o.present();
      }
    }
    long typed = exits.stream().filter(e -> mine.contains(e.offer()) && m.exitTypes().contains(e.exitType()))
        .mapToLong(OfferExit::exits).sum();
    return switch (m.measure()) {
      case ORIENTATIONS -> BigDecimal.valueOf(orientations);
      case ENTRIES -> BigDecimal.valueOf(entries);
      case PEOPLE_FOLLOWED -> BigDecimal.valueOf(before + entries);
      case EXITS -> BigDecimal.valueOf(m.exitTypes().isEmpty() ? exitCount : typed);
      case POSITIVE_EXIT_RATE -> exitCount == 0 ? null : BigDecimal.valueOf(100 * typed)
          .divide(BigDecimal.valueOf(exitCount), 1, RoundingMode.HALF_UP);
      case MEAN_DURATION_DAYS -> ratio(exitDays, exitCount);
      case WORKSHOP_SESSIONS -> BigDecimal.valueOf(sessions);
      case PARTICIPANTS_PER_SESSION -> ratio(present, sessions);
      case SESSIONS_PER_PARTICIPANT -> attendance == null ? BigDecimal.ZERO : ratio(attendance[0], attendance[1]);
      case WAITING_END -> BigDecimal.valueOf(waiting);
      case ENTERED -> null;
    };
  }

  private static BigDecimal ratio(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }

  /** Where a computed value comes from, for people: "Calculé : entrées sur les actions de l'offre rattachées à 1-1-2". */
  static String describe(Measure m, String action, int offers, Map<String, String> exitLabels) {
    String what = switch (m.measure()) {
      case EXITS -> m.exitTypes().isEmpty() ? "sorties" : "sorties (" + labels(m.exitTypes(), exitLabels) + ")";
      case POSITIVE_EXIT_RATE -> "taux de sortie positive, en % des sorties (positives : " + labels(m.exitTypes(), exitLabels) + ")";
      default -> m.measure().label();
    };
    String text = "Calculé : " + what + " sur les actions de l'offre rattachées à " + action
        + (m.withSubActions() ? " et à ses sous-actions" : "");
    if (offers == 0) {
      return text + " (aucune action de l'offre n'y est rattachée)";
    }
    return text + " (" + offers + (offers == 1 ? " action de l'offre)" : " actions de l'offre)")
        + ("file".equals(m.declaredIn()) ? " ; mode de calcul inscrit au programme" : "");
  }

  private static String labels(List<String> codes, Map<String, String> exitLabels) {
    return String.join(", ", codes.stream().map(code -> exitLabels.getOrDefault(code, code)).toList());
  }
}
