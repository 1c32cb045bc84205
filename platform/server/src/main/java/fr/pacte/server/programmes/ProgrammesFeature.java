package fr.pacte.server.programmes;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/** The tenants' programmes (axes, fiches, actions, roadmaps), seeded from {@code tenants/<slug>/programmes/*.yaml}. */
public final class ProgrammesFeature implements Feature {

  private final ProgrammeService service;
  private final ProgrammeApi api;
  private final ProgrammePages pages;

  public ProgrammesFeature(Node node, PageLayout layout, AuditStore audit, ReferentialService referentials) {
    this.service = new ProgrammeService(node.transactions(), new ProgrammeStore(), audit, referentials);
    this.api = new ProgrammeApi(service, new Access());
    this.pages = new ProgrammePages(service, referentials, layout, new Access());
  }

  public ProgrammeService service() {
    return service;
  }

  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.applyEach("programmes/*.yaml", ProgrammeFile::read,
        (connection, seed) -> service.replaceFromFile(connection, seed.tenant(), seed.value(), seed.displayName()));
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(10, "Programmes", "programmes", Access.shownTo(Permission.READ_POLICY), TenantPage.POLICY));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
