package fr.pacte.server.referentials;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/** The national référentiels and each tenant's local values ({@code tenants/<slug>/referentiels.yaml}). */
public final class ReferentialsFeature implements Feature {

  private final ReferentialService service;
  private final ReferentialApi api;
  private final ReferentialPages pages;

  public ReferentialsFeature(Node node, PageLayout layout, AuditStore audit) {
    this.service = new ReferentialService(node.transactions(), new ReferentialStore(), new TenantStore(), audit,
        NationalReferentials.load());
    this.api = new ReferentialApi(service, new Access());
    this.pages = new ReferentialPages(service, layout, new Access());
  }

  public ReferentialService service() {
    return service;
  }

  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.applyEach(ReferentialsFile.FILE_NAME,
        (file, displayName) -> ReferentialsFile.read(file, displayName, service.national()),
        (connection, seed) -> service.replaceFromFile(connection, seed.tenant(), seed.value(), seed.displayName()));
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(50, "Référentiels", "referentiels", Access.shownTo(Permission.READ_POLICY), TenantPage.POLICY));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
