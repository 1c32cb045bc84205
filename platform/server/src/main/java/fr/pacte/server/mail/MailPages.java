package fr.pacte.server.mail;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /t/{tenant}/courriels}: what the tenant sent, waits to send or keeps, for its administrators and auditors. */
final class MailPages {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRENCH);
  private static final Map<String, String> STATES = Map.of("sent", "Envoyé", "pending", "En attente d'envoi",
      "failed", "Non envoyé (abandonné)", "held", "Gardé dans Pacte (aucun serveur d'envoi configuré)");

  private final TenantTransactions transactions;
  private final Outbox outbox;
  private final TenantService tenants;
  private final PageLayout layout;
  private final Handler<RoutingContext> readers;

  MailPages(TenantTransactions transactions, Outbox outbox, TenantService tenants, PageLayout layout,
            Handler<RoutingContext> readers) {
    this.transactions = transactions;
    this.outbox = outbox;
    this.tenants = tenants;
    this.layout = layout;
    this.readers = readers;
  }

  void mount(Router router) {
    router.get("/t/:tenant/courriels").handler(readers).handler(this::listPage);
  }

  private void listPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    ZoneId zone = tenants.zone(tenant);
    transactions.inTenant(tenant, connection -> outbox.list(connection, tenant, null, 200))
        .compose(mails -> layout.render(request, "mails", "Courriels", Map.of("mails", views(mails, zone))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static List<Map<String, Object>> views(List<Outbox.Queued> mails, ZoneId zone) {
    return mails.stream().map(mail -> {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("created", mail.createdAt().atZoneSameInstant(zone).format(WHEN));
      view.put("sent", mail.sentAt() == null ? "" : mail.sentAt().atZoneSameInstant(zone).format(WHEN));
      view.put("recipient", mail.recipient());
      view.put("subject", mail.subject());
      view.put("body", mail.body());
      view.put("state", STATES.getOrDefault(mail.state(), mail.state()));
      view.put("failed", "failed".equals(mail.state()));
      view.put("attempts", mail.attempts());
      view.put("error", mail.lastError() == null ? "" : mail.lastError());
      return view;
    }).toList();
  }
}
