package fr.pacte.plugins.mobility;

import fr.pacte.api.LocalizedText;
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import io.vertx.ext.web.Router;
import java.time.Clock;
import fr.pacte.api.ModuleAccess;
import fr.pacte.api.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The plateforme mobilité solidaire module: a register of the platform's sollicitations (first indicator of the
 * fiche), its JSON API and its page. Tables come from {@code db/mobility-platform/V*__*.sql}.
 */
@Extension
public class MobilityPlatformModule implements PacteModule {

  private final Clock clock = Clock.systemUTC();

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    new SolicitationApi(context, new Solicitations(context, clock)).mount(router);
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    new MobilityPages(context, new Solicitations(context, clock)).mount(router);
  }

  /**
   * Solicitations are the platform's working file: the Département's staff and the référents read and record
   * them; operators of other actions and reviewers of calls have no business there.
   */
  @Override
  public ModuleAccess access() {
    Set<Role> staff = EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT,
        Role.REFERENT, Role.AUDITOR);
    Set<Role> recorders = EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT,
        Role.REFERENT);
    return new ModuleAccess(staff, recorders);
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(LocalizedText.of("Plateforme mobilité", "Mobility platform"), ""));
  }
}
