package fr.pacte.server.calls;

import fr.pacte.server.calls.Application.Attachment;
import fr.pacte.server.calls.Application.Member;
import fr.pacte.server.calls.Application.Objective;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.Application.State;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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

/**
 * SQL of applications, their members, projects and attachments. Row-level security keeps every statement in its
 * tenant; the caller's organisation or territories narrow the lists here, in SQL.
 */
public final class ApplicationStore {

  private static final String COLUMNS = """
      a.id, a.call_id, a.organisation_id, a.general, a.state, a.version, a.created_at, a.updated_at, a.submitted_at,
      a.submitted_by, a.content_hash, c.indirect_cost_cap_percent""";
  private static final String FROM = """
       FROM platform.application a JOIN platform.call_for_projects c ON c.tenant_id = a.tenant_id AND c.id = a.call_id""";
  /**
   * The applications to a call the caller may see: $2 an organisation (its own and its groupements'), $3 territories
   * (those with a project on one of them); null for no restriction.
   */
  private static final String OF_CALL = "SELECT " + COLUMNS + " " + FROM + " " + """
       WHERE a.call_id = $1
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM platform.application_member m
              WHERE m.application_id = a.id AND m.organisation_id = $2))
        AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM platform.application_project p
              WHERE p.application_id = a.id AND p.territories && $3))
      ORDER BY a.created_at, a.id""";
  private static final String FIND = "SELECT " + COLUMNS + " " + FROM + " WHERE a.id = $1";
  /** The latest application of an organisation (as lead) to another call: what a new general part starts from. */
  private static final String PREVIOUS = """
      SELECT general FROM platform.application WHERE organisation_id = $1 AND call_id <> $2
      ORDER BY updated_at DESC LIMIT 1""";
  private static final String MEMBERS = """
      SELECT m.application_id, m.organisation_id, o.name, m.role FROM platform.application_member m
        JOIN platform.organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.application_id = ANY($1) ORDER BY m.application_id, m.position""";
  private static final String PROJECTS = """
      SELECT application_id, lot_code, title, territories, description, objectives, indicators, other_information, budget
      FROM platform.application_project WHERE application_id = ANY($1) ORDER BY application_id, position""";
  private static final String ATTACHMENTS = """
      SELECT t.application_id, t.lot_code, t.part, t.document_id, d.label,
        coalesce(fixed.file_name, latest.file_name) AS file_name, t.version_number
      FROM platform.application_attachment t
        JOIN platform.organisation_document d ON d.tenant_id = t.tenant_id AND d.id = t.document_id
        LEFT JOIN platform.document_version fixed ON fixed.tenant_id = t.tenant_id AND fixed.document_id = t.document_id
          AND fixed.number = t.version_number
        LEFT JOIN LATERAL (SELECT file_name FROM platform.document_version v WHERE v.tenant_id = t.tenant_id
          AND v.document_id = t.document_id ORDER BY v.number DESC LIMIT 1) latest ON true
      WHERE t.application_id = ANY($1) ORDER BY t.application_id, t.position""";
  private static final String INSERT = """
      INSERT INTO platform.application (tenant_id, call_id, organisation_id, general, created_by)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (tenant_id, call_id, organisation_id) DO NOTHING
      RETURNING id""";
  private static final String EXISTING = "SELECT id FROM platform.application WHERE call_id = $1 AND organisation_id = $2";
  private static final String LOCK = """
      SELECT id, call_id, organisation_id, state, version FROM platform.application WHERE id = $1 FOR UPDATE""";
  private static final String UPDATE = """
      UPDATE platform.application SET general = $2, version = version + 1, updated_at = $3 WHERE id = $1""";
  private static final String DELETE_MEMBERS = "DELETE FROM platform.application_member WHERE application_id = $1";
  private static final String DELETE_PROJECTS = "DELETE FROM platform.application_project WHERE application_id = $1";
  private static final String DELETE_ATTACHMENTS = "DELETE FROM platform.application_attachment WHERE application_id = $1";
  private static final String INSERT_MEMBER = """
      INSERT INTO platform.application_member (tenant_id, application_id, organisation_id, role, position)
      VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_PROJECT = """
      INSERT INTO platform.application_project (tenant_id, application_id, lot_code, position, title, territories,
        description, objectives, indicators, other_information, budget, total_cost_cents, indirect_cost_cents,
        cofunding_cents, requested_cents, fundable_cents)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""";
  private static final String INSERT_ATTACHMENT = """
      INSERT INTO platform.application_attachment (tenant_id, application_id, lot_code, part, document_id, position)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String SUBMIT = """
      UPDATE platform.application SET state = 'submitted', submitted_at = $2, submitted_by = $3, content_hash = $4,
        acknowledgement = $5, version = version + 1, updated_at = $2
      WHERE id = $1 AND state = 'draft'""";
  /** At submission each attachment is fixed to the vault's current version of its document. */
  private static final String FIX_VERSIONS = """
      UPDATE platform.application_attachment t SET version_number = (SELECT max(v.number) FROM platform.document_version v
        WHERE v.tenant_id = t.tenant_id AND v.document_id = t.document_id)
      WHERE t.application_id = $1""";
  private static final String ACKNOWLEDGEMENT = "SELECT acknowledgement FROM platform.application WHERE id = $1";

