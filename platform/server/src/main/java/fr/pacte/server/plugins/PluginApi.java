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
  private final PluginInstaller installer;

  public PluginApi(Access access, PluginService plugins, PluginInstaller installer) {
    this.access = access;
    this.plugins = plugins;
    this.installer = installer;
  }

  public void mount(Router router) {
    router.get("/api/plugins").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::installed);
    router.get("/api/platform/plugins").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::platformPlugins);
    router.post("/api/platform/plugins").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::upload);
    router.delete("/api/platform/plugins/:plugin").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::remove);
    router.post("/api/platform/plugins/:plugin/rollback").handler(access.to(Permission.OPERATE_PLATFORM))
        .handler(this::rollback);
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

  /** The plugins running on this node, and the jars installed on the running platform (in service, kept for rollback). */
  private void platformPlugins(RoutingContext request) {
    installer.history()
        .onSuccess(history -> Json.ok(request, 200, new JsonObject()
            .put("plugins", new JsonArray(plugins.runtime().plugins().stream().map(InstalledPlugin::toJson).toList()))
            .put("installed", new JsonArray(history.stream().map(this::storedJson).toList()))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void upload(RoutingContext request) {
    JsonObject body = Json.body(request);
    List<Problem.FieldError> errors = new java.util.ArrayList<>();
    if (!(body.getValue("fileName") instanceof String fileName) || fileName.isBlank() || fileName.length() > 255
        || !fileName.endsWith(".jar")) {
      errors.add(new Problem.FieldError("fileName", "Le nom du fichier, terminé par .jar, est obligatoire (255 caractères au plus)."));
    }
    byte[] content = null;
    if (body.getValue("content") instanceof String encoded) {
      try {
        content = java.util.Base64.getDecoder().decode(encoded);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("content", "Le contenu du jar doit être encodé en base64."));
      }
    } else {
      errors.add(new Problem.FieldError("content", "Le contenu du jar, encodé en base64, est obligatoire."));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    installer.upload(body.getString("fileName"), content, Actor.of(request).audited(),
        request.get(RequestLog.REQUEST_ID_KEY))
        // This node's state only: the other nodes load the jar after the answer and say how it went in GET.
        .onSuccess(installed -> Json.ok(request, 201, installed.toJson().put("nodes", new JsonArray(
            installer.nodes(installed.id(), PluginInstaller.sha256(content(body))).stream()
                .map(PluginInstaller.NodeReport::toJson).toList()))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static byte[] content(JsonObject body) {
    return java.util.Base64.getDecoder().decode(body.getString("content"));
  }

  private void remove(RoutingContext request) {
    boolean confirmed = "true".equals(request.queryParams().get("confirm"));
    installer.remove(request.pathParam("plugin"), confirmed, Actor.of(request).audited(),
        request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void rollback(RoutingContext request) {
    installer.rollback(request.pathParam("plugin"), Actor.of(request).audited(),
        request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(installed -> Json.ok(request, 200, installed.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A stored jar; the one in service with what each node did with it (serving it, or refusing it and why). */
  private JsonObject storedJson(PluginJarStore.StoredJar jar) {
    JsonObject json = new JsonObject().put("plugin", jar.pluginId()).put("version", jar.version())
        .put("fileName", jar.fileName()).put("sha256", jar.sha256()).put("state", jar.state())
        .put("uploadedBy", jar.uploadedBy()).put("uploadedAt", jar.uploadedAt().toInstant().toString());
    if ("active".equals(jar.state())) {
      List<PluginInstaller.NodeReport> nodes = installer.nodes(jar.pluginId(), jar.sha256());
      json.put("nodes", new JsonArray(nodes.stream().map(PluginInstaller.NodeReport::toJson).toList()));
      json.put("refusedBy", new JsonArray(nodes.stream().filter(n -> !n.serving()).map(PluginInstaller.NodeReport::node).toList()));
    }
    return json;
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
