package fr.pacte.plugins.fseplus;

import fr.pacte.api.FieldError;
import fr.pacte.api.PluginContext;
import fr.pacte.api.Problems;
import fr.pacte.api.TenantScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** JSON routes under {@code /api/tenants/{tenant}/modules/fse-plus/}. */
final class FsePlusApi {

  private final PluginContext context;
  private final Operations operations;
  private final TenantToday today;

  FsePlusApi(PluginContext context, Operations operations, TenantToday today) {
    this.context = context;
    this.operations = operations;
    this.today = today;
  }

  void mount(Router router) {
    router.get("/operations").handler(this::list);
    router.post("/operations").handler(this::create);
    router.get("/operations/:id").handler(this::get);
    router.put("/operations/:id/plan").handler(this::plan);
    router.put("/operations/:id/status").handler(this::status);
    router.get("/operations/:id/participants").handler(this::participants);
    router.put("/operations/:id/participants/:participation/entry").handler(this::entry);
    router.put("/operations/:id/participants/:participation/exit").handler(this::exit);
    router.put("/operations/:id/participants/:participation/six-months").handler(this::sixMonths);
    router.get("/operations/:id/indicators").handler(this::indicators);
    router.get("/operations/:id/participants.csv").handler(this::export);
    router.get("/operations/:id/indicators.csv").handler(this::indicatorsCsv);
    router.get("/operations/:id/execution-report.pdf").handler(this::executionReport);
    router.get("/operations/:id/realised-costs").handler(this::realised);
    router.put("/operations/:id/realised-costs/:year").handler(this::saveRealised);
    router.get("/operations/:id/payment-claims").handler(this::claims);
    router.post("/operations/:id/payment-claims").handler(this::claim);
    router.get("/operations/:id/payment-claims/:claim/document.pdf").handler(this::claimPdf);
    router.get("/operations/:id/payment-claims/:claim").handler(this::getClaim);
    router.put("/operations/:id/payment-claims/:claim").handler(this::editClaim);
    router.post("/operations/:id/payment-claims/:claim/withdrawal").handler(this::withdrawClaim);
    router.post("/operations/:id/payment-claims/:claim/checks").handler(this::check);
    router.post("/operations/:id/payment-claims/:claim/submission").handler(this::submitClaim);
    router.get("/operations/:id/completeness").handler(this::completeness);
    router.get("/collections/due").handler(this::due);
  }

  private void list(RoutingContext ctx) {
    answer(ctx, operations.list(context.tenant(ctx))
        .map(list -> new JsonArray(list.stream().map(Operation::toJson).toList())), 200);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    OperationInput.Parsed<OperationInput.NewOperation> parsed = OperationInput.operation(body);
    if (!parsed.valid()) {
      Problems.send(ctx, Problems.validation("L'opération n'a pas été enregistrée : corrigez les champs signalés.", parsed.errors()));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.create(tenant, parsed.value(), actor(ctx)).compose(id -> operations.get(tenant, id))
        .map(detail -> detailJson(detail)), 201);
  }

