package fr.pacte.server.pathways;

import fr.pacte.server.pathways.Orientation.State;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of orientations, the live capacity of an item in a territory, notifications to territories and workshops.
 * The capacity is exact under concurrency: every change of who holds a place first locks the item's place row of that
 * territory ({@code offer_place}), so two prescribers taking the last place are served one after the other.
 */
public final class OrientationStore {

  private static final String COLUMNS = """
      o.id, o.person_id, p.family_name, p.first_names, o.offer_id, coalesce(i.title, '(offre supprimée)') AS offer_title,
      o.territory, o.action_type, o.organisation_id, o.state, o.prescriber, o.prescriber_name, o.prescriber_kind,
      o.rsa_recipient, o.eligibility_note, o.entry_date, o.planned_end, o.refusal_reason, o.refusal_comment, o.exit_date,
      o.exit_type, o.exit_outcomes, o.exit_comment, o.renewals, o.fields, o.note_for_referent, o.version,
      CASE WHEN o.state = 'waiting' THEN (SELECT count(*) FROM platform.orientation w
           WHERE w.tenant_id = o.tenant_id AND w.offer_id = o.offer_id AND w.territory = o.territory
             AND w.state = 'waiting' AND (w.queued_at, w.id) <= (o.queued_at, o.id)) ELSE 0 END AS waiting_rank""";
  private static final String FROM = " " + """
       FROM platform.orientation o
       JOIN platform.person p ON p.tenant_id = o.tenant_id AND p.id = o.person_id
       LEFT JOIN platform.offer_item i ON i.tenant_id = o.tenant_id AND i.id = o.offer_id""";
  /** $1 territories, $2 organisation, $3 référent (each null: any), $4 person, $5 state, $6 offer. */
  private static final String LIST = "SELECT " + COLUMNS + FROM + """
       WHERE ($1::text[] IS NULL OR o.territory = ANY($1))
        AND ($2::text IS NULL OR o.organisation_id = $2)
        AND ($3::text IS NULL OR p.referent_username = $3)
        AND ($4::uuid IS NULL OR o.person_id = $4)
        AND ($5::text IS NULL OR o.state = $5)
        AND ($6::uuid IS NULL OR o.offer_id = $6)
      ORDER BY o.created_at DESC, o.id LIMIT $7""";
  private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE o.id = $1";
  private static final String DUE = "SELECT " + COLUMNS + FROM + """
       WHERE o.state = 'in' AND o.planned_end <= $1
        AND ($2::text[] IS NULL OR o.territory = ANY($2))
        AND ($3::text IS NULL OR o.organisation_id = $3)
        AND ($4::text IS NULL OR p.referent_username = $4)
      ORDER BY o.planned_end, o.id LIMIT 500""";
  private static final String LOCK_PLACE = """
      SELECT capacity FROM platform.offer_place WHERE offer_id = $1 AND territory = $2 FOR UPDATE""";
  private static final String PLACE = "SELECT capacity FROM platform.offer_place WHERE offer_id = $1 AND territory = $2";
  /** Served by orientation_capacity: an index-only count of the rows of one item in one territory. */
  private static final String COUNTS = """
      SELECT count(*) FILTER (WHERE state IN ('proposed', 'in')) AS held,
             count(*) FILTER (WHERE state = 'in') AS entered,
             count(*) FILTER (WHERE state = 'waiting') AS waiting,
             count(*) FILTER (WHERE state IN ('proposed', 'in') AND rsa_recipient) AS rsa_held
      FROM platform.orientation WHERE offer_id = $1 AND territory = $2 AND state IN ('proposed', 'in', 'waiting')""";
  private static final String INSERT = """
      INSERT INTO platform.orientation (tenant_id, person_id, offer_id, territory, action_type, organisation_id, state,
        prescriber, prescriber_name, prescriber_kind, rsa_recipient, eligibility_note, note_for_referent)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id""";
  private static final String OPEN_FOR = """
      SELECT 1 FROM platform.orientation WHERE person_id = $1 AND offer_id = $2 AND state IN ('proposed', 'waiting', 'in')""";
  private static final String LOCK = "SELECT version, state, offer_id, territory FROM platform.orientation WHERE id = $1 FOR UPDATE";
  private static final String ACCEPT = """
      UPDATE platform.orientation SET state = 'in', entry_date = $2, planned_end = $3, note_for_referent = coalesce($4, note_for_referent),
        version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String REFUSE = """
      UPDATE platform.orientation SET state = 'refused', refusal_reason = $2, refusal_comment = $3,
        note_for_referent = coalesce($4, note_for_referent), version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String EXIT = """
      UPDATE platform.orientation SET state = 'exited', exit_date = $2, exit_type = $3, exit_outcomes = $4, exit_comment = $5,
        version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String RENEW = """
      UPDATE platform.orientation SET planned_end = $2, renewals = renewals || $3::jsonb, version = version + 1,
        updated_at = now() WHERE id = $1""";
  private static final String FIELDS = """
      UPDATE platform.orientation SET fields = $2, note_for_referent = coalesce($3, note_for_referent), version = version + 1,
        updated_at = now() WHERE id = $1""";
  /** The first on the waiting list of an item in a territory takes the place freed. */
  private static final String PROMOTE = """
      UPDATE platform.orientation SET state = 'proposed', version = version + 1, updated_at = now()
      WHERE id = (SELECT id FROM platform.orientation WHERE offer_id = $1 AND territory = $2 AND state = 'waiting'
                  ORDER BY queued_at, id LIMIT 1)
      RETURNING id""";
  private static final String NOTIFY = """
      INSERT INTO platform.pathway_notification (tenant_id, territory, orientation_id, message) VALUES ($1, $2, $3, $4)""";
  private static final String NOTIFICATIONS = """
      SELECT n.id, n.territory, n.orientation_id, n.message, n.created_at FROM platform.pathway_notification n
      WHERE ($1::text[] IS NULL OR n.territory = ANY($1)) ORDER BY n.created_at DESC, n.id DESC LIMIT $2""";
  private static final String PERSON_ORIENTATIONS = "SELECT " + COLUMNS + FROM + " WHERE o.person_id = $1 ORDER BY o.created_at";

  private static final String SESSION_COLUMNS = """
      s.id, s.offer_id, coalesce(i.title, '(offre supprimée)') AS offer_title, s.territory, s.action_type, s.organisation_id,
      s.starts_at, s.theme, s.place, s.capacity, s.version""";
  private static final String SESSIONS = "SELECT " + SESSION_COLUMNS + """
       FROM platform.workshop_session s
       LEFT JOIN platform.offer_item i ON i.tenant_id = s.tenant_id AND i.id = s.offer_id
      WHERE ($1::text[] IS NULL OR s.territory = ANY($1))
        AND ($2::text IS NULL OR s.organisation_id = $2)
        AND ($3::uuid IS NULL OR s.id = $3)
      ORDER BY s.starts_at DESC, s.id LIMIT 200""";
  private static final String ATTENDANCE = """
      SELECT a.session_id, a.person_id, p.family_name, p.first_names, a.status FROM platform.workshop_attendance a
      JOIN platform.person p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
      WHERE a.session_id = ANY($1) ORDER BY lower(p.family_name), p.id""";
  private static final String INSERT_SESSION = """
      INSERT INTO platform.workshop_session (tenant_id, offer_id, territory, action_type, organisation_id, starts_at, theme,
        place, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";
  private static final String LOCK_SESSION = "SELECT capacity, (SELECT count(*) FROM platform.workshop_attendance a WHERE a.session_id = s.id) AS registered FROM platform.workshop_session s WHERE s.id = $1 FOR UPDATE";
  private static final String REGISTER = """
      INSERT INTO platform.workshop_attendance (tenant_id, session_id, person_id, status) VALUES ($1, $2, $3, 'registered')
      ON CONFLICT DO NOTHING""";
  private static final String MARK = """
      UPDATE platform.workshop_attendance SET status = $3, updated_at = now() WHERE session_id = $1 AND person_id = $2""";
  private static final String PERSON_ATTENDANCE = """
      SELECT s.id, s.starts_at, s.theme, a.status FROM platform.workshop_attendance a
      JOIN platform.workshop_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
      WHERE a.person_id = $1 ORDER BY s.starts_at""";

  /** An orientation locked for a change: its version, state, item and territory. */
  public record Locked(int version, State state, UUID offerId, String territory) {
  }

  /** A notification to a territory. */
  public record Notification(long id, String territory, UUID orientationId, String message, OffsetDateTime at) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("territory", territory).put("orientation", orientationId.toString())
          .put("message", message).put("at", at.toString());
    }
  }

  public Future<List<Orientation>> list(SqlConnection connection, Reach reach, UUID person, String state, UUID offer, int limit) {
    return connection.preparedQuery(LIST).execute(Tuple.from(new Object[] {reach.territoryArray(), reach.organisation(),
        reach.referent(), person, state, offer, limit})).map(OrientationStore::orientations);
  }

  public Future<List<Orientation>> ofPerson(SqlConnection connection, UUID person) {
    return connection.preparedQuery(PERSON_ORIENTATIONS).execute(Tuple.of(person)).map(OrientationStore::orientations);
  }

  public Future<Optional<Orientation>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> orientations(rows).stream().findFirst());
  }

  public Future<List<Orientation>> due(SqlConnection connection, Reach reach, LocalDate endingBy) {
    return connection.preparedQuery(DUE).execute(Tuple.from(new Object[] {endingBy, reach.territoryArray(),
        reach.organisation(), reach.referent()})).map(OrientationStore::orientations);
  }

  /**
   * The capacity of an item in a territory. With {@code lock}, the place row stays locked until the transaction ends:
   * whoever changes who holds a place there waits. Empty if the item has no places in that territory.
   */
  public Future<Optional<Capacity>> capacity(SqlConnection connection, UUID offer, String territory, boolean countsPeople,
                                             boolean lock) {
    return connection.preparedQuery(lock ? LOCK_PLACE : PLACE).execute(Tuple.of(offer, territory)).compose(place -> {
      if (place.size() == 0) {
        return Future.succeededFuture(Optional.<Capacity>empty());
      }
      int funded = place.iterator().next().getInteger("capacity");
      return connection.preparedQuery(COUNTS).execute(Tuple.of(offer, territory)).map(rows -> {
        Row row = rows.iterator().next();
        return Optional.of(new Capacity(funded, row.getLong("held").intValue(), row.getLong("entered").intValue(),
            row.getLong("waiting").intValue(), row.getLong("rsa_held").intValue(), countsPeople));
      });
    });
  }

  public Future<Boolean> openFor(SqlConnection connection, UUID person, UUID offer) {
    return connection.preparedQuery(OPEN_FOR).execute(Tuple.of(person, offer)).map(rows -> rows.size() > 0);
  }

  /** Values: tenant, person, offer, territory, action type, organisation, state, prescriber, name, kind, RSA, note, note for référent. */
  public Future<UUID> insert(SqlConnection connection, Object... values) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(values)).map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Optional<Locked>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Locked(row.getInteger("version"), State.of(row.getString("state")), row.getUUID("offer_id"),
          row.getString("territory")));
    });
  }

  public Future<Void> accept(SqlConnection connection, UUID id, LocalDate entry, LocalDate plannedEnd, String note) {
    return connection.preparedQuery(ACCEPT).execute(Tuple.of(id, entry, plannedEnd, note)).mapEmpty();
  }

  public Future<Void> refuse(SqlConnection connection, UUID id, String reason, String comment, String note) {
    return connection.preparedQuery(REFUSE).execute(Tuple.of(id, reason, comment, note)).mapEmpty();
  }

  public Future<Void> exit(SqlConnection connection, UUID id, LocalDate date, String type, List<String> outcomes, String comment) {
    return connection.preparedQuery(EXIT).execute(Tuple.of(id, date, type, outcomes.toArray(String[]::new), comment)).mapEmpty();
  }

  public Future<Void> renew(SqlConnection connection, UUID id, LocalDate plannedEnd, JsonObject renewal) {
    return connection.preparedQuery(RENEW).execute(Tuple.of(id, plannedEnd, new JsonArray().add(renewal))).mapEmpty();
  }

  public Future<Void> fields(SqlConnection connection, UUID id, JsonObject fields, String note) {
    return connection.preparedQuery(FIELDS).execute(Tuple.of(id, fields, note)).mapEmpty();
  }

  /** Gives the place freed to the first person waiting, if any; the place row must be locked. */
  public Future<Optional<UUID>> promoteFirstWaiting(SqlConnection connection, UUID offer, String territory) {
    return connection.preparedQuery(PROMOTE).execute(Tuple.of(offer, territory))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
  }

  public Future<Void> notifyTerritory(SqlConnection connection, String tenant, String territory, UUID orientation, String message) {
    return connection.preparedQuery(NOTIFY).execute(Tuple.of(tenant, territory, orientation, message)).mapEmpty();
  }

  public Future<List<Notification>> notifications(SqlConnection connection, Reach reach, int limit) {
    return connection.preparedQuery(NOTIFICATIONS).execute(Tuple.of(reach.territoryArray(), limit)).map(rows -> {
      List<Notification> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Notification(row.getLong("id"), row.getString("territory"),
          row.getUUID("orientation_id"), row.getString("message"), row.getOffsetDateTime("created_at"))));
      return list;
    });
  }

  public Future<List<WorkshopSession>> sessions(SqlConnection connection, Reach reach, UUID id) {
    return connection.preparedQuery(SESSIONS).execute(Tuple.from(new Object[] {reach.territoryArray(), reach.organisation(), id}))
        .compose(rows -> {
          List<Row> sessions = new ArrayList<>();
          rows.forEach(sessions::add);
          UUID[] ids = sessions.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
          return connection.preparedQuery(ATTENDANCE).execute(Tuple.of(ids)).map(attendance -> {
            Map<UUID, List<WorkshopSession.Attendance>> bySession = new LinkedHashMap<>();
            for (Row row : attendance) {
              bySession.computeIfAbsent(row.getUUID("session_id"), key -> new ArrayList<>()).add(new WorkshopSession.Attendance(
                  row.getUUID("person_id"), name(row.getString("family_name"), row.getString("first_names")),
                  row.getString("status")));
            }
            return sessions.stream().map(row -> new WorkshopSession(row.getUUID("id"), row.getUUID("offer_id"),
                row.getString("offer_title"), row.getString("territory"), row.getString("action_type"),
                row.getString("organisation_id"), row.getLocalDateTime("starts_at"), row.getString("theme"),
                row.getString("place"), row.getInteger("capacity"), bySession.getOrDefault(row.getUUID("id"), List.of()),
                row.getInteger("version"))).toList();
          });
        });
  }

  public Future<UUID> insertSession(SqlConnection connection, String tenant, UUID offer, String territory, String actionType,
                                    String organisation, LocalDateTime startsAt, String theme, String place, int capacity) {
    return connection.preparedQuery(INSERT_SESSION).execute(Tuple.from(new Object[] {tenant, offer, territory, actionType,
        organisation, startsAt, theme, place, capacity})).map(rows -> rows.iterator().next().getUUID("id"));
  }

  /** The session's capacity and registrations, locked: [capacity, registered], or empty. */
  public Future<Optional<int[]>> lockSession(SqlConnection connection, UUID session) {
    return connection.preparedQuery(LOCK_SESSION).execute(Tuple.of(session)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new int[] {rows.iterator().next().getInteger("capacity"), rows.iterator().next().getLong("registered").intValue()}));
  }

  public Future<Boolean> register(SqlConnection connection, String tenant, UUID session, UUID person) {
    return connection.preparedQuery(REGISTER).execute(Tuple.of(tenant, session, person)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Boolean> mark(SqlConnection connection, UUID session, UUID person, String status) {
    return connection.preparedQuery(MARK).execute(Tuple.of(session, person, status)).map(rows -> rows.rowCount() > 0);
  }

  public Future<JsonArray> attendanceOf(SqlConnection connection, UUID person) {
    return connection.preparedQuery(PERSON_ATTENDANCE).execute(Tuple.of(person)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(row -> list.add(new JsonObject().put("session", row.getUUID("id").toString())
          .put("startsAt", row.getLocalDateTime("starts_at").toString()).put("theme", row.getString("theme"))
          .put("status", row.getString("status"))));
      return list;
    });
  }

  static String name(String family, String first) {
    return family.toUpperCase(java.util.Locale.FRENCH) + (first == null || first.isEmpty() ? "" : " " + first);
  }

  private static List<Orientation> orientations(RowSet<Row> rows) {
    List<Orientation> list = new ArrayList<>();
    for (Row row : rows) {
      Object renewals = row.getValue("renewals");
      Object fields = row.getValue("fields");
      list.add(new Orientation(row.getUUID("id"), row.getUUID("person_id"),
          name(row.getString("family_name"), row.getString("first_names")), row.getUUID("offer_id"),
          row.getString("offer_title"), row.getString("territory"), row.getString("action_type"),
          row.getString("organisation_id"), State.of(row.getString("state")), row.getString("prescriber"),
          row.getString("prescriber_name"), row.getString("prescriber_kind"), row.getBoolean("rsa_recipient"),
          row.getString("eligibility_note"), row.getLocalDate("entry_date"), row.getLocalDate("planned_end"),
          row.getString("refusal_reason"), row.getString("refusal_comment"), row.getLocalDate("exit_date"),
          row.getString("exit_type"), Arrays.asList(row.getArrayOfStrings("exit_outcomes")), row.getString("exit_comment"),
          renewals instanceof JsonArray a ? a : new JsonArray(String.valueOf(renewals)),
          fields instanceof JsonObject f ? f : new JsonObject(String.valueOf(fields)),
          row.getString("note_for_referent"), row.getLong("waiting_rank").intValue(), row.getInteger("version")));
    }
    return list;
  }
}
