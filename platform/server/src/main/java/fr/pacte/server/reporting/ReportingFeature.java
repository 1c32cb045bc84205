package fr.pacte.server.reporting;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.mail.Outbox;
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
 * Reporting: the operators' monthly reports (opened for last month, prefilled from the pathways, reconciled,
 * submitted, validated, approved, locked; reminders before and after their due date, sent by one node each round),
 * their completeness and timeliness, and the yearly evaluations with the comité de pilotage's decision on the
 * convention's next tranche.
 */
public final class ReportingFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(ReportingFeature.class);
  private static final long ROUND_PERIOD_MS = 3_600_000;

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final Clock clock = Clock.systemUTC();
  private final ReportService reports;
  private final EvaluationService evaluations;
  private final ReportApi api;
  private final ReportPages pages;
  private final ReportDemo demo;
  private final TenantService tenants;
  private final boolean demonstration;
  private long timer = -1;

  public ReportingFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                          ReferentialService referentials, Outbox outbox, ConventionService conventions) {
    this.vertx = node.vertx();
    this.transactions = node.transactions();
    this.tenants = tenants;
    this.demonstration = node.config().demoAccounts() && node.config().demoPeople();
    this.reports = new ReportService(node.transactions(), node.reads(), tenants, plugins, referentials, audit, outbox);
    this.evaluations = new EvaluationService(node.transactions(), node.reads(), conventions, referentials, audit);
    this.api = new ReportApi(reports, evaluations, tenants, new Access(), node.vertx());
    this.pages = new ReportPages(reports, evaluations, conventions, api, new Access(), layout);
    this.demo = new ReportDemo(reports, evaluations, conventions, TenantClock.system(tenants));
  }

  public ReportService reports() {
    return reports;
  }

  public EvaluationService evaluations() {
    return evaluations;
  }

  /** The demonstration reports of the embedded default, made after the demonstration people. */
  public ReportDemo demo() {
    return demo;
  }

  /**
   * On the embedded default, each tenant's demonstration reports are made once, from the demonstration people the
   * pathways made when they started (features start in order); then the hourly round of reminders.
   */
  @Override
  public Future<Void> start() {
    Future<Void> chain = demonstration
        ? transactions.fewAtATime(tenants.all(), tenant -> demo.ensure(tenant.slug())).<Void>mapEmpty()
        : Future.succeededFuture();
    return chain.onSuccess(done -> timer = vertx.setPeriodic(ROUND_PERIOD_MS, fired -> reports.remind(clock.instant())
        .onFailure(error -> LOG.warn("Opening last month's reports and sending reminders failed; next try in an hour", error))));
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(45, "Rapports et bilans", "rapports", Access.shownTo(Permission.READ_REPORTS),
        TenantPage.OFFER));
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
  }
}
