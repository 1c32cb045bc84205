package fr.pacte.server.conventions;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/tenants/{tenant}/conventions}: conventions with their tranches, amendments and payments, the yearly
 * figures as CSV, and the public open-data file of subsidies (SCDL).
 */
public final class ConventionApi {

  static final String API = "/api/tenants/:tenant/conventions";

  private final ConventionService conventions;
  private final Access access;
  private final Vertx vertx;

  public ConventionApi(ConventionService conventions, Access access, Vertx vertx) {
    this.conventions = conventions;
    this.access = access;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(API + "/open-data").handler(request -> openData(request, false));
    router.get(API + "/open-data.csv").handler(request -> openData(request, true));
    router.get(API + "/export.csv").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::export);
    router.get(API + "/awaiting").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::awaiting);
    router.post(API + "/from-decision").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::fromDecision);
    router.get(API).handler(access.to(Permission.READ_CONVENTIONS)).handler(this::list);
    router.post(API).handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::show);
    router.get(API + "/:id/text.pdf").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::text);
    router.put(API + "/:id").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::update);
    router.post(API + "/:id/sign").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::sign);
    router.put(API + "/:id/tranches/:year").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::vote);
    router.post(API + "/:id/payments").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::pay);
    router.post(API + "/:id/amendments").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::amend);
    router.post(API + "/:id/terminate").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::terminate);
  }

  private void list(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context)
        .map(list -> filtered(list, request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(c -> c.toJson(context.today())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void awaiting(RoutingContext request) {
    conventions.awaiting(RequestContext.of(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(a -> new JsonObject()
            .put("application", a.application().toString()).put("lot", a.lot()).put("organisationName", a.organisationName())
            .put("title", a.title()).put("amountCents", a.amountCents()).put("call", a.callTitle())
            .put("committeeDate", a.committeeDate().toString())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A selected project becomes a draft convention in one step. */
  private void fromDecision(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    ConventionService.FromDecision input;
    try {
      input = ConventionInput.fromDecision(Json.body(request));
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    conventions.fromDecision(context, input)
        .onSuccess(convention -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/conventions/" + convention.id());
          Versions.ok(request, 201, convention.version(), convention.toJson(context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    LocalDate at = at(request);
    conventions.get(context, id(request))
        .onSuccess(convention -> {
          JsonObject body = convention.toJson(context.today());
          if (at != null) {
            body.put("at", at.toString()).put("termsInForce", convention.termsAt(at).toJson());
          }
          Versions.ok(request, 200, convention.version(), body);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.parse(context.tenant(), Json.body(request))
        .compose(terms -> conventions.create(context, terms))
        .onSuccess(convention -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/conventions/" + convention.id());
          Versions.ok(request, 201, convention.version(), convention.toJson(context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.parse(context.tenant(), body)
        .compose(terms -> conventions.update(context, id(request), terms, version))
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void sign(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.sign(context, id(request), ConventionInput.signature(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void vote(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    int year = year(request);
    conventions.vote(context, id(request), year, ConventionInput.vote(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void pay(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.pay(context, id(request), ConventionInput.payment(body), version)
        .onSuccess(convention -> answer(request, context, convention, 201))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void amend(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.parseAmendment(context.tenant(), body)
        .compose(amendment -> conventions.amend(context, id(request), amendment, version))
        .onSuccess(convention -> answer(request, context, convention, 201))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void terminate(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.terminate(context, id(request), ConventionInput.termination(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The convention's text in force at a date (today by default), as a PDF made from its terms and amendments. */
  private void text(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    LocalDate at = at(request);
    LocalDate day = at == null ? context.today() : at;
    conventions.get(context, id(request))
        .compose(convention -> conventions.territories(context.tenant()).compose(territories -> {
          Map<String, String> names = new LinkedHashMap<>();
          territories.forEach(t -> names.put(t.code(), t.name()));
          ActionTypeDescriptor type = conventions.actionTypes(context.tenant()).get(convention.terms().actionType());
          return ConventionText.of(convention, day, type == null ? convention.terms().actionType() : type.label().fr(), names)
              .render(vertx).map(pdf -> Map.entry(convention.terms().reference(), pdf));
        }))
        .onSuccess(pdf -> PdfDocument.respond(request, "convention-" + pdf.getKey() + ".pdf", pdf.getValue()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The yearly figures of the conventions the caller sees, one line per convention and year, for a spreadsheet. */
  private void export(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context)
        .onSuccess(list -> request.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"conventions.csv\"")
            .end("\ufeff" + ConventionExport.csv(list)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Public: the tenant's subsidies in the SCDL schema, above the legal threshold unless {@code thresholdCents} says. */
  private void openData(RoutingContext request, boolean csv) {
    String tenant = request.pathParam("tenant");
    long threshold = threshold(request);
    conventions.subsidies(tenant, threshold)
        .onSuccess(subsidies -> {
          if (csv) {
            request.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"subventions-" + tenant + ".csv\"")
                .end(SubsidiesFile.csv(subsidies.rows()));
          } else {
            Json.ok(request, SubsidiesFile.json(subsidies.rows()));
          }
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static void answer(RoutingContext request, RequestContext context, Convention convention) {
    answer(request, context, convention, 200);
  }

  private static void answer(RoutingContext request, RequestContext context, Convention convention, int status) {
    Versions.ok(request, status, convention.version(), convention.toJson(context.today()));
  }

  /** The conventions of one organisation (lead or member), action type or territory, when the query names them. */
  static List<Convention> filtered(List<Convention> list, RoutingContext request) {
    String organisation = request.queryParams().get("organisation");
    String actionType = request.queryParams().get("actionType");
    String territory = request.queryParams().get("territory");
    return list.stream()
        .filter(c -> organisation == null || organisation.isBlank() || c.involves(organisation))
        .filter(c -> actionType == null || actionType.isBlank() || c.terms().actionType().equals(actionType))
        .filter(c -> territory == null || territory.isBlank() || c.terms().territories().contains(territory))
        .toList();
  }

  static int version(RoutingContext request, JsonObject body) {
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw Problem.validation(List.of(new Problem.FieldError("version",
          "Indiquez la version de la convention que vous avez lue (en-tête If-Match ou champ version).")));
    }
    return version;
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune convention « " + request.pathParam("id") + " » dans ce département.");
    }
  }

  private static int year(RoutingContext request) {
    String year = request.pathParam("year");
    if (year == null || !year.matches("[0-9]{1,2}")) {
      throw Problem.notFound("Pas d'année « " + year + " » dans cette convention.");
    }
    return Integer.parseInt(year);
  }

  private static LocalDate at(RoutingContext request) {
    String at = request.queryParams().get("at");
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return FrenchDates.parseDay(at);
    } catch (DateTimeParseException e) {
      throw Problem.validation(List.of(new Problem.FieldError("at", FrenchDates.TYPED_DAY_HINT)));
    }
  }

  private static long threshold(RoutingContext request) {
    String value = request.queryParams().get("thresholdCents");
    if (value == null || value.isBlank()) {
      return SubsidiesFile.LEGAL_THRESHOLD_CENTS;
    }
    if (!value.strip().matches("[0-9]{1,13}")) {
      throw Problem.validation(List.of(new Problem.FieldError("thresholdCents",
          "Le seuil de publication est un montant en centimes d'euro (par défaut 2300000, soit 23 000 €).")));
    }
    return Long.parseLong(value.strip());
  }
}
