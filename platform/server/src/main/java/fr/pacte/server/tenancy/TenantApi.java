package fr.pacte.server.tenancy;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;
import java.util.function.Function;
import io.vertx.core.Future;

/**
 * The tenant registry on the JSON API (list, creation and deactivation by a platform operator), and the gate that
 * refuses every route of an unknown or deactivated tenant.
 */
public final class TenantApi {

  private final Access access;
  private final TenantService tenants;
  private final Function<TenantSummary, Future<JsonObject>> afterCreate;
  private final BiFunction<String, Boolean, Future<Void>> afterStatusChange;

  /**
   * @param afterCreate what else a new tenant needs (its Keycloak realm); its JSON, if any, is added to the answer
   *                    (the first administrator's temporary password, shown once)
   * @param afterStatusChange what else a tenant's deactivation or reactivation needs (disabling its realm)
   */
  public TenantApi(Access access,
                   TenantService tenants,
                   Function<TenantSummary, Future<JsonObject>> afterCreate,
                   BiFunction<String, Boolean, Future<Void>> afterStatusChange) {
    this.access = access;
    this.afterCreate = afterCreate;
    this.afterStatusChange = afterStatusChange;
    this.tenants = tenants;
  }

  public void mount(Router router) {
    router.get("/api/tenants").handler(this::list);
    router.post("/api/tenants").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::create);
    // A platform path, not a tenant's: the caller is a platform operator, and a deactivated tenant has no routes.
    router.put("/api/platform/tenants/:slug/status").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::status);
    router.get("/api/tenants/:tenant").handler(this::knownTenant).handler(this::show);
  }

  /** Refuses any {@code /t/:tenant/…} or {@code /api/tenants/:tenant/…} request for an unknown tenant. */
  public void mountTenantGate(Router router) {
    router.route("/t/:tenant/*").handler(this::knownTenant);
    router.route("/api/tenants/:tenant/*").handler(this::knownTenant);
  }

  private void knownTenant(RoutingContext request) {
    if (tenants.find(request.pathParam("tenant")).isPresent()) {
      request.next();
    } else {
      request.fail(404, Problem.notFound("Aucun département « " + request.pathParam("tenant") + " » sur cette plateforme."));
    }
  }

  private void list(RoutingContext request) {
    Json.ok(request, new JsonArray(tenants.all().stream().map(TenantApi::summaryJson).toList()));
  }

  private void show(RoutingContext request) {
    String slug = request.pathParam("tenant");
    tenants.territories(slug)
        .onSuccess(territories -> Json.ok(request, 200, summaryJson(tenants.find(slug).orElseThrow())
            .put("territories", new JsonArray(territories.stream().map(Tenant.Territory::toJson).toList()))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    Tenant tenant = TenantInput.parse(Json.body(request));
    tenants.create(tenant, Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY))
        .compose(created -> afterCreate.apply(created).map(extra -> summaryJson(created).mergeIn(extra)))
        .onSuccess(created -> {
          request.response().putHeader("Location", "/api/tenants/" + created.getString("slug"));
          Json.ok(request, 201, created);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void status(RoutingContext request) {
    JsonObject body = Json.body(request);
    if (!(body.getValue("active") instanceof Boolean active)) {
      throw Problem.validation(java.util.List.of(new Problem.FieldError("active",
          "Indiquez true pour activer le département, false pour le désactiver.")));
    }
    String slug = request.pathParam("slug");
    tenants.setActive(slug, active, Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY))
        .compose(changed -> afterStatusChange.apply(slug, active).map(changed))
        .onSuccess(changed -> Json.ok(request, 200, summaryJson(changed).put("active", changed.active())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static JsonObject summaryJson(TenantSummary tenant) {
    return new JsonObject()
        .put("slug", tenant.slug())
        .put("name", tenant.name())
        .put("departementCode", tenant.departementCode())
        .put("timeZone", tenant.timeZone().getId())
        .put("branding", new JsonObject()
            .put("displayName", tenant.displayName())
            .put("colour", tenant.colour())
            .put("logo", tenant.hasLogo() ? "/t/" + tenant.slug() + "/logo" : null))
        .put("links", new JsonObject().put("pages", "/t/" + tenant.slug() + "/").put("api", "/api/tenants/" + tenant.slug()));
  }
}
