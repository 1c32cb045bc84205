package fr.pacte.server.calls;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Applications on the API: {@code /api/tenants/{tenant}/calls/{id}/applications} (list, start one) and
 * {@code /api/tenants/{tenant}/applications/{id}} (read, save a draft with {@code If-Match}, submit, acknowledgement
 * of receipt as PDF). Who sees which application is decided by {@link ApplicationService}.
 */
public final class ApplicationApi {

  static final String OF_CALL = CallApi.API + "/:id/applications";
  static final String API = "/api/tenants/:tenant/applications";
  /** Where a part of an application is uploaded (multipart, read as the vault's uploads are). */
  public static final String API_ATTACH = API + "/:id/attachments";

  private final ApplicationService applications;
  private final Access access;

  public ApplicationApi(ApplicationService applications, Access access) {
    this.applications = applications;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(OF_CALL).handler(access.to(Permission.READ_APPLICATIONS)).handler(this::list);
    router.post(OF_CALL).handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::show);
    router.put(API + "/:id").handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::update);
    router.post(API + "/:id/submit").handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::submit);
    router.get(API + "/:id/acknowledgement").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::acknowledgement);
    router.get(API + "/:id/pdf").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::file);
    router.post(API_ATTACH).handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::attach);
  }

  private void list(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    applications.list(context, CallApi.id(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(a -> a.toJson(context.tenant())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = request.body() == null || request.body().length() == 0 ? new JsonObject() : Json.body(request);
    applications.create(context, CallApi.id(request), body)
        .onSuccess(application -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/applications/" + application.id());
          answer(request, context, 201, application);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    applications.get(context, id(request))
        .onSuccess(application -> answer(request, context, 200, application))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = requiredVersion(request, body.getValue(Versions.FIELD));
    applications.update(context, id(request), body, version)
        .onSuccess(application -> answer(request, context, 200, application))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void submit(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    Object bodyVersion = request.body() == null || request.body().length() == 0 ? null
        : Json.body(request).getValue(Versions.FIELD);
    int version = requiredVersion(request, bodyVersion);
    applications.submit(context, id(request), version)
        .onSuccess(application -> answer(request, context, 200, application))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void acknowledgement(RoutingContext request) {
    applications.acknowledgement(RequestContext.of(request), id(request))
        .onSuccess(pdf -> request.response()
            .putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"accuse-de-reception-" + request.pathParam("id") + ".pdf\"")
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer(pdf)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void attach(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    io.vertx.core.MultiMap form = request.request().formAttributes();
    String ifMatch = request.request().getHeader("If-Match");
    fr.pacte.server.organisations.OrganisationUploads.read(request.vertx(), request)
        .compose(upload -> applications.attach(context, id(request), form.get("lot"), upload,
            ApplicationInput.optionalVersion(ifMatch != null ? ifMatch : form.get("version"))))
        .onSuccess(saved -> answer(request, context, 201, saved))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void file(RoutingContext request) {
    applications.file(RequestContext.of(request), id(request))
        .onSuccess(pdf -> request.response()
            .putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"candidature-" + request.pathParam("id") + ".pdf\"")
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer(pdf)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static void answer(RoutingContext request, RequestContext context, int status, Application application) {
    request.response().putHeader("ETag", Versions.etag(application.version()));
    Json.ok(request, status, application.toJson(context.tenant()));
  }

  static int requiredVersion(RoutingContext request, Object fallback) {
    return ApplicationInput.expectedVersion(Versions.required(request, fallback,
        "Indiquez la version de la candidature que vous avez lue (en-tête If-Match ou champ version)."));
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune candidature « " + request.pathParam("id") + " » dans ce département.");
    }
  }
}
