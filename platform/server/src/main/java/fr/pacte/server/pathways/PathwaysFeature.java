package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.referentials.ReferentialService;
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

  private final Vertx vertx;
  private final Clock clock;
  private final PersonService people;
  private final OrientationService orientations;
  private final WorkshopService workshops;
  private final PathwayApi api;
  private final PathwayPages pages;
  private long timer = -1;

  public PathwaysFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, PluginService plugins,
                         ReferentialService referentials) {
    this.vertx = node.vertx();
    this.clock = Clock.systemUTC();
    this.people = new PersonService(node.transactions(), tenants, audit);
    this.orientations = new OrientationService(node.transactions(), plugins, referentials, audit, people);
    this.workshops = new WorkshopService(node.transactions(), orientations, audit);
    this.api = new PathwayApi(people, orientations, workshops, new Access());
    this.pages = new PathwayPages(people, orientations, workshops, referentials, new Access(), layout);
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

  @Override
  public Future<Void> start() {
    timer = vertx.setPeriodic(RETENTION_PERIOD_MS, fired -> people.applyRetention(clock.instant())
        .onFailure(error -> LOG.warn("Applying the retention of personal data failed; next try in an hour", error)));
    return Future.succeededFuture();
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(40, "Parcours", "parcours", Access.shownTo(Permission.READ_PEOPLE)));
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
