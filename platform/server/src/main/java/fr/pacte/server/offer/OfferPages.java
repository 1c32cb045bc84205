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
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.FrenchDates;
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

/**
 * The offer's pages: the public page (no account), the staff catalogue and item forms (a refused form is shown
 * again with the reasons next to the fields), and the needs beside the offer.
 */
public final class OfferPages {

  private static final String CATALOGUE = "/t/:tenant/offre/catalogue";
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final OfferService offer;
  private final OrganisationService organisations;
  private final PageLayout layout;
  private final Access access;
  /** The actions of the tenant's programmes an offer item may serve, for the form's list. */
  private volatile java.util.function.Function<String, Future<List<Map<String, String>>>> programmeActions =
      tenant -> Future.succeededFuture(List.of());

  public OfferPages(OfferService offer, OrganisationService organisations, Access access, PageLayout layout) {
    this.offer = offer;
    this.organisations = organisations;
    this.access = access;
    this.layout = layout;
  }

  /** Where the choices of programme action come from (the tenant's programmes). */
  public void programmeActionsFrom(java.util.function.Function<String, Future<List<Map<String, String>>>> actions) {
    this.programmeActions = actions;
  }

  public void mount(Router router) {
    router.get("/t/:tenant/offre").handler(this::publicPage);
    router.get(CATALOGUE).handler(access.to(Permission.READ_OFFER)).handler(this::cataloguePage);
    router.get(CATALOGUE + "/nouvelle").handler(access.to(Permission.EDIT_OFFER)).handler(this::newPage);
    router.post(CATALOGUE).handler(access.to(Permission.EDIT_OFFER)).handler(this::createFromPage);
    router.get(CATALOGUE + "/:id").handler(access.to(Permission.READ_OFFER)).handler(this::itemPage);
    router.post(CATALOGUE + "/:id").handler(access.to(Permission.EDIT_OFFER)).handler(this::updateFromPage);
    router.post(CATALOGUE + "/:id/supprimer").handler(access.to(Permission.EDIT_OFFER)).handler(this::deleteFromPage);
    router.get("/t/:tenant/besoins").handler(access.to(Permission.READ_POLICY)).handler(this::needsPage);
  }

  private void publicPage(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(blankToNull(query.get("territoire")), blankToNull(query.get("thematique")),
        blankToNull(query.get("public")), blankToNull(query.get("type")), null, true, null);
    renderList(request, "offer-public", "Offre d'insertion", filter);
  }

  private void cataloguePage(RoutingContext request) {
    MultiMap query = request.queryParams();
    OfferService.Filter filter = new OfferService.Filter(blankToNull(query.get("territoire")), blankToNull(query.get("thematique")),
        blankToNull(query.get("public")), blankToNull(query.get("type")), OfferApi.minLeft(blankToNull(query.get("places")), "places"),
        "1".equals(query.get("encours")), null);
    renderList(request, "offer-catalogue", "Catalogue de l'offre", filter);
  }