  /** The lock of an application: its call, lead, state and version. */
  public record Locked(UUID id, UUID callId, String organisationId, State state, int version) {
  }

  public Future<List<Application>> ofCall(SqlConnection connection, UUID callId, String organisation, List<String> territories) {
    String[] scope = territories == null ? null : territories.toArray(String[]::new);
    return connection.preparedQuery(OF_CALL).execute(Tuple.of(callId, organisation, scope))
        .compose(rows -> assemble(connection, rows));
  }

  public Future<Optional<Application>> find(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> assemble(connection, rows))
        .map(found -> found.stream().findFirst());
  }

  /** The general part of the organisation's latest application to another call, if any. */
  public Future<Optional<JsonObject>> previousGeneral(SqlConnection connection, String organisation, UUID callId) {
    return connection.preparedQuery(PREVIOUS).execute(Tuple.of(organisation, callId)).map(rows -> rows.size() == 0
        ? Optional.empty() : Optional.of(rows.iterator().next().getJsonObject("general")));
  }

  /** The signal of a changed application, on the cluster's channel: sent when the caller's transaction commits. */
  public static final String SIGNAL = "application-changed";

  /**
   * Tells every node (pg_notify, in the caller's transaction, so only once it commits) that an application changed:
   * which one, of which tenant, by which action.
   */
  public Future<Void> changed(SqlConnection connection, String tenant, UUID id, String action) {
    return fr.pacte.server.database.ClusterSignals.notify(connection, new io.vertx.core.json.JsonObject().put("kind", SIGNAL)
        .put("tenant", tenant).put("application", id.toString()).put("action", action));
  }

  /** Inserts a new draft, its organisation as the lead member; empty when the organisation already has an application to this call. */
  public Future<Optional<UUID>> insert(SqlConnection connection, String tenant, UUID callId, String organisation,
                                       JsonObject general, String createdBy) {
    return connection.preparedQuery(INSERT).execute(Tuple.of(tenant, callId, organisation, general, createdBy))
        .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID("id")))
        .compose(inserted -> inserted.isEmpty() ? Future.succeededFuture(inserted)
            : connection.preparedQuery(INSERT_MEMBER).execute(Tuple.of(tenant, inserted.get(), organisation, "lead", 0))
                .map(inserted));
  }

  public Future<Optional<UUID>> existing(SqlConnection connection, UUID callId, String organisation) {
    return connection.preparedQuery(EXISTING).execute(Tuple.of(callId, organisation)).map(rows -> rows.size() == 0
        ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID("id")));
  }

  /** Locks the application until the end of the transaction. */
  public Future<Optional<Locked>> lock(SqlConnection connection, UUID id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Locked(row.getUUID("id"), row.getUUID("call_id"), row.getString("organisation_id"),
          State.of(row.getString("state")), row.getInteger("version")));
    });
  }

  /** Replaces the content of a draft (general part, members, projects, attachments) and moves its version on. */
  public Future<Void> replace(SqlConnection connection, String tenant, UUID id, ApplicationInput.Content content, Instant now) {
    List<Tuple> members = new ArrayList<>();
    for (int i = 0; i < content.members().size(); i++) {
      members.add(Tuple.of(tenant, id, content.members().get(i), i == 0 ? "lead" : "member", i));
    }
    List<Tuple> projects = new ArrayList<>();
    for (Project p : content.projects()) {
      Budget b = p.budget();
      projects.add(Tuple.from(new Object[] {tenant, id, p.lotCode(), projects.size(), p.title(),
          p.territories().toArray(String[]::new), p.description(),
          new JsonArray(p.objectives().stream().map(Objective::toJson).toList()), p.indicators().toArray(String[]::new),
          p.otherInformation(), b.toStored(), b.totalCents(), b.indirectCents(), b.cofundingCents(), b.requestedCents(),
          b.fundableCents()}));
    }
    List<Tuple> attachments = new ArrayList<>();
    for (ApplicationInput.Attached a : content.attachments()) {
      attachments.add(Tuple.of(tenant, id, a.lotCode(), a.part(), a.documentId(), attachments.size()));
    }
    return connection.preparedQuery(UPDATE).execute(Tuple.of(id, content.general(), offset(now)))
        .compose(done -> connection.preparedQuery(DELETE_ATTACHMENTS).execute(Tuple.of(id)))
        .compose(done -> connection.preparedQuery(DELETE_PROJECTS).execute(Tuple.of(id)))
        .compose(done -> connection.preparedQuery(DELETE_MEMBERS).execute(Tuple.of(id)))
        .compose(done -> batch(connection, INSERT_MEMBER, members))
        .compose(done -> batch(connection, INSERT_PROJECT, projects))
        .compose(done -> batch(connection, INSERT_ATTACHMENT, attachments));
  }

  /** Fixes each attachment of the application to the vault's current version of its document. */
  public Future<Void> fixVersions(SqlConnection connection, UUID id) {
    return connection.preparedQuery(FIX_VERSIONS).execute(Tuple.of(id)).mapEmpty();
  }

  /** Marks a draft submitted, with the hash of its content and its acknowledgement of receipt. */
  public Future<Void> submit(SqlConnection connection, UUID id, Instant at, String by, String hash, byte[] acknowledgement) {
    return connection.preparedQuery(SUBMIT).execute(Tuple.of(id, offset(at), by, hash, Buffer.buffer(acknowledgement)))
        .mapEmpty();
  }

  public Future<Optional<byte[]>> acknowledgement(SqlConnection connection, UUID id) {
    return connection.preparedQuery(ACKNOWLEDGEMENT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0 || rows.iterator().next().getBuffer("acknowledgement") == null) {
        return Optional.empty();
      }
      return Optional.of(rows.iterator().next().getBuffer("acknowledgement").getBytes());
    });
  }

  private static Future<Void> batch(SqlConnection connection, String sql, List<Tuple> tuples) {
    return tuples.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(sql).executeBatch(tuples).mapEmpty();
  }

  private Future<List<Application>> assemble(SqlConnection connection, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Row> heads = new ArrayList<>();
    rows.forEach(heads::add);
    UUID[] ids = heads.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    Map<UUID, Integer> caps = new LinkedHashMap<>();
    heads.forEach(row -> caps.put(row.getUUID("id"), row.getInteger("indirect_cost_cap_percent")));
    Map<UUID, List<Member>> members = new LinkedHashMap<>();
    Map<UUID, List<Project>> projects = new LinkedHashMap<>();
    Map<UUID, List<Attachment>> attachments = new LinkedHashMap<>();
    return connection.preparedQuery(MEMBERS).execute(Tuple.of(ids)).compose(found -> {
      found.forEach(row -> members.computeIfAbsent(row.getUUID("application_id"), k -> new ArrayList<>())
          .add(new Member(row.getString("organisation_id"), row.getString("name"), "lead".equals(row.getString("role")))));
      return connection.preparedQuery(PROJECTS).execute(Tuple.of(ids));
    }).compose(found -> {
      found.forEach(row -> {
        UUID application = row.getUUID("application_id");
        List<Objective> objectives = row.getJsonArray("objectives").stream().map(JsonObject.class::cast)
            .map(o -> new Objective(o.getString("territory"), o.getInteger("year"), o.getInteger("target"))).toList();
        projects.computeIfAbsent(application, k -> new ArrayList<>()).add(new Project(row.getString("lot_code"),
            row.getString("title"), Arrays.asList(row.getArrayOfStrings("territories")), row.getString("description"),
            objectives, Arrays.asList(row.getArrayOfStrings("indicators")), row.getString("other_information"),
            Budget.fromStored(row.getJsonArray("budget"), caps.get(application))));
      });
      return connection.preparedQuery(ATTACHMENTS).execute(Tuple.of(ids));
    }).map(found -> {
      found.forEach(row -> attachments.computeIfAbsent(row.getUUID("application_id"), k -> new ArrayList<>())
          .add(new Attachment(row.getString("lot_code"), row.getString("part"), row.getUUID("document_id"),
              row.getString("label"), row.getString("file_name"), row.getInteger("version_number"))));
      List<Application> applications = new ArrayList<>();
      for (Row row : heads) {
        UUID id = row.getUUID("id");
        applications.add(new Application(id, row.getUUID("call_id"), row.getString("organisation_id"),
            members.getOrDefault(id, List.of()), row.getJsonObject("general"), projects.getOrDefault(id, List.of()),
            attachments.getOrDefault(id, List.of()), State.of(row.getString("state")), row.getInteger("version"),
            instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")),
            instant(row.getOffsetDateTime("submitted_at")), row.getString("submitted_by"), row.getString("content_hash")));
      }
      return applications;
    });
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
