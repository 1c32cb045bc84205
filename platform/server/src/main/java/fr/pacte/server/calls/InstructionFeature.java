package fr.pacte.server.calls;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.users.UserService;
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

  private final InstructionService service;
  private final InstructionApi api;

  public InstructionFeature(Node node, PageLayout layout, AuditStore audit, TenantService tenants, UserService users,
                            InstructionNotices.Outbox outbox) {
    InstructionNotices notices = new InstructionNotices(outbox, node.config().webBaseUrl(node.config().httpPort()));
    this.service = new InstructionService(node.vertx(), node.transactions(), tenants, users, audit, notices);
    this.api = new InstructionApi(service, new Access());
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
  }
}
