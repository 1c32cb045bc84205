package fr.pacte.server.calls;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.text.CapacityUnits;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.ApplicationInput.Field;
import fr.pacte.server.calls.ApplicationInput.Kind;
import fr.pacte.server.calls.ApplicationInput.Section;
import fr.pacte.server.calls.Budget.Cofunding;
import fr.pacte.server.calls.Budget.Year;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.organisations.DocumentKind;
import fr.pacte.server.organisations.VaultDocument;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pages of applications: "Répondre à l'appel" from a call's page, the form of an application (general part, one
 * project per lot answered, budgets computed by the server as the applicant types, vault documents to pick), its
 * submission with the list of what is missing, and the staff list of a call's applications with filters and CSV.
 */
public final class ApplicationPages {

  private static final String CALL = "/t/:tenant/appels/:id";
  private static final String ONE = "/t/:tenant/candidatures/:id";
  private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  /** Budget lines as the form names them: key of the form, label, whether an indirect cost. */
  static final List<String[]> COSTS = List.of(
      new String[] {"staff", "Frais de personnel", "direct"}, new String[] {"services", "Services", "direct"},
      new String[] {"purchases", "Achats", "direct"}, new String[] {"rent", "Loyers", "indirect"},
      new String[] {"utilities", "Fluides", "indirect"}, new String[] {"printing", "Impression", "indirect"},
      new String[] {"support", "Fonctions support", "indirect"});
  static final int COFUNDING_LINES = 3;

  private final ApplicationService applications;
  /** Where a part of an application is uploaded from its page (multipart, read as the vault's uploads are). */
  public static final String PAGE_ATTACH = ONE + "/pieces";
  private final Access access;
  private final PageLayout layout;

