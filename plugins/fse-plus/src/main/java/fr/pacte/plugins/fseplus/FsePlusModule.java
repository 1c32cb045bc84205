package fr.pacte.plugins.fseplus;

import fr.pacte.api.EventListener;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ModuleAccess;
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PagePanel;
import fr.pacte.api.PluginContext;
import fr.pacte.api.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * FSE+ co-funding: a cross-cutting module with no action type. It reads the tenant's conventions and participations
 * through the platform's data view, keeps its operations, plans and participant data in its own schema, hears the
 * entries and exits of the pathway, and adds a panel to the pages of the conventions and participations it co-funds.
 */
@Extension
public class FsePlusModule implements PacteModule {

  static final Set<Role> READERS = EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT,
      Role.REFERENT, Role.AUDITOR);
  static final Set<Role> CHANGERS = EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.REFERENT);

  private final TenantToday today = new TenantToday(Clock.systemUTC());
  private volatile Operations operations;
  private volatile Demonstration demonstration;

  @Override
  public void start(PluginContext context) {
    operations = new Operations(context.platformData(), context.audit());
    demonstration = new Demonstration(operations, context.platformData(), today, context.logger());
  }

  @Override
  public void apiRoutes(Router router, PluginContext context) {
    new FsePlusApi(context, operations, today).mount(router);
  }

  @Override
  public void pageRoutes(Router router, PluginContext context) {
    new FsePlusPages(context, operations, today).mount(router);
  }

  /**
   * Everyone of the Département who follows the insertion actions reads; those who collect the data or run the
   * operations change it. Operators and reviewers of calls have no business here.
   */
  @Override
  public ModuleAccess access() {
    return new ModuleAccess(READERS, CHANGERS);
  }

  @Override
  public List<NavigationEntry> navigation() {
    return List.of(new NavigationEntry(LocalizedText.of("Cofinancement FSE+", "ESF+ co-funding"), ""));
  }

  /** Entries and exits of the pathway reach the operations co-funding the action, so no date is typed twice. */
  @Override
  public List<EventListener> listeners() {
    return List.of(
        new EventListener("participation.entered", (event, tenant) ->
            operations.onParticipation(tenant, UUID.fromString(event.payload().getString("participation")))),
        new EventListener("participation.exited", (event, tenant) ->
            operations.onParticipation(tenant, UUID.fromString(event.payload().getString("participation")))));
  }

  @Override
  public List<PagePanel> panels() {
    return List.of(
        new PagePanel(PagePanel.Place.CONVENTION, LocalizedText.of("Cofinancement FSE+", "ESF+ co-funding"),
            (conventionId, tenant) -> operations.ofConvention(tenant, conventionId)
                .map(found -> {
                  List<PagePanel.Line> lines = new ArrayList<>();
                  for (Operation o : found) {
                    lines.add(new PagePanel.Line("Opération", o.title() + " — " + o.status().label,
                        "operations/" + o.id()));
                    lines.add(new PagePanel.Line("Plan de financement", Money.euros(o.plan().totalCents())
                        + " de dépenses éligibles, dont FSE+ " + Money.euros(o.plan().fseCents()), null));
                  }
                  return lines;
                })),
        new PagePanel(PagePanel.Place.PARTICIPATION, LocalizedText.of("Données FSE+", "ESF+ data"),
            (participationId, tenant) -> operations.ofParticipation(tenant, participationId).map(found -> {
              List<PagePanel.Line> lines = new ArrayList<>();
              for (Participant p : found) {
                lines.add(new PagePanel.Line("Données à l'entrée", p.entryComplete() ? "recueillies" : "à recueillir",
                    "operations/" + p.operationId() + "/participants/" + p.participationId()));
                if (p.exitDate() != null) {
                  lines.add(new PagePanel.Line("Situation à six mois", p.sixMonthsCollectedOn() != null ? "recueillie"
                      : "à recueillir à partir du " + FrenchDates.day(p.sixMonthsDueOn()), null));
                }
              }
              return lines;
            })));
  }

  /** The demonstration its configuration asks for is made when the platform starts with the module enabled... */
  @Override
  public Future<Void> onTenantStarted(fr.pacte.api.TenantScope tenant) {
    return demonstration.ensure(tenant);
  }

  /** ...or when an administrator enables it on a running platform. */
  @Override
  public Future<Void> onTenantEnabled(fr.pacte.api.TenantScope tenant) {
    return demonstration.ensure(tenant);
  }
}
