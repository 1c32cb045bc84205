package fr.pacte.server.calls;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.text.CapacityUnits;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.FailureHandler;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pages of calls for projects: the public list of a tenant's published calls (no sign-in), the staff list and the
 * page of a call, where those who manage calls create, edit a draft, copy and publish.
 */
public final class CallPages {

  private static final String STAFF = "/t/:tenant/appels";

  private final CallService calls;
  private final Access access;
  private final PageLayout layout;

  public CallPages(CallService calls, Access access, PageLayout layout) {
    this.calls = calls;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    // Public on purpose: a call is published for organisations that have no account yet.
    router.get("/t/:tenant/appels-a-projets").handler(this::publicPage);
    router.get(STAFF).handler(access.to(Permission.READ_CALLS)).handler(this::listPage);
    router.get(STAFF + "/nouveau").handler(access.to(Permission.MANAGE_CALLS)).handler(this::newPage);
    router.post(STAFF).handler(access.to(Permission.MANAGE_CALLS)).handler(this::createFromPage);
    router.get(STAFF + "/:id").handler(access.to(Permission.READ_CALLS)).handler(this::callPage);
    router.post(STAFF + "/:id").handler(access.to(Permission.MANAGE_CALLS)).handler(this::updateFromPage);
    router.post(STAFF + "/:id/publier").handler(access.to(Permission.MANAGE_CALLS)).handler(this::publishFromPage);
    router.post(STAFF + "/:id/copier").handler(access.to(Permission.MANAGE_CALLS)).handler(this::copyFromPage);
  }

