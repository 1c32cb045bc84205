package fr.pacte.server.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The e-mails a tenant has to send, kept in PostgreSQL. A feature enqueues a mail on the connection of the
 * transaction that saves what the mail announces: both commit, or neither.
 */
public final class Outbox {

  /** A mail as the outbox holds it. */
  public record Queued(UUID id, String recipient, String subject, String body, String topic, String state,
                       int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {
  }

  private static final String ENQUEUE = """
      INSERT INTO platform.outbound_mail (tenant_id, recipient, subject, body, topic, state)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id""";
  private static final String WAITING = """
      INSERT INTO platform.mail_waiting (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING""";
  private static final String TENANTS_WAITING = "SELECT tenant_id FROM platform.mail_waiting ORDER BY tenant_id";
  private static final String DONE_WAITING = "DELETE FROM platform.mail_waiting WHERE tenant_id = $1";
  // SKIP LOCKED: two nodes sending at once each take other mails, never the same one.
  private static final String DUE = """
      SELECT id, recipient, subject, body, topic, state, attempts, last_error, created_at, sent_at
        FROM platform.outbound_mail
       WHERE tenant_id = $1 AND state = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at
       LIMIT $2
         FOR UPDATE SKIP LOCKED""";
  private static final String STILL_PENDING = """
      SELECT count(*) AS pending FROM platform.outbound_mail WHERE tenant_id = $1 AND state = 'pending'""";
  private static final String SENT = """
      UPDATE platform.outbound_mail SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
       WHERE tenant_id = $1 AND id = $2""";
  // Back-off: 1, 2, 4 … minutes, capped at an hour; after the last attempt the mail is kept as failed.
  private static final String NOT_SENT = """
      UPDATE platform.outbound_mail
         SET attempts = attempts + 1, last_error = left($3, 1000),
             state = CASE WHEN attempts + 1 >= $4 THEN 'failed' ELSE 'pending' END,
             next_attempt_at = now() + least(interval '1 minute' * power(2, attempts), interval '1 hour')
       WHERE tenant_id = $1 AND id = $2""";
  private static final String LIST = """
      SELECT id, recipient, subject, body, topic, state, attempts, last_error, created_at, sent_at
        FROM platform.outbound_mail
       WHERE tenant_id = $1 AND ($2::text IS NULL OR topic = $2)
       ORDER BY created_at DESC, id
       LIMIT $3""";

  /** Attempts before a mail is given up as failed. */
  static final int MAX_ATTEMPTS = 8;

  private final boolean sending;

  /** @param sending whether an SMTP server is configured; without one, mails are held and only shown in the application */
  public Outbox(boolean sending) {
    this.sending = sending;
  }

  /** Adds a mail to send once the caller's transaction commits. */
  public Future<UUID> enqueue(SqlConnection connection, String tenant, Mail mail) {
    return connection.preparedQuery(ENQUEUE)
        .execute(Tuple.of(tenant, mail.recipient(), mail.subject(), mail.body(), mail.topic(), sending ? "pending" : "held"))
        .compose(rows -> {
          UUID id = rows.iterator().next().getUUID("id");
          return sending
              ? connection.preparedQuery(WAITING).execute(Tuple.of(tenant)).map(id)
              : Future.succeededFuture(id);
        });
  }

  /** A tenant's latest mails, all or those of one topic. */
  public Future<List<Queued>> list(SqlConnection connection, String tenant, String topic, int limit) {
    return connection.preparedQuery(LIST).execute(Tuple.of(tenant, topic, limit)).map(rows -> {
      List<Queued> mails = new ArrayList<>();
      rows.forEach(row -> mails.add(queued(row)));
      return mails;
    });
  }

  Future<List<String>> tenantsWaiting(SqlConnection connection) {
    return connection.preparedQuery(TENANTS_WAITING).execute().map(rows -> {
      List<String> tenants = new ArrayList<>();
      rows.forEach(row -> tenants.add(row.getString("tenant_id")));
      return tenants;
    });
  }

  Future<Void> doneWaiting(SqlConnection connection, String tenant) {
    return connection.preparedQuery(DONE_WAITING).execute(Tuple.of(tenant)).mapEmpty();
  }

  Future<Void> stillWaiting(SqlConnection connection, String tenant) {
    return connection.preparedQuery(STILL_PENDING).execute(Tuple.of(tenant))
        .compose(rows -> rows.iterator().next().getLong("pending") > 0
            ? connection.preparedQuery(WAITING).execute(Tuple.of(tenant)).mapEmpty()
            : Future.succeededFuture());
  }

  Future<List<Queued>> due(SqlConnection connection, String tenant, int limit) {
    return connection.preparedQuery(DUE).execute(Tuple.of(tenant, limit)).map(rows -> {
      List<Queued> mails = new ArrayList<>();
      rows.forEach(row -> mails.add(queued(row)));
      return mails;
    });
  }

  Future<Void> sent(SqlConnection connection, String tenant, UUID id) {
    return connection.preparedQuery(SENT).execute(Tuple.of(tenant, id)).mapEmpty();
  }

  Future<Void> notSent(SqlConnection connection, String tenant, UUID id, String error) {
    return connection.preparedQuery(NOT_SENT).execute(Tuple.of(tenant, id, error, MAX_ATTEMPTS)).mapEmpty();
  }

  private static Queued queued(Row row) {
    return new Queued(row.getUUID("id"), row.getString("recipient"), row.getString("subject"), row.getString("body"),
        row.getString("topic"), row.getString("state"), row.getInteger("attempts"), row.getString("last_error"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("sent_at"));
  }
}
