package fr.pacte.server.plugins;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.Actor;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import fr.pacte.server.web.Versions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tenant's "Modules" page: the installed plugins, enabled or disabled for the tenant by its administrator. */
public final class ModulesPage {

  /**
   * The optimistic-lock field of an enablement. Not {@code version} as elsewhere: in this resource {@code version} is
   * already the plugin's release.
   */
  private static final String REVISION = "revision";

  private final Access access;
  private final PluginService plugins;
  private final PageLayout layout;

  public ModulesPage(Access access, PluginService plugins, PageLayout layout) {
    this.access = access;
    this.plugins = plugins;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get("/t/:tenant/admin/modules").handler(access.to(Permission.VIEW_MODULES)).handler(this::modulesPage);
    router.post("/t/:tenant/admin/modules/:plugin").handler(access.to(Permission.MANAGE_MODULES)).handler(this::changeFromPage);
  }

  private void modulesPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InstalledPlugin plugin : plugins.runtime().plugins()) {
      Enablement enablement = plugins.enablement(tenant, plugin.id());
      List<String> actionTypes = plugin.actionTypes().stream().map(ActionTypeDescriptor::label).map(l -> l.fr()).toList();
      rows.add(Map.of(
          "plugin", plugin,
          "name", actionTypes.isEmpty() ? String.valueOf(plugin.description()) : actionTypes.get(0),
          "enablement", enablement,
          "changedBy", changedBy(enablement.changedBy()),
          "actionTypes", actionTypes));
    }
    layout.render(request, "modules", "Modules", Map.of(
            "rows", rows,
            "refusals", plugins.runtime().refusals(),
            "notice", request.queryParams().get("notice") == null ? "" : request.queryParams().get("notice"),
            "conflict", request.queryParams().get("conflict") == null ? "" : request.queryParams().get("conflict")))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * Who last changed a module's state, as people read it: a person's account name, or the département's file read at
   * start-up; never the audit trail's codes ("system — Pacte (tenants/…/tenant.yaml)", "somme:admin").
   */
  static String changedBy(String audited) {
    return Actor.readable(audited);
  }

  private void changeFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String pluginId = request.pathParam("plugin");
    boolean enabled = "true".equals(request.request().getFormAttribute("enabled"));
    Integer version = Versions.expected(request, request.request().getFormAttribute(REVISION), REVISION);
    String page = "/t/" + tenant + "/admin/modules";
    plugins.setEnabled(tenant, pluginId, enabled, null, version, Actor.of(request),
            request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(saved -> Redirect.seeOther(request, page + "?notice=" + (enabled ? "enabled" : "disabled") + "#avis"))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 409) {
            Redirect.seeOther(request, page + "?conflict=" + pluginId + "#module-" + pluginId);
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }
}
