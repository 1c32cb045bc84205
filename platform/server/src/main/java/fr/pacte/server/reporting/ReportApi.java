package fr.pacte.server.reporting;

import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/tenants/{tenant}/reports}: monthly reports (list, open a month, reconcile, submit, validate, approve,
 * lock, reopen, PDF), their due-date settings and completeness; {@code …/evaluations}: yearly evaluations (open,
 * complete, send, comité de pilotage, PDF).
 */
public final class ReportApi {

  static final String REPORTS = "/api/tenants/:tenant/reports";
  static final String EVALUATIONS = "/api/tenants/:tenant/evaluations";

  private final ReportService reports;
  private final EvaluationService evaluations;
  private final TenantService tenants;
  private final Access access;
  private final Vertx vertx;

  public ReportApi(ReportService reports, EvaluationService evaluations, TenantService tenants, Access access, Vertx vertx) {
    this.reports = reports;
    this.evaluations = evaluations;
    this.tenants = tenants;
    this.access = access;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(REPORTS).handler(access.to(Permission.READ_REPORTS)).handler(this::list);
    router.post(REPORTS + "/open").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::open);
    router.get(REPORTS + "/settings").handler(access.to(Permission.READ_REPORTS)).handler(this::settings);
    router.put(REPORTS + "/settings").handler(access.to(Permission.APPROVE_REPORTS)).handler(this::saveSettings);
    router.get(REPORTS + "/completeness").handler(access.to(Permission.READ_REPORTS)).handler(this::completeness);
    router.get(REPORTS + "/:id").handler(access.to(Permission.READ_REPORTS)).handler(this::show);
    router.get(REPORTS + "/:id/report.pdf").handler(access.to(Permission.READ_REPORTS)).handler(this::pdf);
    router.put(REPORTS + "/:id").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::reconcile);
    router.post(REPORTS + "/:id/submit").handler(access.to(Permission.SUBMIT_REPORTS))
        .handler(request -> move(request, (context, id, body, version) -> reports.submit(context, id, version)));
    router.post(REPORTS + "/:id/validate").handler(access.to(Permission.VALIDATE_REPORTS))
        .handler(request -> move(request, (context, id, body, version) -> reports.validate(context, id, version)));
    router.post(REPORTS + "/:id/approve").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> move(request, (context, id, body, version) -> reports.approve(context, id, version)));
    router.post(REPORTS + "/:id/lock").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> move(request, (context, id, body, version) -> reports.lock(context, id, version)));
    router.post(REPORTS + "/:id/reopen").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> move(request, (context, id, body, version) ->
            reports.reopen(context, id, ReportInput.reason(body), version)));

    router.get(EVALUATIONS).handler(access.to(Permission.READ_REPORTS)).handler(this::evaluations);
    router.post(EVALUATIONS).handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::openEvaluation);
    router.get(EVALUATIONS + "/:id").handler(access.to(Permission.READ_REPORTS)).handler(this::evaluation);
    router.get(EVALUATIONS + "/:id/bilan.pdf").handler(access.to(Permission.READ_REPORTS)).handler(this::bilan);
    router.put(EVALUATIONS + "/:id").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::complete);
    router.post(EVALUATIONS + "/:id/send").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::send);
    router.post(EVALUATIONS + "/:id/committee").handler(access.to(Permission.APPROVE_REPORTS)).handler(this::decide);
  }

  // ---- reports

  private void list(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    YearMonth[] period = period(request, context);
    reports.list(context, period[0], period[1])
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(r -> r.toJson(context.today())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void open(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    YearMonth month = ReportInput.month(body.getValue("month") instanceof String text ? text : null, "month");
    if (month == null) {
      throw Problem.validation(List.of(new Problem.FieldError("month", "Indiquez le mois à ouvrir (AAAA-MM).")));
    }
    reports.open(context, month)
        .onSuccess(count -> Json.ok(request, 200, new JsonObject().put("month", month.toString()).put("opened", count)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void settings(RoutingContext request) {
    reports.settings(RequestContext.of(request))
        .onSuccess(settings -> Versions.ok(request, 200, settings.version(), settings.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveSettings(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    int[] values = ReportInput.settings(body);
    reports.saveSettings(context, values[0], values[1], version)
        .onSuccess(settings -> Versions.ok(request, 200, settings.version(), settings.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void completeness(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    YearMonth[] period = period(request, context);
    reports.completeness(context, period[0], period[1])
        .onSuccess(rows -> Json.ok(request, new JsonArray(rows.stream().map(ReportService.Completeness::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    reports.get(context, id(request))
        .onSuccess(report -> Versions.ok(request, 200, report.version(), report.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void reconcile(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    reports.reconcile(context, id(request), ReportInput.reconciliation(body), version)
        .onSuccess(report -> Versions.ok(request, 200, report.version(), report.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  @FunctionalInterface
  interface Move {
    Future<MonthlyReport> apply(RequestContext context, UUID id, JsonObject body, int version);
  }

  private void move(RoutingContext request, Move move) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    move.apply(context, id(request), body, version)
        .onSuccess(report -> Versions.ok(request, 200, report.version(), report.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void pdf(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    reports.getForDocument(context, id(request)).compose(report -> names(context.tenant()).compose(names ->
            ReportDocuments.report(report, departement(context.tenant()), names.getOrDefault(report.territory(),
                report.territory())).render(vertx)
                .map(bytes -> Map.entry("rapport-" + report.month().toString().substring(0, 7) + "-" + report.territory()
                    + ".pdf", bytes))))
        .onSuccess(file -> PdfDocument.respond(request, file.getKey(), file.getValue()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- evaluations

  private void evaluations(RoutingContext request) {
    evaluations.list(RequestContext.of(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(YearlyEvaluation::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void openEvaluation(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    ReportInput.Opening opening = ReportInput.opening(Json.body(request));
    evaluations.open(context, opening.convention(), opening.year())
        .onSuccess(e -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/evaluations/" + e.id());
          Versions.ok(request, 201, e.version(), e.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void evaluation(RoutingContext request) {
    evaluations.get(RequestContext.of(request), id(request))
        .onSuccess(e -> Versions.ok(request, 200, e.version(), e.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void complete(RoutingContext request) {
    JsonObject body = Json.body(request);
    int version = version(request, body);
    String[] texts = ReportInput.completion(body);
    evaluations.complete(RequestContext.of(request), id(request), texts[0], texts[1], texts[2], version)
        .onSuccess(e -> Versions.ok(request, 200, e.version(), e.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void send(RoutingContext request) {
    JsonObject body = Json.body(request);
    int version = version(request, body);
    evaluations.send(RequestContext.of(request), id(request), version)
        .onSuccess(e -> Versions.ok(request, 200, e.version(), e.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void decide(RoutingContext request) {
    JsonObject body = Json.body(request);
    int version = version(request, body);
    evaluations.decide(RequestContext.of(request), id(request), ReportInput.committee(body), version)
        .onSuccess(e -> Versions.ok(request, 200, e.version(), e.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void bilan(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    evaluations.getForDocument(context, id(request)).compose(e -> names(context.tenant()).compose(names ->
            ReportDocuments.evaluation(e, departement(context.tenant()), names).render(vertx)
                .map(bytes -> Map.entry("bilan-" + e.reference() + "-annee-" + e.year() + ".pdf", bytes))))
        .onSuccess(file -> PdfDocument.respond(request, file.getKey(), file.getValue()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- shared

  Future<Map<String, String>> names(String tenant) {
    return reports.territories(tenant).map(list -> {
      Map<String, String> names = new LinkedHashMap<>();
      for (Tenant.Territory t : list) {
        names.put(t.code(), t.name());
      }
      return names;
    });
  }

  String departement(String tenant) {
    return tenants.find(tenant).map(TenantSummary::name).orElse(tenant);
  }

  /** {@code ?from=2026-01&to=2026-12}; by default the last twelve months. */
  static YearMonth[] period(RoutingContext request, RequestContext context) {
    YearMonth to = ReportInput.month(request.queryParams().get("to"), "to");
    YearMonth from = ReportInput.month(request.queryParams().get("from"), "from");
    YearMonth current = YearMonth.from(context.today());
    to = to == null ? current : to;
    from = from == null ? to.minusMonths(11) : from;
    if (from.isAfter(to)) {
      throw Problem.validation(List.of(new Problem.FieldError("from", "Le premier mois précède le dernier.")));
    }
    if (from.plusYears(5).isBefore(to)) {
      throw Problem.validation(List.of(new Problem.FieldError("from", "Cinq ans au plus à la fois.")));
    }
    return new YearMonth[] {from, to};
  }

  static int version(RoutingContext request, JsonObject body) {
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw Problem.validation(List.of(new Problem.FieldError("version",
          "Indiquez la version que vous avez lue (en-tête If-Match ou champ version).")));
    }
    return version;
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucun rapport ni bilan « " + request.pathParam("id") + " » dans ce département.");
    }
  }
}
