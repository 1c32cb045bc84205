package fr.pacte.server.programmes;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.programmes.ProgrammeService.ImportFile;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The programmes' JSON API: programmes as trees, actions and chantiers read and edited one at a time (ETag and
 * If-Match), YAML export, and import of a JSON list of files (all written, or none).
 */
public final class ProgrammeApi {

  private static final String API = "/api/tenants/:tenant/programmes";

  private final ProgrammeService programmes;
  private final Access access;

  public ProgrammeApi(ProgrammeService programmes, Access access) {
    this.programmes = programmes;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_POLICY)).respond(request -> Json.answer(request,
        programmes.list(request.pathParam("tenant")).map(list -> new JsonArray(new ArrayList<>(list)))));
    router.get(API + "/:code").handler(access.to(Permission.READ_POLICY)).respond(request -> Json.answer(request,
        programmes.programme(request.pathParam("tenant"), request.pathParam("code"))));
    router.get(API + "/:code/export.yaml").handler(access.to(Permission.READ_POLICY)).handler(this::export);
    router.get(API + "/:code/actions/:id").handler(access.to(Permission.READ_POLICY)).handler(this::action);
    router.put(API + "/:code/actions/:id").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::updateAction);
    router.get(API + "/:code/chantiers/:id").handler(access.to(Permission.READ_POLICY)).handler(this::chantier);
    router.put(API + "/:code/chantiers/:id").handler(access.to(Permission.EDIT_ROADMAPS)).handler(this::updateChantier);
    router.post("/api/tenants/:tenant/import").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::importJson);
    router.post("/api/tenants/:tenant/import/preview").handler(access.to(Permission.EDIT_PROGRAMMES))
        .handler(this::previewJson);
    router.get(API + "/:code/previous-versions").handler(access.to(Permission.READ_POLICY)).respond(request ->
        Json.answer(request, programmes.previousVersions(request.pathParam("tenant"), request.pathParam("code"))
            .map(list -> new JsonArray(new ArrayList<>(list)))));
    router.post(API + "/:code/restore").handler(access.to(Permission.EDIT_PROGRAMMES)).handler(this::restore);
  }

  /** The programme as its YAML file (the pages serve the same file). */
  static void export(ProgrammeService programmes, RoutingContext request) {
    String code = request.pathParam("code");
    programmes.export(request.pathParam("tenant"), code)
        .onSuccess(yaml -> request.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + code + ".yaml\"").end(yaml))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void export(RoutingContext request) {
    export(programmes, request);
  }

  private void action(RoutingContext request) {
    programmes.action(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .onSuccess(action -> Versions.ok(request, action))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateAction(RoutingContext request) {
    JsonObject body = Json.body(request);
    ActionInput input = ActionInput.fromJson(body, Versions.expected(request, body.getValue(Versions.FIELD)));
    programmes.updateAction(RequestContext.of(request), request.pathParam("code"), id(request), input)
        .onSuccess(action -> Versions.ok(request, action))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void chantier(RoutingContext request) {
    programmes.chantier(request.pathParam("tenant"), request.pathParam("code"), id(request))
        .onSuccess(chantier -> Versions.ok(request, chantier))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateChantier(RoutingContext request) {
    JsonObject body = Json.body(request);
    ChantierInput input = ChantierInput.fromJson(body, Versions.expected(request, body.getValue(Versions.FIELD)));
    programmes.updateChantier(RequestContext.of(request), request.pathParam("code"), id(request), input)
        .onSuccess(chantier -> Versions.ok(request, chantier))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * {@code {"files": [{"name": "programmes/pdi-2017-2021.yaml", "content": "…"}], "confirm": true}}: all written, or
   * none. Without {@code confirm}, an import that changes or removes something existing is refused (409).
   */
  private void importJson(RoutingContext request) {
    JsonObject body = Json.body(request);
    List<ImportFile> files = files(body);
    Object confirm = body.getValue("confirm");
    if (confirm != null && !(confirm instanceof Boolean)) {
      throw Problem.validation(List.of(new Problem.FieldError("confirm", "true ou false est attendu.")));
    }
    programmes.importFiles(RequestContext.of(request), files, Boolean.TRUE.equals(confirm))
        .onSuccess(result -> Json.ok(request, 200, result.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** What the same body would change, without writing anything. */
  private void previewJson(RoutingContext request) {
    programmes.preview(RequestContext.of(request), files(Json.body(request)))
        .onSuccess(preview -> Json.ok(request, 200, preview.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** {@code {"version": 3}} (optional): the version the caller saw; the previous version is put back. */
  private void restore(RoutingContext request) {
    JsonObject body = request.body() == null || request.body().length() == 0 ? new JsonObject() : Json.body(request);
    Fields fields = Fields.of(body);
    Integer version = fields.integer("version", 0, Integer.MAX_VALUE);
    fields.throwIfAny();
    programmes.restorePrevious(RequestContext.of(request), request.pathParam("code"), version)
        .onSuccess(programme -> Json.ok(request, 200, programme))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static List<ImportFile> files(JsonObject body) {
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
    return files;
  }

  /** The action's or chantier's number in the URL; anything else names nothing (404). */
  static long id(RoutingContext request) {
    try {
      return Long.parseLong(request.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("Aucun élément n° « " + request.pathParam("id") + " ».");
    }
  }
}
