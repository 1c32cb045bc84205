package fr.pacte.server.reporting;

import fr.pacte.server.conventions.Convention;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.reporting.MonthlyReport.Line;
import fr.pacte.server.reporting.MonthlyReport.State;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reporting pages: the monthly reports of the caller's scope (operators on the extranet their own, territory
 * agents their territories'), a report with its figures, the operator's reconciliation form and the workflow's
 * buttons, completeness and timeliness, the yearly evaluations with the operator's part and the comité de pilotage.
 * Every list is sortable and downloads as CSV or XLSX; every refusal shows next to its field, the input kept.
 */
public final class ReportPages {

  private static final String PAGES = "/t/:tenant/rapports";
  private static final String BILANS = "/t/:tenant/bilans";

  private final ReportService reports;
  private final EvaluationService evaluations;
  private final ConventionService conventions;
  private final ReportApi api;
  private final Access access;
  private final PageLayout layout;

  ReportPages(ReportService reports, EvaluationService evaluations, ConventionService conventions, ReportApi api,
              Access access, PageLayout layout) {
    this.reports = reports;
    this.evaluations = evaluations;
    this.conventions = conventions;
    this.api = api;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(PAGES).handler(access.to(Permission.READ_REPORTS)).handler(this::listPage);
    router.post(PAGES + "/ouvrir").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::openFromPage);
    router.get(PAGES + "/reglages").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> settingsPage(request, 200, Map.of(), null));
    router.post(PAGES + "/reglages").handler(access.to(Permission.APPROVE_REPORTS)).handler(this::saveSettingsFromPage);
    router.get(PAGES + "/completude").handler(access.to(Permission.READ_REPORTS)).handler(this::completenessPage);
    router.get(PAGES + "/:id").handler(access.to(Permission.READ_REPORTS)).handler(request -> reportPage(request, 200,
        Map.of(), Map.of()));
    router.post(PAGES + "/:id").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::reconcileFromPage);
    router.post(PAGES + "/:id/transmettre").handler(access.to(Permission.SUBMIT_REPORTS))
        .handler(request -> moveFromPage(request, (c, id, form, v) -> reports.submit(c, id, v)));
    router.post(PAGES + "/:id/valider").handler(access.to(Permission.VALIDATE_REPORTS))
        .handler(request -> moveFromPage(request, (c, id, form, v) -> reports.validate(c, id, v)));
    router.post(PAGES + "/:id/approuver").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> moveFromPage(request, (c, id, form, v) -> reports.approve(c, id, v)));
    router.post(PAGES + "/:id/verrouiller").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> moveFromPage(request, (c, id, form, v) -> reports.lock(c, id, v)));
    router.post(PAGES + "/:id/rouvrir").handler(access.to(Permission.APPROVE_REPORTS))
        .handler(request -> moveFromPage(request, (c, id, form, v) -> reports.reopen(c, id, form.get("reason"), v)));

    router.get(BILANS).handler(access.to(Permission.READ_REPORTS)).handler(request -> bilansPage(request, 200, Map.of(),
        Map.of()));
    router.post(BILANS).handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::openBilanFromPage);
    router.get(BILANS + "/:id").handler(access.to(Permission.READ_REPORTS)).handler(request -> bilanPage(request, 200,
        Map.of(), Map.of()));
    router.post(BILANS + "/:id").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::completeFromPage);
    router.post(BILANS + "/:id/transmettre").handler(access.to(Permission.SUBMIT_REPORTS)).handler(this::sendFromPage);
    router.post(BILANS + "/:id/comite").handler(access.to(Permission.APPROVE_REPORTS)).handler(this::decideFromPage);
  }

  // ---- the list of reports

  private void listPage(RoutingContext request) {
    listPage(request, 200, Map.of(), Map.of());
  }

  private void listPage(RoutingContext request, int status, Map<String, String> errors, Map<String, Object> values) {
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    YearMonth[] period;
    try {
      period = ReportApi.period(request, context);
    } catch (Problem problem) {
      period = new YearMonth[] {YearMonth.from(context.today()).minusMonths(11), YearMonth.from(context.today())};
    }
    YearMonth from = period[0];
    YearMonth to = period[1];
    String state = request.queryParams().get("etat");
    if (ListTable.isExport(request)) {
      api.names(tenant).compose(names -> reports.listToExport(context, from, to).compose(list ->
              table(tenant, shown(list, state), names, context).export(request)))
          .onFailure(error -> FailureHandler.respond(request, error));
      return;
    }
    api.names(tenant).compose(names -> reports.list(context, from, to).compose(list -> reports.reminders(context)
        .compose(reminders -> {
          List<MonthlyReport> shown = shown(list, state);
          ListTable table = table(tenant, shown, names, context);
          request.response().setStatusCode(status);
          Map<String, Object> model = new HashMap<>();
          model.put("table", table.model(request));
          model.put("empty", shown.isEmpty());
          model.put("from", from.toString());
          model.put("to", to.toString());
          model.put("etat", state == null ? "" : state);
          model.put("states", states());
          model.put("reminders", reminders.stream().map(r -> Map.of("message", r.message(),
              "late", "after".equals(r.kind()), "href", "/t/" + tenant + "/rapports/" + r.report())).toList());
          model.put("scope", context.scope() == null ? "" : context.scope().label());
          model.put("canOpen", context.holds(Permission.SUBMIT_REPORTS));
          model.put("canSetDueDates", setsDueDates(context));
          model.put("errors", errors);
          Map<String, Object> kept = new HashMap<>(Map.of("month", YearMonth.from(context.today()).minusMonths(1).toString()));
          kept.putAll(values);
          model.put("values", kept);
          return layout.render(request, "reports", "Rapports mensuels", model);
        }))).onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- the due-date settings

  /** Who changes the due day: the direction (the reports' approver over the whole département). */
  private static boolean setsDueDates(RequestContext context) {
    return context.holds(Permission.APPROVE_REPORTS) && context.scope() != null && context.scope().isWholeTenant();
  }

  private void settingsPage(RoutingContext request, int status, Map<String, String> errors, Map<String, String> typed) {
    RequestContext context = RequestContext.of(request);
    if (!setsDueDates(context)) {
      FailureHandler.respond(request, Problem.forbidden("Les échéances des rapports sont réglées par la direction."));
      return;
    }
    reports.settings(context).compose(settings -> {
      request.response().setStatusCode(status);
      Map<String, String> values = new HashMap<>(Map.of("dueDay", String.valueOf(settings.dueDay()),
          "remindDaysBefore", String.valueOf(settings.remindDaysBefore()), "version", String.valueOf(settings.version())));
      if (typed != null) {
        values.putAll(typed);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("values", values);
      model.put("errors", errors);
      model.put("dueDay", settings.dueDay());
      model.put("remindDaysBefore", settings.remindDaysBefore());
      model.put("example", FrenchDates.longDate(settings.dueOn(YearMonth.from(context.today()).atDay(1))));
      return layout.render(request, "report-settings", "Échéance des rapports mensuels", model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveSettingsFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    Future<ReportStore.Settings> saved;
    try {
      int[] values = ReportInput.settings(new JsonObject().put("dueDay", form.get("dueDay"))
          .put("remindDaysBefore", form.get("remindDaysBefore")));
      saved = reports.saveSettings(context, values[0], values[1], version(form));
    } catch (Problem problem) {
      saved = Future.failedFuture(problem);
    }
    saved.onSuccess(settings -> Redirect.seeOther(request, "/t/" + context.tenant() + "/rapports/reglages"))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          Map<String, String> errors = new LinkedHashMap<>(FormErrors.byField(problem));
          if (errors.isEmpty() || errors.containsKey("version")) {
            errors.put("general", problem.status() == 409
                ? problem.detail() : errors.getOrDefault("version", problem.detail()));
          }
          Map<String, String> values = new HashMap<>();
          values.put("dueDay", form.get("dueDay") == null ? "" : form.get("dueDay"));
          values.put("remindDaysBefore", form.get("remindDaysBefore") == null ? "" : form.get("remindDaysBefore"));
          // After a conflict the form carries the current version, the typed values kept for a second try.
          settingsPage(request, problem.status(), errors, problem.status() == 409 ? Map.of("dueDay", values.get("dueDay"),
              "remindDaysBefore", values.get("remindDaysBefore")) : values);
        });
  }

  private static List<Map<String, String>> states() {
    List<Map<String, String>> states = new ArrayList<>();
    for (State s : State.values()) {
      states.add(Map.of("code", s.code(), "label", s.label()));
    }
    return states;
  }

  private static List<MonthlyReport> shown(List<MonthlyReport> list, String state) {
    return list.stream().filter(r -> state == null || state.isBlank() || r.state().code().equals(state)).toList();
  }

  private static ListTable table(String tenant, List<MonthlyReport> list, Map<String, String> names, RequestContext context) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (MonthlyReport r : list) {
      Map<String, String> cells = new HashMap<>();
      cells.put("title", r.title());
      cells.put("month", FrenchDates.shortDate(YearMonth.from(r.month())));
      cells.put("organisation", r.organisationName());
      cells.put("territory", names.getOrDefault(r.territory(), r.territory()));
      cells.put("state", r.lateOn(context.today()) ? r.state().label() + " — en retard" : r.state().label());
      cells.put("due", FrenchDates.shortDate(r.dueOn()));
      Line end = r.line("file-active-end");
      cells.put("active", end == null ? "" : Line.french(end.value()));
      Map<String, Comparable<?>> sort = new HashMap<>();
      sort.put("month", r.month());
      sort.put("due", r.dueOn());
      if (end != null) {
        sort.put("active", end.value());
      }
      lines.add(new ListTable.Line("rapport-" + r.id(), "/t/" + tenant + "/rapports/" + r.id(), cells, sort));
    }
    return new ListTable("Rapports mensuels", "rapports-mensuels", List.of(
        ListTable.Column.text("title", "Action"), ListTable.Column.text("month", "Mois"),
        ListTable.Column.text("organisation", "Opérateur"), ListTable.Column.text("territory", "Territoire"),
        ListTable.Column.text("state", "État"), ListTable.Column.text("due", "Échéance"),
        ListTable.Column.number("active", "File active en fin de mois")), lines);
  }

  private void openFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    Future<Integer> opened;
    try {
      YearMonth month = ReportInput.month(form.get("month"), "month");
      if (month == null) {
        throw Problem.validation(List.of(new Problem.FieldError("month", "Indiquez le mois à ouvrir.")));
      }
      opened = reports.open(context, month);
    } catch (Problem problem) {
      opened = Future.failedFuture(problem);
    }
    opened.onSuccess(count -> Redirect.seeOther(request, "/t/" + context.tenant() + "/rapports?notice=" + count))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error) && !(error instanceof Problem p && p.status() == 403)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          Map<String, String> errors = problem.errors().isEmpty() ? Map.of("month", problem.detail())
              : FormErrors.byField(problem);
          listPage(request, problem.status(), errors, Map.of("month", form.get("month") == null ? "" : form.get("month")));
        });
  }

  // ---- completeness

  private void completenessPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    YearMonth[] period;
    try {
      period = ReportApi.period(request, context);
    } catch (Problem problem) {
      period = new YearMonth[] {YearMonth.from(context.today()).minusMonths(11), YearMonth.from(context.today())};
    }
    YearMonth from = period[0];
    YearMonth to = period[1];
    api.names(tenant).compose(names -> (ListTable.isExport(request) ? reports.completenessToExport(context, from, to)
        : reports.completeness(context, from, to)).compose(rows -> {
      List<ListTable.Line> lines = new ArrayList<>();
      int n = 0;
      for (ReportService.Completeness c : rows) {
        Map<String, String> cells = new HashMap<>();
        cells.put("month", FrenchDates.shortDate(YearMonth.from(c.month())));
        cells.put("organisation", c.organisationName());
        cells.put("territory", names.getOrDefault(c.territory(), c.territory()));
        cells.put("expected", String.valueOf(c.expected()));
        cells.put("onTime", String.valueOf(c.onTime()));
        cells.put("late", String.valueOf(c.late()));
        cells.put("missing", String.valueOf(c.missing()));
        cells.put("pending", String.valueOf(c.pending()));
        cells.put("rate", c.ratePercent() + " %");
        lines.add(new ListTable.Line("completude-" + n++, null, cells, Map.of("month", c.month(), "rate", c.ratePercent())));
      }
      ListTable table = new ListTable("Complétude et ponctualité des rapports", "completude-rapports", List.of(
          ListTable.Column.text("month", "Mois"), ListTable.Column.text("organisation", "Opérateur"),
          ListTable.Column.text("territory", "Territoire"), ListTable.Column.number("expected", "Attendus"),
          ListTable.Column.number("onTime", "Transmis à temps"), ListTable.Column.number("late", "Transmis en retard"),
          ListTable.Column.number("missing", "Jamais transmis (échéance passée)"),
          ListTable.Column.number("pending", "À venir"), ListTable.Column.number("rate", "Taux de transmission")), lines);
      if (ListTable.isExport(request)) {
        return table.export(request);
      }
      return layout.render(request, "reports-completeness", "Complétude et ponctualité des rapports", Map.of(
          "table", table.model(request), "empty", rows.isEmpty(), "from", from.toString(), "to", to.toString()));
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- one report

  private void reportPage(RoutingContext request, int status, Map<String, String> errors, Map<String, String> values) {
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    UUID id;
    try {
      id = ReportApi.id(request);
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    api.names(tenant).compose(names -> reports.get(context, id).compose(r -> {
      request.response().setStatusCode(status);
      boolean editable = r.state() == State.DRAFT && context.holds(Permission.SUBMIT_REPORTS)
          && (context.scope().organisation() != null || context.scope().isWholeTenant());
      List<Map<String, Object>> sections = new ArrayList<>();
      Map<String, Object> current = null;
      for (Line line : r.lines()) {
        if (current == null || !current.get("title").equals(line.section())) {
          current = new HashMap<>();
          current.put("title", line.section());
          current.put("lines", new ArrayList<Map<String, Object>>());
          sections.add(current);
        }
        String key = key(line.code());
        Map<String, Object> view = new HashMap<>();
        view.put("key", key);
        view.put("code", line.code());
        view.put("label", line.label());
        view.put("prefilled", Line.french(line.prefilled()));
        view.put("value", values.getOrDefault("value-" + key, Line.french(line.value())));
        view.put("comment", values.getOrDefault("comment-" + key, line.comment()));
        view.put("corrected", line.corrected());
        view.put("error", errors.getOrDefault("comment-" + key, errors.getOrDefault("value-" + key, "")));
        view.put("errorField", errors.containsKey("value-" + key) ? "value" : "comment");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) current.get("lines");
        list.add(view);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("r", Map.ofEntries(Map.entry("id", r.id().toString()), Map.entry("title", r.title()),
          Map.entry("month", r.monthLabel()), Map.entry("organisation", r.organisationName()),
          Map.entry("territory", names.getOrDefault(r.territory(), r.territory())),
          Map.entry("state", r.state().code()), Map.entry("stateLabel", r.state().label()),
          Map.entry("due", r.dueLabel()), Map.entry("late", r.lateOn(context.today())),
          Map.entry("comment", values.getOrDefault("comment", r.comment())), Map.entry("version", r.version()),
          Map.entry("reopenReason", r.reopenReason() == null ? "" : r.reopenReason()),
          Map.entry("submittedBy", r.submittedBy() == null ? "" : r.submittedBy()),
          Map.entry("validatedBy", r.validatedBy() == null ? "" : r.validatedBy()),
          Map.entry("approvedBy", r.approvedBy() == null ? "" : r.approvedBy())));
      model.put("sections", sections);
      model.put("editable", editable);
      model.put("canSubmit", editable);
      model.put("canValidate", r.state() == State.SUBMITTED && context.holds(Permission.VALIDATE_REPORTS)
          && context.scope().organisation() == null);
      boolean direction = context.holds(Permission.APPROVE_REPORTS) && context.scope().isWholeTenant();
      model.put("canApprove", r.state() == State.VALIDATED && direction);
      model.put("canLock", r.state() == State.APPROVED && direction);
      model.put("canReopen", r.state() != State.DRAFT && direction);
      model.put("errors", errors);
      model.put("reason", values.getOrDefault("reason", ""));
      model.put("notice", request.queryParams().get("notice") == null ? "" : request.queryParams().get("notice"));
      return layout.render(request, "report", "Rapport mensuel — " + r.title() + " — " + r.monthLabel(), model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A line code as a form name: letters, digits, dashes and underscores. */
  static String key(String code) {
    return code.replace('.', '-');
  }

  private void reconcileFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    UUID id = ReportApi.id(request);
    reports.get(context, id).compose(r -> {
      JsonObject lines = new JsonObject();
      for (Line line : r.lines()) {
        String key = key(line.code());
        String value = form.get("value-" + key);
        String comment = form.get("comment-" + key);
        if (value != null && (!value.strip().equals(Line.french(line.value())) || comment != null
            && !comment.strip().equals(line.comment()))) {
          lines.put(line.code(), new JsonObject().put("value", value.strip()).put("comment", comment == null ? "" : comment));
        }
      }
      JsonObject body = new JsonObject().put("lines", lines).put("comment", form.get("comment") == null ? "" : form.get("comment"));
      return reports.reconcile(context, id, ReportInput.reconciliation(body), version(form));
    }).onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/rapports/" + id + "?notice=enregistre"))
        .onFailure(error -> refused(request, error, form));
  }

  @FunctionalInterface
  interface Move {
    Future<MonthlyReport> apply(RequestContext context, UUID id, MultiMap form, int version);
  }

  private void moveFromPage(RoutingContext request, Move move) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    UUID id = ReportApi.id(request);
    Future<MonthlyReport> moved;
    try {
      moved = move.apply(context, id, form, version(form));
    } catch (Problem problem) {
      moved = Future.failedFuture(problem);
    }
    moved.onSuccess(r -> Redirect.seeOther(request, "/t/" + context.tenant() + "/rapports/" + id + "?notice=" + r.state().code()))
        .onFailure(error -> refused(request, error, form));
  }

  private void refused(RoutingContext request, Throwable error, MultiMap form) {
    if (!FormErrors.refusesForm(error)) {
      FailureHandler.respond(request, error);
      return;
    }
    Problem problem = (Problem) error;
    Map<String, String> errors = new LinkedHashMap<>();
    for (Problem.FieldError e : problem.errors()) {
      String field = e.field();
      if (field.startsWith("lines.") && field.endsWith(".comment")) {
        field = "comment-" + key(field.substring(6, field.length() - 8));
      } else if (field.startsWith("lines.") && field.endsWith(".value")) {
        field = "value-" + key(field.substring(6, field.length() - 6));
      }
      errors.merge(field, e.message(), (a, b) -> a + " " + b);
    }
    if (errors.isEmpty()) {
      errors.put("general", problem.detail());
    }
    Map<String, String> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    reportPage(request, problem.status(), errors, values);
  }

  private static int version(MultiMap form) {
    String version = form.get("version");
    if (version == null || !version.strip().matches("[0-9]{1,9}")) {
      throw Problem.validation(List.of(new Problem.FieldError("version", "La version du rapport lu manque ; rechargez la page.")));
    }
    return Integer.parseInt(version.strip());
  }

  // ---- yearly evaluations

  private void bilansPage(RoutingContext request, int status, Map<String, String> errors, Map<String, String> values) {
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    (ListTable.isExport(request) ? evaluations.listToExport(context) : evaluations.list(context))
        .compose(list -> conventions.list(context).compose(all -> {
      List<ListTable.Line> lines = new ArrayList<>();
      for (YearlyEvaluation e : list) {
        Map<String, String> cells = new HashMap<>();
        cells.put("reference", e.reference());
        cells.put("title", e.conventionTitle());
        cells.put("organisation", e.organisationName());
        cells.put("year", String.valueOf(e.year()));
        cells.put("state", e.state().label());
        cells.put("decision", e.decision() == null ? "" : e.decision().label());
        lines.add(new ListTable.Line("bilan-" + e.id(), "/t/" + tenant + "/bilans/" + e.id(), cells,
            Map.of("year", e.year())));
      }
      ListTable table = new ListTable("Bilans annuels des conventions", "bilans-annuels", List.of(
          ListTable.Column.text("reference", "Convention"), ListTable.Column.text("title", "Action"),
          ListTable.Column.text("organisation", "Opérateur"), ListTable.Column.number("year", "Année"),
          ListTable.Column.text("state", "État"), ListTable.Column.text("decision", "Décision du comité")), lines);
      if (ListTable.isExport(request)) {
        return table.export(request);
      }
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("table", table.model(request));
      model.put("empty", list.isEmpty());
      model.put("canOpen", context.holds(Permission.SUBMIT_REPORTS) && (context.scope().organisation() != null
          || context.scope().isWholeTenant()));
      model.put("conventions", all.stream().filter(c -> c.signedOn() != null).map(c -> Map.of("id", c.id().toString(),
          "label", c.terms().reference() + " — " + c.terms().title(), "selected",
          c.id().toString().equals(values.get("convention")))).toList());
      model.put("errors", errors);
      model.put("values", values);
      return layout.render(request, "evaluations", "Bilans annuels", model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void openBilanFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    Future<YearlyEvaluation> opened;
    try {
      JsonObject body = new JsonObject().put("convention", form.get("convention")).put("year", form.get("year"));
      if (form.get("year") != null && form.get("year").strip().matches("[0-9]{1,2}")) {
        body.put("year", Integer.parseInt(form.get("year").strip()));
      }
      ReportInput.Opening opening = ReportInput.opening(body);
      opened = evaluations.open(context, opening.convention(), opening.year());
    } catch (Problem problem) {
      opened = Future.failedFuture(problem);
    }
    opened.onSuccess(e -> Redirect.seeOther(request, "/t/" + context.tenant() + "/bilans/" + e.id()))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          Map<String, String> errors = problem.errors().isEmpty() ? Map.of("convention", problem.detail())
              : FormErrors.byField(problem);
          Map<String, String> values = new HashMap<>();
          form.names().forEach(name -> values.put(name, form.get(name)));
          bilansPage(request, problem.status(), errors, values);
        });
  }

  private void bilanPage(RoutingContext request, int status, Map<String, String> errors, Map<String, String> values) {
    RequestContext context = RequestContext.of(request);
    String tenant = context.tenant();
    UUID id;
    try {
      id = ReportApi.id(request);
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    api.names(tenant).compose(names -> evaluations.get(context, id).compose(e -> {
      request.response().setStatusCode(status);
      JsonObject f = e.figures();
      boolean workshops = "WORKSHOPS_PER_YEAR".equals(f.getString("unit"));
      List<Map<String, Object>> territories = new ArrayList<>();
      JsonArray list = f.getJsonArray("territories", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        JsonObject t = list.getJsonObject(i);
        territories.add(Map.of("name", names.getOrDefault(t.getString("territory"), t.getString("territory")),
            "objective", t.getValue("objective"), "result", Line.french(new BigDecimal(t.getValue("result").toString())),
            "rate", t.getValue("ratePercent"), "entries", t.getValue("entries"), "exits", t.getValue("exits"),
            "followed", t.getValue("followed")));
      }
      List<Map<String, Object>> exits = new ArrayList<>();
      JsonArray byType = f.getJsonArray("exitsByType", new JsonArray());
      for (int i = 0; i < byType.size(); i++) {
        exits.add(Map.of("label", byType.getJsonObject(i).getString("label"), "count", byType.getJsonObject(i).getValue("count")));
      }
      boolean operatorSide = context.holds(Permission.SUBMIT_REPORTS) && (context.scope().organisation() != null
          || context.scope().isWholeTenant());
      Map<String, Object> model = new HashMap<>();
      Map<String, Object> view = new HashMap<>();
      view.put("id", e.id().toString());
      view.put("reference", e.reference());
      view.put("title", e.conventionTitle());
      view.put("organisation", e.organisationName());
      view.put("year", e.year());
      view.put("state", e.state().code());
      view.put("stateLabel", e.state().label());
      view.put("version", e.version());
      view.put("period", FrenchDates.longDate(java.time.LocalDate.parse(f.getString("periodStart"))) + " au "
          + FrenchDates.longDate(java.time.LocalDate.parse(f.getString("periodEnd"))));
      view.put("workshops", workshops);
      view.put("reports", f.getJsonObject("reports", new JsonObject()).getMap());
      view.put("committeeDate", e.committeeDate() == null ? "" : FrenchDates.longDate(e.committeeDate()));
      view.put("participants", e.committeeParticipants() == null ? "" : e.committeeParticipants());
      view.put("minutes", e.committeeMinutes() == null ? "" : e.committeeMinutes());
      view.put("decision", e.decision() == null ? "" : e.decision().label());
      view.put("decisionAmount", e.decisionCents() == null ? "" : Convention.euros(e.decisionCents()));
      view.put("decisionObjectives", e.decisionObjectives() == null ? "" : e.decisionObjectives());
      JsonObject progress = f.getJsonObject("progress");
      model.put("progress", Map.of("grids", progress.getValue("grids"), "participations", progress.getValue("participations"),
          "compared", progress.getValue("compared"),
          "answered", progress.getJsonObject("satisfaction").getValue("answered")));
      model.put("criteriaHeadings", ProgressSummary.CRITERIA_HEADINGS);
      model.put("criteria", ProgressSummary.criteriaRows(progress));
      model.put("satisfactionHeadings", ProgressSummary.satisfactionHeadings());
      model.put("satisfaction", ProgressSummary.satisfactionRows(progress));
      model.put("e", view);
      model.put("territories", territories);
      model.put("exits", exits);
      Map<String, String> kept = new HashMap<>(Map.of("achievements", e.achievements(), "difficulties", e.difficulties(),
          "outlook", e.outlook()));
      kept.putAll(values);
      model.put("values", kept);
      model.put("errors", errors);
      model.put("canComplete", e.state() == YearlyEvaluation.State.DRAFT && operatorSide);
      model.put("canDecide", e.state() == YearlyEvaluation.State.SENT && context.holds(Permission.APPROVE_REPORTS)
          && context.scope().isWholeTenant());
      return layout.render(request, "evaluation", "Bilan annuel — " + e.reference() + " — année " + e.year(), model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void completeFromPage(RoutingContext request) {
    evaluationForm(request, (context, id, form) -> evaluations.complete(context, id, form.get("achievements"),
        form.get("difficulties"), form.get("outlook"), version(form)));
  }

  private void sendFromPage(RoutingContext request) {
    evaluationForm(request, (context, id, form) -> evaluations.send(context, id, version(form)));
  }

  private void decideFromPage(RoutingContext request) {
    evaluationForm(request, (context, id, form) -> {
      JsonObject body = new JsonObject().put("date", day(form.get("date")))
          .put("participants", form.get("participants")).put("minutes", form.get("minutes"))
          .put("decision", form.get("decision")).put("objectives", form.get("objectives"));
      String euros = form.get("amount");
      if (euros != null && !euros.isBlank()) {
        String normalised = euros.strip().replace(" ", "").replace("\u00a0", "").replace(',', '.');
        if (!normalised.matches("[0-9]{1,11}(\\.[0-9]{1,2})?")) {
          throw Problem.validation(List.of(new Problem.FieldError("amount", "Un montant en euros est attendu (par exemple 48 000 ou 48000,50).")));
        }
        body.put("amountCents", new BigDecimal(normalised).movePointRight(2).longValueExact());
      }
      return evaluations.decide(context, id, ReportInput.committee(body), version(form));
    });
  }

  /** A date typed or picked, as the API reads it (ISO); the text as typed when it is not a date (refused next to it). */
  private static String day(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return FrenchDates.parseDay(text).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.validation(List.of(new Problem.FieldError("date", FrenchDates.TYPED_DAY_HINT)));
    }
  }

  @FunctionalInterface
  interface EvaluationChange {
    Future<YearlyEvaluation> apply(RequestContext context, UUID id, MultiMap form);
  }

  private void evaluationForm(RoutingContext request, EvaluationChange change) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    UUID id = ReportApi.id(request);
    Future<YearlyEvaluation> changed;
    try {
      changed = change.apply(context, id, form);
    } catch (Problem problem) {
      changed = Future.failedFuture(problem);
    }
    changed.onSuccess(e -> Redirect.seeOther(request, "/t/" + context.tenant() + "/bilans/" + id))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          Map<String, String> errors = new LinkedHashMap<>(FormErrors.byField(problem));
          if (errors.containsKey("amountCents")) {
            errors.put("amount", errors.remove("amountCents"));
          }
          if (errors.isEmpty()) {
            errors.put("general", problem.detail());
          }
          Map<String, String> values = new HashMap<>();
          form.names().forEach(name -> values.put(name, form.get(name)));
          bilanPage(request, problem.status(), errors, values);
        });
  }
}
