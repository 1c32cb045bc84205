package fr.pacte.server.calls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of instruction and selection: the applications as instruction reads them, admissibility, the messages, the
 * reviewers' sheets and consolidations, the selection proposal, the committee's decision and the letters. Row-level
 * security keeps every statement in its tenant.
 */
public final class InstructionStore {

  private static final String APPLICATIONS = """
      SELECT a.id, a.call_id, a.organisation_id, o.name, a.state, a.submitted_at,
        coalesce(a.general #>> '{fileContact,email}', a.general #>> '{identification,email}',
          o.contacts -> 0 ->> 'email') AS email,
        coalesce((SELECT array_agg(m.organisation_id ORDER BY m.position) FROM platform.application_member m
          WHERE m.application_id = a.id), ARRAY[a.organisation_id]) AS members
      FROM platform.application a JOIN platform.organisation o ON o.tenant_id = a.tenant_id AND o.id = a.organisation_id
      """;
  private static final String ONE = APPLICATIONS + " WHERE a.id = $1";
  private static final String OF_CALL = APPLICATIONS + " WHERE a.call_id = $1 AND a.state = 'submitted' ORDER BY o.name";
  private static final String PROJECTS = """
      SELECT application_id, lot_code, title, territories, objectives, budget, requested_cents, fundable_cents
      FROM platform.application_project WHERE application_id = ANY($1) ORDER BY application_id, position, lot_code""";

