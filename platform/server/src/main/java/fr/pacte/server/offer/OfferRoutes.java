package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The offer catalogue (API, staff pages, the public page, the data·inclusion export) and the needs beside it. */
public final class OfferRoutes {

  private static final String API = "/api/tenants/:tenant/offer";
  private static final String CATALOGUE = "/t/:tenant/offre/catalogue";
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final OfferService offer;
  private final OrganisationService organisations;
  private final TenantService tenants;
  private final Access access;
  private final PageLayout layout;

  public OfferRoutes(OfferService offer, OrganisationService organisations, TenantService tenants, Access access,
                     PageLayout layout) {
    this.offer = offer;
    this.organisations = organisations;
    this.tenants = tenants;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(API + "/data-inclusion").handler(this::dataInclusion);
    router.get(API).handler(access.to(Permission.READ_OFFER)).handler(this::search);
    router.post(API).handler(access.to(Permission.EDIT_OFFER)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_OFFER)).handler(this::show);
    router.put(API + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::update);
    router.delete(API + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::delete);
    router.get("/api/tenants/:tenant/needs").handler(access.to(Permission.READ_POLICY)).handler(this::needs);

    router.get("/t/:tenant/offre").handler(this::publicPage);
    router.get(CATALOGUE).handler(access.to(Permission.READ_OFFER)).handler(this::cataloguePage);
    router.get(CATALOGUE + "/nouvelle").handler(access.to(Permission.EDIT_OFFER)).handler(this::newPage);
    router.post(CATALOGUE).handler(access.to(Permission.EDIT_OFFER)).handler(this::createFromPage);
    router.get(CATALOGUE + "/:id").handler(access.to(Permission.READ_OFFER)).handler(this::itemPage);
    router.post(CATALOGUE + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::updateFromPage);
    router.get("/t/:tenant/besoins").handler(access.to(Permission.READ_POLICY)).handler(this::needsPage);
  }

  // ---- API

  private void search(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(query.get("territory"), query.get("thematique"), query.get("public"),
        query.get("actionType"), minLeft(query.get("placesLeft"), "placesLeft"), "true".equals(query.get("current")),
        query.get("organisation"));
    offer.search(tenant(request), filter)
        .onSuccess(items -> Json.ok(request, new JsonArray(items.stream().map(OfferItem::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    offer.get(tenant(request), id(request))
        .onSuccess(item -> {
          request.response().putHeader("ETag", "\"" + item.version() + "\"");
          Json.ok(request, 200, item.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    JsonObject body = Json.body(request);
    String tenant = tenant(request);
    offer.placeTerritoryCodes(tenant)
        .map(codes -> OfferInput.parse(body, offer.actionTypes(tenant), codes))
        .compose(item -> offer.create(tenant, item, actor(request), requestId(request)))
        .onSuccess(saved -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant + "/offer/" + saved.id());
          Json.ok(request, 201, saved.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    JsonObject body = Json.body(request);
    String tenant = tenant(request);
    UUID id = id(request);
    int version = OfferInput.expectedVersion(ifMatch(request, body.getValue("version")));
    offer.placeTerritoryCodes(tenant)
        .map(codes -> OfferInput.parse(body, offer.actionTypes(tenant), codes))
        .compose(item -> offer.update(tenant, id, item, version, actor(request), requestId(request)))
        .onSuccess(saved -> Json.ok(request, 200, saved.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void delete(RoutingContext request) {
    int version = OfferInput.expectedVersion(ifMatch(request, request.queryParams().get("version")));
    offer.delete(tenant(request), id(request), version, actor(request), requestId(request))
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void needs(RoutingContext request) {
    offer.gaps(tenant(request))
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
    offer.search(tenant, new OfferService.Filter(null, null, null, null, null, true, null))
        .compose(items -> organisations.list(tenant, null)
            .compose(list -> offer.placeTerritories(tenant)
                .map(territories -> schema.equals("v0")
                    ? DataInclusionExport.v0(source, items, DataInclusionExport.byId(list), types, territories)
                    : DataInclusionExport.v1(source, items, DataInclusionExport.byId(list), types, territories))))
        .onSuccess(json -> {
          request.response().putHeader("Access-Control-Allow-Origin", "*");
          Json.ok(request, 200, json);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- pages

  private void publicPage(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(blankToNull(query.get("territoire")), blankToNull(query.get("thematique")),
        blankToNull(query.get("public")), blankToNull(query.get("type")), null, true, null);
    renderList(request, "offer-public", "Offre d'insertion", filter);
  }

  private void cataloguePage(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(blankToNull(query.get("territoire")), blankToNull(query.get("thematique")),
        blankToNull(query.get("public")), blankToNull(query.get("type")), minLeft(blankToNull(query.get("places")), "places"),
        "1".equals(query.get("encours")), null);
    renderList(request, "offer-catalogue", "Catalogue de l'offre", filter);
  }

  private void renderList(RoutingContext request, String template, String title, OfferService.Filter filter) {
    String tenant = tenant(request);
    Map<String, ActionTypeDescriptor> types = offer.actionTypes(tenant);
    offer.placeTerritories(tenant)
        .compose(territories -> offer.search(tenant, filter)
            .compose(items -> {
              Map<String, Object> model = new HashMap<>();
              model.put("items", items.stream().map(item -> row(item, types, territories, filter.territory())).toList());
              model.put("territories", territories);
              model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr())).toList());
              model.put("categories", DataInclusionVocabulary.categories());
              model.put("thematiques", DataInclusionVocabulary.thematiques());
              model.put("publics", DataInclusionVocabulary.publics());
              model.put("filter", filterValues(request.queryParams()));
              model.put("notice", request.queryParams().get("notice") == null ? "" : request.queryParams().get("notice"));
              model.put("canEdit", Access.principal(request).map(p -> Access.allows(p, Permission.EDIT_OFFER.roles(), false, tenant))
                  .orElse(false));
              return layout.render(request, template, title, model);
            }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void newPage(RoutingContext request) {
    renderForm(request, 200, null, new HashMap<>(Map.of("periodStart", "", "periodEnd", "")), Map.of(), List.of(), "");
  }

  private void createFromPage(RoutingContext request) {
    String tenant = tenant(request);
    MultiMap form = request.request().formAttributes();
    offer.placeTerritories(tenant)
        .map(territories -> OfferInput.parse(OfferInput.fromForm(form, territories.stream().map(Tenant.Territory::code).toList()),
            offer.actionTypes(tenant), codes(territories)))
        .compose(item -> offer.create(tenant, item, actor(request), requestId(request)))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + saved.id() + "?notice=creee"))
        .onFailure(error -> formFailure(request, null, form, error));
  }

  private void itemPage(RoutingContext request) {
    String notice = request.queryParams().get("notice");
    offer.get(tenant(request), id(request))
        .onSuccess(item -> renderForm(request, 200, item, valuesOf(item), Map.of(), List.of(), "",
            notice == null ? "" : notice))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateFromPage(RoutingContext request) {
    String tenant = tenant(request);
    UUID id = id(request);
    MultiMap form = request.request().formAttributes();
    offer.placeTerritories(tenant)
        .map(territories -> OfferInput.parse(OfferInput.fromForm(form, territories.stream().map(Tenant.Territory::code).toList()),
            offer.actionTypes(tenant), codes(territories)))
        .compose(item -> offer.update(tenant, id, item, OfferInput.expectedVersion(form.get("version")), actor(request),
            requestId(request)))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + id + "?notice=enregistree"))
        .onFailure(error -> formFailure(request, id, form, error));
  }

  /** A refused form shows the reasons next to the fields; a stale one shows what is saved now, untouched. */
  private void formFailure(RoutingContext request, UUID id, MultiMap form, Throwable error) {
    if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
      FailureHandler.respond(request, error);
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
    if (problem.status() == 409) {
      offer.get(tenant(request), id)
          .onSuccess(current -> renderForm(request, 409, current, valuesOf(current), Map.of(), List.of(), problem.detail()))
          .onFailure(failure -> FailureHandler.respond(request, failure));
      return;
    }
    Future<OfferItem> current = id == null ? Future.succeededFuture(null) : offer.get(tenant(request), id);
    current.onSuccess(item -> renderForm(request, 400, item, formValues(form), errors, problem.errors(), ""))
        .onFailure(failure -> FailureHandler.respond(request, failure));
  }

  private void renderForm(RoutingContext request, int status, OfferItem item, Map<String, Object> values,
                          Map<String, String> errors, List<Problem.FieldError> errorList, String conflict) {
    renderForm(request, status, item, values, errors, errorList, conflict, "");
  }

  private void renderForm(RoutingContext request, int status, OfferItem item, Map<String, Object> values,
                          Map<String, String> errors, List<Problem.FieldError> errorList, String conflict, String notice) {
    String tenant = tenant(request);
    Map<String, ActionTypeDescriptor> types = offer.actionTypes(tenant);
    boolean canEdit = Access.allows(Access.required(request), Permission.EDIT_OFFER.roles(), false, tenant);
    offer.placeTerritories(tenant)
        .compose(territories -> organisations.list(tenant, null)
            .compose(list -> {
              request.response().setStatusCode(status);
              Map<String, Object> model = new HashMap<>();
              model.put("item", item == null ? null : row(item, types, territories, null));
              model.put("values", values);
              model.put("errors", errors);
              model.put("errorList", errorList);
              model.put("conflict", conflict);
              model.put("notice", notice);
              model.put("canEdit", canEdit);
              model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr(),
                  "unit", t.capacityUnit().label().fr())).toList());
              model.put("organisations", list.stream().filter(Organisation::isOperator).toList());
              model.put("territories", territories);
              model.put("thematiques", DataInclusionVocabulary.thematiques());
              model.put("publics", DataInclusionVocabulary.publics());
              return layout.render(request, "offer-item", item == null ? "Nouvelle offre" : item.title(), model);
            }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void needsPage(RoutingContext request) {
    offer.gaps(tenant(request))
        .compose(calls -> layout.render(request, "needs", "Besoins et offre", Map.of("calls", calls)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- helpers

  /** An item as pages show it: labels resolved, places per territory in words. */
  private static Map<String, Object> row(OfferItem item, Map<String, ActionTypeDescriptor> types, List<Tenant.Territory> territories,
                                         String territory) {
    ActionTypeDescriptor type = types.get(item.actionType());
    Map<String, Object> row = new HashMap<>();
    row.put("id", item.id().toString());
    row.put("title", item.title());
    row.put("description", item.description());
    row.put("organisation", item.organisationName());
    row.put("organisationId", item.organisationId());
    row.put("actionType", type == null ? item.actionType() : type.label().fr());
    row.put("unit", type == null ? "" : type.capacityUnit().label().fr());
    row.put("period", "du " + item.periodStart().format(FRENCH_DATE) + " au " + item.periodEnd().format(FRENCH_DATE));
    row.put("schedule", item.schedule());
    row.put("funders", item.funders());
    row.put("programmeAction", item.programmeAction() == null ? "" : item.programmeAction());
    row.put("thematiques", item.thematiques().stream().map(DataInclusionVocabulary::thematiqueLabel).toList());
    row.put("publics", item.publics().stream().map(DataInclusionVocabulary::publicLabel).toList());
    row.put("contactEmail", item.contactEmail() == null ? "" : item.contactEmail());
    row.put("contactPhone", item.contactPhone() == null ? "" : item.contactPhone());
    row.put("location", item.location());
    row.put("places", item.places().stream().map(p -> Map.of("territory", OfferService.territoryName(territories, p.territory()),
        "capacity", p.capacity(), "taken", p.taken(), "left", p.left())).toList());
    row.put("capacity", item.capacity());
    row.put("left", item.left(territory));
    row.put("version", item.version());
    return row;
  }

  private static Map<String, Object> valuesOf(OfferItem item) {
    Map<String, Object> values = new HashMap<>();
    values.put("actionType", item.actionType());
    values.put("organisation", item.organisationId());
    values.put("title", item.title());
    values.put("description", item.description());
    values.put("periodStart", item.periodStart().toString());
    values.put("periodEnd", item.periodEnd().toString());
    values.put("schedule", item.schedule());
    values.put("funders", String.join("\n", item.funders()));
    values.put("programmeAction", item.programmeAction() == null ? "" : item.programmeAction());
    values.put("thematiques", item.thematiques());
    values.put("publics", item.publics());
    values.put("contactEmail", item.contactEmail() == null ? "" : item.contactEmail());
    values.put("contactPhone", item.contactPhone() == null ? "" : item.contactPhone());
    values.put("location", item.location());
    values.put("version", String.valueOf(item.version()));
    item.places().forEach(p -> {
      values.put("places." + p.territory() + ".capacity", String.valueOf(p.capacity()));
      values.put("places." + p.territory() + ".taken", String.valueOf(p.taken()));
    });
    return values;
  }

  private static Map<String, Object> formValues(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    values.put("thematiques", form.getAll("thematiques"));
    values.put("publics", form.getAll("publics"));
    return values;
  }

  private static Map<String, String> filterValues(MultiMap query) {
    Map<String, String> values = new HashMap<>();
    for (String name : List.of("territoire", "thematique", "public", "type", "places", "encours")) {
      values.put(name, query.get(name) == null ? "" : query.get(name));
    }
    return values;
  }

  private static java.util.Set<String> codes(List<Tenant.Territory> territories) {
    java.util.Set<String> codes = new java.util.LinkedHashSet<>();
    territories.forEach(t -> codes.add(t.code()));
    return codes;
  }

  private static Integer minLeft(String raw, String field) {
    if (raw == null) {
      return null;
    }
    if (!raw.matches("[0-9]{1,6}")) {
      throw Problem.validation(List.of(new Problem.FieldError(field, "Le nombre de places restantes est un entier positif.")));
    }
    return Integer.valueOf(raw);
  }

  private static Object ifMatch(RoutingContext request, Object fallback) {
    String ifMatch = request.request().getHeader("If-Match");
    return ifMatch != null ? ifMatch.replace("\"", "").strip() : fallback;
  }

  private static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune offre « " + request.pathParam("id") + " » dans ce département.");
    }
  }

  private static String baseUrl(RoutingContext request) {
    return request.request().scheme() + "://" + request.request().authority();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

  private static Actor actor(RoutingContext request) {
    return Access.required(request).actor();
  }

  private static String requestId(RoutingContext request) {
    return request.get(RequestLog.REQUEST_ID_KEY);
  }
}
