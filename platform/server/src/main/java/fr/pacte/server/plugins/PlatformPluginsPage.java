package fr.pacte.server.plugins;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The platform operator's plugins page: the plugins running, the versions installed on the running platform and the
 * one kept for rollback of each; upload a jar, roll back, remove after a confirmation that says the tenants' data is
 * kept. The same {@link PluginInstaller} as the API ({@code /api/platform/plugins}).
 */
public final class PlatformPluginsPage {

  /** The upload of a jar from the page: its body is read by the upload bodies, to disk, once the operator is known. */
  public static final String UPLOAD = "/plateforme/modules";
  private static final String FIELD = "jar";

  private final Access access;
  private final Vertx vertx;
  private final PluginService plugins;
  private final PluginInstaller installer;
  private final PageLayout layout;
  private final Path pluginsDir;

  PlatformPluginsPage(Access access, Vertx vertx, PluginService plugins, PluginInstaller installer, PageLayout layout,
                      Path pluginsDir) {
    this.access = access;
    this.vertx = vertx;
    this.plugins = plugins;
    this.installer = installer;
    this.layout = layout;
    this.pluginsDir = pluginsDir;
  }

  void mount(Router router) {
    router.get(UPLOAD).handler(access.to(Permission.OPERATE_PLATFORM)).handler(request -> render(request, 200, Map.of()));
    router.post(UPLOAD).handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::upload);
    router.post(UPLOAD + "/:plugin/retour").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::rollback);
    router.get(UPLOAD + "/:plugin/suppression").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::confirmRemoval);
    router.post(UPLOAD + "/:plugin/suppression").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::remove);
  }

  private void render(RoutingContext request, int status, Map<String, String> errors) {
    if (fr.pacte.server.web.ListTable.isExport(request)) {
      loaded().export(request).onFailure(error -> FailureHandler.respond(request, error));
      return;
    }
    request.response().setStatusCode(status);
    String notice = request.queryParams().get("notice");
    String module = request.queryParams().get("module");
    installer.history().compose(stored -> layout.render(request, "platform-plugins", "Modules installés sur la plateforme",
            Map.of("plugins", plugins.runtime().plugins().stream().sorted(Comparator.comparing(InstalledPlugin::id)).toList(),
                "installed", stored,
                "nodes", nodeStates(stored),
                "node", installer.node(),
                "refusals", plugins.runtime().refusals(),
                "pluginsDir", pluginsDir.toAbsolutePath().normalize().toString(),
                "errors", errors,
                "notice", notice == null ? "" : notice,
                "noticeModule", module == null ? "" : module)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** For each jar in service, what each node did with it: "en service sur le nœud …", "refusé par le nœud … : …". */
  private Map<String, List<Map<String, Object>>> nodeStates(List<PluginJarStore.StoredJar> stored) {
    Map<String, List<Map<String, Object>>> states = new java.util.HashMap<>();
    for (PluginJarStore.StoredJar jar : stored) {
      if ("active".equals(jar.state())) {
        states.put(jar.pluginId(), installer.nodes(jar.pluginId(), jar.sha256()).stream()
            .map(report -> Map.<String, Object>of("label", report.label(), "serving", report.serving(), "node", report.node()))
            .toList());
      }
    }
    return states;
  }

  /** The modules running on this node, as the list exported in CSV or XLSX. */
  private fr.pacte.server.web.ListTable loaded() {
    List<fr.pacte.server.web.ListTable.Line> lines = new java.util.ArrayList<>();
    for (InstalledPlugin plugin : plugins.runtime().plugins().stream()
        .sorted(Comparator.comparing(InstalledPlugin::displayName)).toList()) {
      Map<String, String> cells = new java.util.HashMap<>();
      cells.put("name", plugin.displayName());
      cells.put("description", plugin.description() == null ? "" : plugin.description());
      cells.put("state", plugin.health().state().label()
          + (plugin.health().failed() && plugin.health().error() != null ? " : " + plugin.health().error() : ""));
      lines.add(new fr.pacte.server.web.ListTable.Line("module-" + plugin.id(), null, cells));
    }
    return new fr.pacte.server.web.ListTable("Modules chargés", "modules-installes", List.of(
        fr.pacte.server.web.ListTable.Column.text("name", "Module"),
        fr.pacte.server.web.ListTable.Column.text("description", "Description"),
        fr.pacte.server.web.ListTable.Column.text("state", "État")), lines);
  }

  private void upload(RoutingContext request) {
    List<FileUpload> files = request.fileUploads().stream().filter(file -> FIELD.equals(file.name()) && file.size() > 0)
        .toList();
    if (files.isEmpty()) {
      render(request, 400, Map.of(FIELD, "Choisissez le fichier .jar du module à installer."));
      return;
    }
    FileUpload file = files.get(0);
    vertx.fileSystem().readFile(file.uploadedFileName())
        .compose(content -> installer.upload(file.fileName(), content.getBytes(), operator(request), requestId(request)))
        .onSuccess(installed -> Redirect.seeOther(request, UPLOAD + "?notice=installe&module=" + installed.id()))
        .onFailure(error -> {
          if (FormErrors.refusesForm(error)) {
            Problem problem = (Problem) error;
            String reason = problem.errors().isEmpty() ? problem.detail() : problem.errors().get(0).message();
            render(request, problem.status(), Map.of(FIELD, reason));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void rollback(RoutingContext request) {
    installer.rollback(request.pathParam("plugin"), operator(request), requestId(request))
        .onSuccess(plugin -> Redirect.seeOther(request, UPLOAD + "?notice=retour&module=" + plugin.id()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void confirmRemoval(RoutingContext request) {
    String pluginId = request.pathParam("plugin");
    if (plugins.runtime().plugin(pluginId).isEmpty()) {
      FailureHandler.respond(request, Problem.notFound("Aucun plugin « " + pluginId + " » n'est installé sur la plateforme."));
      return;
    }
    layout.render(request, "platform-plugin-removal", "Supprimer le module " + pluginId,
            Map.of("plugin", plugins.runtime().plugin(pluginId).orElseThrow()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void remove(RoutingContext request) {
    String pluginId = request.pathParam("plugin");
    // Only the confirmation page's form removes: any other post is shown that page first.
    if (!"oui".equals(request.request().getFormAttribute("confirmation"))) {
      Redirect.seeOther(request, UPLOAD + "/" + pluginId + "/suppression");
      return;
    }
    installer.remove(pluginId, true, operator(request), requestId(request))
        .onSuccess(done -> Redirect.seeOther(request, UPLOAD + "?notice=supprime&module=" + pluginId))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static String operator(RoutingContext request) {
    return Actor.of(request).audited();
  }

  private static String requestId(RoutingContext request) {
    return request.get(RequestLog.REQUEST_ID_KEY);
  }
}
