package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.users.UserService;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.tenancy.TenantClock;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pathways: people, their orientations onto the offer with live capacity, follow-up and exits, workshops, and the
 * protection of their personal data (reads logged, retention applied by one node each hour).
 */
public final class PathwaysFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(PathwaysFeature.class);
  private static final long RETENTION_PERIOD_MS = 3_600_000;
  private static final long DIGEST_PERIOD_MS = 900_000;

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final boolean demonstration;
  private final TenantService tenants;
  private final Clock clock;
  private final PersonService people;
  private final OrientationService orientations;
  private final WorkshopService workshops;
  private final ProgressService progress;
  private final SelfPositioningService requests;
  private final PathwayApi api;
  private final PathwayPages pages;
  private final EntryDigest digest;
  private final PathwayDemo demo;
  private long timer = -1;
  private long digestTimer = -1;
  private long expiryTimer = -1;

  public PathwaysFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                         ReferentialService referentials, Outbox outbox, OfferService offer, UserService users) {
    this.vertx = node.vertx();
    this.transactions = node.transactions();
    this.demonstration = node.config().demoAccounts() && node.config().demoPeople();
    this.tenants = tenants;
    this.clock = Clock.systemUTC();
    this.people = new PersonService(node.transactions(), tenants, audit);
    this.orientations = new OrientationService(node.transactions(), plugins, referentials, audit, people);
    this.workshops = new WorkshopService(node.transactions(), orientations, audit);
    this.digest = new EntryDigest(node.transactions(), tenants, outbox, users::list);

    this.progress = new ProgressService(node.transactions(), orientations, audit);
    this.demo = new PathwayDemo(offer, people, orientations, workshops, progress, TenantClock.system(tenants));
    this.requests = new SelfPositioningService(node.transactions(), people, orientations, audit, tenants, outbox);
    this.api = new PathwayApi(people, orientations, workshops, progress, requests, new Access());
    this.pages = new PathwayPages(people, orientations, workshops, progress, requests, referentials, new Access(), layout);
  }

  public PersonService people() {
    return people;
  }

  public OrientationService orientations() {
    return orientations;
  }

  public WorkshopService workshops() {
    return workshops;
  }

  /** Progress grids and satisfaction questionnaires of participations (the indicators read them here). */
  public ProgressService progress() {
    return progress;
  }

  /**
   * On the embedded default, each tenant gets its demonstration people and participations once (after the
   * demonstration conventions, whose funded items they are oriented onto); then the hourly retention and the digest.
   */
  @Override
  public Future<Void> start() {
    Future<Void> chain = demonstration
        ? transactions.fewAtATime(tenants.all(), tenant -> demo.ensure(tenant.slug())).<Void>mapEmpty()
        : Future.succeededFuture();
    return chain.onSuccess(done -> timers());
  }

  private void timers() {
    timer = vertx.setPeriodic(RETENTION_PERIOD_MS, fired -> people.applyRetention(clock.instant())
        .onFailure(error -> LOG.warn("Applying the retention of personal data failed; next try in an hour", error)));
    expiryTimer = vertx.setPeriodic(RETENTION_PERIOD_MS, fired -> requests.expire(clock.instant())
        .onFailure(error -> LOG.warn("Expiring the undecided self-positioning requests failed; next try in an hour", error)));
    digestTimer = vertx.setPeriodic(DIGEST_PERIOD_MS, fired -> digest.send()
        .onFailure(error -> LOG.warn("Sending the digest of entries to the territories failed; next try later", error)));
  }

  /** Requests from the public offer page (their hourly expiry included). */
  public SelfPositioningService selfPositionings() {
    return requests;
  }

  /** The demonstration people and participations of the embedded default. */
  public PathwayDemo demo() {
    return demo;
  }

  /** The digest of entries mailed to the territories' agents (sent every quarter of an hour by one node). */
  public EntryDigest digest() {
    return digest;
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(35, "Parcours", "parcours", Access.shownTo(Permission.READ_PEOPLE)));
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
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    if (digestTimer >= 0) {
      vertx.cancelTimer(digestTimer);
    }
  }
}