  private static final String ADMISSIBILITY = """
      SELECT application_id, admissible, reason, decided_by, decided_at, version FROM platform.application_admissibility
      WHERE application_id = ANY($1)""";
  private static final String LOCK_ADMISSIBILITY = """
      SELECT version FROM platform.application_admissibility WHERE application_id = $1 FOR UPDATE""";
  private static final String INSERT_ADMISSIBILITY = """
      INSERT INTO platform.application_admissibility (tenant_id, application_id, admissible, reason, decided_by)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String UPDATE_ADMISSIBILITY = """
      UPDATE platform.application_admissibility SET admissible = $2, reason = $3, decided_by = $4, decided_at = now(),
        version = version + 1 WHERE application_id = $1""";

  private static final String MESSAGES = """
      SELECT id, side, author, author_name, body, due_date, parts, created_at FROM platform.application_message
      WHERE application_id = $1 ORDER BY created_at, id""";
  private static final String INSERT_MESSAGE = """
      INSERT INTO platform.application_message (tenant_id, application_id, side, author, author_name, body, due_date, parts)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at""";
  private static final String VAULT_DOCUMENT = """
      SELECT label FROM platform.organisation_document WHERE id = $1 AND organisation_id = ANY($2)""";

  private static final String REVIEWS = """
      SELECT application_id, lot_code, reviewer, reviewer_name, reviewer_email, assigned_by, assigned_at, conflict,
        conflict_reason, scores, points, submitted_at, version
      FROM platform.project_review WHERE application_id = ANY($1) ORDER BY application_id, lot_code, assigned_at, reviewer""";
  private static final String LOCK_REVIEW = """
      SELECT version, conflict, submitted_at FROM platform.project_review
      WHERE application_id = $1 AND lot_code = $2 AND reviewer = $3 FOR UPDATE""";
  private static final String ASSIGN = """
      INSERT INTO platform.project_review (tenant_id, application_id, lot_code, reviewer, reviewer_name, reviewer_email,
        assigned_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (tenant_id, application_id, lot_code, reviewer) DO NOTHING""";
  private static final String SAVE_SHEET = """
      UPDATE platform.project_review SET scores = $4, points = $5, submitted_at = $6, version = version + 1
      WHERE application_id = $1 AND lot_code = $2 AND reviewer = $3""";
  private static final String CONFLICT = """
      UPDATE platform.project_review SET conflict = true, conflict_reason = $4, scores = '{}'::jsonb, version = version + 1
      WHERE application_id = $1 AND lot_code = $2 AND reviewer = $3""";

  private static final String CONSOLIDATIONS = """
      SELECT application_id, lot_code, agreed_points, justification, agreed_by, agreed_at, version
      FROM platform.project_consolidation WHERE application_id = ANY($1)""";
  private static final String UPSERT_CONSOLIDATION = """
      INSERT INTO platform.project_consolidation (tenant_id, application_id, lot_code, agreed_points, justification, agreed_by)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (tenant_id, application_id, lot_code) DO UPDATE SET agreed_points = excluded.agreed_points,
        justification = excluded.justification, agreed_by = excluded.agreed_by, agreed_at = now(),
        version = platform.project_consolidation.version + 1""";

  private static final String SELECTION = """
      SELECT disagreement_threshold, version, updated_by, updated_at FROM platform.call_selection WHERE call_id = $1""";
  private static final String LOCK_SELECTION = "SELECT version FROM platform.call_selection WHERE call_id = $1 FOR UPDATE";
  private static final String INSERT_SELECTION = """
      INSERT INTO platform.call_selection (tenant_id, call_id, disagreement_threshold, updated_by) VALUES ($1, $2, $3, $4)""";
  private static final String UPDATE_SELECTION = """
      UPDATE platform.call_selection SET disagreement_threshold = $2, updated_by = $3, updated_at = now(),
        version = version + 1 WHERE call_id = $1""";
  private static final String SELECTION_LINES = """
      SELECT application_id, lot_code, retained, negotiated_cents FROM platform.call_selection_line WHERE call_id = $1""";
  private static final String DELETE_LINES = "DELETE FROM platform.call_selection_line WHERE call_id = $1";
  private static final String INSERT_LINE = """
      INSERT INTO platform.call_selection_line (tenant_id, call_id, application_id, lot_code, retained, negotiated_cents)
      VALUES ($1, $2, $3, $4, $5, $6)""";

  private static final String DECISION = """
      SELECT committee, committee_date, deliberation_ref, decided_by, decided_at FROM platform.call_decision WHERE call_id = $1""";
  private static final String INSERT_DECISION = """
      INSERT INTO platform.call_decision (tenant_id, call_id, committee, committee_date, deliberation_ref, decided_by)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String PROJECT_DECISIONS = """
      SELECT call_id, application_id, lot_code, organisation_id, selected, amount_cents, requested_cents, territories,
        objectives, budget, score_points
      FROM platform.project_decision WHERE %s ORDER BY selected DESC, lot_code, application_id""";
  private static final String INSERT_PROJECT_DECISION = """
      INSERT INTO platform.project_decision (tenant_id, call_id, application_id, lot_code, organisation_id, selected,
        amount_cents, requested_cents, territories, objectives, budget, score_points)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";
  private static final String DECIDED = """
      UPDATE platform.call_for_projects SET state = 'decided', version = version + 1, updated_at = now() WHERE id = $1""";
  private static final String INSTRUCTING = """
      UPDATE platform.call_for_projects SET state = 'instruction', closed_at = coalesce(closed_at, now()),
        version = version + 1, updated_at = now()
      WHERE id = $1 AND (state = 'closed' OR (state = 'published' AND closes_at <= $2))""";

  private static final String LETTERS = """
      SELECT id, application_id, lot_code, kind, file_name, created_at FROM platform.decision_letter
      WHERE application_id = $1 ORDER BY kind = 'notification' DESC, lot_code, kind""";
  private static final String LETTER_PDF = """
      SELECT file_name, pdf FROM platform.decision_letter WHERE application_id = $1 AND id = $2""";
  private static final String INSERT_LETTER = """
      INSERT INTO platform.decision_letter (tenant_id, application_id, lot_code, kind, file_name, pdf)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
  private static final String TEMPLATE = "SELECT body FROM platform.letter_template WHERE kind = $1";
  private static final String UPSERT_TEMPLATE = """
      INSERT INTO platform.letter_template (tenant_id, kind, body) VALUES ($1, $2, $3)
      ON CONFLICT (tenant_id, kind) DO UPDATE SET body = excluded.body""";

  // ---- applications

  public Future<Optional<Instructed>> application(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ONE).execute(Tuple.of(id))
        .compose(rows -> withProjects(connection, rows)).map(list -> list.stream().findFirst());
  }

