package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import fr.pacte.server.web.Versions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The offer catalogue's JSON API, the needs beside it, and the public data·inclusion export. */
public final class OfferApi {

  private static final String API = "/api/tenants/:tenant/offer";

  private final OfferService offer;
  private final TenantService tenants;
  private final Access access;

  public OfferApi(OfferService offer, TenantService tenants, Access access) {
    this.offer = offer;
    this.tenants = tenants;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(API + "/data-inclusion").handler(this::dataInclusion);
    router.get(API).handler(access.to(Permission.READ_OFFER)).handler(this::search);
    router.post(API).handler(access.to(Permission.EDIT_OFFER)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_OFFER)).handler(this::show);
    router.put(API + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::update);
    router.delete(API + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::delete);
    router.get("/api/tenants/:tenant/needs").handler(access.to(Permission.READ_POLICY)).handler(this::needs);
  }

  private void search(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(query.get("territory"), query.get("thematique"), query.get("public"),
        query.get("actionType"), minLeft(query.get("placesLeft"), "placesLeft"), "true".equals(query.get("current")),
        query.get("organisation"));
    offer.search(RequestContext.of(request), filter)
        .onSuccess(items -> Json.ok(request, new JsonArray(items.stream().map(OfferItem::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    offer.get(tenant(request), id(request))
        .onSuccess(item -> Versions.ok(request, 200, item.version(), item.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    JsonObject body = Json.body(request);
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    offer.placeTerritoryCodes(tenant)
        .map(codes -> OfferInput.parse(body, offer.actionTypes(tenant), codes))
        .compose(item -> offer.create(context, item))
        .onSuccess(saved -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant + "/offer/" + saved.id());
          Json.ok(request, 201, saved.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    JsonObject body = Json.body(request);
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    UUID id = id(request);
    int version = OfferInput.expectedVersion(Versions.read(request, body.getValue(Versions.FIELD)));
    offer.placeTerritoryCodes(tenant)
        .map(codes -> OfferInput.parse(body, offer.actionTypes(tenant), codes))
        .compose(item -> offer.update(context, id, item, version))
        .onSuccess(saved -> Json.ok(request, 200, saved.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void delete(RoutingContext request) {
    int version = OfferInput.expectedVersion(Versions.read(request, request.queryParams().get(Versions.FIELD)));
    offer.delete(RequestContext.of(request), id(request), version)
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void needs(RoutingContext request) {
    offer.gaps(RequestContext.of(request))
        .onSuccess(calls -> Json.ok(request, new JsonArray(calls.stream().map(OfferService.CallGaps::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Public: DORA and the national directory read the current offer here, without an account. */
  private void dataInclusion(RoutingContext request) {
    String tenant = tenant(request);
    String schema = request.queryParams().get("schema") == null ? "v1" : request.queryParams().get("schema");
    if (!schema.equals("v1") && !schema.equals("v0")) {
      throw Problem.validation(List.of(new Problem.FieldError("schema", "Les versions du schéma data·inclusion servies sont v1 (par défaut) et v0.")));
    }
    TenantSummary summary = tenants.find(tenant).orElseThrow();
    DataInclusionExport.Source source = new DataInclusionExport.Source(tenant, summary.name(), summary.departementCode(),
        baseUrl(request));
    Map<String, ActionTypeDescriptor> types = offer.actionTypes(tenant);
    offer.published(RequestContext.of(request))
        .map(published -> schema.equals("v0")
            ? DataInclusionExport.v0(source, published.items(), DataInclusionExport.byId(published.organisations()), types,
                published.territories())
            : DataInclusionExport.v1(source, published.items(), DataInclusionExport.byId(published.organisations()), types,
                published.territories()))
        .onSuccess(json -> {
          request.response().putHeader("Access-Control-Allow-Origin", "*");
          Json.ok(request, 200, json);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static Integer minLeft(String raw, String field) {
    if (raw == null) {
      return null;
    }
    if (!raw.matches("[0-9]{1,6}")) {
      throw Problem.validation(List.of(new Problem.FieldError(field, "Le nombre de places restantes est un entier positif.")));
    }
    return Integer.valueOf(raw);
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune offre « " + request.pathParam("id") + " » dans ce département.");
    }
  }

  private static String baseUrl(RoutingContext request) {
    return request.request().scheme() + "://" + request.request().authority();
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }
}
