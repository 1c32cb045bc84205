package fr.pacte.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail: who did what, when, in which tenant. Written in the same tenant transaction as the change
 * it records, so one never exists without the other. The application role may insert and read, never update
 * or delete.
 */
public final class AuditStore {

  private static final String INSERT = """
      INSERT INTO platform.audit_event (tenant_id, actor, action, target, details, request_id)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String RECENT = """
      SELECT occurred_at, actor, action, target, details, request_id FROM platform.audit_event
      ORDER BY occurred_at DESC, id DESC LIMIT $1""";

  private static final String RECENT_OF_KIND = """
      SELECT occurred_at, actor, action, target, details, request_id FROM platform.audit_event
      WHERE action LIKE $2 ORDER BY occurred_at DESC, id DESC LIMIT $1""";

  private static final String INSERT_PLATFORM = """
      INSERT INTO platform.platform_audit_event (actor, action, target, details, request_id)
      VALUES ($1, $2, $3, $4, $5)""";

  private static final String RECENT_PLATFORM = """
      SELECT occurred_at, actor, action, target, details, request_id FROM platform.platform_audit_event
      ORDER BY occurred_at DESC, id DESC LIMIT $1""";

  /** One recorded action. */
  public record AuditEvent(OffsetDateTime occurredAt, String actor, String action, String target, JsonObject details,
                           String requestId) {

    public JsonObject toJson() {
      return new JsonObject().put("occurredAt", occurredAt.toString()).put("actor", actor).put("action", action)
          .put("target", target).put("details", details).put("requestId", requestId);
    }
  }

  /** Records an action; {@code connection} must be in the tenant's transaction ({@code tenantId} is checked by RLS). */
  public Future<Void> record(SqlConnection connection, String tenantId, String actor, String action, String target,
                             JsonObject details, String requestId) {
    return connection.preparedQuery(INSERT)
        .execute(Tuple.of(tenantId, actor, action, target, details == null ? new JsonObject() : details, requestId))
        .mapEmpty();
  }

  /** Records what a platform operator did to the platform itself (no tenant), in the caller's transaction. */
  public Future<Void> recordPlatform(SqlConnection connection, String actor, String action, String target,
                                     JsonObject details, String requestId) {
    return connection.preparedQuery(INSERT_PLATFORM)
        .execute(Tuple.of(actor, action, target, details == null ? new JsonObject() : details, requestId))
        .mapEmpty();
  }

  /** The latest actions on the platform itself, newest first. */
  public Future<List<AuditEvent>> recentOfPlatform(SqlConnection connection, int limit) {
    return connection.preparedQuery(RECENT_PLATFORM).execute(Tuple.of(limit)).map(AuditStore::events);
  }

  public Future<List<AuditEvent>> recent(SqlConnection connection, int limit) {
    return connection.preparedQuery(RECENT).execute(Tuple.of(limit)).map(AuditStore::events);
  }

  /** The latest actions whose name starts with {@code prefix} (e.g. {@code tenant.}), newest first. */
  public Future<List<AuditEvent>> recentOfKind(SqlConnection connection, String prefix, int limit) {
    return connection.preparedQuery(RECENT_OF_KIND).execute(Tuple.of(limit, prefix.replace("%", "") + "%"))
        .map(AuditStore::events);
  }

  private static List<AuditEvent> events(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    List<AuditEvent> events = new ArrayList<>();
    rows.forEach(row -> events.add(new AuditEvent(row.getOffsetDateTime("occurred_at"), row.getString("actor"),
        row.getString("action"), row.getString("target"), row.getJsonObject("details"), row.getString("request_id"))));
    return events;
  }
}