  private void renderList(RoutingContext request, String template, String title, OfferService.Filter filter) {
    String tenant = tenant(request);
    Map<String, ActionTypeDescriptor> types = offer.actionTypes(tenant);
    offer.listing(RequestContext.of(request), filter)
        .compose(listing -> {
              List<Tenant.Territory> territories = listing.territories();
              List<OfferItem> items = listing.items();
              Map<String, Object> model = new HashMap<>();
              model.put("items", items.stream().map(item -> row(item, types, territories, filter.territory())).toList());
              model.put("territories", territories);
              model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr())).toList());
              model.put("categories", DataInclusionVocabulary.categories());
              model.put("thematiques", DataInclusionVocabulary.thematiques());
              model.put("publics", DataInclusionVocabulary.publics());
              model.put("filter", filterValues(request.queryParams()));
              model.put("searched", filter.territory() != null || filter.thematique() != null || filter.publicCode() != null
                  || filter.actionType() != null);
              model.put("notice", request.queryParams().get("notice") == null ? "" : request.queryParams().get("notice"));
              model.put("canEdit", RequestContext.of(request).holds(Permission.EDIT_OFFER));
              if (template.equals("offer-catalogue")) {
                ListTable table = catalogueTable(request, items, types, territories, filter.territory());
                if (ListTable.isExport(request)) {
                  return table.export(request);
                }
                model.put("table", table.model(request));
              }
              return layout.render(request, template, title, model);
            })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The page's address with its filters, asking for a file. */
  private static String exportLink(RoutingContext request, String format) {
    String query = request.request().query();
    return request.normalizedPath() + "?" + (query == null || query.isBlank() ? "" : query.replaceAll("&?format=[^&]*", "") + "&")
        + "format=" + format;
  }

  /** The catalogue as a list table: sortable, in pages, exportable. */
  private ListTable catalogueTable(RoutingContext request, List<OfferItem> items, Map<String, ActionTypeDescriptor> types,
                                   List<Tenant.Territory> territories, String territory) {
    String base = "/t/" + tenant(request) + "/offre/catalogue/";
    List<ListTable.Line> lines = new java.util.ArrayList<>();
    for (OfferItem item : items) {
      ActionTypeDescriptor type = types.get(item.actionType());
      Map<String, String> cells = new HashMap<>();
      cells.put("title", item.title());
      cells.put("type", type == null ? item.actionType() : type.label().fr());
      cells.put("organisation", item.organisationName());
      cells.put("start", item.periodStart().format(FRENCH_DATE));
      cells.put("end", item.periodEnd().format(FRENCH_DATE));
      cells.put("places", String.valueOf(item.capacity()));
      cells.put("unit", type == null ? "" : type.capacity().label().fr());
      cells.put("left", String.valueOf(item.left(territory)));
      lines.add(new ListTable.Line("offre-" + item.id(), base + item.id(), cells,
          Map.of("start", item.periodStart(), "end", item.periodEnd())));
    }
    return new ListTable("Offres", "catalogue-offre", List.of(
        ListTable.Column.text("title", "Offre"), ListTable.Column.text("type", "Type d'action"),
        ListTable.Column.text("organisation", "Organisation"), ListTable.Column.text("start", "Début"),
        ListTable.Column.text("end", "Fin"), ListTable.Column.number("places", "Places"),
        ListTable.Column.text("unit", "Unité"), ListTable.Column.number("left", "Restantes")), lines);
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
        .compose(item -> offer.create(RequestContext.of(request), item))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + saved.id() + "?notice=creee"))
        .onFailure(error -> formFailure(request, null, form, error));
  }

  private void itemPage(RoutingContext request) {
    String notice = request.queryParams().get("notice");
    offer.get(tenant(request), OfferApi.id(request))
        .onSuccess(item -> renderForm(request, 200, item, valuesOf(item), Map.of(), List.of(), "",
            notice == null ? "" : notice))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Deletes an offer item from its page, once the box confirming it is checked, at the version the page showed. */
  private void deleteFromPage(RoutingContext request) {
    String tenant = tenant(request);
    UUID id = OfferApi.id(request);
    MultiMap form = request.request().formAttributes();
    if (!"1".equals(form.get("confirmation"))) {
      Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + id + "?notice=confirmer#suppression");
      return;
    }
    offer.delete(RequestContext.of(request), id, OfferInput.expectedVersion(form.get(Versions.FIELD)))
        .onSuccess(ok -> Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue?notice=supprimee"))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 409) {
            Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + id + "?notice=modifiee#suppression");
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void updateFromPage(RoutingContext request) {
    String tenant = tenant(request);
    UUID id = OfferApi.id(request);
    MultiMap form = request.request().formAttributes();
    offer.placeTerritories(tenant)
        .map(territories -> OfferInput.parse(OfferInput.fromForm(form, territories.stream().map(Tenant.Territory::code).toList()),
            offer.actionTypes(tenant), codes(territories)))
        .compose(item -> offer.update(RequestContext.of(request), id, item,
            OfferInput.expectedVersion(form.get(Versions.FIELD))))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/offre/catalogue/" + id + "?notice=enregistree"))
        .onFailure(error -> formFailure(request, id, form, error));
  }

  /** A refused form shows the reasons next to the fields; a stale one shows what is saved now, untouched. */
  private void formFailure(RoutingContext request, UUID id, MultiMap form, Throwable error) {
    if (!FormErrors.refusesForm(error)) {
      FailureHandler.respond(request, error);
      return;
    }
    Problem problem = (Problem) error;
    Map<String, String> errors = FormErrors.byField(problem);
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
    RequestContext context = RequestContext.of(request);
    boolean canEdit = context.holds(Permission.EDIT_OFFER);
    offer.placeTerritories(tenant)
        .compose(territories -> organisations.list(context)
            .compose(list -> programmeActions.apply(tenant).compose(actions -> {
              request.response().setStatusCode(status);
              Map<String, Object> model = new HashMap<>();
              model.put("programmeActions", actions);
              Object chosen = values.get("programmeAction");
              model.put("programmeActionUnknown", chosen != null && !chosen.toString().isBlank()
                  && actions.stream().noneMatch(a -> a.get("value").equals(chosen.toString())));
              model.put("item", item == null ? null : row(item, types, territories, null));
              // An operator reads its own organisation only: another's name is shown without a link that would answer 403.
              model.put("organisationReadable", item != null
                  && list.stream().anyMatch(o -> o.id().equals(item.organisationId())));
              model.put("values", values);
              model.put("errors", errors);
              model.put("errorList", errorList);
              model.put("conflict", conflict);
              model.put("notice", notice);
              model.put("canEdit", canEdit);
              model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr(),
                  "unit", t.capacity().label().fr())).toList());
              model.put("organisations", list.stream().filter(Organisation::isOperator).toList());
              model.put("territories", territories);
              model.put("thematiques", DataInclusionVocabulary.thematiques());
              model.put("publics", DataInclusionVocabulary.publics());
              return layout.render(request, "offer-item", item == null ? "Nouvelle offre" : item.title(), model);
            })))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void needsPage(RoutingContext request) {
    MultiMap query = request.queryParams();
    NeedsPage.Filter filter = new NeedsPage.Filter(blankToNull(query.get("type")), blankToNull(query.get("territoire")),
        "1".equals(query.get("manques")));
    offer.gaps(RequestContext.of(request))
        .compose(calls -> {
          if (ListTable.isExport(request)) {
            return NeedsPage.table(calls, filter).export(request);
          }
          List<Map<String, Object>> model = NeedsPage.calls(calls, filter);
          // One table of the page asked as a file ({@code ?<table>.format=csv}), else each table's page of rows.
          Future<Void> exported = NeedsPage.tables(request, model);
          return exported != null ? exported : layout.render(request, "needs", "Besoins et offre", Map.of(
              "exports", Map.of("csv", exportLink(request, "csv"), "xlsx", exportLink(request, "xlsx")),
              "calls", model,
              "typeChoices", NeedsPage.actionTypes(calls),
              "territoryChoices", NeedsPage.territories(calls),
              "filter", Map.of("type", query.get("type") == null ? "" : query.get("type"),
                  "territoire", query.get("territoire") == null ? "" : query.get("territoire"),
                  "manques", "1".equals(query.get("manques")))));
        })
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
    row.put("unit", type == null ? "" : type.capacity().label().fr());
    row.put("unitAfterCapacity", type == null ? "" : type.capacity().label(item.capacity()).fr());
    row.put("period", "du " + FrenchDates.longDate(item.periodStart()) + " au " + FrenchDates.longDate(item.periodEnd()));
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

}
