package fr.pacte.server.programmes;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.programmes.ProgrammeService.ImportFile;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import fr.pacte.server.web.Versions;
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
 * The programmes' pages: list, programme tree, action and chantier forms (a refused form is shown again with the
 * reasons next to the fields), YAML export and import (file upload or pasted text). Territory agents edit the
 * chantiers of their own territory; the service checks it, as for the API.
 */
public final class ProgrammePages {

  private static final String PAGES = "/t/:tenant/programmes";
  /** Uploads of the import page; the global body handler drops files, so this route reads its own body first. */
  private static final long UPLOAD_LIMIT_BYTES = 8L * 1024 * 1024;

  private final ProgrammeService programmes;
  private final ReferentialService referentials;
  private final PageLayout layout;
  private final Access access;

  public ProgrammePages(ProgrammeService programmes, ReferentialService referentials, PageLayout layout, Access access) {
    this.programmes = programmes;
    this.referentials = referentials;
    this.layout = layout;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(PAGES).handler(access.to(Permission.READ_POLICY)).handler(this::listPage);
    router.get(PAGES + "/:code").handler(access.to(Permission.READ_POLICY)).handler(this::programmePage);
    router.get(PAGES + "/:code/export.yaml").handler(access.to(Permission.READ_POLICY))
        .handler(request -> ProgrammeApi.export(programmes, request));
    router.get(PAGES + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::actionPage);
    router.post(PAGES + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::saveActionPage);
    router.get(PAGES + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::chantierPage);
    router.post(PAGES + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::saveChantierPage);
    router.post("/t/:tenant/import").order(-1).handler(BodyHandler.create(true).setBodyLimit(UPLOAD_LIMIT_BYTES)
        .setUploadsDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pacte-uploads").toString())
        .setDeleteUploadedFilesOnEnd(true));
    router.get("/t/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importPage);
    router.post("/t/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importFromPage);
    router.post(PAGES + "/:code/restaurer").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::restorePage);
  }

  private void listPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    programmes.list(tenant)
        .compose(list -> referentials.territories(tenant).compose(territories -> {
          Map<String, String> names = new HashMap<>();
          territories.forEach(t -> names.put(t.code(), t.name()));
          ListTable table = table(request, list, names);
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          return layout.render(request, "programmes", "Programmes", Map.of(
              "table", table.model(request),
              "canImport", RequestContext.of(request).holds(Permission.EDIT_PROGRAMMES),
              "notice", Versions.query(request, "notice")));
        }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * The programmes as a list: each by its title, the one it replaces by its title too; the codes (the API's and the
   * YAML file's) in the row's technical details.
   */
  private static ListTable table(RoutingContext request, List<JsonObject> list, Map<String, String> territoryNames) {
    String base = "/t/" + request.pathParam("tenant") + "/programmes/";
    Map<String, String> titles = new HashMap<>();
    list.forEach(p -> titles.put(p.getString("code"), p.getString("title")));
    List<ListTable.Line> lines = new ArrayList<>();
    for (JsonObject p : list) {
      JsonObject period = p.getJsonObject("period");
      JsonObject counts = p.getJsonObject("counts");
      Map<String, String> cells = new HashMap<>();
      cells.put("title", p.getString("title"));
      String territory = p.getString("territory");
      cells.put("territory", territory == null ? "Département" : territoryNames.getOrDefault(territory, territory));
      cells.put("kind", p.getString("kindLabel") == null ? "" : p.getString("kindLabel"));
      cells.put("period", FrenchDates.shortDate(period.getString("from")) + " – "
          + FrenchDates.shortDate(period.getString("to")));
      cells.put("adopted", p.getString("adoptedOn") == null ? "" : FrenchDates.shortDate(p.getString("adoptedOn")));
      cells.put("content", counts.getLong("axes") + " axes, " + counts.getLong("fiches") + " fiches, "
          + counts.getLong("actions") + " actions"
          + (counts.getLong("roadmaps", 0L) > 0 ? ", " + counts.getLong("roadmaps") + " feuilles de route" : ""));
      String supersedes = p.getString("supersedes");
      cells.put("supersedes", supersedes == null ? "" : titles.getOrDefault(supersedes, "une version retirée"));
      Map<String, Comparable<?>> sort = new HashMap<>();
      sort.put("period", period.getString("from") + period.getString("to"));
      sort.put("adopted", p.getString("adoptedOn") == null ? "" : p.getString("adoptedOn"));
      sort.put("content", counts.getLong("actions"));
      lines.add(new ListTable.Line("programme-" + p.getString("code"), base + p.getString("code"), cells, sort)
          .withTechnical("Code : " + p.getString("code") + (supersedes == null ? "" : " (remplace " + supersedes + ")")
              + " ; export YAML : " + base + p.getString("code") + "/export.yaml"));
    }
    return new ListTable("Programmes", "programmes", List.of(ListTable.Column.text("title", "Programme"),
        ListTable.Column.text("territory", "Territoire"), ListTable.Column.text("kind", "Type"),
        ListTable.Column.text("period", "Période"),
        ListTable.Column.text("adopted", "Adopté le"), ListTable.Column.text("content", "Contenu"),
        ListTable.Column.text("supersedes", "Remplace")), lines);
  }

  /** The title of the programme this one replaces, for the page to name it ("" when it replaces none or is gone). */
  private Future<String> supersededTitle(String tenant, JsonObject programme) {
    String code = programme.getString("supersedes");
    if (code == null) {
      return Future.succeededFuture("");
    }
    return programmes.list(tenant).map(list -> list.stream().filter(p -> code.equals(p.getString("code")))
        .map(p -> p.getString("title")).findFirst().orElse(""));
  }

  private void programmePage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    RequestContext context = RequestContext.of(request);
    programmes.programme(tenant, request.pathParam("code"))
        .compose(programme -> programmes.previousVersions(tenant, request.pathParam("code")).map(previous -> {
          programme.put("previousVersions", new JsonArray(new ArrayList<>(previous)));
          return programme;
        }))
        .compose(programme -> supersededTitle(tenant, programme).compose(supersedesTitle ->
            referentials.territories(tenant).compose(territories ->
            referentials.labels(tenant, "vocabulary").compose(vocabulary -> {
              Map<String, String> names = new HashMap<>();
              territories.forEach(t -> names.put(t.code(), t.name()));
              List<String> editableTerritories = programme.getJsonArray("roadmaps").stream().map(JsonObject.class::cast)
                  .map(roadmap -> roadmap.getString("territory"))
                  .filter(territory -> context.holds(Permission.EDIT_ROADMAPS) && context.scope().coversTerritory(territory))
                  .toList();
              return layout.render(request, "programme", programme.getString("title"), Map.of(
                  "programme", Versions.plain(programme),
                  "territoryNames", names,
                  "vocabulary", vocabulary,
                  "canEditActions", context.holds(Permission.EDIT_PROGRAMMES),
                  "editableTerritories", editableTerritories,
                  "previousVersions", Versions.plain(programme.getJsonArray("previousVersions")),
                  "supersedesTitle", supersedesTitle,
                  "notice", Versions.query(request, "notice")));
            }))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void actionPage(RoutingContext request) {
    programmes.action(request.pathParam("tenant"), request.pathParam("code"), ProgrammeApi.id(request))
        .compose(action -> renderAction(request, 200, action, actionForm(action), Map.of(), ""))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveActionPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    long id = ProgrammeApi.id(request);
    ActionInput input = ActionInput.fromForm(request.request().formAttributes(),
        Versions.expected(request, request.request().getFormAttribute(Versions.FIELD)));
    programmes.updateAction(RequestContext.of(request), code, id, input)
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/programmes/" + code + "?notice=action-"
            + saved.getString("code") + "#action-" + id))
        .onFailure(error -> refused(request, error, problem -> programmes.action(tenant, code, id)
            .compose(action -> renderAction(request, problem.status(), action, actionForm(input, action),
                FormErrors.byField(problem), problem.status() == 409 ? problem.detail() : ""))));
  }

  private void chantierPage(RoutingContext request) {
    programmes.chantier(request.pathParam("tenant"), request.pathParam("code"), ProgrammeApi.id(request))
        .compose(chantier -> {
          RequestContext.of(request).requireTerritory(chantier.getString("territory"));
          return renderChantier(request, 200, chantier, chantierForm(chantier), Map.of(), "");
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveChantierPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    long id = ProgrammeApi.id(request);
    ChantierInput input = ChantierInput.fromForm(request.request().formAttributes(),
        Versions.expected(request, request.request().getFormAttribute(Versions.FIELD)));
    programmes.updateChantier(RequestContext.of(request), code, id, input)
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/programmes/" + code + "?notice=chantier-"
            + saved.getString("code") + "#chantier-" + id))
        .onFailure(error -> refused(request, error, problem -> programmes.chantier(tenant, code, id)
            .compose(chantier -> renderChantier(request, problem.status(), chantier, chantierForm(input, chantier),
                FormErrors.byField(problem), problem.status() == 409 ? problem.detail() : ""))));
  }

  private void importPage(RoutingContext request) {
    layout.render(request, "import", "Importer des fichiers YAML", Map.of("errors", List.of(), "text", "", "result", Map.of(),
            "preview", Map.of(), "files", List.of()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * The import form sends files or pasted text: first shown as what they would change (nothing written), with the
   * files carried in the confirmation form; applied only when confirmed ({@code confirmer=1}).
   */
  private void importFromPage(RoutingContext request) {
    String text = request.request().getFormAttribute("yaml");
    boolean confirmed = "1".equals(request.request().getFormAttribute("confirmer"));
    List<FileUpload> uploads = request.fileUploads().stream().filter(upload -> upload.size() > 0).toList();
    Future<List<ImportFile>> files = Future.succeededFuture(new ArrayList<>());
    for (FileUpload upload : uploads) {
      files = files.compose(list -> request.vertx().fileSystem().readFile(upload.uploadedFileName()).map(bytes -> {
        list.add(new ImportFile(upload.fileName(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8)));
        return list;
      }));
    }
    // Files carried by the confirmation form of a preview.
    for (int i = 0; request.request().getFormAttribute("file_content_" + i) != null; i++) {
      ImportFile carried = new ImportFile(nonNull(request.request().getFormAttribute("file_name_" + i)),
          request.request().getFormAttribute("file_content_" + i));
      files = files.map(list -> {
        list.add(carried);
        return list;
      });
    }
    RequestContext context = RequestContext.of(request);
    List<ImportFile> read = new ArrayList<>();
    files.map(list -> {
          if (text != null && !text.isBlank()) {
            list.add(new ImportFile("texte collé", text));
          }
          read.addAll(list);
          return list;
        })
        .compose(list -> confirmed
            ? programmes.importFiles(context, list, true).compose(result -> layout.render(request, "import",
                "Importer des fichiers YAML", Map.of("errors", List.of(), "text", "", "preview", Map.of(), "files", List.of(),
                    "result", Map.of("created", result.created(), "replaced", result.replaced(),
                        "referentials", result.referentials()))))
            : programmes.preview(context, list).compose(preview -> layout.render(request, "import",
                "Aperçu de l'import", Map.of("errors", List.of(), "text", "", "result", Map.of(),
                    "preview", Versions.plain(preview.toJson()), "files", read))))
        .onFailure(error -> refused(request, error, problem -> {
          request.response().setStatusCode(problem.status());
          return layout.render(request, "import", "Importer des fichiers YAML", Map.of(
              "errors", problem.errors().isEmpty() ? List.of(new Problem.FieldError("", problem.detail())) : problem.errors(),
              "text", text == null ? "" : text, "result", Map.of(), "preview", Map.of(), "files", List.of()));
        }));
  }

  /** Puts back the version the last import replaced ({@code version}: the version the page showed). */
  private void restorePage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String code = request.pathParam("code");
    String seen = request.request().getFormAttribute("version");
    if (seen == null || !seen.matches("[0-9]{1,9}")) {
      FailureHandler.respond(request, Problem.validation(List.of(new Problem.FieldError("version",
          "La version du programme affichée est attendue : rechargez la page."))));
      return;
    }
    programmes.restorePrevious(RequestContext.of(request), code, Integer.valueOf(seen))
        .onSuccess(restored -> Redirect.seeOther(request, "/t/" + tenant + "/programmes/" + code + "?notice=restaure"))
        .onFailure(error -> FailureHandler.respond(request, error));
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

  private static void versioned(RoutingContext request, JsonObject row) {
    Versions.ok(request, row);
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.getJsonArray(key).stream().map(String.class::cast).toList();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
