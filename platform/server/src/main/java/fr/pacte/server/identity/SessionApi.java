package fr.pacte.server.identity;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.api.Role;
import fr.pacte.server.identity.keycloak.OidcLogin;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * Sessions on the JSON API: signing in with the built-in provider ({@code POST …/session}), who is signed in, and
 * signing out; for a tenant or the platform. With Keycloak, clients send the realm's tokens instead.
 */
public final class SessionApi {

  private final Access access;
  private final Sessions sessions;
  private final PasswordLogin passwords;
  private final Optional<OidcLogin> oidc;

  public SessionApi(Access access, Sessions sessions, PasswordLogin passwords, Optional<OidcLogin> oidc) {
    this.access = access;
    this.sessions = sessions;
    this.passwords = passwords;
    this.oidc = oidc;
  }

  public void mount(Router router) {
    router.post("/api/tenants/:tenant/session").handler(this::loginJson);
    router.get("/api/tenants/:tenant/session").handler(access.to(Permission.USE_TENANT)).handler(this::whoAmI);
    router.delete("/api/tenants/:tenant/session").handler(this::logoutJson);
    router.post("/api/session").handler(this::loginJson);
    router.get("/api/session").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::whoAmI);
    router.delete("/api/session").handler(this::logoutJson);
  }

  private void loginJson(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    if (oidc.isPresent()) {
      request.fail(new Problem(404, "introuvable", "Ressource introuvable", "Cette plateforme utilise Keycloak : "
          + "obtenez un jeton auprès du domaine du département et envoyez-le en en-tête Authorization.", List.of()));
      return;
    }
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    fields.line("username", PasswordLogin.MAX_USERNAME);
    if (body.getValue("password") != null && !(body.getValue("password") instanceof String)) {
      fields.error("password", Fields.TEXT_EXPECTED);
    }
    fields.throwIfAny();
    passwords.login(tenant, body.getString("username"), body.getString("password"), LoginPages.address(request),
            request.get(RequestLog.REQUEST_ID_KEY))
        .compose(principal -> sessions.open(request, principal, "builtin", null).map(principal))
        .onSuccess(principal -> Json.ok(request, 201, json(principal)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void whoAmI(RoutingContext request) {
    Json.ok(request, 200, json(Access.required(request)));
  }

  private void logoutJson(RoutingContext request) {
    sessions.close(request, request.pathParam("tenant"))
        .onSuccess(idToken -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static JsonObject json(Principal principal) {
    return new JsonObject()
        .put("username", principal.username())
        .put("displayName", principal.displayName())
        .put("tenant", principal.tenant())
        .put("roles", new JsonArray(principal.roles().stream().map(Role::code).sorted().toList()))
        .put("scope", new JsonObject()
            .put("territories", new JsonArray(principal.scope().territories().stream().sorted().toList()))
            .put("organisation", principal.scope().organisation())
            .put("label", principal.scope().label()));
  }
}
