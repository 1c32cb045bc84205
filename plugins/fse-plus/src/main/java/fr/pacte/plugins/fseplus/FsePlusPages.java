package fr.pacte.plugins.fseplus;

import fr.pacte.api.ConventionView;
import fr.pacte.api.FieldError;
import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pages under {@code /t/{tenant}/modules/fse-plus/}: the operations and the collections due, an operation (plan,
 * status, participants, indicators, exports) and a participant's FSE+ data. Plain HTML forms, post/redirect/get, the
 * French message next to the field at fault and the input kept.
 */
final class FsePlusPages {

  private static final Set<String> MULTIPLE = Set.of("conventions", "exitResults");

  private final PluginContext context;
  private final Operations operations;
  private final TenantToday today;

  FsePlusPages(PluginContext context, Operations operations, TenantToday today) {
    this.context = context;
    this.operations = operations;
    this.today = today;
  }

  void mount(Router router) {
    router.get("/").handler(ctx -> home(ctx, 200, Map.of(), List.of()));
    router.post("/operations").handler(this::create);
    router.get("/operations/:id").handler(ctx -> operation(ctx, 200, "", Map.of(), List.of()));
    router.post("/operations/:id/plan").handler(ctx -> changeOperation(ctx, "plan"));
    router.post("/operations/:id/status").handler(ctx -> changeOperation(ctx, "status"));
    router.post("/operations/:id/realised/:year").handler(ctx -> changeOperation(ctx, "realised"));
    router.post("/operations/:id/payment-claims").handler(ctx -> changeOperation(ctx, "claim"));
    router.post("/operations/:id/payment-claims/:claim/:action").handler(this::changeClaim);
    router.get("/operations/:id/participants/:participation").handler(ctx -> participant(ctx, 200, "", Map.of(), List.of()));
    router.post("/operations/:id/participants/:participation/:form").handler(this::changeParticipant);
  }

  // ---- home: operations, collections due, a new operation

  private void home(RoutingContext ctx, int status, Map<String, Object> values, List<FieldError> errors) {
    TenantScope tenant = context.tenant(ctx);
    LocalDate day = today.of(tenant);
    Viewer viewer = new Viewer(context.caller(ctx));
    operations.list(tenant).compose(list -> operations.conventions(tenant)
        .compose(conventions -> operations.sixMonthsDue(tenant, day).compose(due -> {
          ListView table = operationsList(ctx, list);
          if (table.asked(ctx)) {
            return table.export(ctx, context.tasks());
          }
          Map<String, Object> model = base(ctx, values, errors);
          model.put("operations", list.stream().map(FsePlusPages::operationRow).toList());
          model.put("table", table.model(ctx));
          Object chosen = values.get("conventions");
          List<?> checked = chosen instanceof JsonArray array ? array.getList() : chosen instanceof List<?> given
              ? given : List.of();
          model.put("conventions", conventions.stream().map(c -> Map.of("id", c.id().toString(), "label",
              c.reference() + " — " + c.title() + " (" + c.organisationName() + ")",
              "checked", checked.contains(c.id().toString()))).toList());
          model.put("due", viewer.visible(due).stream().map(p -> participantRow(p, day)).toList());
          model.put("programmes", OperationInput.PROGRAMMES);
          model.put("beneficiaries", options(Operation.BENEFICIARIES));
          model.put("canChange", canChange(ctx));
          ctx.response().setStatusCode(status);
          return context.pages().render(ctx, "Cofinancement FSE+", "templates/fse-plus/home.peb", model);
        }))).onFailure(error -> FsePlusApi.fail(ctx, error));
  }

  private void create(RoutingContext ctx) {
    JsonObject form = form(ctx.request().formAttributes());
    OperationInput.Parsed<OperationInput.NewOperation> parsed = OperationInput.operation(form);
    if (!parsed.valid()) {
      home(ctx, 400, form.getMap(), parsed.errors());
      return;
    }
    operations.create(context.tenant(ctx), parsed.value(), actor(ctx))
        .onSuccess(id -> ctx.response().setStatusCode(303).putHeader("Location", root(ctx) + "operations/" + id).end())
        .onFailure(error -> {
          if (error instanceof Refusal refusal && refusal.status() == 400) {
            home(ctx, 400, form.getMap(), refusal.errors());
          } else {
            FsePlusApi.fail(ctx, error);
          }
        });
  }

