package fr.pacte.server.plugins;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Installed plugins and their enablement per tenant on the JSON API, and the action types of the enabled ones. */
public final class PluginApi {

  /**
   * The optimistic-lock field of an enablement. Not {@code version} as elsewhere: in this resource {@code version} is
   * already the plugin's release.
   */
  private static final String REVISION = "revision";

  private final Access access;
  private final PluginService plugins;

  public PluginApi(Access access, PluginService plugins) {
    this.access = access;
    this.plugins = plugins;
  }

  public void mount(Router router) {
    router.get("/api/plugins").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::installed);
    router.get("/api/tenants/:tenant/plugins").handler(access.to(Permission.VIEW_MODULES)).handler(this::forTenant);
    router.put("/api/tenants/:tenant/plugins/:plugin").handler(access.to(Permission.MANAGE_MODULES)).handler(this::change);
    // The action types of enabled modules are the public side of the offer: prescribers read them without login.
    router.get("/api/tenants/:tenant/action-types").handler(this::actionTypes);
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
    Integer expectedVersion = Versions.expected(request, body.getValue(REVISION), REVISION);
    String tenant = request.pathParam("tenant");
    String pluginId = request.pathParam("plugin");
    plugins.setEnabled(tenant, pluginId, enabled, body.getJsonObject("configuration"), expectedVersion,
            Actor.of(request),
            request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(saved -> Versions.ok(request, 200, saved.version(),
            tenantJson(plugins.runtime().plugin(pluginId).orElseThrow(), saved)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void actionTypes(RoutingContext request) {
    JsonArray types = new JsonArray();
    for (InstalledPlugin plugin : plugins.servingFor(request.pathParam("tenant"))) {
      plugin.actionTypes().forEach(type -> types.add(type.toJson().put("plugin", plugin.id())));
    }
    Json.ok(request, types);
  }

  private static JsonObject tenantJson(InstalledPlugin plugin, Enablement enablement) {
    return plugin.toJson()
        .put("enabled", enablement.enabled())
        .put("configuration", enablement.configuration())
        .put(REVISION, enablement.version())
        .put("changedBy", enablement.changedBy())
        .put("changedAt", enablement.changedAt() == null ? null : enablement.changedAt().toString());
  }
}
