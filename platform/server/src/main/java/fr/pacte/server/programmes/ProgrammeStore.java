package fr.pacte.server.programmes;

import fr.pacte.server.programmes.Programme.Action;
import fr.pacte.server.programmes.Programme.Axis;
import fr.pacte.server.programmes.Programme.Chantier;
import fr.pacte.server.programmes.Programme.Fiche;
import fr.pacte.server.programmes.Programme.GovernanceBody;
import fr.pacte.server.programmes.Programme.Indicator;
import fr.pacte.server.programmes.Programme.Roadmap;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the programmes. A programme is written as a whole (seed file, import) and read as a JSON tree carrying the
 * ids and versions of its editable rows (actions, chantiers); actions and chantiers are also updated one by one.
 * Every statement runs in the tenant's transaction: row-level security scopes it.
 */
public final class ProgrammeStore {

  private static final String INSERT_PROGRAMME = """
      INSERT INTO platform.programme (tenant_id, code, kind, title, period_from, period_to, adopted_on, territory,
        supersedes, summary, notes, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";
  private static final String DELETE_PROGRAMME = "DELETE FROM platform.programme WHERE code = $1 RETURNING version";
  private static final String INSERT_PREVIOUS = """
      INSERT INTO platform.programme_previous (tenant_id, programme_code, version, title, content, axes, fiches, actions,
        replaced_by, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
  private static final String SELECT_PREVIOUS = """
      SELECT id, version, title, axes, fiches, actions, replaced_at, replaced_by, reason
      FROM platform.programme_previous WHERE programme_code = $1 ORDER BY id DESC""";
  /** The newest previous version, locked: two restores at once restore it once. */
  private static final String LATEST_PREVIOUS = """
      SELECT id, version, title, content FROM platform.programme_previous WHERE programme_code = $1
      ORDER BY id DESC LIMIT 1 FOR UPDATE""";
  private static final String DELETE_PREVIOUS = "DELETE FROM platform.programme_previous WHERE id = $1";
  private static final String INSERT_REVISION = """
      INSERT INTO platform.programme_revision (tenant_id, programme_code, position, revised_on, note)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_SIGNATORY = """
      INSERT INTO platform.programme_signatory (tenant_id, programme_code, position, name, represented_by)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_COMMITMENT = """
      INSERT INTO platform.programme_commitment (tenant_id, programme_code, position, partner, items)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_BODY = """
      INSERT INTO platform.programme_body (tenant_id, programme_code, code, position, name, role, members, cadence)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String INSERT_MEETING = """
      INSERT INTO platform.programme_meeting (tenant_id, programme_code, body_code, position, held_on, participants,
        decisions, minutes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String INSERT_AXIS = """
      INSERT INTO platform.programme_axis (tenant_id, programme_code, code, position, title, description, status, planned,
        notes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String INSERT_FICHE = """
      INSERT INTO platform.programme_fiche (tenant_id, programme_code, axis_code, code, position, title,
        starting_situation, desired_situation, notes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String INSERT_ACTION = """
      INSERT INTO platform.programme_action (tenant_id, programme_code, axis_code, fiche_code, code, position, title,
        description, target_public, pilots, partners, calendar, notes, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""";
  // The action's id is generated: indicators find it by its natural key.
  private static final String INSERT_INDICATOR_BY_CODE = """
      INSERT INTO platform.programme_indicator (tenant_id, action_id, position, name, unit, period, target)
      SELECT $1, a.id, $6, $7, $8, $9, $10 FROM platform.programme_action a
      WHERE a.programme_code = $2 AND a.axis_code = $3 AND a.fiche_code = $4 AND a.code = $5""";
  private static final String INSERT_INDICATOR = """
      INSERT INTO platform.programme_indicator (tenant_id, action_id, position, name, unit, period, target)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  // The measures the file declares replace the file's previous ones; the programme manager's stay (V27).
  private static final String DELETE_FILE_MEASURES = """
      DELETE FROM platform.programme_indicator_measure WHERE programme_code = $1 AND declared_in = 'file'""";
  private static final String INSERT_FILE_MEASURE = """
      INSERT INTO platform.programme_indicator_measure (tenant_id, programme_code, action_code, indicator, measure,
        exit_types, with_sub_actions, declared_in, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'file', $8) ON CONFLICT DO NOTHING""";
  private static final String INSERT_ROADMAP = """
      INSERT INTO platform.programme_roadmap (tenant_id, programme_code, position, territory, title)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_CHANTIER = """
      INSERT INTO platform.programme_chantier (tenant_id, programme_code, roadmap_position, code, position, title,
        description, partners, actions, notes, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";

  private static final String SELECT_PROGRAMMES = """
      SELECT p.code, p.kind, p.title, p.period_from, p.period_to, p.adopted_on, p.territory, p.supersedes, p.version,
        p.changed_by, p.changed_at,
        (SELECT count(*) FROM platform.programme_axis x WHERE x.programme_code = p.code) AS axes,
        (SELECT count(*) FROM platform.programme_fiche f WHERE f.programme_code = p.code) AS fiches,
        (SELECT count(*) FROM platform.programme_action a WHERE a.programme_code = p.code) AS actions,
        (SELECT count(*) FROM platform.programme_roadmap r WHERE r.programme_code = p.code) AS roadmaps
      FROM platform.programme p ORDER BY p.period_from DESC, p.code""";
  private static final String SELECT_PROGRAMME = """
      SELECT code, kind, title, period_from, period_to, adopted_on, territory, supersedes, summary, notes, version,
        changed_by, changed_at
      FROM platform.programme WHERE code = $1""";
  private static final String SELECT_REVISIONS =
      "SELECT revised_on, note FROM platform.programme_revision WHERE programme_code = $1 ORDER BY position";
  private static final String SELECT_SIGNATORIES =
      "SELECT name, represented_by FROM platform.programme_signatory WHERE programme_code = $1 ORDER BY position";
  private static final String SELECT_COMMITMENTS =
      "SELECT partner, items FROM platform.programme_commitment WHERE programme_code = $1 ORDER BY position";
  private static final String SELECT_BODIES = """
      SELECT code, name, role, members, cadence FROM platform.programme_body WHERE programme_code = $1
      ORDER BY position""";
  private static final String SELECT_MEETINGS = """
      SELECT body_code, held_on, participants, decisions, minutes FROM platform.programme_meeting
      WHERE programme_code = $1 ORDER BY body_code, position""";
  private static final String SELECT_AXES = """
      SELECT code, title, description, status, planned, notes FROM platform.programme_axis WHERE programme_code = $1
      ORDER BY position""";
  private static final String SELECT_FICHES = """
      SELECT axis_code, code, title, starting_situation, desired_situation, notes FROM platform.programme_fiche
      WHERE programme_code = $1 ORDER BY position""";
  private static final String SELECT_ACTIONS = """
      SELECT id, axis_code, fiche_code, code, title, description, target_public, pilots, partners, calendar, notes,
        version, changed_by, changed_at
      FROM platform.programme_action WHERE programme_code = $1 ORDER BY position""";
  private static final String SELECT_INDICATORS = """
      SELECT i.action_id, i.name, i.unit, i.period, i.target, m.measure, m.exit_types, m.with_sub_actions
      FROM platform.programme_indicator i
      JOIN platform.programme_action a ON a.tenant_id = i.tenant_id AND a.id = i.action_id
      LEFT JOIN platform.programme_indicator_measure m ON m.tenant_id = a.tenant_id AND m.programme_code = a.programme_code
        AND m.action_code = a.code AND m.indicator = i.name AND m.declared_in = 'file'
      WHERE a.programme_code = $1 ORDER BY i.action_id, i.position""";
  private static final String SELECT_ROADMAPS = """
      SELECT position, territory, title FROM platform.programme_roadmap WHERE programme_code = $1 ORDER BY position""";
  private static final String SELECT_CHANTIERS = """
      SELECT c.id, c.roadmap_position, c.code, c.title, c.description, c.partners, c.actions, c.notes, c.version,
        c.changed_by, c.changed_at, r.territory
      FROM platform.programme_chantier c
      JOIN platform.programme_roadmap r ON r.tenant_id = c.tenant_id AND r.programme_code = c.programme_code
        AND r.position = c.roadmap_position
      WHERE c.programme_code = $1 ORDER BY c.position""";

  private static final String ACTION_COLUMNS = """
      a.id, a.axis_code, a.fiche_code, a.code, a.title, a.description, a.target_public, a.pilots, a.partners,
        a.calendar, a.notes, a.version, a.changed_by, a.changed_at, x.title AS axis_title, f.title AS fiche_title
      """;
  /** The fiche f and axis x of action a. */
  private static final String ACTION_PARENTS = """
      f.tenant_id = a.tenant_id AND f.programme_code = a.programme_code AND f.axis_code = a.axis_code
        AND f.code = a.fiche_code AND x.tenant_id = a.tenant_id AND x.programme_code = a.programme_code
        AND x.code = a.axis_code
      """;
  /** One action by id with its fiche's and axis's titles and its indicators: one statement, not the whole tree. */
  private static final String SELECT_ACTION = "SELECT " + ACTION_COLUMNS + """
      , coalesce((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit, 'period', i.period,
          'target', i.target) ORDER BY i.position)
          FROM platform.programme_indicator i WHERE i.tenant_id = a.tenant_id AND i.action_id = a.id), '[]'::json)
          AS indicators
      FROM platform.programme_action a, platform.programme_fiche f, platform.programme_axis x
      WHERE a.programme_code = $1 AND a.id = $2 AND
      """ + ACTION_PARENTS;
  /** Saves an action read at version $11 and returns it as saved (nothing if stale or missing). */
  private static final String UPDATE_ACTION = """
      UPDATE platform.programme_action a SET title = $3, description = $4, target_public = $5, pilots = $6,
        partners = $7, calendar = $8, notes = $9, changed_by = $10, changed_at = now(), version = a.version + 1
      FROM platform.programme_fiche f, platform.programme_axis x
      WHERE a.programme_code = $1 AND a.id = $2 AND a.version = $11 AND
      """ + ACTION_PARENTS + "RETURNING " + ACTION_COLUMNS;
  private static final String ACTION_VERSION =
      "SELECT version FROM platform.programme_action WHERE programme_code = $1 AND id = $2";
  private static final String DELETE_INDICATORS = "DELETE FROM platform.programme_indicator WHERE action_id = $1";
  private static final String CHANTIER_COLUMNS = """
      c.id, c.roadmap_position, c.code, c.title, c.description, c.partners, c.actions, c.notes, c.version,
        c.changed_by, c.changed_at, r.territory, r.title AS roadmap_title
      """;
  /** The roadmap r of chantier c. */
  private static final String CHANTIER_ROADMAP = """
      r.tenant_id = c.tenant_id AND r.programme_code = c.programme_code AND r.position = c.roadmap_position
      """;
  private static final String SELECT_CHANTIER = "SELECT " + CHANTIER_COLUMNS + """
      FROM platform.programme_chantier c, platform.programme_roadmap r
      WHERE c.programme_code = $1 AND c.id = $2 AND
      """ + CHANTIER_ROADMAP;
  private static final String UPDATE_CHANTIER = """
      UPDATE platform.programme_chantier c SET title = $3, description = $4, partners = $5, actions = $6, notes = $7,
        changed_by = $8, changed_at = now(), version = c.version + 1
      FROM platform.programme_roadmap r
      WHERE c.programme_code = $1 AND c.id = $2 AND c.version = $9 AND
      """ + CHANTIER_ROADMAP + "RETURNING " + CHANTIER_COLUMNS;
  /** The codes among $2 that name no action of programme $1, in the order given. */
  private static final String UNKNOWN_ACTION_CODES = """
      SELECT given.code FROM unnest($2::text[]) WITH ORDINALITY AS given(code, n)
      WHERE NOT EXISTS (SELECT 1 FROM platform.programme_action a WHERE a.programme_code = $1 AND a.code = given.code)
      ORDER BY given.n""";

  /** Writes a whole programme; its code must be free (delete it first to replace it). */
  public Future<Void> insert(SqlConnection connection, String tenant, Programme p, String actor) {
    String code = p.code();
    List<Tuple> revisions = new ArrayList<>();
    for (int i = 0; i < p.revisions().size(); i++) {
      revisions.add(Tuple.of(tenant, code, i, p.revisions().get(i).date(), p.revisions().get(i).note()));
    }
    List<Tuple> signatories = new ArrayList<>();
    for (int i = 0; i < p.signatories().size(); i++) {
      signatories.add(Tuple.of(tenant, code, i, p.signatories().get(i).name(), p.signatories().get(i).representedBy()));
    }
    List<Tuple> commitments = new ArrayList<>();
    for (int i = 0; i < p.commitments().size(); i++) {
      commitments.add(Tuple.of(tenant, code, i, p.commitments().get(i).partner(), array(p.commitments().get(i).items())));
    }
    List<Tuple> bodies = new ArrayList<>();
    List<Tuple> meetings = new ArrayList<>();
    for (int i = 0; i < p.governance().size(); i++) {
      GovernanceBody body = p.governance().get(i);
      bodies.add(Tuple.from(new Object[] {tenant, code, body.code(), i, body.name(), body.role(), array(body.members()),
          body.cadence()}));
      for (int m = 0; m < body.meetings().size(); m++) {
        Programme.Meeting meeting = body.meetings().get(m);
        meetings.add(Tuple.from(new Object[] {tenant, code, body.code(), m, meeting.date(), array(meeting.participants()),
            array(meeting.decisions()), meeting.minutes()}));
      }
    }
    List<Tuple> axes = new ArrayList<>();
    List<Tuple> fiches = new ArrayList<>();
    List<Tuple> actions = new ArrayList<>();
    List<Tuple> indicators = new ArrayList<>();
    List<Tuple> measures = new ArrayList<>();
    int fichePosition = 0;
    int actionPosition = 0;
    for (int a = 0; a < p.axes().size(); a++) {
      Axis axis = p.axes().get(a);
      axes.add(Tuple.from(new Object[] {tenant, code, axis.code(), a, axis.title(), axis.description(), axis.status(),
          axis.planned(), array(axis.notes())}));
      for (Fiche fiche : axis.fiches()) {
        fiches.add(Tuple.from(new Object[] {tenant, code, axis.code(), fiche.code(), fichePosition++, fiche.title(),
            fiche.startingSituation(), fiche.desiredSituation(), array(fiche.notes())}));
        for (Action action : fiche.actions()) {
          actions.add(Tuple.from(new Object[] {tenant, code, axis.code(), fiche.code(), action.code(), actionPosition++,
              action.title(), action.description(), action.targetPublic(), array(action.pilots()),
              array(action.partners()), action.calendar(), array(action.notes()), actor}));
          for (int i = 0; i < action.indicators().size(); i++) {
            Indicator indicator = action.indicators().get(i);
            indicators.add(Tuple.from(new Object[] {tenant, code, axis.code(), fiche.code(), action.code(), i,
                indicator.name(), indicator.unit(), indicator.period(), indicator.target()}));
            if (indicator.computed() != null) {
              measures.add(Tuple.from(new Object[] {tenant, code, action.code(), indicator.name(),
                  indicator.computed().measure().code(), array(indicator.computed().exitTypes()),
                  indicator.computed().withSubActions(), actor}));
            }
          }
        }
      }
    }
    List<Tuple> roadmaps = new ArrayList<>();
    List<Tuple> chantiers = new ArrayList<>();
    int chantierPosition = 0;
    for (int r = 0; r < p.roadmaps().size(); r++) {
      Roadmap roadmap = p.roadmaps().get(r);
      roadmaps.add(Tuple.of(tenant, code, r, roadmap.territory(), roadmap.title()));
      for (Chantier chantier : roadmap.chantiers()) {
        chantiers.add(Tuple.from(new Object[] {tenant, code, r, chantier.code(), chantierPosition++, chantier.title(),
            chantier.description(), array(chantier.partners()), array(chantier.actions()), array(chantier.notes()), actor}));
      }
    }
    return connection.preparedQuery(INSERT_PROGRAMME).execute(Tuple.from(new Object[] {tenant, code, p.kind().code(),
            p.title(), p.from(), p.to(), p.adoptedOn(), p.territory(), p.supersedes(), p.summary(), array(p.notes()), actor}))
        .compose(done -> batch(connection, INSERT_REVISION, revisions))
        .compose(done -> batch(connection, INSERT_SIGNATORY, signatories))
        .compose(done -> batch(connection, INSERT_COMMITMENT, commitments))
        .compose(done -> batch(connection, INSERT_BODY, bodies))
        .compose(done -> batch(connection, INSERT_MEETING, meetings))
        .compose(done -> batch(connection, INSERT_AXIS, axes))
        .compose(done -> batch(connection, INSERT_FICHE, fiches))
        .compose(done -> batch(connection, INSERT_ACTION, actions))
        .compose(done -> batch(connection, INSERT_INDICATOR_BY_CODE, indicators))
        .compose(done -> connection.preparedQuery(DELETE_FILE_MEASURES).execute(Tuple.of(code)))
        .compose(done -> batch(connection, INSERT_FILE_MEASURE, measures))
        .compose(done -> batch(connection, INSERT_ROADMAP, roadmaps))
        .compose(done -> batch(connection, INSERT_CHANTIER, chantiers));
  }

  /** Deletes a programme and everything under it; the version it had, or empty if there was none. */
  public Future<Optional<Integer>> delete(SqlConnection connection, String code) {
    return connection.preparedQuery(DELETE_PROGRAMME).execute(Tuple.of(code)).map(ProgrammeStore::version);
  }

  /** A version of a programme that is being replaced, kept as its YAML export (restorable). */
  public record Previous(long id, int version, String title, String content) {
  }

  /** Keeps {@code programme} (at {@code version}, exported as {@code content}) as a previous version. */
  public Future<Void> keepPrevious(SqlConnection connection, String tenant, Programme programme, int version,
                                   String content, String actor, String reason) {
    return connection.preparedQuery(INSERT_PREVIOUS).execute(Tuple.from(new Object[] {tenant, programme.code(), version,
        programme.title(), content, programme.axes().size(), programme.ficheCount(), programme.actionCount(), actor,
        reason})).mapEmpty();
  }

  /** The previous versions of a programme, newest first (without their content). */
  public Future<List<JsonObject>> previousVersions(SqlConnection connection, String code) {
    return connection.preparedQuery(SELECT_PREVIOUS).execute(Tuple.of(code)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(row -> list.add(new JsonObject().put("id", row.getLong("id")).put("version", row.getInteger("version"))
          .put("title", row.getString("title")).put("counts", new JsonObject().put("axes", row.getInteger("axes"))
              .put("fiches", row.getInteger("fiches")).put("actions", row.getInteger("actions")))
          .put("replacedAt", row.getOffsetDateTime("replaced_at").toInstant().toString())
          .put("replacedBy", row.getString("replaced_by")).put("reason", row.getString("reason"))));
      return list;
    });
  }

  /** The newest previous version of a programme, locked until the transaction ends; empty if none. */
  public Future<Optional<Previous>> latestPrevious(SqlConnection connection, String code) {
    return connection.preparedQuery(LATEST_PREVIOUS).execute(Tuple.of(code)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.<Previous>empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Previous(row.getLong("id"), row.getInteger("version"), row.getString("title"),
          row.getString("content")));
    });
  }

  public Future<Void> deletePrevious(SqlConnection connection, long id) {
    return connection.preparedQuery(DELETE_PREVIOUS).execute(Tuple.of(id)).mapEmpty();
  }

  /** The tenant's programmes, newest period first, with their counts. */
  public Future<List<JsonObject>> list(SqlConnection connection) {
    return connection.query(SELECT_PROGRAMMES).execute().map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(row -> list.add(header(row).put("counts", new JsonObject().put("axes", row.getLong("axes"))
          .put("fiches", row.getLong("fiches")).put("actions", row.getLong("actions"))
          .put("roadmaps", row.getLong("roadmaps")))));
      return list;
    });
  }

  /** One programme as a tree, or empty. */
  public Future<Optional<JsonObject>> find(SqlConnection connection, String code) {
    Tuple key = Tuple.of(code);
    return connection.preparedQuery(SELECT_PROGRAMME).execute(key).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      Row row = rows.iterator().next();
      JsonObject programme = header(row).put("summary", row.getString("summary")).put("notes", strings(row, "notes"));
      return connection.preparedQuery(SELECT_REVISIONS).execute(key)
          .map(list -> programme.put("revisions", map(list, r -> new JsonObject()
              .put("date", r.getLocalDate("revised_on").toString()).put("note", r.getString("note")))))
          .compose(done -> connection.preparedQuery(SELECT_SIGNATORIES).execute(key))
          .map(list -> programme.put("signatories", map(list, r -> new JsonObject().put("name", r.getString("name"))
              .put("representedBy", r.getString("represented_by")))))
          .compose(done -> connection.preparedQuery(SELECT_COMMITMENTS).execute(key))
          .map(list -> programme.put("commitments", map(list, r -> new JsonObject().put("partner", r.getString("partner"))
              .put("items", strings(r, "items")))))
          .compose(done -> governance(connection, key, programme))
          .compose(done -> axes(connection, key, programme))
          .compose(done -> roadmaps(connection, key, programme))
          .map(done -> Optional.of(programme));
    });
  }

  private Future<Void> governance(SqlConnection connection, Tuple key, JsonObject programme) {
    return connection.preparedQuery(SELECT_BODIES).execute(key).compose(bodies ->
        connection.preparedQuery(SELECT_MEETINGS).execute(key).map(meetings -> {
          Map<String, JsonArray> byBody = new LinkedHashMap<>();
          meetings.forEach(r -> byBody.computeIfAbsent(r.getString("body_code"), c -> new JsonArray()).add(new JsonObject()
              .put("date", r.getLocalDate("held_on").toString()).put("participants", strings(r, "participants"))
              .put("decisions", strings(r, "decisions")).put("minutes", r.getString("minutes"))));
          programme.put("governance", map(bodies, r -> new JsonObject().put("code", r.getString("code"))
              .put("name", r.getString("name")).put("role", r.getString("role")).put("members", strings(r, "members"))
              .put("cadence", r.getString("cadence"))
              .put("meetings", byBody.getOrDefault(r.getString("code"), new JsonArray()))));
          return null;
        }));
  }

  private Future<Void> axes(SqlConnection connection, Tuple key, JsonObject programme) {
    return connection.preparedQuery(SELECT_AXES).execute(key).compose(axisRows ->
        connection.preparedQuery(SELECT_FICHES).execute(key).compose(ficheRows ->
            connection.preparedQuery(SELECT_ACTIONS).execute(key).compose(actionRows ->
                connection.preparedQuery(SELECT_INDICATORS).execute(key).map(indicatorRows -> {
                  Map<Long, JsonArray> indicators = new LinkedHashMap<>();
                  indicatorRows.forEach(r -> indicators.computeIfAbsent(r.getLong("action_id"), id -> new JsonArray())
                      .add(new JsonObject().put("name", r.getString("name")).put("unit", r.getString("unit"))
                          .put("period", r.getString("period")).put("target", r.getString("target"))
                          .put("computed", r.getString("measure") == null ? null : new JsonObject()
                              .put("measure", r.getString("measure")).put("exitTypes", strings(r, "exit_types"))
                              .put("withSubActions", r.getBoolean("with_sub_actions")))));
                  Map<String, JsonArray> actions = new LinkedHashMap<>();
                  actionRows.forEach(r -> actions.computeIfAbsent(r.getString("axis_code") + "\n" + r.getString("fiche_code"),
                      k -> new JsonArray()).add(action(r, indicators.getOrDefault(r.getLong("id"), new JsonArray()))));
                  Map<String, JsonArray> fiches = new LinkedHashMap<>();
                  ficheRows.forEach(r -> fiches.computeIfAbsent(r.getString("axis_code"), k -> new JsonArray())
                      .add(new JsonObject().put("code", r.getString("code")).put("title", r.getString("title"))
                          .put("startingSituation", r.getString("starting_situation"))
                          .put("desiredSituation", r.getString("desired_situation")).put("notes", strings(r, "notes"))
                          .put("actions", actions.getOrDefault(r.getString("axis_code") + "\n" + r.getString("code"),
                              new JsonArray()))));
                  programme.put("axes", map(axisRows, r -> new JsonObject().put("code", r.getString("code"))
                      .put("title", r.getString("title")).put("description", r.getString("description"))
                      .put("status", r.getString("status")).put("planned", r.getString("planned"))
                      .put("notes", strings(r, "notes"))
                      .put("fiches", fiches.getOrDefault(r.getString("code"), new JsonArray()))));
                  return null;
                }))));
  }

  private Future<Void> roadmaps(SqlConnection connection, Tuple key, JsonObject programme) {
    return connection.preparedQuery(SELECT_ROADMAPS).execute(key).compose(roadmapRows ->
        connection.preparedQuery(SELECT_CHANTIERS).execute(key).map(chantierRows -> {
          Map<Integer, JsonArray> chantiers = new LinkedHashMap<>();
          chantierRows.forEach(r -> chantiers.computeIfAbsent(r.getInteger("roadmap_position"), k -> new JsonArray())
              .add(chantier(r)));
          programme.put("roadmaps", map(roadmapRows, r -> new JsonObject().put("territory", r.getString("territory"))
              .put("title", r.getString("title"))
              .put("chantiers", chantiers.getOrDefault(r.getInteger("position"), new JsonArray()))));
          return null;
        }));
  }

  /** One action with its indicators and the titles of its fiche and axis, or empty. */
  public Future<Optional<JsonObject>> action(SqlConnection connection, String programme, long id) {
    return connection.preparedQuery(SELECT_ACTION).execute(Tuple.of(programme, id))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(located(rows.iterator().next(), rows.iterator().next().getJsonArray("indicators"))));
  }

  /** One chantier with its roadmap's territory and title, or empty. */
  public Future<Optional<JsonObject>> chantier(SqlConnection connection, String programme, long id) {
    return connection.preparedQuery(SELECT_CHANTIER).execute(Tuple.of(programme, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(locatedChantier(rows.iterator().next())));
  }

  /**
   * Updates an action read at {@code input.version()} and replaces its indicators; the action as saved, or empty if
   * stale or missing. Three statements: the update returns the row, the indicators are the ones given.
   */
  public Future<Optional<JsonObject>> updateAction(SqlConnection connection, String tenant, String programme, long id,
                                                   ActionInput input, String actor) {
    return connection.preparedQuery(UPDATE_ACTION).execute(Tuple.from(new Object[] {programme, id, input.title(),
            input.description(), input.targetPublic(), array(input.pilots()), array(input.partners()), input.calendar(),
            array(input.notes()), actor, input.version()}))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<JsonObject>empty());
          }
          List<Tuple> indicators = new ArrayList<>();
          JsonArray saved = new JsonArray();
          for (int i = 0; i < input.indicators().size(); i++) {
            Indicator indicator = input.indicators().get(i);
            indicators.add(Tuple.from(new Object[] {tenant, id, i, indicator.name(), indicator.unit(), indicator.period(),
                indicator.target()}));
            saved.add(new JsonObject().put("name", indicator.name()).put("unit", indicator.unit())
                .put("period", indicator.period()).put("target", indicator.target()));
          }
          JsonObject action = located(rows.iterator().next(), saved);
          return connection.preparedQuery(DELETE_INDICATORS).execute(Tuple.of(id))
              .compose(done -> batch(connection, INSERT_INDICATOR, indicators)).map(Optional.of(action));
        });
  }

  /** Whether the action exists at all (to tell a stale version from a missing row). */
  public Future<Boolean> actionExists(SqlConnection connection, String programme, long id) {
    return connection.preparedQuery(ACTION_VERSION).execute(Tuple.of(programme, id)).map(rows -> rows.size() > 0);
  }

  /** The codes among {@code codes} that name no action of the programme, in their order. */
  public Future<List<String>> unknownActionCodes(SqlConnection connection, String programme, List<String> codes) {
    if (codes.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return connection.preparedQuery(UNKNOWN_ACTION_CODES).execute(Tuple.tuple().addString(programme).addArrayOfString(array(codes))).map(rows -> {
      List<String> unknown = new ArrayList<>();
      rows.forEach(row -> unknown.add(row.getString("code")));
      return unknown;
    });
  }

  /** Updates a chantier read at {@code version}; the chantier as saved, or empty if stale. */
  public Future<Optional<JsonObject>> updateChantier(SqlConnection connection, String programme, long id,
                                                     ChantierInput input, String actor) {
    return connection.preparedQuery(UPDATE_CHANTIER).execute(Tuple.from(new Object[] {programme, id, input.title(),
            input.description(), array(input.partners()), array(input.actions()), array(input.notes()), actor,
            input.version()}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(locatedChantier(rows.iterator().next())));
  }

  private static JsonObject located(Row row, JsonArray indicators) {
    return action(row, indicators).put("axis", row.getString("axis_code")).put("axisTitle", row.getString("axis_title"))
        .put("fiche", row.getString("fiche_code")).put("ficheTitle", row.getString("fiche_title"));
  }

  private static JsonObject locatedChantier(Row row) {
    return chantier(row).put("roadmapTitle", row.getString("roadmap_title"));
  }

  private static JsonObject header(Row row) {
    return new JsonObject().put("code", row.getString("code")).put("kind", row.getString("kind"))
        .put("kindLabel", Programme.Kind.fromCode(row.getString("kind")).map(Programme.Kind::label).orElse(null))
        .put("title", row.getString("title"))
        .put("period", new JsonObject().put("from", row.getLocalDate("period_from").toString())
            .put("to", row.getLocalDate("period_to").toString()))
        .put("adoptedOn", row.getLocalDate("adopted_on") == null ? null : row.getLocalDate("adopted_on").toString())
        .put("territory", row.getString("territory")).put("supersedes", row.getString("supersedes"))
        .put("version", row.getInteger("version")).put("changedBy", row.getString("changed_by"))
        .put("changedAt", row.getOffsetDateTime("changed_at").toString());
  }

  private static JsonObject action(Row r, JsonArray indicators) {
    return new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code")).put("title", r.getString("title"))
        .put("description", r.getString("description")).put("targetPublic", r.getString("target_public"))
        .put("pilots", strings(r, "pilots")).put("partners", strings(r, "partners")).put("calendar", r.getString("calendar"))
        .put("indicators", indicators).put("notes", strings(r, "notes")).put("version", r.getInteger("version"))
        .put("changedBy", r.getString("changed_by")).put("changedAt", r.getOffsetDateTime("changed_at").toString());
  }

  private static JsonObject chantier(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code")).put("title", r.getString("title"))
        .put("territory", r.getString("territory"))
        .put("description", r.getString("description")).put("partners", strings(r, "partners"))
        .put("actions", strings(r, "actions")).put("notes", strings(r, "notes")).put("version", r.getInteger("version"))
        .put("changedBy", r.getString("changed_by")).put("changedAt", r.getOffsetDateTime("changed_at").toString());
  }

  private static JsonArray map(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> mapper) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(mapper.apply(row)));
    return array;
  }

  private static JsonArray strings(Row row, String column) {
    String[] values = row.getArrayOfStrings(column);
    return values == null ? new JsonArray() : new JsonArray(List.of((Object[]) values));
  }

  private static String[] array(List<String> values) {
    return values.toArray(String[]::new);
  }

  private static Future<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  private static Optional<Integer> version(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version"));
  }
}
