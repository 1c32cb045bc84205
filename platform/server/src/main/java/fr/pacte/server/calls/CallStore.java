package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Contact;
import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.Need;
import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.calls.CallForProjects.SubCriterion;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of calls for projects, their lots and their grid. Row-level security keeps every statement in its tenant. */
public final class CallStore {

  private static final String COLUMNS = """
      id, code, title, thematic, programme_refs, context, objectives, public_text, territories_text, launch_decision,
      launch_decision_date, publication_date, deadline, time_zone, closes_at, contacts, budget_cents, general_parts,
      project_parts, documents, indirect_cost_cap_percent, max_convention_years, needs_from, notes, state, version,
      published_at, closed_at, copied_from""";
  private static final String LIST = "SELECT " + COLUMNS + " FROM platform.call_for_projects ORDER BY deadline DESC NULLS FIRST, title";
  private static final String FIND = "SELECT " + COLUMNS + " FROM platform.call_for_projects WHERE id = $1";
  private static final String FIND_CODE = "SELECT id, source_hash FROM platform.call_for_projects WHERE code = $1 FOR UPDATE";
  private static final String LOTS = """
      SELECT call_id, code, title, action_type, territories, budget_cents, needs FROM platform.call_lot
      WHERE call_id = ANY($1) ORDER BY call_id, position""";
  private static final String CRITERIA = """
      SELECT call_id, action_type, code, label, weight, scale, sub_criteria FROM platform.call_criterion
      WHERE call_id = ANY($1) ORDER BY call_id, position""";
  private static final String INSERT = """
      INSERT INTO platform.call_for_projects (tenant_id, code, title, thematic, programme_refs, context, objectives,
        public_text, territories_text, launch_decision, launch_decision_date, publication_date, deadline, time_zone,
        closes_at, contacts, budget_cents, general_parts, project_parts, documents, indirect_cost_cap_percent,
        max_convention_years, needs_from, notes, state, copied_from, source_hash, published_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
        $24, $25, $26, $27, $28)
      RETURNING id""";
  private static final String UPDATE = """
      UPDATE platform.call_for_projects SET title = $2, thematic = $3, programme_refs = $4, context = $5, objectives = $6,
        public_text = $7, territories_text = $8, launch_decision = $9, launch_decision_date = $10, publication_date = $11,
        deadline = $12, time_zone = $13, closes_at = $14, contacts = $15, budget_cents = $16, general_parts = $17,
        project_parts = $18, documents = $19, indirect_cost_cap_percent = $20, max_convention_years = $21,
        needs_from = $22, notes = $23, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String FROM_FILE = """
      UPDATE platform.call_for_projects SET state = $2, source_hash = $3, published_at = $4 WHERE id = $1""";
  private static final String LOCK_VERSION = "SELECT version, state FROM platform.call_for_projects WHERE id = $1 FOR UPDATE";
  private static final String PUBLISH = """
      UPDATE platform.call_for_projects SET state = 'published', publication_date = coalesce(publication_date, $2),
        published_at = $3, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String DELETE_LOTS = "DELETE FROM platform.call_lot WHERE call_id = $1";
  private static final String DELETE_CRITERIA = "DELETE FROM platform.call_criterion WHERE call_id = $1";
  private static final String INSERT_LOT = """
      INSERT INTO platform.call_lot (tenant_id, call_id, code, position, title, action_type, territories, budget_cents, needs)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String INSERT_CRITERION = """
      INSERT INTO platform.call_criterion (tenant_id, call_id, action_type, code, position, label, weight, scale, sub_criteria)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  /** The needs of a call of the needs file for an action type, per territory. */
  private static final String NEEDS = """
      SELECT action_type, territory, unit, target FROM platform.need_target WHERE call_code = $1 ORDER BY position""";
  private static final String NEEDS_CALL = "SELECT 1 FROM platform.need_call WHERE code = $1";
  /** A reference "programme/code" names a fiche or an action of one of the tenant's programmes. */
  private static final String PROGRAMME_REF = """
      SELECT EXISTS (SELECT 1 FROM platform.programme_fiche WHERE programme_code = $1 AND code = $2)
          OR EXISTS (SELECT 1 FROM platform.programme_action WHERE programme_code = $1 AND code = $2) AS known""";
  /** One node at a time closes a tenant's calls; another node finding the lock taken skips the tenant this round. */
  private static final String CLOSING_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('pacte.calls.closing'), hashtext($1)) AS locked";
  private static final String CLOSE_DUE = """
      UPDATE platform.call_for_projects SET state = 'closed', closed_at = $1, version = version + 1, updated_at = now()
      WHERE state = 'published' AND closes_at <= $1
      RETURNING id, title, version""";

  /** A call the closing job closed. */
  public record Closed(UUID id, String title, int version) {
  }

  public Future<List<CallForProjects>> list(SqlConnection connection) {
    return connection.query(LIST).execute().compose(rows -> assemble(connection, rows));
  }

  public Future<Optional<CallForProjects>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> assemble(connection, rows))
        .map(calls -> calls.stream().findFirst());
  }

  /** The call loaded from a tenant's file under this code, locked, with the hash of the file it came from. */
  public Future<Optional<Map.Entry<UUID, String>>> findByCode(SqlConnection connection, String code) {
    return connection.preparedQuery(FIND_CODE).execute(Tuple.of(code)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(Map.entry(rows.iterator().next().getUUID("id"), String.valueOf(rows.iterator().next().getString("source_hash")))));
  }

  public Future<UUID> insert(SqlConnection connection, String tenant, String code, Content c, State state, UUID copiedFrom,
                             String hash, Instant publishedAt) {
    Object[] values = {tenant, code, c.title(), c.thematic(), c.programmeRefs().toArray(String[]::new), c.context(),
        c.objectives(), c.publicText(), c.territoriesText(), c.launchDecision(), c.launchDecisionDate(), c.publicationDate(),
        c.deadline(), c.timeZone(), offset(c.closesAt()), contacts(c), c.budgetCents(), c.generalParts().toArray(String[]::new),
        c.projectParts().toArray(String[]::new), c.documents().toArray(String[]::new), c.indirectCostCapPercent(),
        c.maxConventionYears(), c.needsFrom(), c.notes().toArray(String[]::new), state.code(), copiedFrom, hash,
        offset(publishedAt)};
    return connection.preparedQuery(INSERT).execute(Tuple.from(values))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(id -> replaceChildren(connection, tenant, id, c).map(id));
  }

  public Future<Void> update(SqlConnection connection, String tenant, UUID id, Content c) {
    Object[] values = {id, c.title(), c.thematic(), c.programmeRefs().toArray(String[]::new), c.context(), c.objectives(),
        c.publicText(), c.territoriesText(), c.launchDecision(), c.launchDecisionDate(), c.publicationDate(), c.deadline(),
        c.timeZone(), offset(c.closesAt()), contacts(c), c.budgetCents(), c.generalParts().toArray(String[]::new),
        c.projectParts().toArray(String[]::new), c.documents().toArray(String[]::new), c.indirectCostCapPercent(),
        c.maxConventionYears(), c.needsFrom(), c.notes().toArray(String[]::new)};
    return connection.preparedQuery(UPDATE).execute(Tuple.from(values))
        .compose(done -> replaceChildren(connection, tenant, id, c));
  }

  /** Sets what a tenant's file says of the state, after {@link #update}. */
  public Future<Void> markFromFile(SqlConnection connection, UUID id, State state, String hash, Instant publishedAt) {
    return connection.preparedQuery(FROM_FILE).execute(Tuple.of(id, state.code(), hash, offset(publishedAt))).mapEmpty();
  }

  /** The version and state of a call, locked until the end of the transaction; empty if there is no such call. */
  public Future<Optional<Map.Entry<Integer, State>>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK_VERSION).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(Map.entry(rows.iterator().next().getInteger("version"), State.of(rows.iterator().next().getString("state")))));
  }

  public Future<Void> publish(SqlConnection connection, UUID id, java.time.LocalDate today, Instant now) {
    return connection.preparedQuery(PUBLISH).execute(Tuple.of(id, today, offset(now))).mapEmpty();
  }

  /** The needs of a call of the needs file: action type → territory → (unit, target). */
  public Future<Map<String, Map<String, Need>>> needs(SqlConnection connection, String needsCall) {
    return connection.preparedQuery(NEEDS).execute(Tuple.of(needsCall)).map(rows -> {
      Map<String, Map<String, Need>> byType = new LinkedHashMap<>();
      for (Row row : rows) {
        byType.computeIfAbsent(row.getString("action_type"), type -> new LinkedHashMap<>()).put(row.getString("territory"),
            new Need(row.getString("territory"), row.getString("unit"), row.getInteger("target")));
      }
      return byType;
    });
  }

  public Future<Boolean> needsCallExists(SqlConnection connection, String code) {
    return connection.preparedQuery(NEEDS_CALL).execute(Tuple.of(code)).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> programmeRefExists(SqlConnection connection, String ref) {
    String[] parts = ref.split("/", 2);
    return connection.preparedQuery(PROGRAMME_REF).execute(Tuple.of(parts[0], parts[1]))
        .map(rows -> rows.iterator().next().getBoolean("known"));
  }

  /** Closes the tenant's published calls whose deadline is at or before {@code now}, if no other node is doing it. */
  public Future<List<Closed>> closeDue(SqlConnection connection, String tenant, Instant now) {
    return connection.preparedQuery(CLOSING_LOCK).execute(Tuple.of(tenant)).compose(locked -> {
      if (!locked.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(List.of());
      }
      return connection.preparedQuery(CLOSE_DUE).execute(Tuple.of(offset(now))).map(rows -> {
        List<Closed> closed = new ArrayList<>();
        rows.forEach(row -> closed.add(new Closed(row.getUUID("id"), row.getString("title"), row.getInteger("version"))));
        return closed;
      });
    });
  }

  private Future<Void> replaceChildren(SqlConnection connection, String tenant, UUID id, Content c) {
    List<Tuple> lots = new ArrayList<>();
    for (Lot lot : c.lots()) {
      lots.add(Tuple.from(new Object[] {tenant, id, lot.code(), lots.size(), lot.title(), lot.actionType(),
          lot.territories().toArray(String[]::new), lot.budgetCents(),
          new JsonArray(lot.needs().stream().map(Need::toJson).toList())}));
    }
    List<Tuple> criteria = new ArrayList<>();
    for (Criterion criterion : c.criteria()) {
      criteria.add(Tuple.from(new Object[] {tenant, id, criterion.actionType(), criterion.code(), criteria.size(),
          criterion.label(), criterion.weight(), new JsonArray(criterion.scale().stream().map(Level::toJson).toList()),
          new JsonArray(criterion.subCriteria().stream().map(SubCriterion::toJson).toList())}));
    }
    return connection.preparedQuery(DELETE_LOTS).execute(Tuple.of(id))
        .compose(done -> connection.preparedQuery(DELETE_CRITERIA).execute(Tuple.of(id)))
        .compose(done -> lots.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(INSERT_LOT).executeBatch(lots))
        .compose(done -> criteria.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(INSERT_CRITERION).executeBatch(criteria))
        .mapEmpty();
  }

  private Future<List<CallForProjects>> assemble(SqlConnection connection, io.vertx.sqlclient.RowSet<Row> rows) {
    List<Row> calls = new ArrayList<>();
    rows.forEach(calls::add);
    if (calls.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = calls.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    return connection.preparedQuery(LOTS).execute(Tuple.of(ids)).compose(lotRows -> connection.preparedQuery(CRITERIA)
        .execute(Tuple.of(ids)).map(criterionRows -> {
          Map<UUID, List<Lot>> lots = new LinkedHashMap<>();
          for (Row row : lotRows) {
            List<Need> needs = new ArrayList<>();
            row.getJsonArray("needs").forEach(need -> {
              JsonObject n = (JsonObject) need;
              needs.add(new Need(n.getString("territory"), n.getString("unit"), n.getInteger("target")));
            });
            lots.computeIfAbsent(row.getUUID("call_id"), id -> new ArrayList<>()).add(new Lot(row.getString("code"),
                row.getString("title"), row.getString("action_type"), Arrays.asList(row.getArrayOfStrings("territories")),
                row.getLong("budget_cents"), needs));
          }
          Map<UUID, List<Criterion>> criteria = new LinkedHashMap<>();
          for (Row row : criterionRows) {
            List<Level> scale = new ArrayList<>();
            row.getJsonArray("scale").forEach(level -> scale.add(new Level(((JsonObject) level).getInteger("score"),
                ((JsonObject) level).getString("label"))));
            List<SubCriterion> subs = new ArrayList<>();
            row.getJsonArray("sub_criteria").forEach(sub -> subs.add(new SubCriterion(((JsonObject) sub).getString("code"),
                ((JsonObject) sub).getString("label"))));
            criteria.computeIfAbsent(row.getUUID("call_id"), id -> new ArrayList<>()).add(new Criterion(row.getString("code"),
                row.getString("label"), row.getString("action_type"), row.getInteger("weight"), scale, subs));
          }
          return calls.stream().map(row -> call(row, lots.getOrDefault(row.getUUID("id"), List.of()),
              criteria.getOrDefault(row.getUUID("id"), List.of()))).toList();
        }));
  }

  private static CallForProjects call(Row row, List<Lot> lots, List<Criterion> criteria) {
    List<Contact> contacts = new ArrayList<>();
    ((JsonArray) row.getValue("contacts")).forEach(item -> {
      JsonObject c = (JsonObject) item;
      contacts.add(new Contact(c.getString("name"), c.getString("role"), c.getString("email"), c.getString("phone")));
    });
    Content content = new Content(row.getString("title"), row.getString("thematic"), strings(row, "programme_refs"),
        row.getString("context"), row.getString("objectives"), row.getString("public_text"), row.getString("territories_text"),
        row.getString("launch_decision"), row.getLocalDate("launch_decision_date"), row.getLocalDate("publication_date"),
        row.getLocalDateTime("deadline"), row.getString("time_zone"), contacts, row.getLong("budget_cents"),
        strings(row, "general_parts"), strings(row, "project_parts"), strings(row, "documents"),
        row.getInteger("indirect_cost_cap_percent"), row.getInteger("max_convention_years"), row.getString("needs_from"),
        strings(row, "notes"), lots, criteria);
    return new CallForProjects(row.getUUID("id"), row.getString("code"), content, State.of(row.getString("state")),
        row.getInteger("version"), instant(row.getOffsetDateTime("closes_at")), instant(row.getOffsetDateTime("published_at")),
        instant(row.getOffsetDateTime("closed_at")), row.getUUID("copied_from"));
  }

  private static JsonArray contacts(Content c) {
    return new JsonArray(c.contacts().stream().map(Contact::toJson).toList());
  }

  private static List<String> strings(Row row, String column) {
    return Arrays.asList(row.getArrayOfStrings(column));
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
