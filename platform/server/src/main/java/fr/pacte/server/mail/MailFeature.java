package fr.pacte.server.mail;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing e-mail: the {@link Outbox} other features enqueue into, and, when an SMTP server is configured, the
 * sender that empties it. Without one (the embedded default), mails are kept as "held" and shown in the
 * application only.
 */
public final class MailFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(MailFeature.class);
  private static final long SENDING_PERIOD_MS = 2_000;

  private final Vertx vertx;
  private final Outbox outbox;
  private final MailSender sender;
  private final MailApi api;
  private final MailPages pages;
  private long timer = -1;

  public MailFeature(Node node, PageLayout layout, TenantService tenants) {
    this.vertx = node.vertx();
    this.outbox = new Outbox(node.config().smtp().isPresent());
    this.sender = node.config().smtp().map(smtp -> new MailSender(vertx, node.transactions(), outbox, smtp)).orElse(null);
    Access access = new Access();
    this.api = new MailApi(node.transactions(), outbox, access.to(Permission.READ_MAILS));
    this.pages = new MailPages(node.transactions(), outbox, tenants, layout, access.to(Permission.READ_MAILS));
  }

  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Future<Void> start() {
    if (sender != null) {
      timer = vertx.setPeriodic(SENDING_PERIOD_MS, fired -> sender.sendWaiting()
          .onFailure(error -> LOG.warn("Sending e-mails failed; next try in {} ms", SENDING_PERIOD_MS, error)));
    }
    return Future.succeededFuture();
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(95, "Courriels", "courriels", Access.shownTo(Permission.READ_MAILS),
        TenantPage.ADMINISTRATION));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (sender != null) {
      sender.close();
    }
  }
}
