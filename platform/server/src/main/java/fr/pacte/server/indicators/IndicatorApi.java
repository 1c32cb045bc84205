package fr.pacte.server.indicators;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Versions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code /api/tenants/{tenant}/indicators}: the follow-up indicators of every action type with their targets,
 * {@code …/dashboard} the figures of the dashboards, {@code …/entries} the values entered by hand,
 * {@code …/programme} the programme indicators (PDI/PTI) and {@code …/programme/{programme}/{action}/{number}/measure}
 * how the programme manager says one is computed. Filters:
 * {@code from}, {@code to} (months, AAAA-MM), {@code actionType}, {@code territory}, {@code organisation},
 * {@code convention}; every answer is narrowed to the caller's territories or organisation.
 */
final class IndicatorApi {

  private static final String BASE = "/api/tenants/:tenant/indicators";

  private final IndicatorService service;
  private final Access access;

  IndicatorApi(IndicatorService service, Access access) {
    this.service = service;
    this.access = access;
  }

  void mount(Router router) {
    router.get(BASE).handler(access.to(Permission.READ_INDICATORS)).handler(this::indicators);
    router.get(BASE + "/dashboard").handler(access.to(Permission.READ_INDICATORS)).handler(this::dashboard);
    router.get(BASE + "/entries").handler(access.to(Permission.READ_INDICATORS)).handler(this::entries);
    router.post(BASE + "/entries").handler(access.to(Permission.ENTER_INDICATORS)).handler(this::enter);
    router.put(BASE + "/entries/:id").handler(access.to(Permission.ENTER_INDICATORS)).handler(this::change);
    router.get(BASE + "/programme").handler(access.to(Permission.READ_INDICATORS)).handler(this::programme);
    router.put(BASE + "/programme/:programme/:action/:number/measure").handler(access.to(Permission.ENTER_INDICATORS))
        .handler(this::setMeasure);
    router.delete(BASE + "/programme/:programme/:action/:number/measure").handler(access.to(Permission.ENTER_INDICATORS))
        .handler(this::removeMeasure);
  }

  private void programme(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter = IndicatorFilter.ofApi(request.queryParams(), context.today());
    service.programmeIndicators(context, filter)
        .onSuccess(values -> request.json(new JsonObject().put("from", filter.from().toString()).put("to", filter.to().toString())
            .put("indicators", new JsonArray(values.stream().map(ProgrammeIndicators.Value::toJson).toList()))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The indicator's number in its action, from 1; a 404 for anything else, or for a programme or action code no programme has. */
  private static int number(RoutingContext request) {
    String programme = request.pathParam("programme");
    String action = request.pathParam("action");
    if (programme == null || !programme.matches("[a-z0-9][a-z0-9-]{0,79}") || action == null
        || !action.matches("[0-9A-Za-z][0-9A-Za-z .-]{0,19}")) {
      throw fr.pacte.server.web.Problem.notFound("Indicateur de programme introuvable : programme ou action inconnus.");
    }
    try {
      int number = Integer.parseInt(request.pathParam("number"));
      if (number >= 1 && number <= 1000) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw fr.pacte.server.web.Problem.notFound("Indicateur de programme introuvable : numéro inconnu.");
  }

  private void setMeasure(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    int number = number(request);
    JsonObject body = Json.body(request);
    Integer version = Versions.expected(request, body.getValue("version"));
    service.exitTypeCodes(context.tenant())
        .map(codes -> MeasureInput.parse(body, codes))
        .compose(input -> service.setMeasure(context, request.pathParam("programme"), request.pathParam("action"), number,
            input, version))
        .onSuccess(saved -> Versions.ok(request, saved.getValue() ? 201 : 200, saved.getKey().version(),
            saved.getKey().toJson().put("number", number)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void removeMeasure(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    int number = number(request);
    Integer version = Versions.expected(request, request.queryParams().get("version"));
    if (version == null) {
      throw EntryInput.invalid("version", "Indiquez la version lue (en-tête If-Match).");
    }
    service.removeMeasure(context, request.pathParam("programme"), request.pathParam("action"), number, version)
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void indicators(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter = IndicatorFilter.ofApi(request.queryParams(), context.today());
    service.indicators(context, filter)
        .onSuccess(types -> {
          JsonArray array = new JsonArray();
          types.forEach(type -> array.add(new JsonObject().put("code", type.code()).put("label", type.label())
              .put("unitLabel", type.unitLabel())
              .put("indicators", new JsonArray(type.indicators().stream().map(IndicatorService.IndicatorValue::toJson).toList()))));
          request.json(new JsonObject().put("from", filter.from().toString()).put("to", filter.to().toString())
              .put("actionTypes", array));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void dashboard(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter = IndicatorFilter.ofApi(request.queryParams(), context.today());
    service.dashboard(context, filter)
        .onSuccess(dashboard -> request.json(dashboard.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void entries(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter = IndicatorFilter.ofApi(request.queryParams(), context.today());
    String subject = request.queryParams().get("subject");
    service.entries(context, filter, subject == null || subject.isBlank() ? null : subject.strip())
        .onSuccess(list -> request.json(new JsonArray(list.stream().map(FactStore.Entry::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void enter(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    service.territoryNames(context.tenant())
        .map(names -> EntryInput.parse(body, names.keySet(), false))
        .compose(input -> service.enter(context, input))
        .onSuccess(entry -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/indicators/entries/" + entry.id());
          Versions.ok(request, 201, entry.version(), entry.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void change(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id;
    try {
      id = UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      FailureHandler.respond(request, fr.pacte.server.web.Problem.notFound("Valeur saisie introuvable."));
      return;
    }
    JsonObject body = Json.body(request);
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw EntryInput.invalid("version", "Indiquez la version lue (champ version ou en-tête If-Match).");
    }
    EntryInput input = EntryInput.parse(body, java.util.Set.of(), true);
    service.change(context, id, input, version)
        .onSuccess(entry -> Versions.ok(request, 200, entry.version(), entry.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }
}
