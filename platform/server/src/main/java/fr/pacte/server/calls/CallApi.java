package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code /api/tenants/{tenant}/calls}: calls for projects, read by every tenant role (drafts by their editors only). */
public final class CallApi {

  static final String API = "/api/tenants/:tenant/calls";

  private final CallService calls;
  private final Access access;

  public CallApi(CallService calls, Access access) {
    this.calls = calls;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_CALLS)).handler(this::list);
    router.post(API).handler(access.to(Permission.MANAGE_CALLS)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_CALLS)).handler(this::show);
    router.put(API + "/:id").handler(access.to(Permission.MANAGE_CALLS)).handler(this::update);
    router.post(API + "/:id/publish").handler(access.to(Permission.MANAGE_CALLS)).handler(this::publish);
    router.post(API + "/:id/copy").handler(access.to(Permission.MANAGE_CALLS)).handler(this::copy);
  }

  private void list(RoutingContext request) {
    String tenant = tenant(request);
    (managing(request) ? calls.list(tenant) : calls.published(tenant))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(call -> call.toJson(calls.now())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    String tenant = tenant(request);
    UUID id = id(request);
    calls.get(tenant, id)
        .map(call -> {
          if (call.state() == State.DRAFT && !managing(request)) {
            throw missing(request);
          }
          return call;
        })
        .onSuccess(call -> answer(request, 200, call))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    String tenant = tenant(request);
    JsonObject body = Json.body(request);
    calls.parse(tenant, body)
        .compose(content -> calls.create(tenant, content, actor(request), requestId(request)))
        .onSuccess(call -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant + "/calls/" + call.id());
          answer(request, 201, call);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    String tenant = tenant(request);
    UUID id = id(request);
    JsonObject body = Json.body(request);
    int version = CallInput.expectedVersion(ifMatch(request, body.getValue("version")));
    calls.parse(tenant, body)
        .compose(content -> calls.update(tenant, id, content, version, actor(request), requestId(request)))
        .onSuccess(call -> answer(request, 200, call))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void publish(RoutingContext request) {
    UUID id = id(request);
    Object bodyVersion = request.body() == null || request.body().length() == 0 ? null : Json.body(request).getValue("version");
    int version = CallInput.expectedVersion(ifMatch(request, bodyVersion));
    calls.publish(tenant(request), id, version, actor(request), requestId(request))
        .onSuccess(call -> answer(request, 200, call))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void copy(RoutingContext request) {
    String tenant = tenant(request);
    calls.copy(tenant, id(request), actor(request), requestId(request))
        .onSuccess(call -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant + "/calls/" + call.id());
          answer(request, 201, call);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void answer(RoutingContext request, int status, CallForProjects call) {
    request.response().putHeader("ETag", "\"" + call.version() + "\"");
    Json.ok(request, status, call.toJson(calls.now()));
  }

  static boolean managing(RoutingContext request) {
    return Access.principal(request)
        .map(p -> Access.allows(p, Permission.MANAGE_CALLS.roles(), false, request.pathParam("tenant"))).orElse(false);
  }

  private static Object ifMatch(RoutingContext request, Object fallback) {
    String ifMatch = request.request().getHeader("If-Match");
    return ifMatch != null ? ifMatch.replace("W/", "").replace("\"", "").strip() : fallback;
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw missing(request);
    }
  }

  private static Problem missing(RoutingContext request) {
    return Problem.notFound("Aucun appel à projets « " + request.pathParam("id") + " » dans ce département.");
  }

  static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

  static Actor actor(RoutingContext request) {
    return Access.required(request).actor();
  }

  static String requestId(RoutingContext request) {
    return request.get(RequestLog.REQUEST_ID_KEY);
  }
}
