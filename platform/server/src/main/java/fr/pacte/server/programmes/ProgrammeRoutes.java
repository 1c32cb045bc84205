package fr.pacte.server.programmes;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.programmes.ProgrammeService.ImportFile;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.referentials.Versions;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Programmes: JSON API and pages (list, programme tree, action and chantier forms), YAML export and import (API:
 * JSON list of files; page: file upload or pasted text). Territory agents edit the chantiers of their own territory.
 */
public final class ProgrammeRoutes {

  private static final String API = "/api/tenants/:tenant/programmes";
  private static final String PAGES = "/t/:tenant/programmes";
  /** Uploads of the import page; the global body handler drops files, so this route reads its own body first. */
  private static final long UPLOAD_LIMIT_BYTES = 8L * 1024 * 1024;

  private final ProgrammeService programmes;
  private final ReferentialService referentials;
  private final PageLayout layout;
  private final Access access;

  public ProgrammeRoutes(ProgrammeService programmes, ReferentialService referentials, PageLayout layout, Access access) {
    this.programmes = programmes;
    this.referentials = referentials;
    this.layout = layout;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_POLICY)).handler(this::list);
    router.get(API + "/:code").handler(access.to(Permission.READ_POLICY)).handler(this::show);
    router.get(API + "/:code/export.yaml").handler(access.to(Permission.READ_POLICY)).handler(this::export);
    router.get(API + "/:code/actions/:id").handler(access.to(Permission.READ_POLICY)).handler(this::action);
    router.put(API + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::updateAction);
    router.get(API + "/:code/chantiers/:id").handler(access.to(Permission.READ_POLICY)).handler(this::chantier);
    router.put(API + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::updateChantier);
    router.post("/api/tenants/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importJson);

    router.get(PAGES).handler(access.to(Permission.READ_POLICY)).handler(this::listPage);
    router.get(PAGES + "/:code").handler(access.to(Permission.READ_POLICY)).handler(this::programmePage);
    router.get(PAGES + "/:code/export.yaml").handler(access.to(Permission.READ_POLICY)).handler(this::export);
    router.get(PAGES + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::actionPage);
    router.post(PAGES + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::saveActionPage);
    router.get(PAGES + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::chantierPage);
    router.post(PAGES + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::saveChantierPage);
    router.post("/t/:tenant/import").order(-1).handler(BodyHandler.create(true).setBodyLimit(UPLOAD_LIMIT_BYTES)
        .setUploadsDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pacte-uploads").toString())
        .setDeleteUploadedFilesOnEnd(true));
    router.get("/t/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importPage);
    router.post("/t/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importFromPage);
  }

  // ---- API

  private void list(RoutingContext request) {
    programmes.list(request.pathParam("tenant"))
        .onSuccess(list -> Json.ok(request, new JsonArray(new ArrayList<>(list))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    programmes.programme(request.pathParam("tenant"), request.pathParam("code"))
        .onSuccess(programme -> Json.ok(request, 200, programme))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void action(RoutingContext request) {
    programmes.action(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .onSuccess(action -> versioned(request, action))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateAction(RoutingContext request) {
    JsonObject body = Json.body(request);
    ActionInput input = ActionInput.fromJson(body, Versions.expected(request, body.getValue("version")));
    programmes.updateAction(request.pathParam("tenant"), request.pathParam("code"), id(request), input,
            Access.required(request).actor(), request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(action -> versioned(request, action))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void chantier(RoutingContext request) {
    programmes.chantier(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .onSuccess(chantier -> versioned(request, chantier))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateChantier(RoutingContext request) {
    JsonObject body = Json.body(request);
    ChantierInput input = ChantierInput.fromJson(body, Versions.expected(request, body.getValue("version")));
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    programmes.chantier(tenant, code, id(request))
        .compose(chantier -> {
          Access.requireTerritory(request, chantier.getString("territory"));
          return programmes.updateChantier(tenant, code, chantier, input, Access.required(request).actor(),
              request.get(RequestLog.REQUEST_ID_KEY));
        })
        .onSuccess(chantier -> versioned(request, chantier))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void export(RoutingContext request) {
    String code = request.pathParam("code");
    programmes.export(request.pathParam("tenant"), code)
        .onSuccess(yaml -> request.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + code + ".yaml\"").end(yaml))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** {@code {"files": [{"name": "programmes/pdi-2017-2021.yaml", "content": "…"}]}}: all written, or none. */
  private void importJson(RoutingContext request) {
    JsonObject body = Json.body(request);
    List<ImportFile> files = new ArrayList<>();
    Object raw = body.getValue("files");
    if (!(raw instanceof JsonArray array)) {
      throw Problem.validation(List.of(new Problem.FieldError("files", "Une liste de fichiers {name, content} est attendue.")));
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject file) || !(file.getValue("content") instanceof String content)) {
        throw Problem.validation(List.of(new Problem.FieldError("files[" + i + "].content", "Le texte YAML du fichier est attendu.")));
      }
      String name = Fields.check(file.getValue("name"), "files[" + i + "].name", 200, false, errors);
      files.add(new ImportFile(name == null ? "fichier " + (i + 1) : name, content));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    programmes.importFiles(request.pathParam("tenant"), files, Access.required(request).actor(), mayReplaceReferentials(request),
            request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(result -> Json.ok(request, 200, result.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- pages

  private void listPage(RoutingContext request) {
    programmes.list(request.pathParam("tenant"))
        .compose(list -> layout.render(request, "programmes", "Programmes", Map.of(
            "programmes", Versions.plain(new JsonArray(new ArrayList<>(list))),
            "canImport", holds(request, Permission.EDIT_PROGRAMMES),
            "notice", Versions.query(request, "notice"))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void programmePage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    Principal principal = Access.required(request);
    programmes.programme(tenant, request.pathParam("code"))
        .compose(programme -> referentials.territories(tenant).compose(territories ->
            referentials.labels(tenant, "vocabulary").compose(vocabulary -> {
              Map<String, String> names = new HashMap<>();
              territories.forEach(t -> names.put(t.code(), t.name()));
              List<String> editableTerritories = programme.getJsonArray("roadmaps").stream().map(JsonObject.class::cast)
                  .map(roadmap -> roadmap.getString("territory"))
                  .filter(territory -> holds(request, Permission.EDIT_ROADMAPS) && principal.scope().coversTerritory(territory))
                  .toList();
              return layout.render(request, "programme", programme.getString("title"), Map.of(
                  "programme", Versions.plain(programme),
                  "territoryNames", names,
                  "vocabulary", vocabulary,
                  "canEditActions", holds(request, Permission.EDIT_PROGRAMMES),
                  "editableTerritories", editableTerritories,
                  "notice", Versions.query(request, "notice")));
            })))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void actionPage(RoutingContext request) {
    programmes.action(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .compose(action -> renderAction(request, 200, action, actionForm(action), Map.of(), ""))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveActionPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    long id = id(request);
    ActionInput input = ActionInput.fromForm(request.request().formAttributes(),
        Versions.expected(request, request.request().getFormAttribute("version")));
    programmes.updateAction(tenant, code, id, input, Access.required(request).actor(), request.get(RequestLog.REQUEST_ID_KEY))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/programmes/" + code + "?notice=action-"
            + saved.getString("code") + "#action-" + id))
        .onFailure(error -> refused(request, error, problem -> programmes.action(tenant, code, id)
            .compose(action -> renderAction(request, problem.status(), action, actionForm(input, action),
                errors(problem), problem.status() == 409 ? problem.detail() : ""))));
  }

  private void chantierPage(RoutingContext request) {
    programmes.chantier(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .compose(chantier -> {
          Access.requireTerritory(request, chantier.getString("territory"));
          return renderChantier(request, 200, chantier, chantierForm(chantier), Map.of(), "");
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveChantierPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    long id = id(request);
    ChantierInput input = ChantierInput.fromForm(request.request().formAttributes(),
        Versions.expected(request, request.request().getFormAttribute("version")));
    programmes.chantier(tenant, code, id)
        .compose(chantier -> {
          Access.requireTerritory(request, chantier.getString("territory"));
          return programmes.updateChantier(tenant, code, chantier, input, Access.required(request).actor(),
              request.get(RequestLog.REQUEST_ID_KEY));
        })
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/programmes/" + code + "?notice=chantier-"
            + saved.getString("code") + "#chantier-" + id))
        .onFailure(error -> refused(request, error, problem -> programmes.chantier(tenant, code, id)
            .compose(chantier -> renderChantier(request, problem.status(), chantier, chantierForm(input, chantier),
                errors(problem), problem.status() == 409 ? problem.detail() : ""))));
  }

  private void importPage(RoutingContext request) {
    layout.render(request, "import", "Importer des fichiers YAML", Map.of("errors", List.of(), "text", "", "result", Map.of()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void importFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String text = request.request().getFormAttribute("yaml");
    List<FileUpload> uploads = request.fileUploads().stream().filter(upload -> upload.size() > 0).toList();
    Future<List<ImportFile>> files = Future.succeededFuture(new ArrayList<>());
    for (FileUpload upload : uploads) {
      files = files.compose(list -> request.vertx().fileSystem().readFile(upload.uploadedFileName()).map(bytes -> {
        list.add(new ImportFile(upload.fileName(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8)));
        return list;
      }));
    }
    files.map(list -> {
          if (text != null && !text.isBlank()) {
            list.add(new ImportFile("texte collé", text));
          }
          return list;
        })
        .compose(list -> programmes.importFiles(tenant, list, Access.required(request).actor(),
            mayReplaceReferentials(request), request.get(RequestLog.REQUEST_ID_KEY)))
        .compose(result -> layout.render(request, "import", "Importer des fichiers YAML", Map.of(
            "errors", List.of(), "text", "", "result", Map.of("created", result.created(), "replaced", result.replaced(),
                "referentials", result.referentials()))))
        .onFailure(error -> refused(request, error, problem -> {
          request.response().setStatusCode(problem.status());
          return layout.render(request, "import", "Importer des fichiers YAML", Map.of(
              "errors", problem.errors().isEmpty() ? List.of(new Problem.FieldError("", problem.detail())) : problem.errors(),
              "text", text == null ? "" : text, "result", Map.of()));
        }));
  }

  // ---- helpers

  /** A 400 or 409 re-renders the form (nothing was saved); anything else is the usual error page. */
  private static void refused(RoutingContext request, Throwable error,
                              java.util.function.Function<Problem, Future<Void>> render) {
    if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409
        || (problem.status() == 403 && request.normalizedPath().endsWith("/import")))) {
      render.apply(problem).onFailure(failure -> FailureHandler.respond(request, failure));
    } else {
      FailureHandler.respond(request, error);
    }
  }

  private Future<Void> renderAction(RoutingContext request, int status, JsonObject action, Map<String, Object> form,
                                    Map<String, String> errors, String conflict) {
    request.response().setStatusCode(status);
    return layout.render(request, "programme-action", "Action " + action.getString("code"), Map.of(
        "action", Versions.plain(action), "form", form, "errors", errors, "conflict", conflict,
        "programmeCode", request.pathParam("code")));
  }

  private Future<Void> renderChantier(RoutingContext request, int status, JsonObject chantier, Map<String, Object> form,
                                      Map<String, String> errors, String conflict) {
    request.response().setStatusCode(status);
    return layout.render(request, "programme-chantier", "Chantier " + chantier.getString("code"), Map.of(
        "chantier", Versions.plain(chantier), "form", form, "errors", errors, "conflict", conflict,
        "programmeCode", request.pathParam("code")));
  }

  private static Map<String, Object> actionForm(JsonObject action) {
    List<Programme.Indicator> indicators = action.getJsonArray("indicators").stream().map(JsonObject.class::cast)
        .map(i -> new Programme.Indicator(i.getString("name"), i.getString("unit"), i.getString("period"), i.getString("target")))
        .toList();
    return actionForm(new ActionInput(action.getString("title"), action.getString("description"),
        action.getString("targetPublic"), strings(action, "pilots"), strings(action, "partners"),
        action.getString("calendar"), indicators, strings(action, "notes"), action.getInteger("version")), action);
  }

  /** The form's values: what was typed (kept after a refusal), with empty indicator rows for additions. */
  private static Map<String, Object> actionForm(ActionInput input, JsonObject action) {
    Map<String, Object> form = new HashMap<>();
    form.put("title", nonNull(input.title()));
    form.put("description", nonNull(input.description()));
    form.put("targetPublic", nonNull(input.targetPublic()));
    form.put("pilots", String.join("\n", input.pilots()));
    form.put("partners", String.join("\n", input.partners()));
    form.put("calendar", nonNull(input.calendar()));
    form.put("notes", String.join("\n", input.notes()));
    List<Map<String, String>> rows = new ArrayList<>();
    input.indicators().forEach(i -> rows.add(Map.of("name", nonNull(i.name()), "unit", nonNull(i.unit()),
        "period", nonNull(i.period()), "target", nonNull(i.target()))));
    for (int i = 0; i < ActionInput.EMPTY_INDICATOR_ROWS; i++) {
      rows.add(Map.of("name", "", "unit", "", "period", "", "target", ""));
    }
    form.put("indicators", rows);
    form.put("version", input.version() == null ? action.getInteger("version") : input.version());
    return form;
  }

  private static Map<String, Object> chantierForm(JsonObject chantier) {
    return chantierForm(new ChantierInput(chantier.getString("title"), chantier.getString("description"),
        strings(chantier, "partners"), strings(chantier, "actions"), strings(chantier, "notes"),
        chantier.getInteger("version")), chantier);
  }

  private static Map<String, Object> chantierForm(ChantierInput input, JsonObject chantier) {
    Map<String, Object> form = new HashMap<>();
    form.put("title", nonNull(input.title()));
    form.put("description", nonNull(input.description()));
    form.put("partners", String.join("\n", input.partners()));
    form.put("actions", String.join("\n", input.actions()));
    form.put("notes", String.join("\n", input.notes()));
    form.put("version", input.version() == null ? chantier.getInteger("version") : input.version());
    return form;
  }

  private static Map<String, String> errors(Problem problem) {
    Map<String, String> errors = new HashMap<>();
    problem.errors().forEach(error -> errors.merge(error.field(), error.message(), (a, b) -> a + " " + b));
    return errors;
  }

  private static void versioned(RoutingContext request, JsonObject row) {
    request.response().putHeader("ETag", Versions.etag(row.getInteger("version")));
    Json.ok(request, 200, row);
  }

  private static long id(RoutingContext request) {
    try {
      return Long.parseLong(request.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("Aucun élément n° « " + request.pathParam("id") + " ».");
    }
  }

  private static boolean holds(RoutingContext request, Permission permission) {
    return Access.principal(request).map(principal -> Access.allows(principal, permission.roles(), false,
        request.pathParam("tenant"))).orElse(false);
  }

  private static boolean mayReplaceReferentials(RoutingContext request) {
    return holds(request, Permission.MANAGE_REFERENTIALS);
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.getJsonArray(key).stream().map(String.class::cast).toList();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