  private void get(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id != null) {
      answer(ctx, operations.get(context.tenant(ctx), id).map(FsePlusApi::detailJson), 200);
    }
  }

  private void plan(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    JsonObject body = id == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    OperationInput.Parsed<FinancingPlan> parsed = OperationInput.plan(body);
    List<FieldError> errors = new ArrayList<>(parsed.errors());
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation("Le plan de financement n'a pas été enregistré : corrigez les champs signalés.", errors));
      return;
    }
    answer(ctx, operations.savePlan(context.tenant(ctx), id, parsed.value(), version, actor(ctx)).map(Operation::toJson), 200);
  }

  private void status(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    JsonObject body = id == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    OperationStatus status = OperationStatus.of(OperationInput.string(body, "status"));
    if (status == null) {
      errors.add(new FieldError("status", "Choisissez l'étape de Ma démarche FSE+ (demande, recevabilité, instruction, "
          + "programmation, convention, avenant, visite sur place, bilan d'exécution, contrôle de service fait, paiement)."));
    }
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation(errors));
      return;
    }
    answer(ctx, operations.moveTo(context.tenant(ctx), id, status, version, actor(ctx)).map(Operation::toJson), 200);
  }

  private void participants(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    Viewer viewer = new Viewer(context.caller(ctx));
    answer(ctx, operations.participants(tenant, id).map(list -> new JsonArray(viewer.visible(list).stream()
        .map(p -> p.toJson(viewer.readsSensitive(), today.of(tenant))).toList())), 200);
  }

  private void entry(RoutingContext ctx) {
    change(ctx, (tenant, id, participation, body, version) -> {
      OperationInput.Parsed<EntryData> parsed = OperationInput.entry(body);
      if (!parsed.valid()) {
        return Future.failedFuture(Refusal.invalid(parsed.errors()));
      }
      return operations.saveEntry(tenant, id, participation, parsed.value(), today.of(tenant), version, actor(ctx));
    });
  }

  private void exit(RoutingContext ctx) {
    change(ctx, (tenant, id, participation, body, version) -> {
      OperationInput.Parsed<List<String>> parsed = OperationInput.exitResults(body);
      if (!parsed.valid()) {
        return Future.failedFuture(Refusal.invalid(parsed.errors()));
      }
      return operations.saveExit(tenant, id, participation, parsed.value(), today.of(tenant), version, actor(ctx));
    });
  }

  private void sixMonths(RoutingContext ctx) {
    change(ctx, (tenant, id, participation, body, version) -> {
      OperationInput.Parsed<boolean[]> parsed = OperationInput.sixMonths(body);
      if (!parsed.valid()) {
        return Future.failedFuture(Refusal.invalid(parsed.errors()));
      }
      return operations.saveSixMonths(tenant, id, participation, parsed.value()[0], parsed.value()[1], today.of(tenant),
          version, actor(ctx));
    });
  }

  private void indicators(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id != null) {
      answer(ctx, operations.participants(context.tenant(ctx), id)
          .map(list -> Indicators.toJson(Indicators.compute(list))), 200);
    }
  }

  private void export(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    Viewer viewer = new Viewer(context.caller(ctx));
    operations.participants(context.tenant(ctx), id)
        .onSuccess(list -> csv(ctx, "participants-fse-" + id + ".csv", ParticipantExport.csv(viewer.visible(list),
            viewer.readsSensitive())))
        .onFailure(error -> fail(ctx, error));
  }

  private void indicatorsCsv(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id != null) {
      operations.participants(context.tenant(ctx), id)
          .onSuccess(list -> csv(ctx, "indicateurs-fse-" + id + ".csv", ParticipantExport.indicatorsCsv(Indicators.compute(list))))
          .onFailure(error -> fail(ctx, error));
    }
  }

  private void executionReport(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    String asked = ctx.request().getParam("year");
    int year;
    try {
      year = asked == null ? today.of(tenant).getYear() : Integer.parseInt(asked);
    } catch (NumberFormatException e) {
      Problems.send(ctx, Problems.validation(List.of(new FieldError("year", "L'année est un nombre, par exemple 2026."))));
      return;
    }
    operations.get(tenant, id).compose(detail -> operations.participants(tenant, id)
            .compose(participants -> operations.realised(tenant, id).compose(realised -> context.tasks()
                .executeBlocking(() -> ExecutionReport.pdf(detail, participants, realised, year)))))
        .onSuccess(pdf -> ctx.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"bilan-execution-" + year + ".pdf\"")
            .end(io.vertx.core.buffer.Buffer.buffer(pdf)))
        .onFailure(error -> fail(ctx, error));
  }

  private void realised(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.get(tenant, id).compose(detail -> operations.realised(tenant, id)
        .map(years -> new JsonArray(years.stream().map(r -> r.toJson(detail.operation().plan())).toList()))), 200);
  }

  private void saveRealised(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    JsonObject body = id == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    int year;
    try {
      year = Integer.parseInt(ctx.pathParam("year"));
    } catch (NumberFormatException e) {
      Problems.send(ctx, Problems.validation(List.of(new FieldError("year", "L'année est un nombre, par exemple 2026."))));
      return;
    }
    OperationInput.Parsed<RealisedCosts> parsed = OperationInput.realised(year, body);
    if (!parsed.valid()) {
      Problems.send(ctx, Problems.validation("Les dépenses réalisées n'ont pas été enregistrées : corrigez les champs signalés.",
          parsed.errors()));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.saveRealised(tenant, id, parsed.value(), parsed.value().version(), actor(ctx))
        .compose(saved -> operations.get(tenant, id).map(detail -> saved.toJson(detail.operation().plan()))), 200);
  }

  private void claims(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id != null) {
      answer(ctx, operations.claimable(context.tenant(ctx), id).map(Claimable::toJson), 200);
    }
  }

  private void claim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    JsonObject body = id == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    Long amount = OperationInput.amount(body, "amountCents", errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation("La demande de paiement n'a pas été enregistrée : corrigez les champs signalés.", errors));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.claim(tenant, id, OperationInput.string(body, "kind"), amount, today.of(tenant), actor(ctx))
        .map(PaymentClaim::toJson), 201);
  }

  private void claimPdf(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    if (claimId == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    operations.get(tenant, id).compose(detail -> operations.claim(tenant, id, claimId)
            .compose(claim -> context.tasks().executeBlocking(() -> PaymentClaimDocument.pdf(detail, claim))))
        .onSuccess(pdf -> ctx.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"demande-paiement-fse-" + claimId + ".pdf\"")
            .end(io.vertx.core.buffer.Buffer.buffer(pdf)))
        .onFailure(error -> fail(ctx, error));
  }

  private void getClaim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    if (claimId != null) {
      answer(ctx, operations.claim(context.tenant(ctx), id, claimId).map(PaymentClaim::toJson), 200);
    }
  }

  private void editClaim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    JsonObject body = claimId == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    Long amount = OperationInput.amount(body, "amountCents", errors);
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation("La demande de paiement n'a pas été modifiée : corrigez les champs signalés.", errors));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.editClaim(tenant, id, claimId, OperationInput.string(body, "kind"), amount, today.of(tenant),
        version, actor(ctx)).map(PaymentClaim::toJson), 200);
  }

  private void withdrawClaim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    JsonObject body = claimId == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation(errors));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.withdrawClaim(tenant, id, claimId, today.of(tenant), version, actor(ctx))
        .map(PaymentClaim::toJson), 200);
  }

  private void check(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    JsonObject body = claimId == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    OperationInput.Parsed<ServiceCheck> parsed = OperationInput.check(claimId, actor(ctx), today.of(tenant), body);
    if (!parsed.valid()) {
      Problems.send(ctx, Problems.validation("La vérification n'a pas été enregistrée : corrigez les champs signalés.",
          parsed.errors()));
      return;
    }
    answer(ctx, operations.check(tenant, id, claimId, parsed.value(), actor(ctx)).map(PaymentClaim::toJson), 201);
  }

  private void submitClaim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    JsonObject body = claimId == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation(errors));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    answer(ctx, operations.submitClaim(tenant, id, claimId, today.of(tenant), version, actor(ctx))
        .map(PaymentClaim::toJson), 200);
  }

  private void completeness(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    if (id != null) {
      TenantScope tenant = context.tenant(ctx);
      answer(ctx, operations.participants(tenant, id)
          .map(list -> Completeness.toJson(Completeness.of(list, today.of(tenant)))), 200);
    }
  }

  private String actor(RoutingContext ctx) {
    return context.caller(ctx).username();
  }

  private void due(RoutingContext ctx) {
    TenantScope tenant = context.tenant(ctx);
    Viewer viewer = new Viewer(context.caller(ctx));
    answer(ctx, operations.sixMonthsDue(tenant, today.of(tenant)).map(list -> new JsonArray(viewer.visible(list).stream()
        .map(p -> p.toJson(viewer.readsSensitive(), today.of(tenant))).toList())), 200);
  }

  // ---- helpers

  interface Change {
    Future<Participant> apply(TenantScope tenant, UUID id, UUID participation, JsonObject body, int version);
  }

  private void change(RoutingContext ctx, Change change) {
    UUID id = id(ctx, "id");
    UUID participation = id == null ? null : id(ctx, "participation");
    JsonObject body = participation == null ? null : body(ctx);
    if (body == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    Integer version = OperationInput.version(body, errors);
    if (!errors.isEmpty()) {
      Problems.send(ctx, Problems.validation(errors));
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    Viewer viewer = new Viewer(context.caller(ctx));
    answer(ctx, change.apply(tenant, id, participation, body, version)
        .map(p -> p.toJson(viewer.readsSensitive(), today.of(tenant))), 200);
  }

  static JsonObject detailJson(Operations.Detail detail) {
    return detail.operation().toJson().put("conventionDetails", new JsonArray(detail.conventions().stream()
        .map(c -> new JsonObject().put("id", c.id().toString()).put("reference", c.reference()).put("title", c.title())
            .put("organisation", c.organisationName()).put("actionType", c.actionType())
            .put("periodStart", c.periodStart().toString()).put("periodEnd", c.periodEnd().toString()))
        .toList()));
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject body = Problems.jsonObject(ctx.body().buffer());
    if (body == null) {
      Problems.send(ctx, Problems.badRequest("Le corps de la requête doit être un objet JSON."));
    }
    return body;
  }

  private static UUID id(RoutingContext ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      Problems.send(ctx, Problems.notFound("Aucune ressource n'a cet identifiant."));
      return null;
    }
  }

  private static void csv(RoutingContext ctx, String name, String text) {
    ctx.response().putHeader("Content-Type", "text/csv; charset=UTF-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .end("\uFEFF" + text);
  }

  private static <T> void answer(RoutingContext ctx, Future<T> work, int status) {
    work.onSuccess(value -> {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
      ctx.end(value instanceof JsonArray array ? array.encode() : ((JsonObject) value).encode());
    }).onFailure(error -> fail(ctx, error));
  }

  static void fail(RoutingContext ctx, Throwable error) {
    if (ctx.response().ended()) {
      return;
    }
    if (error instanceof Refusal refusal) {
      Problems.send(ctx, refusal.problem);
    } else {
      ctx.fail(error);
    }
  }
}
