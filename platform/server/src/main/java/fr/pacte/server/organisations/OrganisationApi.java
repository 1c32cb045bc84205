package fr.pacte.server.organisations;

import static fr.pacte.server.organisations.OrganisationUploads.API_UPLOAD;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Organisations and their document vault: the JSON API. The service checks the caller's scope. */
public final class OrganisationApi {

  static final String API = "/api/tenants/:tenant/organisations";

  private final OrganisationService organisations;
  private final Access access;
  private final Vertx vertx;

  public OrganisationApi(OrganisationService organisations, Access access, Vertx vertx) {
    this.organisations = organisations;
    this.access = access;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_ORGANISATIONS)).respond(request -> Json.answer(request,
        organisations.list(RequestContext.of(request)).map(list -> new JsonArray(list.stream().map(Organisation::toJson).toList()))));
    router.post(API).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::create);
    router.get(API + "/:organisation").handler(access.to(Permission.READ_ORGANISATIONS)).respond(request -> Json.answer(request,
        organisations.get(RequestContext.of(request), request.pathParam("organisation")).map(Organisation::toJson)));
    router.put(API + "/:organisation").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::update);
    router.get(API_UPLOAD).handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::documents);
    router.post(API_UPLOAD).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::upload);
    router.get(API_UPLOAD + "/:document").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::document);
    router.get(API_UPLOAD + "/:document/current").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::current);
    router.get(API_UPLOAD + "/:document/current/content").handler(access.to(Permission.READ_ORGANISATIONS))
        .handler(request -> content(organisations, request));
    router.get(API_UPLOAD + "/:document/versions/:number/content").handler(access.to(Permission.READ_ORGANISATIONS))
        .handler(request -> content(organisations, request));
  }

  private void create(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    context.requireStaff("Un compte d'organisation ne peut pas créer d'autre organisation.");
    JsonObject body = Json.body(request);
    organisations.territoryCodes(context.tenant())
        .map(codes -> OrganisationInput.parse(body, codes, null))
        .compose(organisation -> organisations.create(context, organisation))
        .onSuccess(saved -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/organisations/" + saved.id());
          Json.ok(request, 201, saved.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String id = request.pathParam("organisation");
    context.requireOrganisation(id); // a refusal comes before the body's errors; the service checks again
    JsonObject body = Json.body(request);
    int version = OrganisationInput.expectedVersion(body);
    organisations.territoryCodes(context.tenant())
        .map(codes -> OrganisationInput.parse(body, codes, id))
        .compose(changes -> organisations.update(context, id, changes, version))
        .onSuccess(saved -> Json.ok(request, 200, saved.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void documents(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    organisations.documents(context, request.pathParam("organisation"))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream()
            .map(d -> d.toJson(context.tenant(), context.today())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void document(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    organisations.document(context, request.pathParam("organisation"), documentId(request))
        .onSuccess(document -> Json.ok(request, 200, document.toJson(context.tenant(), context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The current version of a stable document: what a later application reads. */
  private void current(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    organisations.document(context, request.pathParam("organisation"), documentId(request))
        .onSuccess(document -> Json.ok(request, 200, document.toJson(context.tenant(), context.today()).getJsonObject("current")
            .put("document", document.id().toString()).put("kind", document.kind().code()).put("label", document.label())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void upload(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String id = request.pathParam("organisation");
    context.requireOrganisation(id); // before reading up to 10 MiB; the service checks again
    OrganisationUploads.read(vertx, request)
        .compose(upload -> organisations.upload(context, id, upload))
        .onSuccess(document -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/organisations/" + id
              + "/documents/" + document.id());
          Json.ok(request, 201, document.toJson(context.tenant(), context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A version's file (the current one without a number), for the API and the pages. */
  static void content(OrganisationService organisations, RoutingContext request) {
    String number = request.pathParam("number");
    organisations.content(RequestContext.of(request), request.pathParam("organisation"), documentId(request),
            number == null ? null : versionNumber(number))
        .onSuccess(file -> request.response()
            .putHeader("Content-Type", file.mediaType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + file.fileName().replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
            .putHeader("Cache-Control", "private, no-store")
            .end(file.bytes()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static UUID documentId(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("document"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucun document « " + request.pathParam("document") + " ».");
    }
  }

  private static int versionNumber(String raw) {
    if (!raw.matches("[1-9][0-9]{0,6}")) {
      throw Problem.notFound("Aucune version « " + raw + " » de ce document.");
    }
    return Integer.parseInt(raw);
  }
}
