package fr.pacte.server.calls;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.users.UserService;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.nio.file.Files;

/**
 * Instruction and selection of the applications to calls for projects (API and pages), and each tenant's wording of
 * the decision letters ({@code letters/<kind>.txt} of its folder).
 */
public final class InstructionFeature implements Feature {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InstructionFeature.class);

  private final InstructionService service;
  private final InstructionApi api;
  private final InstructionPages pages;
  private final Node node;
  private final TenantService tenants;
  private final DemoInstruction demo;

  public InstructionFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, UserService users,
                            Outbox outbox, CallsFeature calls, OrganisationService organisations) {
    this.node = node;
    this.tenants = tenants;
    InstructionNotices notices = new InstructionNotices(outbox, node.config().webBaseUrl(node.config().httpPort()));
    this.service = new InstructionService(node.vertx(), node.transactions(), tenants, users, audit, notices);
    this.api = new InstructionApi(service, new Access());
    this.pages = new InstructionPages(service, new Access(), layout);
    calls.applicationPages().scoresFrom(service::consolidatedScores);
    this.demo = new DemoInstruction(node.vertx(), calls.service(), calls.applications(), service, organisations);
  }

  /**
   * On the embedded default, the Somme's call 2026-2028 goes through the whole chain once, up to the committee's
   * decision and its letters (the demonstration conventions come from that decision). A failure is logged, never
   * fatal: the platform starts without the demonstration.
   */
  @Override
  public Future<Void> start() {
    boolean somme = tenants.all().stream().anyMatch(t -> t.slug().equals(DemoInstruction.TENANT));
    if (!node.config().demoAccounts() || !somme) {
      return Future.succeededFuture();
    }
    return demo.ensure(tenants.zone(DemoInstruction.TENANT)).<Void>mapEmpty()
        .recover(error -> {
          LOG.warn("The demonstration of the call 2026-2028's instruction could not be made", error);
          return Future.succeededFuture();
        });
  }

  public InstructionService service() {
    return service;
  }

  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.applyEach("letters/*.txt", (file, displayName) -> {
      String kind = file.getFileName().toString().replaceFirst("\\.txt$", "");
      if (!Letter.KINDS.contains(kind)) {
        throw new fr.pacte.server.config.YamlFileException(displayName, 1, null,
            "un modèle de courrier nommé notification.txt, acceptance.txt ou refusal.txt");
      }
      return new String[] {kind, Files.readString(file)};
    }, (connection, seed) -> service.store().saveTemplate(connection, seed.tenant(), seed.value()[0], seed.value()[1]));
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
  }
}