  public ApplicationPages(ApplicationService applications, Access access, PageLayout layout) {
    this.applications = applications;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(CALL + "/repondre").handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::answerPage);
    router.post(CALL + "/repondre").handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::start);
    router.get(CALL + "/candidatures").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::listPage);
    router.get(CALL + "/candidatures.csv").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::csv);
    router.get(ONE).handler(access.to(Permission.READ_APPLICATIONS)).handler(this::applicationPage);
    router.post(ONE).handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::save);
    router.post(ONE + "/budget/:lot").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::budgetFragment);
    router.post(ONE + "/deposer").handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::submit);
    router.get(ONE + "/accuse-de-reception.pdf").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::acknowledgement);
    router.get(ONE + "/dossier.pdf").handler(access.to(Permission.READ_APPLICATIONS)).handler(this::file);
    router.post(PAGE_ATTACH).handler(access.to(Permission.APPLY_TO_CALLS)).handler(this::attach);
  }

  /** The organisation's application to the call if it has one, else the button that starts it. */
  private void answerPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID callId = CallApi.id(request);
    applications.ofOrganisation(context, callId).compose(existing -> {
      if (existing.isPresent()) {
        Redirect.seeOther(request, "/t/" + context.tenant() + "/candidatures/" + existing.get().id());
        return Future.succeededFuture();
      }
      return applications.call(context, callId).compose(view -> layout.render(request, "application-start",
          "Répondre à l'appel", Map.of("call", callView(view.call(), context.clock().instant()),
              "open", ApplicationService.accepts(view.call(), context.clock().instant()), "conflict", "")));
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void start(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID callId = CallApi.id(request);
    applications.create(context, callId, new JsonObject())
        .onSuccess(created -> Redirect.seeOther(request, "/t/" + context.tenant() + "/candidatures/" + created.id() + "?notice=cree"))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 409) {
            applications.call(context, callId).compose(view -> {
              request.response().setStatusCode(409);
              return layout.render(request, "application-start", "Répondre à l'appel", Map.of("call",
                  callView(view.call(), context.clock().instant()), "open", false, "conflict", problem.detail()));
            }).onFailure(failure -> FailureHandler.respond(request, failure));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void applicationPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String notice = request.queryParams().get("notice");
    applications.get(context, ApplicationApi.id(request))
        .compose(application -> render(request, context, 200, application, valuesOf(application), Map.of(), List.of(),
            "", notice == null ? "" : notice, List.of()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void save(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = ApplicationApi.id(request);
    MultiMap form = request.request().formAttributes();
    applications.get(context, id).compose(current -> applications.call(context, current.callId()).compose(view -> {
      List<FieldError> errors = new ArrayList<>();
      JsonObject body = bodyOf(form, view.call(), errors);
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      return applications.update(context, id, body, ApplicationInput.expectedVersion(form.get("version")));
    }))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/candidatures/" + id + "?notice=enregistre#haut"))
        .onFailure(error -> refused(request, context, id, form, error, List.of()));
  }

  private void submit(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = ApplicationApi.id(request);
    MultiMap form = request.request().formAttributes();
    Future.succeededFuture().compose(ok -> applications.submit(context, id, ApplicationInput.expectedVersion(form.get("version"))))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/candidatures/" + id + "?notice=deposee"))
        .onFailure(error -> refused(request, context, id, null, error,
            error instanceof Problem problem && problem.status() == 400 ? problem.errors() : List.of()));
  }

  /**
   * A refused save shows the reasons next to the fields with what was typed; a 409 (saved meanwhile in another tab,
   * or the deadline passed) keeps what was typed too, with the version now saved, so that nothing is lost.
   */
  private void refused(RoutingContext request, RequestContext context, UUID id, MultiMap form, Throwable error,
                       List<FieldError> missing) {
    if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
      FailureHandler.respond(request, error);
      return;
    }
    applications.get(context, id).compose(current -> {
      Map<String, Object> values = form == null ? valuesOf(current) : formValues(form);
      values.put("version", String.valueOf(current.version()));
      Map<String, String> errors = new LinkedHashMap<>();
      List<FieldError> shown = new ArrayList<>();
      for (FieldError e : problem.errors()) {
        FieldError mapped = new FieldError(formField(e.field(), current), e.message());
        shown.add(mapped);
        errors.merge(mapped.field(), e.message(), (a, b) -> a + " " + b);
      }
      String conflict = problem.status() == 409 ? problem.detail()
          + (form == null ? "" : " Ce que vous aviez saisi est conservé ci-dessous : relisez-le, puis enregistrez.") : "";
      return render(request, context, problem.status(), current, values, errors, missing.isEmpty() ? shown : List.of(),
          conflict, "", missing.isEmpty() ? List.of() : shown);
    }).onFailure(failure -> FailureHandler.respond(request, failure));
  }

  /** The budget of one project computed from the form as it is now, without saving (htmx, on every change). */
  private void budgetFragment(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String lot = request.pathParam("lot");
    MultiMap form = request.request().formAttributes();
    applications.get(context, ApplicationApi.id(request)).compose(application -> applications.call(context, application.callId()))
        .compose(view -> {
          List<FieldError> errors = new ArrayList<>();
          JsonArray years = budgetOf(form, lot, view.call().content().maxConventionYears(), errors);
          Budget budget = Budget.fromStored(years, view.call().content().indirectCostCapPercent());
          return layout.render(request, "application-budget", "", Map.of("budget", budgetView(budget),
              "lot", Map.of("code", lot), "budgetErrors", errors.stream().map(FieldError::message).toList()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void acknowledgement(RoutingContext request) {
    applications.acknowledgement(RequestContext.of(request), ApplicationApi.id(request))
        .onSuccess(pdf -> request.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "inline; filename=\"accuse-de-reception.pdf\"")
            .putHeader("Cache-Control", "private, no-store").end(io.vertx.core.buffer.Buffer.buffer(pdf)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Uploads a part into the vault and attaches it; a refusal shows its reasons in French next to the upload's fields. */
  private void attach(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = ApplicationApi.id(request);
    MultiMap form = request.request().formAttributes();
    fr.pacte.server.organisations.OrganisationUploads.read(request.vertx(), request)
        .compose(upload -> applications.attach(context, id, form.get("lot"), upload, ApplicationInput.optionalVersion(form.get("version"))))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/candidatures/" + id + "?notice=piece#depot-piece"))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409)) {
            List<FieldError> errors = problem.errors().stream().map(e -> new FieldError("upload." + e.field(), e.message())).toList();
            applications.get(context, id).compose(current -> render(request, context, problem.status(), current,
                    valuesOf(current), FormErrors.byField(errors), errors, problem.status() == 409 ? problem.detail() : "", "",
                    List.of()))
                .onFailure(failure -> FailureHandler.respond(request, failure));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void file(RoutingContext request) {
    applications.file(RequestContext.of(request), ApplicationApi.id(request))
        .onSuccess(pdf -> request.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "inline; filename=\"dossier-de-candidature.pdf\"")
            .putHeader("Cache-Control", "private, no-store").end(io.vertx.core.buffer.Buffer.buffer(pdf)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** One line per project answered, with the filters of the page. */
  private record Line(Application application, Project project, BigDecimal score) {
  }

  /** The consolidated score of each project of a call (key "application|lot"), for those who may read scores; else none. */
  private java.util.function.BiFunction<RequestContext, UUID, Future<Map<String, BigDecimal>>> scores =
      (context, call) -> Future.succeededFuture(Map.of());

  /** Where the list of applications reads the consolidated scores from (the instruction). */
  public void scoresFrom(java.util.function.BiFunction<RequestContext, UUID, Future<Map<String, BigDecimal>>> source) {
    this.scores = source;
  }

  private Future<List<Line>> lines(RequestContext context, UUID callId, MultiMap query) {
    String lot = blankToNull(query.get("lot"));
    String territory = blankToNull(query.get("territoire"));
    String state = blankToNull(query.get("etat"));
    BigDecimal minimum = minimumScore(query.get("note"));
    return scores.apply(context, callId).compose(points -> applications.list(context, callId).map(list -> {
      List<Line> lines = new ArrayList<>();
      for (Application application : list) {
        if (state != null && !application.state().code().equals(state)) {
          continue;
        }
        List<Project> projects = application.projects().isEmpty() ? java.util.Collections.singletonList(null) : application.projects();
        for (Project project : projects) {
          if (lot != null && (project == null || !project.lotCode().equals(lot))) {
            continue;
          }
          if (territory != null && (project == null || !project.territories().contains(territory))) {
            continue;
          }
          BigDecimal score = project == null ? null : points.get(application.id() + "|" + project.lotCode());
          if (minimum != null && (score == null || score.compareTo(minimum) < 0)) {
            continue;
          }
          lines.add(new Line(application, project, score));
        }
      }
      return lines;
    }));
  }

  /** The "note minimale" filter: a number of points, or none when blank or not a number. */
  static BigDecimal minimumScore(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.strip().replace(',', '.'));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void listPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID callId = CallApi.id(request);
    applications.call(context, callId).compose(view -> lines(context, callId, request.queryParams()).compose(lines -> {
      if (ListTable.isExport(request)) {
        return table(lines, view, context.zone(), context.tenant()).export(request);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("scored", lines.stream().anyMatch(l -> l.score() != null) || request.queryParams().get("note") != null);
      model.put("note", orEmpty(request.queryParams().get("note")));
      model.put("call", callView(view.call(), context.clock().instant()));
      model.put("empty", lines.isEmpty());
      boolean scored = lines.stream().anyMatch(l -> l.score() != null);
      model.put("table", pageTable(lines, view, context.zone(), context.tenant(), scored).model(request));
      model.put("lots", view.call().content().lots().stream().map(l -> Map.of("code", l.code(), "title", l.title())).toList());
      model.put("territories", view.territoryNames().entrySet().stream()
          .map(e -> Map.of("code", e.getKey(), "name", e.getValue())).toList());
      model.put("states", Arrays.stream(Application.State.values())
          .map(s -> Map.of("code", s.code(), "label", s.label())).toList());
      model.put("filters", Map.of("lot", orEmpty(request.queryParams().get("lot")),
          "territoire", orEmpty(request.queryParams().get("territoire")), "etat", orEmpty(request.queryParams().get("etat"))));
      model.put("query", request.request().query() == null ? "" : request.request().query());
      return layout.render(request, "applications", "Candidatures — " + view.call().content().title(), model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void csv(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID callId = CallApi.id(request);
    applications.call(context, callId).compose(view -> lines(context, callId, request.queryParams()).map(lines -> {
      StringBuilder csv = new StringBuilder("\uFEFF");
      csv.append(String.join(";", List.of("Candidature", "Organisme porteur", "Groupement", "Lot", "Territoires", "État",
          "Déposée le", "Coût total (€)", "Frais indirects (%)", "Montant demandé (€)", "Montant finançable (€)"))).append("\r\n");
      for (Line line : lines) {
        Map<String, Object> v = lineView(line, view, context.zone());
        Project p = line.project();
        csv.append(String.join(";", List.of(cell(line.application().id().toString()), cell((String) v.get("lead")),
            cell((String) v.get("partners")), cell((String) v.get("lot")), cell((String) v.get("territories")),
            cell(line.application().state().label()), cell((String) v.get("submittedAt")),
            p == null ? "" : plain(p.budget().totalCents()),
            p == null || p.budget().indirectPercent() == null ? "" : p.budget().indirectPercent().toPlainString().replace('.', ','),
            p == null ? "" : plain(p.budget().requestedCents()), p == null ? "" : plain(p.budget().fundableCents()))))
            .append("\r\n");
      }
      return csv.toString();
    })).onSuccess(csv -> request.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"candidatures.csv\"").end(csv))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The list as a table for its CSV and Excel exports: one line per project, with its consolidated score if readable. */
  private ListTable table(List<Line> lines, ApplicationService.CallView view, ZoneId zone, String tenant) {
    List<ListTable.Line> rows = new ArrayList<>();
    for (Line line : lines) {
      Map<String, Object> v = lineView(line, view, zone);
      Project p = line.project();
      Map<String, String> cells = new LinkedHashMap<>();
      cells.put("lead", (String) v.get("lead"));
      cells.put("partners", (String) v.get("partners"));
      cells.put("lot", (String) v.get("lot"));
      cells.put("territories", (String) v.get("territories"));
      cells.put("state", (String) v.get("state"));
      cells.put("submittedAt", (String) v.get("submittedAt"));
      cells.put("total", p == null ? "" : CallForProjects.euros(p.budget().totalCents()));
      cells.put("indirect", (String) v.get("indirectPercent"));
      cells.put("requested", (String) v.get("requested"));
      cells.put("fundable", (String) v.get("fundable"));
      cells.put("score", line.score() == null ? "" : line.score().toPlainString().replace('.', ','));
      cells.put("id", line.application().id().toString());
      Map<String, Comparable<?>> sort = new HashMap<>();
      if (line.application().submittedAt() != null) {
        sort.put("submittedAt", line.application().submittedAt());
      }
      if (p != null && p.budget().indirectPercent() != null) {
        sort.put("indirect", p.budget().indirectPercent());
      }
      if (line.score() != null) {
        sort.put("score", line.score());
      }
      rows.add(new ListTable.Line(null, "/t/" + tenant + "/candidatures/" + line.application().id(), cells, sort));
    }
    return new ListTable("Candidatures", "candidatures", List.of(ListTable.Column.text("lead", "Organisme porteur"),
        ListTable.Column.text("partners", "Groupement"), ListTable.Column.text("lot", "Lot"),
        ListTable.Column.text("territories", "Territoires"), ListTable.Column.text("state", "État"),
        ListTable.Column.text("submittedAt", "Déposée le"), ListTable.Column.number("total", "Coût total"),
        ListTable.Column.number("indirect", "Frais indirects"), ListTable.Column.number("requested", "Montant demandé"),
        ListTable.Column.number("fundable", "Montant finançable"), ListTable.Column.number("score", "Note consolidée"),
        ListTable.Column.text("id", "Candidature")), rows);
  }

  /**
   * The projects as the page lists them: sortable (amounts, rates and dates by their value), paginated, exported in
   * CSV or XLSX with the same columns; the full export with every figure stays at {@code candidatures.csv}.
   */
  private ListTable pageTable(List<Line> lines, ApplicationService.CallView view, ZoneId zone, String tenant, boolean scored) {
    List<ListTable.Line> rows = new ArrayList<>();
    for (Line line : lines) {
      Map<String, Object> v = lineView(line, view, zone);
      Project p = line.project();
      Map<String, String> cells = new LinkedHashMap<>();
      for (String key : List.of("lead", "partners", "lot", "territories", "state", "submittedAt", "requested", "fundable")) {
        cells.put(key, (String) v.get(key));
      }
      cells.put("indirect", (String) v.get("indirectPercent"));
      cells.put("score", (String) v.get("score"));
      Map<String, Comparable<?>> sort = new HashMap<>();
      if (line.application().submittedAt() != null) {
        sort.put("submittedAt", line.application().submittedAt());
      }
      if (p != null) {
        sort.put("requested", p.budget().requestedCents());
        sort.put("fundable", p.budget().fundableCents());
        if (p.budget().indirectPercent() != null) {
          sort.put("indirect", p.budget().indirectPercent());
        }
      }
      if (line.score() != null) {
        sort.put("score", line.score());
      }
      rows.add(new ListTable.Line("candidature-" + line.application().id() + (p == null ? "" : "-" + p.lotCode()),
          "/t/" + tenant + "/candidatures/" + line.application().id(), cells, sort));
    }
    List<ListTable.Column> columns = new ArrayList<>(List.of(ListTable.Column.text("lead", "Organisme porteur"),
        ListTable.Column.text("partners", "Groupement"), ListTable.Column.text("lot", "Lot"),
        ListTable.Column.text("territories", "Territoires"), ListTable.Column.text("state", "État"),
        ListTable.Column.text("submittedAt", "Déposée le"), ListTable.Column.number("indirect", "Frais indirects"),
        ListTable.Column.number("requested", "Montant demandé"), ListTable.Column.number("fundable", "Montant finançable")));
    if (scored) {
      columns.add(ListTable.Column.number("score", "Note consolidée"));
    }
    return new ListTable("Projets des candidatures", "candidatures", columns, rows);
  }

  private static String plain(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString().replace('.', ',');
  }

  private static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return text.contains(";") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private Map<String, Object> lineView(Line line, ApplicationService.CallView view, ZoneId zone) {
    Application a = line.application();
    Project p = line.project();
    Map<String, Object> v = new HashMap<>();
    v.put("id", a.id().toString());
    v.put("lead", a.members().stream().filter(Application.Member::lead).map(Application.Member::name).findFirst()
        .orElse(a.organisationId()));
    v.put("partners", String.join(", ", a.members().stream().filter(m -> !m.lead()).map(Application.Member::name).toList()));
    Lot lot = p == null ? null : view.call().content().lots().stream().filter(l -> l.code().equals(p.lotCode())).findFirst().orElse(null);
    v.put("lot", p == null ? "" : lot == null ? p.lotCode() : lot.title());
    v.put("territories", p == null ? "" : String.join(", ", p.territories().stream()
        .map(t -> view.territoryNames().getOrDefault(t, t)).toList()));
    v.put("state", a.state().label());
    v.put("score", line.score() == null ? "" : line.score().toPlainString().replace('.', ','));
    v.put("submittedAt", a.submittedAt() == null ? "" : a.submittedAt().atZone(zone).format(TABLE_TIME));
    v.put("requested", p == null ? "" : CallForProjects.euros(p.budget().requestedCents()));
    v.put("fundable", p == null ? "" : CallForProjects.euros(p.budget().fundableCents()));
    v.put("indirectPercent", p == null || p.budget().indirectPercent() == null ? ""
        : p.budget().indirectPercent().toPlainString().replace('.', ',') + " %");
    return v;
  }

  private Future<Void> render(RoutingContext request, RequestContext context, int status, Application application,
                              Map<String, Object> values, Map<String, String> errors, List<FieldError> errorList,
                              String conflict, String notice, List<FieldError> missing) {
    return applications.call(context, application.callId()).compose(view -> applications.vault(context, application)
        .compose(vault -> applications.partnerChoices(context, application.organisationId()).compose(partners -> {
          Instant now = context.clock().instant();
          CallForProjects call = view.call();
          boolean editable = application.state() == Application.State.DRAFT
              && application.organisationId().equals(context.organisationScope()) && ApplicationService.accepts(call, now);
          Map<String, Object> model = new HashMap<>();
          model.put("call", callView(call, now));
          model.put("application", applicationView(application, context.zone(), context.tenant()));
          model.put("editable", editable);
          model.put("values", values);
          model.put("errors", errors);
          model.put("errorList", errorList);
          model.put("missing", missing);
          model.put("conflict", conflict);
          model.put("notice", notice);
          model.put("sections", sections());
          model.put("generalDocuments", documents(vault, true, values, "attachments"));
          model.put("lots", lotViews(call, application, view.territoryNames(), vault, values,
              applications.actionTypes(context.tenant())));
          model.put("years", years(call));
          model.put("costs", COSTS.stream().map(c -> Map.of("key", c[0], "label", c[1], "group", c[2])).toList());
          model.put("cofundingLines", List.of(0, 1, 2));
          model.put("vaultUrl", "/t/" + context.tenant() + "/organisations/" + application.organisationId());
          List<String> members = list(values.get("members"));
          model.put("partners", partners.stream().map(o -> Map.of("id", o.id(), "name", o.name(),
              "checked", members.contains(o.id()))).toList());
          request.response().setStatusCode(status);
          return layout.render(request, "application", "Candidature — " + call.content().title(), model);
        })));
  }

  private static List<Integer> years(CallForProjects call) {
    List<Integer> years = new ArrayList<>();
    for (int y = 1; y <= call.content().maxConventionYears(); y++) {
      years.add(y);
    }
    return years;
  }

  private static List<Map<String, Object>> sections() {
    List<Map<String, Object>> sections = new ArrayList<>();
    for (Section section : ApplicationInput.GENERAL) {
      sections.add(Map.of("key", section.key(), "title", section.title(), "fields", section.fields().stream().map(field -> Map.of(
          "name", "general." + section.key() + "." + field.key(), "label", field.label()
              + (field.kind() == Kind.MONEY ? " (euros)" : ""), "required", field.required(), "type", inputType(field))).toList()));
    }
    return sections;
  }

  private static String inputType(Field field) {
    return switch (field.kind()) {
      case TEXT -> "textarea";
      case EMAIL -> "email";
      case DATE -> "date";
      default -> "text";
    };
  }

  private static List<Map<String, Object>> documents(List<VaultDocument> vault, boolean general, Map<String, Object> values,
                                                     String name) {
    List<String> checked = list(values.get(name));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (VaultDocument d : vault) {
      boolean projectKind = d.kind() == DocumentKind.FICHE_SYNTHETIQUE || d.kind() == DocumentKind.MODELISATION;
      if (general == projectKind) {
        continue;
      }
      documents.add(Map.of("id", d.id().toString(), "label", d.label(), "kind", d.kind().label(),
          "fileName", d.current().fileName(), "checked", checked.contains(d.id().toString())));
    }
    return documents;
  }

  private List<Map<String, Object>> lotViews(CallForProjects call, Application application, Map<String, String> names,
                                             List<VaultDocument> vault, Map<String, Object> values,
                                             Map<String, ActionTypeDescriptor> types) {
    List<String> answered = list(values.get("lots"));
    List<Map<String, Object>> lots = new ArrayList<>();
    for (Lot lot : call.content().lots()) {
      String prefix = "project." + lot.code() + ".";
      List<String> ticked = list(values.get(prefix + "territories"));
      Map<String, Object> view = new HashMap<>();
      view.put("code", lot.code());
      view.put("title", lot.title());
      view.put("prefix", prefix);
      view.put("answered", answered.contains(lot.code()));
      view.put("unit", lot.needs().isEmpty() ? ""
          : CapacityUnits.plural(lot.needs().get(0).unit(), types.get(lot.actionType())));
      view.put("territories", lot.territories().stream().map(t -> Map.of("code", t, "name", names.getOrDefault(t, t),
          "checked", ticked.contains(t))).toList());
      view.put("documents", documents(vault, false, values, prefix + "attachments"));
      Project saved = application.project(lot.code());
      Budget budget = saved == null ? new Budget(List.of(), call.content().indirectCostCapPercent()) : saved.budget();
      view.put("budget", budgetView(budget));
      lots.add(view);
    }
    return lots;
  }

  static Map<String, Object> budgetView(Budget budget) {
    Map<String, Object> view = new HashMap<>();
    view.put("cap", budget.capPercent() == null ? "" : budget.capPercent() + " %");
    view.put("years", budget.years().stream().map(y -> Map.of("year", y.year(),
        "direct", CallForProjects.euros(y.directCents()), "indirect", CallForProjects.euros(y.indirectCents()),
        "total", CallForProjects.euros(y.totalCents()), "ratio", percent(Budget.percent(y.indirectCents(), y.totalCents())),
        "unfunded", CallForProjects.euros(y.unfundedIndirectCents(budget.capPercent())),
        "cofunding", CallForProjects.euros(y.cofundingCents()), "requested", CallForProjects.euros(y.requestedCents()),
        "fundable", CallForProjects.euros(y.fundableCents(budget.capPercent())), "balanced", y.balanced())).toList());
    view.put("total", CallForProjects.euros(budget.totalCents()));
    view.put("direct", CallForProjects.euros(budget.directCents()));
    view.put("indirect", CallForProjects.euros(budget.indirectCents()));
    view.put("ratio", percent(budget.indirectPercent()));
    view.put("unfunded", CallForProjects.euros(budget.unfundedIndirectCents()));
    view.put("cofunding", CallForProjects.euros(budget.cofundingCents()));
    view.put("requested", CallForProjects.euros(budget.requestedCents()));
    view.put("fundable", CallForProjects.euros(budget.fundableCents()));
    view.put("aboveCap", budget.aboveCap());
    return view;
  }

  private static String percent(BigDecimal value) {
    return value == null ? "—" : value.toPlainString().replace('.', ',') + " %";
  }

  private static Map<String, Object> applicationView(Application a, ZoneId zone, String tenant) {
    Map<String, Object> view = new HashMap<>();
    view.put("id", a.id().toString());
    view.put("version", a.version());
    view.put("state", a.state().code());
    view.put("stateLabel", a.state().label());
    view.put("submitted", a.state() == Application.State.SUBMITTED);
    view.put("submittedAt", a.submittedAt() == null ? "" : Acknowledgement.receivedLabel(a.submittedAt(), zone));
    view.put("hash", a.contentHash() == null ? "" : a.contentHash());
    view.put("lead", a.members().stream().filter(Application.Member::lead).map(Application.Member::name).findFirst()
        .orElse(a.organisationId()));
    view.put("partners", a.members().stream().filter(m -> !m.lead()).map(Application.Member::name).toList());
    view.put("acknowledgementUrl", "/t/" + tenant + "/candidatures/" + a.id() + "/accuse-de-reception.pdf");
    view.put("fileUrl", "/t/" + tenant + "/candidatures/" + a.id() + "/dossier.pdf");
    view.put("requested", CallForProjects.euros(a.requestedCents()));
    view.put("fundable", CallForProjects.euros(a.fundableCents()));
    return view;
  }

  private static Map<String, Object> callView(CallForProjects call, Instant now) {
    return Map.of("id", call.id().toString(), "title", call.content().title(),
        "deadline", CallForProjects.deadlineLabel(call.content().deadline()), "open", ApplicationService.accepts(call, now),
        "stateLabel", call.stateAt(now).label());
  }

  /** The form's values of a saved application. */
  static Map<String, Object> valuesOf(Application application) {
    Map<String, Object> values = new HashMap<>();
    for (Section section : ApplicationInput.GENERAL) {
      JsonObject part = application.general().getJsonObject(section.key(), new JsonObject());
      for (Field field : section.fields()) {
        Object value = part.getValue(field.key());
        if (value != null) {
          values.put("general." + section.key() + "." + field.key(),
              field.kind() == Kind.MONEY ? euros(((Number) value).longValue()) : value.toString());
        }
      }
    }
    values.put("members", application.members().stream().filter(m -> !m.lead()).map(Application.Member::organisationId).toList());
    values.put("attachments", application.attachments().stream().filter(Application.Attachment::general)
        .map(a -> a.documentId().toString()).toList());
    values.put("lots", application.projects().stream().map(Project::lotCode).toList());
    for (Project p : application.projects()) {
      String prefix = "project." + p.lotCode() + ".";
      values.put(prefix + "title", p.title());
      values.put(prefix + "description", p.description());
      values.put(prefix + "indicators", String.join("\n", p.indicators()));
      values.put(prefix + "otherInformation", p.otherInformation());
      values.put(prefix + "territories", p.territories());
      p.objectives().forEach(o -> values.put(prefix + "objective." + o.territory() + "." + o.year(), String.valueOf(o.target())));
      for (Year y : p.budget().years()) {
        String b = prefix + "budget." + y.year() + ".";
        long[] amounts = {y.staffCents(), y.servicesCents(), y.purchasesCents(), y.rentCents(), y.utilitiesCents(),
            y.printingCents(), y.supportCents()};
        for (int i = 0; i < COSTS.size(); i++) {
          values.put(b + COSTS.get(i)[0], euros(amounts[i]));
        }
        values.put(b + "requested", euros(y.requestedCents()));
        for (int i = 0; i < y.cofunding().size() && i < COFUNDING_LINES; i++) {
          Cofunding c = y.cofunding().get(i);
          values.put(b + "cofunding." + i + ".funder", c.funder());
          values.put(b + "cofunding." + i + ".amount", euros(c.amountCents()));
          values.put(b + "cofunding." + i + ".status", c.status() == null ? "" : c.status().code());
        }
      }
      String lot = p.lotCode();
      values.put(prefix + "attachments", application.attachments().stream().filter(a -> a.lotCode().equals(lot))
          .map(a -> a.documentId().toString()).toList());
    }
    values.put("version", String.valueOf(application.version()));
    return values;
  }

  private static Map<String, Object> formValues(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    for (String name : form.names()) {
      if (name.equals("lots") || name.equals("members") || name.endsWith("attachments") || name.endsWith(".territories")) {
        values.put(name, form.getAll(name));
      }
    }
    return values;
  }

  /** The API's body from the page's form; amounts typed in euros, errors named as the form names its fields. */
  static JsonObject bodyOf(MultiMap form, CallForProjects call, List<FieldError> errors) {
    JsonObject general = new JsonObject();
    for (Section section : ApplicationInput.GENERAL) {
      JsonObject part = new JsonObject();
      for (Field field : section.fields()) {
        String name = "general." + section.key() + "." + field.key();
        String typed = blankToNull(form.get(name));
        if (typed == null) {
          continue;
        }
        part.put(field.key(), field.kind() == Kind.MONEY ? cents(typed, name, errors) : typed);
      }
      general.put(section.key(), part);
    }
    JsonArray projects = new JsonArray();
    for (String lotCode : form.getAll("lots")) {
      String prefix = "project." + lotCode + ".";
      JsonArray objectives = new JsonArray();
      for (String territory : form.getAll(prefix + "territories")) {
        for (int y = 1; y <= call.content().maxConventionYears(); y++) {
          String name = prefix + "objective." + territory + "." + y;
          String typed = blankToNull(form.get(name));
          if (typed == null) {
            continue;
          }
          if (!typed.matches("[0-9]{1,6}")) {
            errors.add(new FieldError(name, "Un nombre entier positif est attendu."));
            continue;
          }
          objectives.add(new JsonObject().put("territory", territory).put("year", y).put("target", Integer.parseInt(typed)));
        }
      }
      projects.add(new JsonObject().put("lot", lotCode).put("title", form.get(prefix + "title"))
          .put("territories", new JsonArray(form.getAll(prefix + "territories")))
          .put("description", form.get(prefix + "description")).put("objectives", objectives)
          .put("indicators", new JsonArray(lines(form.get(prefix + "indicators"))))
          .put("otherInformation", form.get(prefix + "otherInformation"))
          .put("budget", budgetOf(form, lotCode, call.content().maxConventionYears(), errors))
          .put("attachments", new JsonArray(form.getAll(prefix + "attachments"))));
    }
    return new JsonObject().put("general", general).put("members", new JsonArray(form.getAll("members")))
        .put("attachments", new JsonArray(form.getAll("attachments"))).put("projects", projects);
  }

  static JsonArray budgetOf(MultiMap form, String lotCode, int years, List<FieldError> errors) {
    JsonArray budget = new JsonArray();
    for (int y = 1; y <= years; y++) {
      String b = "project." + lotCode + ".budget." + y + ".";
      JsonObject direct = new JsonObject();
      JsonObject indirect = new JsonObject();
      for (String[] cost : COSTS) {
        Long cents = cents(form.get(b + cost[0]), b + cost[0], errors);
        (cost[2].equals("direct") ? direct : indirect).put(cost[0] + "Cents", cents == null ? 0L : cents);
      }
      JsonArray cofunding = new JsonArray();
      for (int i = 0; i < COFUNDING_LINES; i++) {
        String c = b + "cofunding." + i + ".";
        String funder = blankToNull(form.get(c + "funder"));
        Long amount = cents(form.get(c + "amount"), c + "amount", errors);
        if (funder == null && amount == null) {
          continue;
        }
        cofunding.add(new JsonObject().put("funder", funder).put("amountCents", amount == null ? 0L : amount)
            .put("status", blankToNull(form.get(c + "status"))));
      }
      budget.add(new JsonObject().put("year", y).put("direct", direct).put("indirect", indirect).put("cofunding", cofunding)
          .put("requestedCents", orZero(cents(form.get(b + "requested"), b + "requested", errors))));
    }
    return budget;
  }

  /** Where the page shows an error the service names the API's way ({@code projects[0].description}). */
  static String formField(String field, Application application) {
    if (!field.startsWith("projects[")) {
      return field;
    }
    int end = field.indexOf(']');
    int index = Integer.parseInt(field.substring("projects[".length(), end));
    List<Project> projects = application.projects();
    String rest = field.substring(end + 1);
    if (index >= projects.size()) {
      return "lots";
    }
    String prefix = "project." + projects.get(index).lotCode();
    if (rest.startsWith(".objectives.")) {
      return prefix + ".objective." + rest.substring(".objectives.".length());
    }
    return prefix + rest;
  }

  /** Euros as typed on a page ("15 000", "1234,50") to exact cents. */
  static Long cents(String euros, String field, List<FieldError> errors) {
    if (euros == null || euros.isBlank()) {
      return null;
    }
    String cleaned = euros.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("€", "").replace(',', '.');
    try {
      BigDecimal amount = new BigDecimal(cleaned);
      if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(BigDecimal.valueOf(ApplicationInput.MAX_CENTS / 100)) > 0) {
        throw new NumberFormatException();
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new FieldError(field, "Un montant en euros, positif, au centime près (par exemple 15 000 ou 1 234,50)."));
      return null;
    }
  }

  private static String euros(long cents) {
    return BigDecimal.valueOf(cents, 2).stripTrailingZeros().scale() <= 0
        ? String.valueOf(cents / 100) : BigDecimal.valueOf(cents, 2).toPlainString().replace('.', ',');
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object value) {
    if (value instanceof List<?> list) {
      return (List<String>) list;
    }
    return value == null ? List.of() : List.of(value.toString());
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