  /** The submitted applications of a call, by organisation name. */
  public Future<List<Instructed>> submitted(SqlConnection connection, UUID call) {
    return connection.preparedQuery(OF_CALL).execute(Tuple.of(call)).compose(rows -> withProjects(connection, rows));
  }

  private Future<List<Instructed>> withProjects(SqlConnection connection, RowSet<Row> rows) {
    List<Row> heads = new ArrayList<>();
    rows.forEach(heads::add);
    UUID[] ids = heads.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
    if (ids.length == 0) {
      return Future.succeededFuture(List.of());
    }
    return connection.preparedQuery(PROJECTS).execute(Tuple.of(ids)).map(projectRows -> {
      Map<UUID, List<Instructed.Project>> projects = new LinkedHashMap<>();
      for (Row row : projectRows) {
        projects.computeIfAbsent(row.getUUID("application_id"), k -> new ArrayList<>()).add(new Instructed.Project(
            row.getString("lot_code"), row.getString("title"), Arrays.asList(row.getArrayOfStrings("territories")),
            json(row.getValue("objectives")), json(row.getValue("budget")), row.getLong("requested_cents"),
            row.getLong("fundable_cents")));
      }
      return heads.stream().map(row -> new Instructed(row.getUUID("id"), row.getUUID("call_id"),
          row.getString("organisation_id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("members")),
          row.getString("state"), instant(row.getOffsetDateTime("submitted_at")), row.getString("email"),
          projects.getOrDefault(row.getUUID("id"), List.of()))).toList();
    });
  }

  // ---- admissibility

  public record Admissibility(boolean admissible, String reason, String decidedBy, Instant decidedAt, int version) {
  }

  public Future<Map<UUID, Admissibility>> admissibility(SqlConnection connection, List<UUID> applications) {
    return connection.preparedQuery(ADMISSIBILITY).execute(Tuple.of(applications.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, Admissibility> found = new LinkedHashMap<>();
      rows.forEach(row -> found.put(row.getUUID("application_id"), new Admissibility(row.getBoolean("admissible"),
          row.getString("reason"), row.getString("decided_by"), instant(row.getOffsetDateTime("decided_at")),
          row.getInteger("version"))));
      return found;
    });
  }

  /** The version of the admissibility decision, locked; 0 when none was taken yet. */
  public Future<Integer> lockAdmissibility(SqlConnection connection, UUID application) {
    return connection.preparedQuery(LOCK_ADMISSIBILITY).execute(Tuple.of(application))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger("version") : 0);
  }

  public Future<Void> decideAdmissibility(SqlConnection connection, String tenant, UUID application, boolean exists,
                                          boolean admissible, String reason, String by) {
    return (exists
        ? connection.preparedQuery(UPDATE_ADMISSIBILITY).execute(Tuple.of(application, admissible, reason, by))
        : connection.preparedQuery(INSERT_ADMISSIBILITY).execute(Tuple.of(tenant, application, admissible, reason, by)))
        .mapEmpty();
  }

  // ---- messages

  public record Message(UUID id, String side, String author, String authorName, String body, LocalDate dueDate,
                        JsonArray parts, Instant createdAt) {
  }

