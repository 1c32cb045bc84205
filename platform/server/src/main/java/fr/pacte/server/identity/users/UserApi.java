package fr.pacte.server.identity.users;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Versions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A tenant's users on the JSON API: list, create or invite, edit roles and scope, deactivate. */
public final class UserApi {

  private final Access access;
  private final UserService users;

  public UserApi(Access access, UserService users) {
    this.access = access;
    this.users = users;
  }

  public void mount(Router router) {
    router.route("/api/tenants/:tenant/users*").handler(access.to(Permission.MANAGE_USERS));
    router.get("/api/tenants/:tenant/users").handler(this::list);
    router.post("/api/tenants/:tenant/users").handler(this::create);
    router.get("/api/tenants/:tenant/users/:id").handler(this::show);
    router.put("/api/tenants/:tenant/users/:id").handler(this::update);
  }

  // ------------------------------------------------------------------------------------------------------ API

  private void list(RoutingContext request) {
    users.list(request.pathParam("tenant"))
        .onSuccess(all -> Json.ok(request, new JsonArray(all.stream().map(UserDirectory.User::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    users.find(request.pathParam("tenant"), request.pathParam("id"))
        .onSuccess(user -> Versions.ok(request, 200, user.version(), user.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    users.validate(tenant, Json.body(request), true)
        .compose(draft -> users.create(tenant, draft, Access.required(request).actor(), request.get(RequestLog.REQUEST_ID_KEY)))
        .onSuccess(created -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant + "/users/" + created.user().id());
          Json.ok(request, 201, new JsonObject().put("user", created.user().toJson())
              .put("invitation", created.invitationPath()).put("temporaryPassword", created.temporaryPassword()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    JsonObject body = Json.body(request);
    String version = Versions.required(request, body.getValue(Versions.FIELD),
        "Indiquez la version lue (en-tête If-Match ou champ version) : elle évite d'écraser une modification.");
    users.validate(tenant, body, false)
        .compose(draft -> users.update(tenant, request.pathParam("id"), version, draft, Access.required(request).actor(),
            request.get(RequestLog.REQUEST_ID_KEY)))
        .onSuccess(user -> Versions.ok(request, 200, user.version(), user.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }
}
