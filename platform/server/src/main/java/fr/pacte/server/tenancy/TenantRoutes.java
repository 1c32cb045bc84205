package fr.pacte.server.tenancy;

import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.BrandColours;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import io.vertx.core.Future;

/** The tenant registry on the API and the platform and tenant home pages. */
public final class TenantRoutes {

  private final Access access;
  private final TenantService tenants;
  private final PluginService plugins;
  private final PageLayout layout;
  private final Function<TenantSummary, Future<JsonObject>> afterCreate;
  private final BiFunction<String, Boolean, Future<Void>> afterStatusChange;

  /**
   * @param afterCreate what else a new tenant needs (its Keycloak realm); its JSON, if any, is added to the answer
   *                    (the first administrator's temporary password, shown once)
   * @param afterStatusChange what else a tenant's deactivation or reactivation needs (disabling its realm)
   */
  public TenantRoutes(Access access, TenantService tenants, PluginService plugins, PageLayout layout,
                      Function<TenantSummary, Future<JsonObject>> afterCreate,
                      BiFunction<String, Boolean, Future<Void>> afterStatusChange) {
    this.access = access;
    this.afterCreate = afterCreate;
    this.afterStatusChange = afterStatusChange;
    this.tenants = tenants;
    this.plugins = plugins;
    this.layout = layout;
  }

  /** Refuses any {@code /t/:tenant/…} or {@code /api/tenants/:tenant/…} request for an unknown tenant. */
  public void mountTenantGate(Router router) {
    router.route("/t/:tenant/*").handler(this::knownTenant);
    router.route("/api/tenants/:tenant/*").handler(this::knownTenant);
  }

  public void mount(Router router) {
    router.get("/api/tenants").handler(this::list);
    router.post("/api/tenants").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::create);
    // A platform path, not a tenant's: the caller is a platform operator, and a deactivated tenant has no routes.
    router.put("/api/platform/tenants/:slug/status").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::status);
    router.get("/api/tenants/:tenant").handler(this::knownTenant).handler(this::show);
    router.get("/").handler(this::platformHome);
    router.getWithRegex("/t/[a-z][a-z0-9-]{1,39}").handler(request -> Redirect.seeOther(request, request.normalizedPath() + "/"));
    router.get("/t/:tenant/").handler(this::tenantHome);
    router.get("/t/:tenant/logo").handler(this::logo);
    router.get("/t/:tenant/theme.css").handler(this::theme);
  }

  private void knownTenant(RoutingContext request) {
    if (tenants.find(request.pathParam("tenant")).isPresent()) {
      request.next();
    } else {
      request.fail(404, Problem.notFound("Aucun département « " + request.pathParam("tenant") + " » sur cette plateforme."));
    }
  }

  private void list(RoutingContext request) {
    Json.ok(request, new JsonArray(tenants.all().stream().map(TenantRoutes::summaryJson).toList()));
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

  private void platformHome(RoutingContext request) {
    layout.render(request, "platform-home", "Pacte — départements", Map.of("tenants", tenants.all()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void tenantHome(RoutingContext request) {
    String slug = request.pathParam("tenant");
    TenantSummary tenant = tenants.find(slug).orElseThrow();
    tenants.territories(slug)
        .compose(territories -> layout.render(request, "tenant-home", tenant.displayName() + " — accueil", Map.of(
            "summary", tenant,
            "territories", territories,
            "modules", plugins.servingFor(slug))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void logo(RoutingContext request) {
    tenants.logo(request.pathParam("tenant"))
        .onSuccess(logo -> {
          if (logo.isEmpty()) {
            request.fail(404);
            return;
          }
          request.response().putHeader("Content-Type", logo.get().mediaType())
              .putHeader("Cache-Control", "public, max-age=300")
              .end(logo.get().bytes());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The tenant's colours as CSS variables: a stylesheet, since the CSP forbids inline styles. */
  private void theme(RoutingContext request) {
    String colour = tenants.find(request.pathParam("tenant")).orElseThrow().colour();
    request.response().putHeader("Content-Type", "text/css; charset=utf-8").putHeader("Cache-Control", "public, max-age=300")
        .end(":root { --brand: " + colour + "; --brand-text: " + BrandColours.readableTextOn(colour) + "; }\n");
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
