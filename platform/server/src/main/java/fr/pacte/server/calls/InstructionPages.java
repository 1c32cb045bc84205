package fr.pacte.server.calls;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Pages of instruction: an application's thread and admissibility ({@code /t/{tenant}/candidatures/{id}/messages}),
 * its decision and letters ({@code …/decision}), the reviewers' scoring on the grid ({@code …/notation}), and for the
 * programme manager the ranking, selection proposal and committee decision of a call ({@code /t/{tenant}/appels/{id}/
 * selection}). The same service as the API decides scope; a refused form shows the French reason next to the field,
 * with what was typed.
 */
public final class InstructionPages {

  private static final String ONE = "/t/:tenant/candidatures/:id";
  private static final String CALL = "/t/:tenant/appels/:id";

  private final InstructionService service;
  private final Access access;
  private final PageLayout layout;

  public InstructionPages(InstructionService service, Access access, PageLayout layout) {
    this.service = service;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(ONE + "/messages").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(r -> messagesPage(r, 200, Map.of(), Map.of(), ""));
    router.post(ONE + "/messages").handler(access.to(Permission.WRITE_MESSAGES)).handler(this::post);
    router.post(ONE + "/recevabilite").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::admissibility);
    router.get(ONE + "/decision").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(this::decisionPage);
    router.get(ONE + "/notation").handler(access.to(Permission.READ_REVIEWS)).handler(r -> reviewPage(r, 200, Map.of(), Map.of(), ""));
    router.post(ONE + "/notation/:lot").handler(access.to(Permission.SCORE_APPLICATIONS)).handler(this::score);
    router.post(ONE + "/notation/:lot/conflit").handler(access.to(Permission.SCORE_APPLICATIONS)).handler(this::conflict);
    router.post(ONE + "/notation/:lot/instructeurs").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::assign);
    router.post(ONE + "/notation/:lot/consolidation").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::agree);
    router.get(CALL + "/selection").handler(access.to(Permission.READ_SELECTION)).handler(r -> selectionPage(r, 200, Map.of(), Map.of(), ""));
    router.post(CALL + "/selection").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::propose);
    router.get(CALL + "/notes").handler(access.to(Permission.READ_SELECTION)).handler(this::scoresPage);
    router.post(CALL + "/decision").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::decide);
  }

  // ---------------------------------------------------------------- thread and admissibility

  private void messagesPage(RoutingContext request, int status, Map<String, String> values, Map<String, String> errors,
                            String conflict) {
    RequestContext context = RequestContext.of(request);
    UUID id = InstructionApi.id(request);
    service.messages(context, id).compose(thread -> service.admissibility(context, id).compose(admissibility -> {
      Map<String, Object> model = model(values, errors, conflict, request);
      model.put("application", id.toString());
      model.put("organisation", thread.application().organisationName());
      JsonObject json = InstructionApi.thread(request, thread);
      java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm");
      for (int i = 0; i < thread.messages().size(); i++) {
        InstructionStore.Message message = thread.messages().get(i);
        json.getJsonArray("messages").getJsonObject(i)
            .put("createdLabel", message.createdAt().atZone(context.zone()).format(time))
            .put("dueDateLabel", CallForProjects.dayLabel(message.dueDate()));
      }
      model.put("messages", plain(json).get("messages"));
      model.put("admissibility", plain(admissibility.toJson()));
      model.put("admissibilityState", admissibility.stateLabel());
      model.put("decisionReason", admissibility.decision() == null ? "" : admissibility.decision().reason());
      model.put("departement", context.holds(Permission.INSTRUCT_APPLICATIONS));
      model.put("canWrite", context.holds(Permission.INSTRUCT_APPLICATIONS) || context.organisationScope() != null);
      request.response().setStatusCode(status);
      return layout.render(request, "instruction-messages", "Échanges — " + thread.application().organisationName(), model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void post(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<Problem.FieldError> errors = new ArrayList<>();
    LocalDate due = date(form.get("dueDate"), "dueDate", errors);
    attempt(request, form, errors, () -> service.post(RequestContext.of(request), id, form.get("body"), due, List.of()),
        "/t/" + tenant(request) + "/candidatures/" + id + "/messages?notice=envoye",
        (status, values, fieldErrors, conflict) -> messagesPage(request, status, values, fieldErrors, conflict));
  }

  private void admissibility(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<Problem.FieldError> errors = new ArrayList<>();
    if (!"oui".equals(form.get("admissible")) && !"non".equals(form.get("admissible"))) {
      errors.add(new Problem.FieldError("admissible", "Choisissez recevable ou irrecevable."));
    }
    Integer version = integer(form.get("version"));
    attempt(request, form, errors, () -> service.decideAdmissibility(RequestContext.of(request), id,
            "oui".equals(form.get("admissible")), form.get("reason"), version),
        "/t/" + tenant(request) + "/candidatures/" + id + "/messages?notice=recevabilite",
        (status, values, fieldErrors, conflict) -> messagesPage(request, status, values, fieldErrors, conflict));
  }

  // ---------------------------------------------------------------- decision and letters

  private void decisionPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    service.decision(context, InstructionApi.id(request)).compose(decision -> {
      Map<String, Object> model = model(Map.of(), Map.of(), "", request);
      JsonObject json = InstructionApi.decision(request, decision);
      decision.decision().ifPresent(d -> json.put("committeeDateLabel", CallForProjects.dayLabel(d.committeeDate())));
      json.getJsonArray("projects").forEach(p -> ((JsonObject) p).put("amount", CallForProjects.euros(((JsonObject) p).getLong("amountCents"))));
      model.put("decision", plain(json));
      model.put("organisation", decision.application().organisationName());
      return layout.render(request, "instruction-decision", "Décision — " + decision.application().organisationName(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---------------------------------------------------------------- scoring

  private void reviewPage(RoutingContext request, int status, Map<String, String> values, Map<String, String> errors,
                          String conflict) {
    RequestContext context = RequestContext.of(request);
    service.reviews(context, InstructionApi.id(request)).compose(reviews -> {
      Map<String, Object> model = model(values, errors, conflict, request);
      JsonObject json = InstructionApi.reviews(reviews);
      String me = context.principal() == null ? "" : context.principal().username();
      json.getJsonArray("projects").forEach(item -> {
        JsonObject project = (JsonObject) item;
        JsonObject mine = project.getJsonArray("sheets").stream().map(JsonObject.class::cast)
            .filter(s -> s.getString("reviewer").equals(me)).findFirst().orElse(null);
        project.put("mine", mine);
        project.put("canScore", mine != null && !mine.getBoolean("conflict") && mine.getString("submittedAt") == null);
      });
      model.put("reviews", plain(json));
      model.put("organisation", reviews.application().organisationName());
      model.put("canInstruct", context.holds(Permission.INSTRUCT_APPLICATIONS));
      request.response().setStatusCode(status);
      return layout.render(request, "instruction-review", "Notation — " + reviews.application().organisationName(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void score(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    String lot = request.pathParam("lot");
    Map<String, SelectionGrid.Mark> sheet = new LinkedHashMap<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String name : form.names()) {
      if (name.startsWith("score.")) {
        String key = name.substring("score.".length());
        Integer score = integer(form.get(name));
        if (score == null) {
          errors.add(new Problem.FieldError("scores." + key, "Choisissez un niveau du barème."));
        } else {
          sheet.put(key, new SelectionGrid.Mark(score, form.get("justification." + key)));
        }
      }
    }
    boolean submit = "transmettre".equals(form.get("action"));
    attempt(request, form, errors, () -> service.score(RequestContext.of(request), id, lot, sheet, submit, integer(form.get("version"))),
        "/t/" + tenant(request) + "/candidatures/" + id + "/notation?notice=" + (submit ? "transmise" : "enregistree"),
        (status, values, fieldErrors, conflict) -> reviewPage(request, status, values, fieldErrors, conflict));
  }

  private void conflict(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    attempt(request, form, new ArrayList<>(), () -> service.declareConflict(RequestContext.of(request), id,
            request.pathParam("lot"), form.get("reason")),
        "/t/" + tenant(request) + "/candidatures/" + id + "/notation?notice=conflit",
        (status, values, fieldErrors, conflict) -> reviewPage(request, status, values, fieldErrors, conflict));
  }

  private void assign(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<String> reviewers = new ArrayList<>();
    for (String name : (form.get("reviewers") == null ? "" : form.get("reviewers")).split("[,;\\s]+")) {
      if (!name.isBlank()) {
        reviewers.add(name.strip());
      }
    }
    attempt(request, form, new ArrayList<>(), () -> service.assign(RequestContext.of(request), id, request.pathParam("lot"), reviewers),
        "/t/" + tenant(request) + "/candidatures/" + id + "/notation?notice=designes",
        (status, values, fieldErrors, conflict) -> reviewPage(request, status, values, fieldErrors, conflict));
  }

  private void agree(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<Problem.FieldError> errors = new ArrayList<>();
    BigDecimal points = null;
    try {
      points = new BigDecimal(form.get("points") == null ? "" : form.get("points").strip().replace(',', '.'));
    } catch (NumberFormatException e) {
      errors.add(new Problem.FieldError("points", "Indiquez la note retenue en points (au plus deux décimales)."));
    }
    BigDecimal agreed = points;
    attempt(request, form, errors, () -> service.agree(RequestContext.of(request), id, request.pathParam("lot"), agreed,
            form.get("justification")),
        "/t/" + tenant(request) + "/candidatures/" + id + "/notation?notice=consolidee",
        (status, values, fieldErrors, conflict) -> reviewPage(request, status, values, fieldErrors, conflict));
  }

  // ---------------------------------------------------------------- ranking, selection, decision

  /**
   * The scores grid of a call: one line per reviewer's submitted sheet, the general criteria in columns, the action
   * type's own ones together, the total and the project's consolidated score; sortable, CSV and Excel exports.
   */
  private void scoresPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    service.scoreGrid(context, InstructionApi.id(request)).compose(grid -> {
      List<CallForProjects.Criterion> general = grid.call().content().criteria().stream()
          .filter(CallForProjects.Criterion::general).toList();
      List<fr.pacte.server.web.ListTable.Column> columns = new ArrayList<>(List.of(
          fr.pacte.server.web.ListTable.Column.text("organisation", "Organisme porteur"),
          fr.pacte.server.web.ListTable.Column.text("lot", "Lot"),
          fr.pacte.server.web.ListTable.Column.text("reviewer", "Instructeur")));
      general.forEach(c -> columns.add(fr.pacte.server.web.ListTable.Column.number("c-" + c.code(), c.label().length() > 60
          ? c.label().substring(0, 57) + "…" : c.label())));
      columns.add(fr.pacte.server.web.ListTable.Column.text("own", "Critères propres au type d'action"));
      columns.add(fr.pacte.server.web.ListTable.Column.number("points", "Total (points)"));
      columns.add(fr.pacte.server.web.ListTable.Column.number("consolidated", "Note consolidée"));
      columns.add(fr.pacte.server.web.ListTable.Column.text("disagreement", "Désaccord"));
      List<fr.pacte.server.web.ListTable.Line> lines = new ArrayList<>();
      for (InstructionService.ScoreLine line : grid.lines()) {
        Map<String, String> cells = new LinkedHashMap<>();
        JsonObject scores = line.review().scores();
        cells.put("organisation", line.application().organisationName());
        cells.put("lot", grid.call().content().lots().stream().filter(l -> l.code().equals(line.project().lot()))
            .map(CallForProjects.Lot::title).findFirst().orElse(line.project().lot()));
        cells.put("reviewer", line.review().reviewerName());
        general.forEach(c -> {
          JsonObject mark = scores.getJsonObject(SelectionGrid.key(c));
          cells.put("c-" + c.code(), mark == null ? "" : String.valueOf(mark.getInteger("score")));
        });
        List<String> own = new ArrayList<>();
        line.grid().criteria().stream().filter(c -> !c.general()).forEach(c -> {
          JsonObject mark = scores.getJsonObject(SelectionGrid.key(c));
          own.add(c.label() + " : " + (mark == null ? "—" : mark.getInteger("score")));
        });
        cells.put("own", String.join(" ; ", own));
        cells.put("points", line.review().points() + " / " + line.grid().maxPoints());
        cells.put("consolidated", line.consolidation() == null || line.consolidation().points() == null ? ""
            : line.consolidation().points().toPlainString().replace('.', ','));
        cells.put("disagreement", line.consolidation() != null && line.consolidation().disagreement() ? "à discuter" : "");
        lines.add(new fr.pacte.server.web.ListTable.Line(null, "/t/" + context.tenant() + "/candidatures/"
            + line.application().id() + "/notation", cells));
      }
      fr.pacte.server.web.ListTable table = new fr.pacte.server.web.ListTable("Notes des instructeurs", "notes-instructeurs",
          columns, lines);
      if (fr.pacte.server.web.ListTable.isExport(request)) {
        return table.export(request);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("call", Map.of("id", grid.call().id().toString(), "title", grid.call().content().title()));
      model.put("table", table.model(request));
      return layout.render(request, "instruction-scores", "Notes des instructeurs — " + grid.call().content().title(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void selectionPage(RoutingContext request, int status, Map<String, String> values, Map<String, String> errors,
                             String conflict) {
    RequestContext context = RequestContext.of(request);
    service.standing(context, InstructionApi.id(request)).compose(standing -> {
      Map<String, Object> model = model(values, errors, conflict, request);
      JsonObject selection = InstructionApi.selection(standing);
      selection.put("envelope", CallForProjects.euros(selection.getLong("envelopeCents")))
          .put("total", CallForProjects.euros(selection.getLong("totalCents")))
          .put("left", CallForProjects.euros(selection.getLong("leftCents")));
      selection.getJsonArray("lines").forEach(item -> {
        JsonObject line = (JsonObject) item;
        line.put("requested", CallForProjects.euros(line.getLong("requestedCents")))
            .put("fundable", CallForProjects.euros(line.getLong("fundableCents")))
            .put("amount", CallForProjects.euros(line.getLong("amountCents")))
            .put("negotiated", line.getLong("negotiatedCents") == null ? "" : euroInput(line.getLong("negotiatedCents")))
            .put("key", line.getString("application") + "." + line.getString("lot"));
      });
      JsonObject ranking = InstructionApi.ranking(standing);
      ranking.getJsonArray("lots").forEach(lot -> ((JsonObject) lot).getJsonArray("territories").forEach(t ->
          ((JsonObject) t).getJsonArray("projects").forEach(p -> ((JsonObject) p)
              .put("requested", CallForProjects.euros(((JsonObject) p).getLong("requestedCents")))
              .put("fundable", CallForProjects.euros(((JsonObject) p).getLong("fundableCents"))))));
      model.put("call", plain(new JsonObject().put("id", standing.call().id().toString())
          .put("title", standing.call().content().title()).put("state", standing.call().stateAt(context.clock().instant()).label())));
      model.put("ranking", plain(ranking));
      model.put("selection", plain(selection));
      JsonObject decision = InstructionApi.callDecision(standing);
      if (decision.getBoolean("decided")) {
        decision.put("committeeDateLabel", CallForProjects.dayLabel(standing.decision().get().committeeDate()))
            .put("total", CallForProjects.euros(decision.getLong("totalCents")));
      }
      model.put("decision", plain(decision));
      model.put("canInstruct", context.holds(Permission.INSTRUCT_APPLICATIONS));
      model.put("applications", standing.applications().stream().map(a -> Map.of("id", a.id().toString(),
          "name", a.organisationName())).toList());
      request.response().setStatusCode(status);
      return layout.render(request, "instruction-selection", "Sélection — " + standing.call().content().title(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void propose(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<Problem.FieldError> errors = new ArrayList<>();
    List<SelectionProposal.Choice> choices = new ArrayList<>();
    for (String name : form.names()) {
      if (name.startsWith("line.")) {
        String key = name.substring("line.".length());
        int dot = key.indexOf('.');
        UUID application;
        try {
          application = UUID.fromString(key.substring(0, dot));
        } catch (RuntimeException e) {
          continue;
        }
        String lot = key.substring(dot + 1);
        Long negotiated = euros(form.get("negotiated." + key), "negotiated." + key, errors);
        choices.add(new SelectionProposal.Choice(application, lot, form.get("retained." + key) != null, negotiated));
      }
    }
    attempt(request, form, errors, () -> service.propose(RequestContext.of(request), id, choices,
            integer(form.get("disagreementThreshold")), integer(form.get("version"))),
        "/t/" + tenant(request) + "/appels/" + id + "/selection?notice=proposee",
        (status, values, fieldErrors, conflict) -> selectionPage(request, status, values, fieldErrors, conflict));
  }

  private void decide(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    UUID id = InstructionApi.id(request);
    List<Problem.FieldError> errors = new ArrayList<>();
    LocalDate date = date(form.get("committeeDate"), "committeeDate", errors);
    attempt(request, form, errors, () -> service.decide(RequestContext.of(request), id, form.get("committee"), date,
            form.get("deliberationRef"), null),
        "/t/" + tenant(request) + "/appels/" + id + "/selection?notice=decidee",
        (status, values, fieldErrors, conflict) -> selectionPage(request, status, values, fieldErrors, conflict));
  }

  // ---------------------------------------------------------------- helpers

  @FunctionalInterface
  private interface Rerender {
    void render(int status, Map<String, String> values, Map<String, String> errors, String conflict);
  }

  /**
   * Runs a change: redirects on success; on a refusal (400, 409) shows the page again with the French reasons next to
   * the fields and what was typed.
   */
  private static void attempt(RoutingContext request, MultiMap form, List<Problem.FieldError> earlier,
                              Supplier<Future<?>> change, String success, Rerender rerender) {
    Future<?> result = earlier.isEmpty() ? Future.succeededFuture().compose(ok -> change.get())
        : Future.failedFuture(Problem.validation(earlier));
    result.onSuccess(done -> Redirect.seeOther(request, success)).onFailure(error -> {
      if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
        FailureHandler.respond(request, error);
        return;
      }
      Map<String, String> values = new HashMap<>();
      form.names().forEach(name -> values.put(name, form.get(name)));
      Map<String, String> errors = new LinkedHashMap<>();
      problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
      rerender.render(problem.status(), values, errors, problem.errors().isEmpty() ? problem.detail() : "");
    });
  }

  private static Map<String, Object> model(Map<String, String> values, Map<String, String> errors, String conflict,
                                           RoutingContext request) {
    Map<String, Object> model = new HashMap<>();
    model.put("values", values);
    model.put("errors", errors);
    model.put("errorList", errors.values().stream().toList());
    model.put("conflict", conflict);
    String notice = request.queryParams().get("notice");
    model.put("notice", notice == null ? "" : notice);
    return model;
  }

  /** The JSON as plain maps and lists, which the templates read. */
  private static Map<String, Object> plain(JsonObject json) {
    return new JsonObject(json.encode()).getMap();
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

  private static Integer integer(String value) {
    if (value == null || !value.strip().matches("-?[0-9]{1,9}")) {
      return null;
    }
    return Integer.valueOf(value.strip());
  }

  private static LocalDate date(String value, String field, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return FrenchDates.parseDay(value);
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(field, FrenchDates.TYPED_DAY_HINT));
      return null;
    }
  }

  /** "105 000,50" (euros, as people type them) in cents; blank is none. */
  static Long euros(String value, String field, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String normal = value.replaceAll("[\\s\\u00a0\\u202f€]", "").replace(',', '.');
    try {
      BigDecimal amount = new BigDecimal(normal);
      if (amount.signum() < 0 || amount.scale() > 2) {
        throw new NumberFormatException();
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new Problem.FieldError(field, "Un montant en euros est attendu, par exemple 105 000 ou 105 000,50."));
      return null;
    }
  }

  private static String euroInput(long cents) {
    return BigDecimal.valueOf(cents).movePointLeft(2).stripTrailingZeros().toPlainString().replace('.', ',');
  }
}