  private void publicPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    calls.territories(tenant).compose(territories -> calls.published(tenant).compose(list -> layout.render(request,
            "calls-public", "Appels à projets", Map.of("calls", list.stream().map(call -> view(call, territories, tenant, calls.now(), calls.actionTypes(tenant))).toList()))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void listPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    boolean managing = CallApi.managing(request);
    calls.territories(tenant).compose(territories -> (managing ? calls.list(tenant) : calls.published(tenant))
            .compose(list -> {
              ListTable table = table(tenant, list, calls.now());
              if (ListTable.isExport(request)) {
                return table.export(request);
              }
              return layout.render(request, "calls", "Appels à projets", Map.of("calls",
                  list.stream().map(call -> view(call, territories, tenant, calls.now(), calls.actionTypes(tenant))).toList(), "canManage", managing,
                  "table", table.model(request),
                  "notice", String.valueOf(request.queryParams().get("notice"))));
            }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void callPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    String notice = request.queryParams().get("notice");
    calls.get(tenant, CallApi.id(request))
        .onSuccess(call -> {
          if (call.state() == State.DRAFT && !CallApi.managing(request)) {
            FailureHandler.respond(request, Problem.notFound("Aucun appel à projets « " + call.id() + " » dans ce département."));
            return;
          }
          render(request, 200, call, valuesOf(call), Map.of(), List.of(), "", notice == null ? "" : notice);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void newPage(RoutingContext request) {
    render(request, 200, null, new HashMap<>(Map.of("maxConventionYears", "3")), Map.of(), List.of(), "", "");
  }

  private void createFromPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    MultiMap form = request.request().formAttributes();
    fromForm(tenant, form, null)
        .compose(content -> calls.create(tenant, content, CallApi.actor(request), CallApi.requestId(request)))
        .onSuccess(call -> Redirect.seeOther(request, "/t/" + tenant + "/appels/" + call.id() + "?notice=cree"))
        .onFailure(error -> formFailure(request, null, form, error));
  }

  private void updateFromPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    UUID id = CallApi.id(request);
    MultiMap form = request.request().formAttributes();
    calls.get(tenant, id)
        .compose(current -> fromForm(tenant, form, current)
            .compose(content -> calls.update(tenant, id, content, CallInput.expectedVersion(form.get("version")),
                CallApi.actor(request), CallApi.requestId(request))))
        .onSuccess(call -> Redirect.seeOther(request, "/t/" + tenant + "/appels/" + id + "?notice=enregistre"))
        .onFailure(error -> formFailure(request, id, form, error));
  }

  private void publishFromPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    UUID id = CallApi.id(request);
    MultiMap form = request.request().formAttributes();
    Future.succeededFuture().compose(ok -> calls.publish(tenant, id, CallInput.expectedVersion(form.get("version")),
            CallApi.actor(request), CallApi.requestId(request)))
        .onSuccess(call -> Redirect.seeOther(request, "/t/" + tenant + "/appels/" + id + "?notice=publie"))
        .onFailure(error -> formFailure(request, id, null, error));
  }

  private void copyFromPage(RoutingContext request) {
    String tenant = CallApi.tenant(request);
    calls.copy(tenant, CallApi.id(request), CallApi.actor(request), CallApi.requestId(request))
        .onSuccess(call -> Redirect.seeOther(request, "/t/" + tenant + "/appels/" + call.id() + "?notice=copie"))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A refused form shows the reasons next to the fields; a stale or frozen one shows what is saved now. */
  private void formFailure(RoutingContext request, UUID id, MultiMap form, Throwable error) {
    if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
      FailureHandler.respond(request, error);
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    problem.errors().forEach(e -> errors.merge(formField(e.field()), e.message(), (a, b) -> a + " " + b));
    Future<CallForProjects> current = id == null ? Future.succeededFuture(null) : calls.get(CallApi.tenant(request), id);
    current.onSuccess(call -> {
      boolean keepTyped = problem.status() == 400 && form != null;
      render(request, problem.status(), call, keepTyped ? formValues(form) : call == null ? Map.of() : valuesOf(call),
          errors, problem.errors(), problem.status() == 409 || form == null ? problem.detail() : "", "");
    }).onFailure(failure -> FailureHandler.respond(request, failure));
  }

  private void render(RoutingContext request, int status, CallForProjects call, Map<String, Object> values,
                      Map<String, String> errors, List<Problem.FieldError> errorList, String conflict, String notice) {
    String tenant = CallApi.tenant(request);
    boolean managing = CallApi.managing(request);
    Map<String, ActionTypeDescriptor> types = calls.actionTypes(tenant);
    calls.territories(tenant).compose(territories -> {
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("call", call == null ? null : view(call, territories, tenant, calls.now(), calls.actionTypes(tenant)));
      model.put("values", values);
      model.put("errors", errors);
      model.put("errorList", errorList);
      model.put("conflict", conflict == null ? "" : conflict);
      model.put("notice", notice);
      model.put("canEdit", managing && (call == null || call.state() == State.DRAFT));
      model.put("canManage", managing);
      model.put("canReadApplications", Access.principal(request)
          .map(p -> Access.allows(p, Permission.READ_APPLICATIONS.roles(), false, tenant)).orElse(false));
      model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr())).toList());
      model.put("territories", territories);
      return layout.render(request, "call", call == null ? "Nouvel appel à projets" : call.content().title(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * The call a form describes. The form edits the text, dates, envelope, lots (one per action type, on the territories
   * ticked) and the general criteria (one per line, "libellé | poids"); a criterion kept at its place keeps its code,
   * scale and sub-criteria, and the action types' own criteria stay as they were.
   */
  private Future<Content> fromForm(String tenant, MultiMap form, CallForProjects current) {
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonObject body = new JsonObject()
        .put("title", form.get("title")).put("thematic", form.get("thematic"))
        .put("programmeRefs", new JsonArray(lines(form.get("programmeRefs"))))
        .put("texts", new JsonObject().put("context", form.get("texts.context")).put("objectives", form.get("texts.objectives"))
            .put("public", form.get("texts.public")).put("territories", form.get("texts.territories")))
        .put("launchDecision", form.get("launchDecision")).put("launchDecisionDate", form.get("launchDecisionDate"))
        .put("publicationDate", form.get("publicationDate"))
        .put("deadline", deadline(form.get("deadlineDay"), form.get("deadlineTime"), errors))
        .put("budgetCents", cents(form.get("budget"), "budgetCents", errors))
        .put("generalParts", new JsonArray(lines(form.get("generalParts"))))
        .put("projectParts", new JsonArray(lines(form.get("projectParts"))))
        .put("documents", new JsonArray(lines(form.get("documents"))))
        .put("indirectCostCapPercent", blankToNull(form.get("indirectCostCapPercent")))
        .put("maxConventionYears", blankToNull(form.get("maxConventionYears")))
        .put("needsFrom", blankToNull(form.get("needsFrom")))
        .put("contacts", current == null ? new JsonArray()
            : new JsonArray(current.content().contacts().stream().map(CallForProjects.Contact::toJson).toList()))
        .put("notes", new JsonArray(current == null ? List.of() : current.content().notes()));
    JsonArray lots = new JsonArray();
    for (String type : form.getAll("lots")) {
      Lot existing = current == null ? null : current.content().lots().stream().filter(l -> l.actionType().equals(type))
          .findFirst().orElse(null);
      lots.add(new JsonObject().put("code", existing == null ? type : existing.code())
          .put("title", blankToNull(form.get("lot." + type + ".title")) == null
              ? (existing == null ? type : existing.title()) : form.get("lot." + type + ".title"))
          .put("actionType", type).put("territories", new JsonArray(form.getAll("lot." + type + ".territories")))
          .put("budgetCents", cents(form.get("lot." + type + ".budget"), "lot." + type + ".budget", errors)));
    }
    body.put("lots", lots);
    List<Criterion> general = current == null ? List.of() : current.content().criteria().stream().filter(Criterion::general).toList();
    JsonArray criteria = new JsonArray();
    List<String> lines = lines(form.get("criteria"));
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\\|", 2);
      Criterion kept = i < general.size() ? general.get(i) : null;
      criteria.add(new JsonObject().put("code", kept == null ? "critere-" + (i + 1) : kept.code()).put("label", parts[0].strip())
          .put("weight", parts.length > 1 ? parts[1].strip() : null)
          .put("scale", new JsonArray((kept == null ? CallService.DEFAULT_SCALE : kept.scale()).stream()
              .map(CallForProjects.Level::toJson).toList()))
          .put("subCriteria", new JsonArray(kept == null ? List.of() : kept.subCriteria().stream()
              .map(CallForProjects.SubCriterion::toJson).toList())));
    }
    if (current != null) {
      current.content().criteria().stream().filter(c -> !c.general()).forEach(c -> criteria.add(c.toJson()));
    }
    body.put("criteria", criteria);
    return calls.parse(tenant, body).recover(error -> {
      if (error instanceof Problem problem && problem.status() == 400) {
        List<Problem.FieldError> all = new ArrayList<>(errors);
        all.addAll(problem.errors());
        return Future.failedFuture(Problem.validation(all));
      }
      return Future.failedFuture(error);
    }).compose(content -> errors.isEmpty() ? Future.succeededFuture(content) : Future.failedFuture(Problem.validation(errors)));
  }

  /** "Le 22 août à minuit" is entered as the day with no time: the end of that day. */
  private static String deadline(String day, String time, List<Problem.FieldError> errors) {
    if (day == null || day.isBlank()) {
      return null;
    }
    try {
      LocalDate date = FrenchDates.parseDay(day);
      if (time == null || time.isBlank()) {
        return date.plusDays(1).atStartOfDay().toString();
      }
      return LocalDateTime.of(date, LocalTime.parse(time.strip())).toString();
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError("deadline", "Une date (choisie dans le calendrier ou écrite JJ/MM/AAAA, par exemple 31/12/2025) et,"
          + " si ce n'est pas minuit, une heure (HH:MM)."));
      return null;
    }
  }

  /** Euros as typed on a page ("15 000", "1234,50") to exact cents. */
  private static Long cents(String euros, String field, List<Problem.FieldError> errors) {
    if (euros == null || euros.isBlank()) {
      return null;
    }
    String cleaned = euros.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("€", "").replace(',', '.');
    try {
      BigDecimal amount = new BigDecimal(cleaned);
      if (amount.signum() < 0 || amount.scale() > 2) {
        throw new NumberFormatException();
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new Problem.FieldError(field, "Un montant en euros, positif, au centime près (par exemple 15 000 ou 1 234,50)."));
      return null;
    }
  }

  /** The calls as a list table: sortable, in pages, exportable. */
  private static ListTable table(String tenant, List<CallForProjects> list, java.time.Instant now) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (CallForProjects call : list) {
      Content c = call.content();
      Map<String, String> cells = new HashMap<>();
      cells.put("title", c.title());
      cells.put("state", call.stateAt(now).label());
      cells.put("deadline", CallForProjects.deadlineLabel(c.deadline()));
      cells.put("lots", String.valueOf(c.lots().size()));
      cells.put("budget", CallForProjects.euros(c.budgetCents()));
      Map<String, Comparable<?>> sort = new HashMap<>();
      if (c.deadline() != null) {
        sort.put("deadline", c.deadline());
      }
      if (c.budgetCents() != null) {
        sort.put("budget", c.budgetCents());
      }
      lines.add(new ListTable.Line("appel-" + call.id(), "/t/" + tenant + "/appels/" + call.id(), cells, sort));
    }
    return new ListTable("Appels à projets du département", "appels-a-projets", List.of(
        ListTable.Column.text("title", "Appel"), ListTable.Column.text("state", "État"),
        ListTable.Column.text("deadline", "Date limite"), ListTable.Column.number("lots", "Lots"),
        ListTable.Column.number("budget", "Enveloppe")), lines);
  }

  private static Map<String, Object> view(CallForProjects call, List<Tenant.Territory> territories, String tenant,
                                          java.time.Instant now, Map<String, ActionTypeDescriptor> types) {
    Content c = call.content();
    Map<String, Object> view = new HashMap<>();
    view.put("id", call.id().toString());
    view.put("title", c.title());
    view.put("thematic", c.thematic());
    view.put("state", call.stateAt(now).code());
    view.put("stateLabel", call.stateAt(now).label());
    view.put("draft", call.state() == State.DRAFT);
    view.put("version", call.version());
    view.put("context", c.context());
    view.put("objectives", c.objectives());
    view.put("publicText", c.publicText());
    view.put("territoriesText", c.territoriesText());
    view.put("launchDecision", c.launchDecision());
    view.put("launchDecisionDate", CallForProjects.dayLabel(c.launchDecisionDate()));
    view.put("publicationDate", CallForProjects.dayLabel(c.publicationDate()));
    view.put("deadline", CallForProjects.deadlineLabel(c.deadline()));
    view.put("budget", CallForProjects.euros(c.budgetCents()));
    view.put("contacts", c.contacts());
    view.put("programmeRefs", c.programmeRefs());
    view.put("generalParts", c.generalParts());
    view.put("projectParts", c.projectParts());
    view.put("documents", c.documents());
    view.put("indirectCostCap", c.indirectCostCapPercent() == null ? "" : c.indirectCostCapPercent() + " %");
    view.put("maxConventionYears", c.maxConventionYears());
    view.put("notes", c.notes());
    view.put("lots", c.lots().stream().map(lot -> Map.of("code", lot.code(), "title", lot.title(), "actionType", lot.actionType(),
        "territories", lot.territories().stream().map(code -> territoryName(territories, code)).toList(),
        "budget", CallForProjects.euros(lot.budgetCents()),
        "needs", lot.needs().stream().map(need -> Map.of("territory", territoryName(territories, need.territory()),
            "target", need.target(), "unit", CapacityUnits.after(need.target(), need.unit(), types.get(lot.actionType()))))
            .toList())).toList());
    view.put("criteria", c.criteria().stream().map(criterion -> Map.of("code", criterion.code(), "label", criterion.label(),
        "actionType", criterion.actionType(), "weight", criterion.weight(), "scale", criterion.scale(),
        "subCriteria", criterion.subCriteria())).toList());
    view.put("publicUrl", "/t/" + tenant + "/appels-a-projets#appel-" + call.id());
    return view;
  }

  private static Map<String, Object> valuesOf(CallForProjects call) {
    Content c = call.content();
    Map<String, Object> values = new HashMap<>();
    values.put("title", c.title());
    values.put("thematic", c.thematic());
    values.put("programmeRefs", String.join("\n", c.programmeRefs()));
    values.put("texts.context", c.context());
    values.put("texts.objectives", c.objectives());
    values.put("texts.public", c.publicText());
    values.put("texts.territories", c.territoriesText());
    values.put("launchDecision", c.launchDecision());
    values.put("launchDecisionDate", c.launchDecisionDate() == null ? "" : c.launchDecisionDate().toString());
    values.put("publicationDate", c.publicationDate() == null ? "" : c.publicationDate().toString());
    if (c.deadline() != null) {
      boolean midnight = c.deadline().toLocalTime().equals(LocalTime.MIDNIGHT);
      values.put("deadlineDay", (midnight ? c.deadline().toLocalDate().minusDays(1) : c.deadline().toLocalDate()).toString());
      values.put("deadlineTime", midnight ? "" : c.deadline().toLocalTime().toString());
    }
    values.put("budget", c.budgetCents() == null ? "" : BigDecimal.valueOf(c.budgetCents(), 2).toPlainString());
    values.put("generalParts", String.join("\n", c.generalParts()));
    values.put("projectParts", String.join("\n", c.projectParts()));
    values.put("documents", String.join("\n", c.documents()));
    values.put("indirectCostCapPercent", c.indirectCostCapPercent() == null ? "" : c.indirectCostCapPercent().toString());
    values.put("maxConventionYears", String.valueOf(c.maxConventionYears()));
    values.put("needsFrom", c.needsFrom() == null ? "" : c.needsFrom());
    values.put("criteria", String.join("\n", c.criteria().stream().filter(Criterion::general)
        .map(criterion -> criterion.label() + " | " + criterion.weight()).toList()));
    values.put("lots", c.lots().stream().map(Lot::actionType).toList());
    for (Lot lot : c.lots()) {
      values.put("lot." + lot.actionType() + ".territories", lot.territories());
      values.put("lot." + lot.actionType() + ".title", lot.title());
      values.put("lot." + lot.actionType() + ".budget", lot.budgetCents() == null ? "" : BigDecimal.valueOf(lot.budgetCents(), 2).toPlainString());
    }
    values.put("version", String.valueOf(call.version()));
    return values;
  }

  private static Map<String, Object> formValues(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    values.put("lots", form.getAll("lots"));
    form.names().stream().filter(name -> name.endsWith(".territories")).forEach(name -> values.put(name, form.getAll(name)));
    return values;
  }

  /** Where the page shows an error of the API's shape: grid and lots are edited as a whole on the page. */
  private static String formField(String field) {
    if (field.startsWith("criteria")) {
      return "criteria";
    }
    if (field.startsWith("lots") || field.startsWith("lot.")) {
      return "lots";
    }
    return field.startsWith("contacts") ? "contacts" : field;
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String territoryName(List<Tenant.Territory> territories, String code) {
    return territories.stream().filter(t -> t.code().equals(code)).map(Tenant.Territory::name).findFirst().orElse(code);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
