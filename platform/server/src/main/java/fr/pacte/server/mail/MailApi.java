package fr.pacte.server.mail;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/tenants/{tenant}/mails}: what the tenant sent or holds, for its administrators and auditors. */
final class MailApi {

  private static final int LIMIT = 200;

  private final TenantTransactions transactions;
  private final Outbox outbox;
  private final Handler<RoutingContext> readers;

  MailApi(TenantTransactions transactions, Outbox outbox, Handler<RoutingContext> readers) {
    this.transactions = transactions;
    this.outbox = outbox;
    this.readers = readers;
  }

  void mount(Router router) {
    router.get("/api/tenants/:tenant/mails").handler(readers).handler(this::list);
  }

  private void list(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String topic = request.queryParams().get("topic");
    if (topic != null && topic.length() > 200) {
      FailureHandler.respond(request, Problem.validation(java.util.List.of(new Problem.FieldError("topic", "Un sujet fait au plus 200 caractères."))));
      return;
    }
    transactions.inTenant(tenant, connection -> outbox.list(connection, tenant, topic, LIMIT))
        .onSuccess(mails -> Json.ok(request, new JsonArray(mails.stream().map(MailApi::json).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static JsonObject json(Outbox.Queued mail) {
    return new JsonObject().put("id", mail.id().toString()).put("recipient", mail.recipient())
        .put("subject", mail.subject()).put("body", mail.body()).put("topic", mail.topic()).put("state", mail.state())
        .put("attempts", mail.attempts()).put("lastError", mail.lastError())
        .put("createdAt", mail.createdAt().toInstant().toString())
        .put("sentAt", mail.sentAt() == null ? null : mail.sentAt().toInstant().toString());
  }
}