  public Future<List<Message>> messages(SqlConnection connection, UUID application) {
    return connection.preparedQuery(MESSAGES).execute(Tuple.of(application)).map(rows -> {
      List<Message> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Message(row.getUUID("id"), row.getString("side"), row.getString("author"),
          row.getString("author_name"), row.getString("body"), row.getLocalDate("due_date"), json(row.getValue("parts")),
          instant(row.getOffsetDateTime("created_at")))));
      return list;
    });
  }

  public Future<Message> insertMessage(SqlConnection connection, String tenant, UUID application, String side,
                                       String author, String authorName, String body, LocalDate due, JsonArray parts) {
    return connection.preparedQuery(INSERT_MESSAGE)
        .execute(Tuple.from(List.of(tenant, application, side, author, authorName, body)).addLocalDate(due).addValue(parts))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Message(row.getUUID("id"), side, author, authorName, body, due, parts,
              instant(row.getOffsetDateTime("created_at")));
        });
  }

  /** The label of a vault document of one of {@code organisations}, if it is theirs. */
  public Future<Optional<String>> vaultDocument(SqlConnection connection, UUID document, List<String> organisations) {
    return connection.preparedQuery(VAULT_DOCUMENT).execute(Tuple.of(document).addArrayOfString(organisations.toArray(String[]::new)))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("label")) : Optional.empty());
  }

  // ---- reviews

  public record Review(UUID application, String lot, String reviewer, String reviewerName, String reviewerEmail,
                       String assignedBy, Instant assignedAt, boolean conflict, String conflictReason, JsonObject scores,
                       Integer points, Instant submittedAt, int version) {

    public boolean submitted() {
      return submittedAt != null;
    }
  }

  public Future<List<Review>> reviews(SqlConnection connection, List<UUID> applications) {
    return connection.preparedQuery(REVIEWS).execute(Tuple.of(applications.toArray(UUID[]::new))).map(rows -> {
      List<Review> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Review(row.getUUID("application_id"), row.getString("lot_code"),
          row.getString("reviewer"), row.getString("reviewer_name"), row.getString("reviewer_email"),
          row.getString("assigned_by"), instant(row.getOffsetDateTime("assigned_at")), row.getBoolean("conflict"),
          row.getString("conflict_reason"), (JsonObject) row.getValue("scores"), row.getInteger("points"),
          instant(row.getOffsetDateTime("submitted_at")), row.getInteger("version"))));
      return list;
    });
  }

  /** The reviewer's sheet locked for a change: version, conflict, submitted; empty when not assigned. */
  public Future<Optional<Row>> lockReview(SqlConnection connection, UUID application, String lot, String reviewer) {
    return connection.preparedQuery(LOCK_REVIEW).execute(Tuple.of(application, lot, reviewer))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  /** Assigns a reviewer; false when already assigned. */
  public Future<Boolean> assign(SqlConnection connection, String tenant, UUID application, String lot, String reviewer,
                                String name, String email, String by) {
    return connection.preparedQuery(ASSIGN).execute(Tuple.from(List.of(tenant, application, lot, reviewer, name)).addString(email)
        .addString(by)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> saveSheet(SqlConnection connection, UUID application, String lot, String reviewer, JsonObject scores,
                                Integer points, Instant submittedAt) {
    return connection.preparedQuery(SAVE_SHEET).execute(Tuple.of(application, lot, reviewer, scores, points,
        submittedAt == null ? null : submittedAt.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  public Future<Void> declareConflict(SqlConnection connection, UUID application, String lot, String reviewer, String reason) {
    return connection.preparedQuery(CONFLICT).execute(Tuple.of(application, lot, reviewer, reason)).mapEmpty();
  }

  // ---- consolidation

  public record Agreement(UUID application, String lot, BigDecimal points, String justification, String agreedBy,
                          Instant agreedAt, int version) {
  }

  public Future<List<Agreement>> agreements(SqlConnection connection, List<UUID> applications) {
    return connection.preparedQuery(CONSOLIDATIONS).execute(Tuple.of(applications.toArray(UUID[]::new))).map(rows -> {
      List<Agreement> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Agreement(row.getUUID("application_id"), row.getString("lot_code"),
          row.getBigDecimal("agreed_points"), row.getString("justification"), row.getString("agreed_by"),
          instant(row.getOffsetDateTime("agreed_at")), row.getInteger("version"))));
      return list;
    });
  }

  public Future<Void> agree(SqlConnection connection, String tenant, UUID application, String lot, BigDecimal points,
                            String justification, String by) {
    return connection.preparedQuery(UPSERT_CONSOLIDATION).execute(Tuple.of(tenant, application, lot, points, justification, by))
        .mapEmpty();
  }

  // ---- selection

  /** The disagreement threshold of a call's proposal, Pacte's default before the first save. */
  public Future<Integer> selectionThreshold(SqlConnection connection, UUID call) {
    return connection.preparedQuery(SELECTION).execute(Tuple.of(call)).map(rows -> rows.iterator().hasNext()
        ? rows.iterator().next().getInteger("disagreement_threshold") : Consolidation.DEFAULT_THRESHOLD_PERCENT);
  }

  /** The saved proposal of a call, or empty before the first save. Lines are keyed by application and lot. */
  public Future<Optional<SavedSelection>> selection(SqlConnection connection, UUID call) {
    return connection.preparedQuery(SELECTION).execute(Tuple.of(call)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row head = rows.iterator().next();
      return connection.preparedQuery(SELECTION_LINES).execute(Tuple.of(call)).map(lines -> {
        List<SavedLine> saved = new ArrayList<>();
        lines.forEach(row -> saved.add(new SavedLine(row.getUUID("application_id"), row.getString("lot_code"),
            row.getBoolean("retained"), row.getLong("negotiated_cents"))));
        return Optional.of(new SavedSelection(head.getInteger("disagreement_threshold"), head.getInteger("version"),
            head.getString("updated_by"), instant(head.getOffsetDateTime("updated_at")), saved));
      });
    });
  }

  public record SavedLine(UUID application, String lot, boolean retained, Long negotiatedCents) {
  }

  public record SavedSelection(int threshold, int version, String updatedBy, Instant updatedAt, List<SavedLine> lines) {
  }

  /** The version of the proposal, locked; 0 when none was saved yet. */
  public Future<Integer> lockSelection(SqlConnection connection, UUID call) {
    return connection.preparedQuery(LOCK_SELECTION).execute(Tuple.of(call))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger("version") : 0);
  }

  public Future<Void> saveSelection(SqlConnection connection, String tenant, UUID call, boolean exists, int threshold,
                                    String by, List<SavedLine> lines) {
    Future<?> head = exists
        ? connection.preparedQuery(UPDATE_SELECTION).execute(Tuple.of(call, threshold, by))
        : connection.preparedQuery(INSERT_SELECTION).execute(Tuple.of(tenant, call, threshold, by));
    return head.compose(done -> connection.preparedQuery(DELETE_LINES).execute(Tuple.of(call)))
        .compose(done -> lines.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(INSERT_LINE).executeBatch(
            lines.stream().map(line -> Tuple.of(tenant, call, line.application(), line.lot(), line.retained(),
                line.negotiatedCents())).toList()))
        .mapEmpty();
  }

  // ---- decision

  public record Decision(String committee, LocalDate committeeDate, String deliberationRef, String decidedBy,
                         Instant decidedAt) {
  }

  public record ProjectDecision(UUID call, UUID application, String lot, String organisation, boolean selected,
                                long amountCents, long requestedCents, List<String> territories, JsonArray objectives,
                                JsonArray budget, BigDecimal scorePoints) {
  }

  public Future<Optional<Decision>> decision(SqlConnection connection, UUID call) {
    return connection.preparedQuery(DECISION).execute(Tuple.of(call)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Decision(row.getString("committee"), row.getLocalDate("committee_date"),
          row.getString("deliberation_ref"), row.getString("decided_by"), instant(row.getOffsetDateTime("decided_at"))));
    });
  }

  public Future<List<ProjectDecision>> projectDecisionsOfCall(SqlConnection connection, UUID call) {
    return projectDecisions(connection, "call_id = $1", call);
  }

  public Future<List<ProjectDecision>> projectDecisionsOfApplication(SqlConnection connection, UUID application) {
    return projectDecisions(connection, "application_id = $1", application);
  }

  private Future<List<ProjectDecision>> projectDecisions(SqlConnection connection, String where, UUID id) {
    return connection.preparedQuery(PROJECT_DECISIONS.formatted(where)).execute(Tuple.of(id)).map(rows -> {
      List<ProjectDecision> list = new ArrayList<>();
      rows.forEach(row -> list.add(new ProjectDecision(row.getUUID("call_id"), row.getUUID("application_id"),
          row.getString("lot_code"), row.getString("organisation_id"), row.getBoolean("selected"),
          row.getLong("amount_cents"), row.getLong("requested_cents"), Arrays.asList(row.getArrayOfStrings("territories")),
          json(row.getValue("objectives")), json(row.getValue("budget")), row.getBigDecimal("score_points"))));
      return list;
    });
  }

  public Future<Void> insertDecision(SqlConnection connection, String tenant, UUID call, Decision decision,
                                     List<ProjectDecision> projects) {
    return connection.preparedQuery(INSERT_DECISION).execute(Tuple.of(tenant, call, decision.committee(),
            decision.committeeDate(), decision.deliberationRef(), decision.decidedBy()))
        .compose(done -> connection.preparedQuery(INSERT_PROJECT_DECISION).executeBatch(projects.stream()
            .map(p -> Tuple.from(List.of(tenant, call, p.application(), p.lot(), p.organisation(), p.selected(),
                p.amountCents(), p.requestedCents(), p.territories().toArray(String[]::new), p.objectives(), p.budget()))
                .addBigDecimal(p.scorePoints()))
            .toList()))
        .compose(done -> connection.preparedQuery(DECIDED).execute(Tuple.of(call))).mapEmpty();
  }

  /** Moves a call whose deadline has passed into instruction; nothing for a call already there or beyond. */
  public Future<Void> instructing(SqlConnection connection, UUID call, Instant now) {
    return connection.preparedQuery(INSTRUCTING).execute(Tuple.of(call, now.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  // ---- letters

  public record Letter(UUID id, UUID application, String lot, String kind, String fileName, Instant createdAt) {
  }

  public Future<List<Letter>> letters(SqlConnection connection, UUID application) {
    return connection.preparedQuery(LETTERS).execute(Tuple.of(application)).map(rows -> {
      List<Letter> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Letter(row.getUUID("id"), row.getUUID("application_id"), row.getString("lot_code"),
          row.getString("kind"), row.getString("file_name"), instant(row.getOffsetDateTime("created_at")))));
      return list;
    });
  }

  public record LetterFile(String fileName, byte[] pdf) {
  }

  public Future<Optional<LetterFile>> letterPdf(SqlConnection connection, UUID application, UUID letter) {
    return connection.preparedQuery(LETTER_PDF).execute(Tuple.of(application, letter)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new LetterFile(row.getString("file_name"), row.getBuffer("pdf").getBytes()));
    });
  }

  public Future<UUID> insertLetter(SqlConnection connection, String tenant, UUID application, String lot, String kind,
                                   String fileName, byte[] pdf) {
    return connection.preparedQuery(INSERT_LETTER).execute(Tuple.of(tenant, application, lot, kind, fileName,
        io.vertx.core.buffer.Buffer.buffer(pdf))).map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Optional<String>> template(SqlConnection connection, String kind) {
    return connection.preparedQuery(TEMPLATE).execute(Tuple.of(kind))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("body")) : Optional.empty());
  }

  public Future<Void> saveTemplate(SqlConnection connection, String tenant, String kind, String body) {
    return connection.preparedQuery(UPSERT_TEMPLATE).execute(Tuple.of(tenant, kind, body)).mapEmpty();
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