  // ---- an operation

  private void operation(RoutingContext ctx, int status, String activeForm, Map<String, Object> values,
                         List<FieldError> errors) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    LocalDate day = today.of(tenant);
    Viewer viewer = new Viewer(context.caller(ctx));
    operations.get(tenant, id).compose(detail -> operations.participants(tenant, id).compose(participants -> operations
        .realised(tenant, id).compose(realised -> operations.claimable(tenant, id).compose(claimable -> {
      Operation o = detail.operation();
      List<Participant> seen = viewer.visible(participants);
      ListView participantList = participantsList(ctx, seen, day);
      ListView claimList = claimsList(claimable);
      if (participantList.asked(ctx)) {
        return participantList.export(ctx, context.tasks());
      }
      if (claimList.asked(ctx)) {
        return claimList.export(ctx, context.tasks());
      }
      Map<String, Object> model = base(ctx, values, errors);
      model.put("participantTable", participantList.model(ctx));
      model.put("claimTable", claimList.model(ctx));
      model.put("activeForm", activeForm);
      model.put("o", operationRow(o));
      model.put("conventions", detail.conventions().stream().map(FsePlusPages::conventionRow).toList());
      model.put("plan", planView(o.plan()));
      model.put("planValues", activeForm.equals("plan") ? values : planValues(o));
      model.put("costOptions", costOptions());
      model.put("statuses", nextStatuses(o.status()));
      List<Participant> visible = viewer.visible(participants);
      model.put("participants", visible.stream().map(p -> participantRow(p, day)).toList());
      model.put("complete", visible.stream().filter(Participant::entryComplete).count());
      model.put("indicators", Indicators.compute(participants).stream().map(Indicators.Line::view).toList());
      List<Integer> years = new ArrayList<>();
      for (int year = o.periodStart().getYear(); year <= Math.min(o.periodEnd().getYear(), day.getYear()); year++) {
        years.add(year);
      }
      model.put("years", years);
      model.put("realised", realisedRows(o, realised, activeForm, values));
      model.put("claimable", claimView(claimable));
      model.put("claimKinds", PaymentClaim.KINDS.entrySet().stream()
          .map(e -> Map.of("code", e.getKey(), "label", e.getValue())).toList());
      model.put("claimValues", activeForm.equals("claim") ? values : Map.of());
      model.put("claims", claimRows(claimable, activeForm, values, visible));
      model.put("checkResults", options(ServiceCheck.RESULTS));
      model.put("completeness", Completeness.of(participants, day).stream().map(Completeness.Item::view).toList());
      model.put("canChange", canChange(ctx));
      ctx.response().setStatusCode(status);
      return context.pages().render(ctx, o.title(), "templates/fse-plus/operation.peb", model);
    })))).onFailure(error -> FsePlusApi.fail(ctx, error));
  }

  private void changeOperation(RoutingContext ctx, String which) {
    UUID id = id(ctx, "id");
    if (id == null) {
      return;
    }
    JsonObject form = form(ctx.request().formAttributes());
    List<FieldError> errors = new ArrayList<>();
    Integer version = which.equals("realised") || which.equals("claim") ? null : OperationInput.version(form, errors);
    Future<Operation> work;
    TenantScope tenant = context.tenant(ctx);
    String active = which;
    if (which.equals("claim")) {
      Long amount = OperationInput.amount(form, "amountCents", errors);
      work = errors.isEmpty() ? operations.claim(tenant, id, OperationInput.string(form, "kind"), amount, today.of(tenant),
          actor(ctx))
          .map(saved -> (Operation) null) : null;
    } else if (which.equals("realised")) {
      int year = year(ctx.pathParam("year"));
      active = "realised-" + year;
      OperationInput.Parsed<RealisedCosts> parsed = OperationInput.realised(year, form);
      errors.addAll(parsed.errors());
      work = errors.isEmpty() ? operations.saveRealised(tenant, id, parsed.value(), parsed.value().version(), actor(ctx))
          .map(saved -> (Operation) null) : null;
    } else if (which.equals("plan")) {
      OperationInput.Parsed<FinancingPlan> parsed = OperationInput.plan(form);
      errors.addAll(parsed.errors());
      work = errors.isEmpty() ? operations.savePlan(tenant, id, parsed.value(), version, actor(ctx)) : null;
    } else {
      OperationStatus next = OperationStatus.of(OperationInput.string(form, "status"));
      if (next == null) {
        errors.add(new FieldError("status", "Choisissez l'étape suivante."));
      }
      work = errors.isEmpty() ? operations.moveTo(tenant, id, next, version, actor(ctx)) : null;
    }
    String activeForm = active;
    if (work == null) {
      operation(ctx, 400, activeForm, form.getMap(), errors);
      return;
    }
    work.onSuccess(saved -> ctx.response().setStatusCode(303)
            .putHeader("Location", root(ctx) + "operations/" + id + "?enregistre=" + which).end())
        .onFailure(error -> {
          if (error instanceof Refusal refusal && refusal.status() != 404) {
            operation(ctx, refusal.status(), activeForm, form.getMap(), refusal.status() == 409
                ? List.of(new FieldError("version", refusal.getMessage())) : refusal.errors());
          } else {
            FsePlusApi.fail(ctx, error);
          }
        });
  }

  /** A claim's forms: change (while in preparation), a service-done check, submission, withdrawal (confirmed). */
  private void changeClaim(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID claimId = id == null ? null : id(ctx, "claim");
    if (claimId == null) {
      return;
    }
    String action = ctx.pathParam("action");
    TenantScope tenant = context.tenant(ctx);
    LocalDate day = today.of(tenant);
    JsonObject form = form(ctx.request().formAttributes());
    List<FieldError> errors = new ArrayList<>();
    String activeForm = action + "-" + claimId;
    Future<PaymentClaim> work = null;
    switch (action) {
      case "modifier" -> {
        Long amount = OperationInput.amount(form, "amountCents", errors);
        Integer version = OperationInput.version(form, errors);
        work = errors.isEmpty() ? operations.editClaim(tenant, id, claimId, OperationInput.string(form, "kind"), amount,
            day, version, actor(ctx)) : null;
      }
      case "verifier" -> {
        OperationInput.Parsed<ServiceCheck> parsed = OperationInput.check(claimId, actor(ctx), day, form);
        errors.addAll(parsed.errors());
        work = errors.isEmpty() ? operations.check(tenant, id, claimId, parsed.value(), actor(ctx)) : null;
      }
      case "deposer" -> {
        Integer version = OperationInput.version(form, errors);
        work = errors.isEmpty() ? operations.submitClaim(tenant, id, claimId, day, version, actor(ctx)) : null;
      }
      case "retirer" -> {
        Integer version = OperationInput.version(form, errors);
        // Withdrawing cannot be undone: the form asks for an explicit confirmation.
        if (!"1".equals(OperationInput.string(form, "confirmation"))) {
          errors.add(new FieldError("confirmation", "Cochez la case pour confirmer le retrait de la demande."));
        }
        work = errors.isEmpty() ? operations.withdrawClaim(tenant, id, claimId, day, version, actor(ctx)) : null;
      }
      default -> {
        ctx.next();
        return;
      }
    }
    if (work == null) {
      operation(ctx, 400, activeForm, form.getMap(), errors);
      return;
    }
    work.onSuccess(saved -> ctx.response().setStatusCode(303)
            .putHeader("Location", root(ctx) + "operations/" + id + "?enregistre=demande#demande-" + claimId).end())
        .onFailure(error -> {
          if (error instanceof Refusal refusal && refusal.status() != 404) {
            operation(ctx, refusal.status(), activeForm, form.getMap(), refusal.status() == 409
                ? List.of(new FieldError("version", refusal.getMessage())) : refusal.errors());
          } else {
            FsePlusApi.fail(ctx, error);
          }
        });
  }

  private String actor(RoutingContext ctx) {
    return context.caller(ctx).username();
  }

  // ---- a participant

  private void participant(RoutingContext ctx, int status, String activeForm, Map<String, Object> values,
                           List<FieldError> errors) {
    UUID id = id(ctx, "id");
    UUID participation = id == null ? null : id(ctx, "participation");
    if (participation == null) {
      return;
    }
    TenantScope tenant = context.tenant(ctx);
    LocalDate day = today.of(tenant);
    Viewer viewer = new Viewer(context.caller(ctx));
    operations.get(tenant, id).compose(detail -> operations.participant(tenant, id, participation).compose(p -> {
      if (!viewer.sees(p)) {
        return Future.failedFuture(Refusal.notFound("Cette personne n'est pas participante de l'opération."));
      }
      Map<String, Object> model = base(ctx, values, errors);
      model.put("activeForm", activeForm);
      model.put("o", operationRow(detail.operation()));
      model.put("p", participantRow(p, day));
      model.put("entryValues", activeForm.equals("entry") ? values : entryValues(p, viewer.readsSensitive()));
      model.put("genders", options(Participant.GENDERS));
      model.put("labour", options(Participant.LABOUR));
      model.put("education", options(Participant.EDUCATION));
      model.put("answers", options(Participant.ANSWERS));
      model.put("readsSensitive", viewer.readsSensitive());
      List<Map<String, String>> sensitive = new ArrayList<>();
      Participant.SENSITIVE.forEach(column -> sensitive.add(Map.of("field", Participant.SENSITIVE_JSON.get(column),
          "label", Participant.SENSITIVE_LABELS.get(column))));
      model.put("sensitive", sensitive);
      List<Map<String, Object>> results = new ArrayList<>();
      Participant.RESULTS.forEach((code, label) -> results.add(Map.of("code", code, "label", label,
          "checked", p.exitResults().contains(code))));
      model.put("results", results);
      model.put("canChange", canChange(ctx));
      ctx.response().setStatusCode(status);
      return context.pages().render(ctx, "Participant de l'opération FSE+", "templates/fse-plus/participant.peb", model);
    })).onFailure(error -> FsePlusApi.fail(ctx, error));
  }

  private void changeParticipant(RoutingContext ctx) {
    UUID id = id(ctx, "id");
    UUID participation = id == null ? null : id(ctx, "participation");
    if (participation == null) {
      return;
    }
    String which = ctx.pathParam("form");
    TenantScope tenant = context.tenant(ctx);
    LocalDate day = today.of(tenant);
    JsonObject form = form(ctx.request().formAttributes());
    List<FieldError> errors = new ArrayList<>();
    Integer version = OperationInput.version(form, errors);
    Future<Participant> work = null;
    switch (which) {
      case "entry" -> {
        OperationInput.Parsed<EntryData> parsed = OperationInput.entry(form);
        errors.addAll(parsed.errors());
        if (!new Viewer(context.caller(ctx)).readsSensitive() && errors.isEmpty()) {
          errors.add(new FieldError("gender", "Votre rôle ne permet pas de recueillir ces données."));
        }
        work = errors.isEmpty() ? operations.saveEntry(tenant, id, participation, parsed.value(), day, version, actor(ctx)) : null;
      }
      case "exit" -> {
        OperationInput.Parsed<List<String>> parsed = OperationInput.exitResults(form);
        errors.addAll(parsed.errors());
        work = errors.isEmpty() ? operations.saveExit(tenant, id, participation, parsed.value(), day, version, actor(ctx)) : null;
      }
      case "six-months" -> {
        OperationInput.Parsed<boolean[]> parsed = OperationInput.sixMonths(form);
        errors.addAll(parsed.errors());
        work = errors.isEmpty() ? operations.saveSixMonths(tenant, id, participation, parsed.value()[0],
            parsed.value()[1], day, version, actor(ctx)) : null;
      }
      default -> {
        ctx.next();
        return;
      }
    }
    if (work == null) {
      participant(ctx, 400, which, form.getMap(), errors);
      return;
    }
    work.onSuccess(saved -> ctx.response().setStatusCode(303).putHeader("Location",
            root(ctx) + "operations/" + id + "/participants/" + participation + "?enregistre=" + which).end())
        .onFailure(error -> {
          if (error instanceof Refusal refusal && refusal.status() != 404) {
            participant(ctx, refusal.status(), which, form.getMap(), refusal.status() == 409
                ? List.of(new FieldError("version", refusal.getMessage())) : refusal.errors());
          } else {
            FsePlusApi.fail(ctx, error);
          }
        });
  }

  // ---- views

  private Map<String, Object> base(RoutingContext ctx, Map<String, Object> values, List<FieldError> errors) {
    Map<String, Object> model = new HashMap<>();
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(error -> byField.putIfAbsent(error.field(), error.message()));
    model.put("root", root(ctx));
    String slug = context.tenant(ctx).tenantId();
    model.put("tenantRoot", "/t/" + slug + "/");
    model.put("apiRoot", "/api/tenants/" + slug + "/modules/fse-plus/");
    model.put("values", values);
    model.put("errors", byField);
    model.put("errorList", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    String saved = ctx.request().getParam("enregistre");
    model.put("saved", saved == null ? "" : saved);
    return model;
  }

  static Map<String, Object> operationRow(Operation o) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", o.id().toString());
    row.put("title", o.title());
    row.put("programme", o.programme());
    row.put("priority", o.priority());
    row.put("specificObjective", o.specificObjective());
    row.put("period", "du " + FrenchDates.day(o.periodStart()) + " au " + FrenchDates.day(o.periodEnd()));
    row.put("beneficiary", Operation.BENEFICIARIES.get(o.beneficiaryKind()) + " : " + o.beneficiaryName());
    row.put("status", o.status().label);
    row.put("total", Money.euros(o.plan().totalCents()));
    row.put("fse", Money.euros(o.plan().fseCents()));
    row.put("version", o.version());
    return row;
  }

  private static Map<String, Object> conventionRow(ConventionView c) {
    return Map.of("id", c.id().toString(), "reference", c.reference(), "title", c.title(), "organisation",
        c.organisationName(), "period", FrenchDates.shortDay(c.periodStart()) + " – " + FrenchDates.shortDay(c.periodEnd()));
  }

  private static Map<String, Object> planView(FinancingPlan plan) {
    Map<String, Object> view = new HashMap<>();
    view.put("option", plan.option().label);
    view.put("rate", plan.flatRatePercent() == null ? "" : plan.flatRatePercent().stripTrailingZeros().toPlainString() + " %");
    view.put("staff", Money.euros(plan.staffCents()));
    view.put("otherDirect", Money.euros(plan.otherDirectCents()));
    view.put("indirect", Money.euros(plan.computedIndirectCents()));
    view.put("remaining", Money.euros(plan.remainingCents()));
    view.put("total", Money.euros(plan.totalCents()));
    view.put("fseRate", plan.fseRatePercent() == null ? "" : plan.fseRatePercent().stripTrailingZeros().toPlainString() + " %");
    view.put("fse", Money.euros(plan.fseCents()));
    view.put("departement", Money.euros(plan.departementCents()));
    view.put("etat", Money.euros(plan.etatCents()));
    view.put("otherPublic", Money.euros(plan.otherPublicCents()));
    view.put("private", Money.euros(plan.privateCents()));
    view.put("resources", Money.euros(plan.resourcesCents()));
    view.put("balanced", plan.balanced());
    view.put("optionCode", plan.option().code);
    return view;
  }

  private static Map<String, Object> claimView(Claimable c) {
    Map<String, Object> view = new HashMap<>();
    view.put("realisedTotal", Money.euros(c.realisedTotalCents()));
    view.put("fseDue", Money.euros(c.fseDueCents()));
    view.put("alreadyClaimed", Money.euros(c.alreadyClaimedCents()));
    view.put("claimable", Money.euros(c.claimableCents()));
    view.put("balanceClaimed", c.balanceClaimed());
    view.put("claims", c.claims().stream().map(claim -> Map.of("id", claim.id().toString(), "kind", claim.label(),
        "amount", Money.euros(claim.amountCents()), "claimedOn", FrenchDates.day(claim.claimedOn()))).toList());
    return view;
  }

  private ListView operationsList(RoutingContext ctx, List<Operation> list) {
    String root = root(ctx);
    return new ListView("Opérations cofinancées par le FSE+", "operations-fse", null, List.of(
        ListView.Column.text("title", "Opération"), ListView.Column.text("programme", "Programme"),
        ListView.Column.text("period", "Période"), ListView.Column.text("status", "Étape"),
        ListView.Column.number("total", "Dépenses éligibles"), ListView.Column.number("fse", "FSE+")),
        list.stream().map(o -> new ListView.Line(root + "operations/" + o.id(), Map.of("title", o.title(),
            "programme", o.programme(), "period", FrenchDates.shortDay(o.periodStart()) + " – "
                + FrenchDates.shortDay(o.periodEnd()), "status", o.status().label,
            "total", Money.euros(o.plan().totalCents()), "fse", Money.euros(o.plan().fseCents())),
            Map.<String, Comparable<?>>of("period", o.periodStart(), "total", o.plan().totalCents(),
                "fse", o.plan().fseCents()))).toList());
  }

  private ListView participantsList(RoutingContext ctx, List<Participant> list, LocalDate day) {
    String root = root(ctx);
    return new ListView("Participants de l'opération, repris du parcours", "participants-operation-fse",
        "participants", List.of(ListView.Column.text("entry", "Entrée"), ListView.Column.text("territory", "Territoire"),
        ListView.Column.text("age", "Âge à l'entrée"), ListView.Column.text("gender", "Genre"),
        ListView.Column.text("data", "Données d'entrée"), ListView.Column.text("exit", "Sortie"),
        ListView.Column.text("sixMonths", "Situation à six mois")),
        list.stream().map(p -> {
          Map<String, String> cells = new HashMap<>();
          cells.put("entry", FrenchDates.shortDay(p.entryDate()));
          cells.put("territory", p.territory());
          cells.put("age", Participant.AGE_BANDS.getOrDefault(p.ageBand(), p.ageBand()));
          cells.put("gender", p.gender() == null ? "non recueilli" : Participant.GENDERS.get(p.gender()));
          cells.put("data", p.entryComplete() ? "complètes" : "à recueillir");
          cells.put("exit", p.exitDate() == null ? "" : FrenchDates.shortDay(p.exitDate()));
          cells.put("sixMonths", p.sixMonthsCollectedOn() != null ? "recueillie" : p.exitDate() == null ? ""
              : p.sixMonthsDue(day) ? "à recueillir" : "à partir du " + FrenchDates.shortDay(p.sixMonthsDueOn()));
          Map<String, Comparable<?>> sort = new HashMap<>();
          sort.put("entry", p.entryDate());
          if (p.exitDate() != null) {
            sort.put("exit", p.exitDate());
          }
          return new ListView.Line(root + "operations/" + p.operationId() + "/participants/" + p.participationId(),
              cells, sort);
        }).toList());
  }

  private static ListView claimsList(Claimable c) {
    return new ListView("Demandes de paiement de l'opération", "demandes-paiement-fse", "demandes", List.of(
        ListView.Column.text("claimedOn", "Date"), ListView.Column.text("kind", "Type"),
        ListView.Column.number("amount", "Montant"), ListView.Column.text("status", "État"),
        ListView.Column.number("checks", "Vérifications de service fait")),
        c.claims().stream().map(claim -> new ListView.Line("#demande-" + claim.id(), Map.of(
            "claimedOn", FrenchDates.shortDay(claim.claimedOn()), "kind", claim.label(), "amount", Money.euros(claim.amountCents()),
            "status", PaymentClaim.STATUSES.get(claim.status()), "checks", String.valueOf(claim.checks().size())),
            Map.<String, Comparable<?>>of("claimedOn", claim.claimedOn(), "amount", claim.amountCents()))).toList());
  }

  /** Each claim with its checks and, for the one whose form was just refused, the input kept. */
  private static List<Map<String, Object>> claimRows(Claimable c, String activeForm, Map<String, Object> values,
                                                     List<Participant> sample) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PaymentClaim claim : c.claims()) {
      Map<String, Object> row = new HashMap<>();
      String id = claim.id().toString();
      row.put("id", id);
      row.put("kind", claim.label());
      row.put("kindCode", claim.kind());
      row.put("amount", Money.euros(claim.amountCents()));
      row.put("claimedOn", FrenchDates.day(claim.claimedOn()));
      row.put("status", PaymentClaim.STATUSES.get(claim.status()));
      row.put("draft", claim.draft());
      row.put("withdrawn", !claim.counts());
      row.put("version", claim.version());
      row.put("checks", claim.checks().stream().map(k -> Map.of("on", FrenchDates.day(k.checkedOn()), "by", k.checkedBy(),
          "subject", k.subject(), "result", ServiceCheck.RESULTS.get(k.result()),
          "participant", k.participationId() == null ? "" : sample.stream()
              .filter(p -> p.participationId().equals(k.participationId())).findFirst()
              .map(p -> "participant entré le " + FrenchDates.day(p.entryDate())).orElse("un participant"))).toList());
      for (String form : List.of("modifier", "verifier", "deposer", "retirer")) {
        row.put(form, activeForm.equals(form + "-" + id));
      }
      Map<String, Object> formValues = new HashMap<>();
      if (activeForm.endsWith("-" + id)) {
        formValues.putAll(values);
      }
      formValues.putIfAbsent("kind", claim.kind());
      formValues.putIfAbsent("amountCents", String.valueOf(claim.amountCents()));
      row.put("values", formValues);
      rows.add(row);
    }
    return rows;
  }

  private static int year(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One row per year of the operation's period: the realised costs under the plan's option, and the form's values. */
  private static List<Map<String, Object>> realisedRows(Operation o, List<RealisedCosts> realised, String activeForm,
                                                        Map<String, Object> values) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int year = o.periodStart().getYear(); year <= o.periodEnd().getYear(); year++) {
      int y = year;
      RealisedCosts r = realised.stream().filter(c -> c.year() == y).findFirst()
          .orElse(new RealisedCosts(y, 0, 0, 0, 0, 0, 0));
      FinancingPlan computed = r.under(o.plan());
      Map<String, Object> row = new HashMap<>();
      row.put("year", y);
      row.put("form", "realised-" + y);
      row.put("entered", r.version() > 0);
      row.put("staff", Money.euros(r.staffCents()));
      row.put("otherDirect", Money.euros(r.otherDirectCents()));
      row.put("indirect", Money.euros(computed.computedIndirectCents()));
      row.put("remaining", Money.euros(computed.remainingCents()));
      row.put("total", Money.euros(computed.totalCents()));
      row.put("fse", Money.euros(computed.fseCents()));
      Map<String, Object> formValues = new HashMap<>();
      if (activeForm.equals("realised-" + y)) {
        formValues.putAll(values);
      } else {
        formValues.put("staffCents", String.valueOf(r.staffCents()));
        formValues.put("otherDirectCents", String.valueOf(r.otherDirectCents()));
        formValues.put("indirectCents", String.valueOf(r.indirectCents()));
        formValues.put("units", String.valueOf(r.units()));
        formValues.put("lumpSumCents", String.valueOf(r.lumpSumCents()));
        formValues.put("version", String.valueOf(r.version()));
      }
      row.put("values", formValues);
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> planValues(Operation o) {
    FinancingPlan p = o.plan();
    Map<String, Object> values = new HashMap<>();
    values.put("costOption", p.option().code);
    values.put("flatRatePercent", p.flatRatePercent() == null ? "" : p.flatRatePercent().toPlainString());
    values.put("staffCents", String.valueOf(p.staffCents()));
    values.put("otherDirectCents", String.valueOf(p.otherDirectCents()));
    values.put("indirectCents", String.valueOf(p.indirectCents()));
    values.put("unitCostCents", p.unitCostCents() == null ? "" : String.valueOf(p.unitCostCents()));
    values.put("units", p.units() == null ? "" : String.valueOf(p.units()));
    values.put("lumpSumCents", p.lumpSumCents() == null ? "" : String.valueOf(p.lumpSumCents()));
    values.put("fseRatePercent", p.fseRatePercent() == null ? "" : p.fseRatePercent().toPlainString());
    values.put("departementCents", String.valueOf(p.departementCents()));
    values.put("etatCents", String.valueOf(p.etatCents()));
    values.put("otherPublicCents", String.valueOf(p.otherPublicCents()));
    values.put("privateCents", String.valueOf(p.privateCents()));
    return values;
  }

  private static Map<String, Object> participantRow(Participant p, LocalDate today) {
    Map<String, Object> row = new HashMap<>();
    row.put("operation", p.operationId().toString());
    row.put("participation", p.participationId().toString());
    row.put("person", p.personId().toString());
    row.put("territory", p.territory());
    row.put("rsa", p.rsaRecipient() ? "oui" : "non");
    row.put("entry", FrenchDates.shortDay(p.entryDate()));
    row.put("ageBand", Participant.AGE_BANDS.getOrDefault(p.ageBand(), p.ageBand()));
    row.put("gender", p.gender() == null ? "à recueillir" : Participant.GENDERS.get(p.gender()));
    row.put("entryComplete", p.entryComplete());
    row.put("exit", p.exitDate() == null ? "" : FrenchDates.shortDay(p.exitDate()));
    row.put("exited", p.exitDate() != null);
    row.put("exitCollected", p.exitCollectedOn() != null);
    row.put("sixMonthsDueOn", p.sixMonthsDueOn() == null ? "" : FrenchDates.day(p.sixMonthsDueOn()));
    row.put("sixMonthsDue", p.sixMonthsDue(today));
    row.put("sixMonthsCollected", p.sixMonthsCollectedOn() != null);
    row.put("employed", p.employedAfterSixMonths() == null ? "" : p.employedAfterSixMonths() ? "oui" : "non");
    row.put("improved", p.improvedAfterSixMonths() == null ? "" : p.improvedAfterSixMonths() ? "oui" : "non");
    row.put("version", p.version());
    return row;
  }

  private static Map<String, Object> entryValues(Participant p, boolean withSensitive) {
    Map<String, Object> values = new HashMap<>();
    values.put("gender", p.gender() == null ? "" : p.gender());
    values.put("labourStatus", p.labourStatus() == null ? "" : p.labourStatus());
    values.put("education", p.education() == null ? "" : p.education());
    if (withSensitive) {
      p.sensitive().forEach((column, value) -> values.put(Participant.SENSITIVE_JSON.get(column), value == null ? "" : value));
    }
    return values;
  }

  private static List<Map<String, String>> options(Map<String, String> labels) {
    List<Map<String, String>> options = new ArrayList<>();
    labels.forEach((code, label) -> options.add(Map.of("code", code, "label", label)));
    return options;
  }

  private static List<Map<String, String>> costOptions() {
    List<Map<String, String>> options = new ArrayList<>();
    for (FinancingPlan.CostOption option : FinancingPlan.CostOption.values()) {
      options.add(Map.of("code", option.code, "label", option.label));
    }
    return options;
  }

  private static List<Map<String, String>> nextStatuses(OperationStatus current) {
    List<Map<String, String>> options = new ArrayList<>();
    for (OperationStatus status : OperationStatus.values()) {
      if (current.mayMoveTo(status)) {
        options.add(Map.of("code", status.code, "label", status.label));
      }
    }
    return options;
  }

  private boolean canChange(RoutingContext ctx) {
    return context.caller(ctx).roles().stream().anyMatch(role -> FsePlusModule.CHANGERS.contains(role));
  }

  private String root(RoutingContext ctx) {
    return "/t/" + context.tenant(ctx).tenantId() + "/modules/fse-plus/";
  }

  private static JsonObject form(MultiMap attributes) {
    JsonObject json = new JsonObject();
    for (String name : attributes.names()) {
      List<String> all = attributes.getAll(name);
      json.put(name, MULTIPLE.contains(name) ? new JsonArray(new ArrayList<>(all)) : all.get(0));
    }
    return json;
  }

  private static UUID id(RoutingContext ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      ctx.next();
      return null;
    }
  }
}
