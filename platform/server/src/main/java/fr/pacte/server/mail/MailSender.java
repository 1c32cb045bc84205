package fr.pacte.server.mail;

import fr.pacte.server.config.PacteConfig.Smtp;
import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, tenant by tenant, every few seconds. A mail is marked sent in the transaction that
 * locked it, so a node that dies mid-way leaves it pending for the next try (a mail may then go twice, never zero
 * times).
 */
final class MailSender {

  private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
  private static final int BATCH = 20;

  private final TenantTransactions transactions;
  private final Outbox outbox;
  private final MailClient client;
  private final String from;
  private boolean running;

  MailSender(Vertx vertx, TenantTransactions transactions, Outbox outbox, Smtp smtp) {
    this.transactions = transactions;
    this.outbox = outbox;
    this.from = smtp.from();
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
        .setStarttls(smtp.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL)
        .setConnectTimeout(10_000).setKeepAlive(true);
    if (smtp.username() != null) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.client = MailClient.create(vertx, config);
  }

  /** One round over the tenants with mail waiting; a round still running makes this one a no-op. */
  Future<Integer> sendWaiting() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return transactions.inTenantOrPlatform(null, outbox::tenantsWaiting)
        .compose(tenants -> {
          List<Future<Integer>> rounds = new ArrayList<>();
          for (String tenant : tenants) {
            rounds.add(transactions.inTenant(tenant, connection -> outbox.doneWaiting(connection, tenant)
                .compose(marked -> outbox.due(connection, tenant, BATCH))
                .compose(due -> sendEach(connection, tenant, due))
                .compose(sent -> outbox.stillWaiting(connection, tenant).map(sent))));
          }
          return Future.join(rounds).map(all -> rounds.stream().filter(Future::succeeded).mapToInt(Future::result).sum());
        })
        .onComplete(done -> running = false);
  }

  private Future<Integer> sendEach(io.vertx.sqlclient.SqlConnection connection, String tenant, List<Outbox.Queued> due) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Outbox.Queued mail : due) {
      chain = chain.compose(count -> client.sendMail(message(mail))
          .compose(result -> outbox.sent(connection, tenant, mail.id()).map(count + 1))
          .recover(error -> {
            LOG.warn("E-mail {} of {} not sent (attempt {}): {}", mail.id(), tenant, mail.attempts() + 1, error.toString());
            return outbox.notSent(connection, tenant, mail.id(), error.toString()).map(count);
          }));
    }
    return chain;
  }

  private MailMessage message(Outbox.Queued mail) {
    return new MailMessage().setFrom(from).setTo(mail.recipient()).setSubject(mail.subject()).setText(mail.body());
  }

  void close() {
    client.close();
  }
}
