package fr.pacte.server.plugins;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Installed plugins and their enablement per tenant: the API and the tenant's "Modules" page. */
public final class PluginRoutes {

  private final Access access;
  private final PluginService plugins;
  private final PageLayout layout;

  public PluginRoutes(Access access, PluginService plugins, PageLayout layout) {
    this.access = access;
    this.plugins = plugins;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get("/api/plugins").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::installed);
    router.get("/api/tenants/:tenant/plugins").handler(access.to(Permission.VIEW_MODULES)).handler(this::forTenant);
    router.put("/api/tenants/:tenant/plugins/:plugin").handler(access.to(Permission.MANAGE_MODULES)).handler(this::change);
    // The action types of enabled modules are the public side of the offer: prescribers read them without login.
    router.get("/api/tenants/:tenant/action-types").handler(this::actionTypes);
    router.get("/t/:tenant/admin/modules").handler(access.to(Permission.VIEW_MODULES)).handler(this::modulesPage);
    router.post("/t/:tenant/admin/modules/:plugin").handler(access.to(Permission.MANAGE_MODULES)).handler(this::changeFromPage);
  }

  private void installed(RoutingContext request) {
    JsonArray refused = new JsonArray();
    plugins.runtime().refusals().forEach(refusal -> refused.add(new JsonObject()
        .put("file", refusal.jar().getFileName().toString()).put("reason", refusal.reason())));
    Json.ok(request, 200, new JsonObject()
        .put("plugins", new JsonArray(plugins.runtime().plugins().stream().map(InstalledPlugin::toJson).toList()))
        .put("refused", refused));
  }

  private void forTenant(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    Json.ok(request, new JsonArray(plugins.runtime().plugins().stream()
        .map(plugin -> tenantJson(plugin, plugins.enablement(tenant, plugin.id()))).toList()));
  }

  private void change(RoutingContext request) {
    JsonObject body = Json.body(request);
    if (!(body.getValue("enabled") instanceof Boolean enabled)) {
      throw Problem.validation(List.of(new Problem.FieldError("enabled", "Indiquez true pour activer, false pour désactiver.")));
    }
    if (body.containsKey("configuration") && !(body.getValue("configuration") instanceof JsonObject)) {
      throw Problem.validation(List.of(new Problem.FieldError("configuration", "Un objet JSON est attendu.")));
    }
    Integer expectedVersion = expectedVersion(request, body.getValue("revision"));
    String tenant = request.pathParam("tenant");
    String pluginId = request.pathParam("plugin");
    plugins.setEnabled(tenant, pluginId, enabled, body.getJsonObject("configuration"), expectedVersion,
            Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(saved -> {
          request.response().putHeader("ETag", "\"" + saved.version() + "\"");
          Json.ok(request, 200, tenantJson(plugins.runtime().plugin(pluginId).orElseThrow(), saved));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The revision the client read: from If-Match, or a {@code revision} field. */
  private static Integer expectedVersion(RoutingContext request, Object fromBody) {
    String ifMatch = request.request().getHeader("If-Match");
    String raw = ifMatch != null ? ifMatch.replace("\"", "").trim() : fromBody == null ? null : fromBody.toString();
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(raw);
    } catch (NumberFormatException e) {
      throw Problem.validation(List.of(new Problem.FieldError("revision", "La révision doit être un nombre entier.")));
    }
  }

  private void actionTypes(RoutingContext request) {
    JsonArray types = new JsonArray();
    for (InstalledPlugin plugin : plugins.servingFor(request.pathParam("tenant"))) {
      plugin.actionTypes().forEach(type -> types.add(type.toJson().put("plugin", plugin.id())));
    }
    Json.ok(request, types);
  }

  private void modulesPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InstalledPlugin plugin : plugins.runtime().plugins()) {
      Enablement enablement = plugins.enablement(tenant, plugin.id());
      rows.add(Map.of(
          "plugin", plugin,
          "enablement", enablement,
          "actionTypes", plugin.actionTypes().stream().map(ActionTypeDescriptor::label).map(l -> l.fr()).toList()));
    }
    layout.render(request, "modules", "Modules", Map.of(
            "rows", rows,
            "refusals", plugins.runtime().refusals(),
            "notice", request.queryParams().get("notice") == null ? "" : request.queryParams().get("notice"),
            "conflict", request.queryParams().get("conflict") == null ? "" : request.queryParams().get("conflict")))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void changeFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String pluginId = request.pathParam("plugin");
    boolean enabled = "true".equals(request.request().getFormAttribute("enabled"));
    Integer version = expectedVersion(request, request.request().getFormAttribute("revision"));
    String page = "/t/" + tenant + "/admin/modules";
    plugins.setEnabled(tenant, pluginId, enabled, null, version, Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(saved -> Redirect.seeOther(request, page + "?notice=" + (enabled ? "enabled" : "disabled") + "#module-" + pluginId))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 409) {
            Redirect.seeOther(request, page + "?conflict=" + pluginId + "#module-" + pluginId);
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private static JsonObject tenantJson(InstalledPlugin plugin, Enablement enablement) {
    return plugin.toJson()
        .put("enabled", enablement.enabled())
        .put("configuration", enablement.configuration())
        .put("revision", enablement.version())
        .put("changedBy", enablement.changedBy())
        .put("changedAt", enablement.changedAt() == null ? null : enablement.changedAt().toString());
  }
}
