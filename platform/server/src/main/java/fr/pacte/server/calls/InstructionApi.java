package fr.pacte.server.calls;

import fr.pacte.server.calls.InstructionService.ApplicationDecision;
import fr.pacte.server.calls.InstructionService.ProjectReviews;
import fr.pacte.server.calls.InstructionService.Reviews;
import fr.pacte.server.calls.InstructionService.Standing;
import fr.pacte.server.calls.InstructionStore.Message;
import fr.pacte.server.calls.InstructionStore.Review;
import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Instruction and selection through the API: {@code /api/tenants/{tenant}/applications/{id}/admissibility|messages|
 * reviews|decision|letters} and {@code /api/tenants/{tenant}/calls/{id}/ranking|selection|decision}.
 */
public final class InstructionApi {

  static final String APPLICATION = "/api/tenants/:tenant/applications/:id";
  static final String CALL = "/api/tenants/:tenant/calls/:id";

  private final InstructionService service;
  private final Access access;

  public InstructionApi(InstructionService service, Access access) {
    this.service = service;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(APPLICATION + "/admissibility").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(this::admissibility);
    router.put(APPLICATION + "/admissibility").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::decideAdmissibility);
    router.get(APPLICATION + "/messages").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(this::messages);
    router.post(APPLICATION + "/messages").handler(access.to(Permission.WRITE_MESSAGES)).handler(this::post);
    router.get(APPLICATION + "/reviews").handler(access.to(Permission.READ_REVIEWS)).handler(this::reviews);
    router.post(APPLICATION + "/reviews").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::assign);
    router.put(APPLICATION + "/reviews/:lot/sheet").handler(access.to(Permission.SCORE_APPLICATIONS)).handler(this::score);
    router.post(APPLICATION + "/reviews/:lot/conflict").handler(access.to(Permission.SCORE_APPLICATIONS)).handler(this::conflict);
    router.put(APPLICATION + "/reviews/:lot/consolidation").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::agree);
    router.get(APPLICATION + "/decision").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(this::applicationDecision);
    router.get(APPLICATION + "/letters/:letter").handler(access.to(Permission.FOLLOW_APPLICATIONS)).handler(this::letter);
    router.get(CALL + "/ranking").handler(access.to(Permission.READ_SELECTION)).handler(this::ranking);
    router.get(CALL + "/selection").handler(access.to(Permission.READ_SELECTION)).handler(this::selection);
    router.put(CALL + "/selection").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::propose);
    router.get(CALL + "/decision").handler(access.to(Permission.READ_SELECTION)).handler(this::callDecision);
    router.get(CALL + "/scores").handler(access.to(Permission.READ_SELECTION)).handler(this::scores);
    router.post(CALL + "/decision").handler(access.to(Permission.INSTRUCT_APPLICATIONS)).handler(this::decide);
  }

  private static <T> void answer(RoutingContext request, int status, Future<T> result, Function<T, JsonObject> json) {
    result.onSuccess(value -> Json.ok(request, status, json.apply(value)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void admissibility(RoutingContext request) {
    answer(request, 200, service.admissibility(context(request), id(request)), InstructionService.AdmissibilityView::toJson);
  }

  private void decideAdmissibility(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    Boolean admissible = fields.bool("admissible");
    String reason = fields.text("reason", 4000);
    Integer version = fields.integer("version", 0, Integer.MAX_VALUE);
    if (admissible == null && !fields.has("admissible")) {
      fields.error("admissible", "Indiquez si la candidature est recevable (true) ou non (false).");
    }
    fields.throwIfAny();
    answer(request, 200, service.decideAdmissibility(context(request), id(request), admissible, reason, version),
        InstructionService.AdmissibilityView::toJson);
  }

  private void messages(RoutingContext request) {
    answer(request, 200, service.messages(context(request), id(request)), thread -> thread(request, thread));
  }

  private void post(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    String text = fields.text("body", 10_000);
    var due = InstructionInput.date(fields, body, "dueDate");
    List<UUID> parts = InstructionInput.parts(fields, body);
    fields.throwIfAny();
    answer(request, 201, service.post(context(request), id(request), text, due, parts), message -> message(request, message));
  }

  private void reviews(RoutingContext request) {
    answer(request, 200, service.reviews(context(request), id(request)), InstructionApi::reviews);
  }

  private void assign(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    String lot = fields.line("lot", 80);
    List<String> reviewers = fields.lines("reviewers", 20, 100);
    if (lot == null) {
      fields.error("lot", "Indiquez le lot du projet.");
    }
    if (reviewers.isEmpty()) {
      fields.error("reviewers", "Désignez au moins deux instructeurs.");
    }
    fields.throwIfAny();
    answer(request, 200, service.assign(context(request), id(request), lot, reviewers), InstructionApi::reviews);
  }

  private void score(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    var sheet = InstructionInput.sheet(fields, body);
    Boolean submit = fields.bool("submit");
    Integer version = fields.integer("version", 0, Integer.MAX_VALUE);
    fields.throwIfAny();
    answer(request, 200, service.score(context(request), id(request), request.pathParam("lot"), sheet,
        Boolean.TRUE.equals(submit), version), InstructionApi::reviews);
  }

  private void conflict(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    String reason = fields.text("reason", 2000);
    fields.throwIfAny();
    answer(request, 200, service.declareConflict(context(request), id(request), request.pathParam("lot"), reason),
        InstructionApi::reviews);
  }

  private void agree(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    BigDecimal points = InstructionInput.points(fields, body);
    String justification = fields.text("justification", 4000);
    fields.throwIfAny();
    answer(request, 200, service.agree(context(request), id(request), request.pathParam("lot"), points, justification),
        InstructionApi::reviews);
  }

  private void applicationDecision(RoutingContext request) {
    answer(request, 200, service.decision(context(request), id(request)), decision -> decision(request, decision));
  }

  private void letter(RoutingContext request) {
    UUID letter;
    try {
      letter = UUID.fromString(request.pathParam("letter"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucun courrier « " + request.pathParam("letter") + " » pour cette candidature.");
    }
    service.letter(context(request), id(request), letter)
        .onSuccess(file -> PdfDocument.respond(request, file.fileName(), file.pdf()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void ranking(RoutingContext request) {
    answer(request, 200, service.standing(context(request), id(request)), InstructionApi::ranking);
  }

  private void scores(RoutingContext request) {
    answer(request, 200, service.scoreGrid(context(request), id(request)), InstructionApi::scoreGrid);
  }

  /** The scores grid: one line per submitted sheet, every criterion's score and justification, the totals. */
  static JsonObject scoreGrid(InstructionService.ScoreGrid grid) {
    return new JsonObject().put("call", grid.call().id().toString())
        .put("lines", new JsonArray(grid.lines().stream().map(line -> new JsonObject()
            .put("application", line.application().id().toString())
            .put("organisation", line.application().organisationName())
            .put("lot", line.project().lot()).put("title", line.project().title())
            .put("reviewer", line.review().reviewer()).put("reviewerName", line.review().reviewerName())
            .put("submittedAt", line.review().submittedAt().toString())
            .put("points", line.review().points()).put("maxPoints", line.grid().maxPoints())
            .put("scores", line.review().scores().copy())
            .put("consolidatedPoints", line.consolidation() == null || line.consolidation().points() == null ? null
                : line.consolidation().points().toPlainString())
            .put("disagreement", line.consolidation() != null && line.consolidation().disagreement())).toList()));
  }

  private void selection(RoutingContext request) {
    answer(request, 200, service.standing(context(request), id(request)), InstructionApi::selection);
  }

  private void propose(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    var lines = InstructionInput.lines(fields, body);
    Integer threshold = fields.integer("disagreementThreshold", 0, 100);
    Integer version = fields.integer("version", 0, Integer.MAX_VALUE);
    fields.throwIfAny();
    answer(request, 200, service.propose(context(request), id(request), lines, threshold, version), InstructionApi::selection);
  }

  private void callDecision(RoutingContext request) {
    answer(request, 200, service.standing(context(request), id(request)), InstructionApi::callDecision);
  }

  private void decide(RoutingContext request) {
    JsonObject body = Json.body(request);
    Fields fields = Fields.of(body);
    String committee = fields.line("committee", 200);
    var date = InstructionInput.date(fields, body, "committeeDate");
    String deliberation = fields.line("deliberationRef", 100);
    var decided = InstructionInput.decided(fields, body);
    fields.throwIfAny();
    answer(request, 201, service.decide(context(request), id(request), committee, date, deliberation, decided),
        InstructionApi::callDecision);
  }

  // ---------------------------------------------------------------- JSON

  static RequestContext context(RoutingContext request) {
    return RequestContext.of(request);
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune ressource « " + request.pathParam("id") + " » dans ce département.");
    }
  }

  static JsonObject thread(RoutingContext request, InstructionService.Thread thread) {
    return new JsonObject().put("application", thread.application().id().toString())
        .put("messages", new JsonArray(thread.messages().stream().map(m -> message(request, m)).toList()));
  }

  static JsonObject message(RoutingContext request, Message message) {
    return new JsonObject().put("id", message.id().toString()).put("side", message.side())
        .put("sideLabel", InstructionService.DEPARTEMENT.equals(message.side()) ? "Département" : "Candidat")
        .put("author", message.authorName()).put("body", message.body())
        .put("dueDate", message.dueDate() == null ? null : message.dueDate().toString())
        .put("parts", message.parts().copy()).put("createdAt", message.createdAt().toString());
  }

  static JsonObject reviews(Reviews reviews) {
    return new JsonObject().put("application", reviews.application().id().toString())
        .put("projects", new JsonArray(reviews.projects().stream().map(InstructionApi::project).toList()));
  }

  private static JsonObject project(ProjectReviews project) {
    JsonObject json = new JsonObject().put("lot", project.project().lot()).put("title", project.project().title())
        .put("maxPoints", project.grid().maxPoints())
        .put("criteria", new JsonArray(project.grid().criteria().stream().map(c -> c.toJson()
            .put("key", SelectionGrid.key(c))).toList()))
        .put("reviewers", new JsonArray(project.reviewers().stream().map(r -> new JsonObject()
            .put("reviewer", r.reviewer()).put("name", r.reviewerName()).put("conflict", r.conflict())
            .put("submitted", r.submitted())).toList()))
        .put("sheets", new JsonArray(project.readable().stream().map(InstructionApi::sheet).toList()));
    if (project.consolidation() != null) {
      json.put("consolidation", consolidation(project.consolidation()));
    }
    return json;
  }

  private static JsonObject sheet(Review review) {
    return new JsonObject().put("reviewer", review.reviewer()).put("name", review.reviewerName())
        .put("conflict", review.conflict()).put("conflictReason", review.conflict() ? review.conflictReason() : null)
        .put("scores", review.scores().copy()).put("points", review.points())
        .put("submittedAt", review.submittedAt() == null ? null : review.submittedAt().toString())
        .put("version", review.version());
  }

  static JsonObject consolidation(Consolidation c) {
    return new JsonObject().put("maxPoints", c.maxPoints())
        .put("totals", new JsonArray(c.totals().stream().map(t -> new JsonObject().put("reviewer", t.reviewer())
            .put("points", t.points()).put("percent", t.percent().toPlainString())).toList()))
        .put("meanPoints", c.meanPoints() == null ? null : c.meanPoints().toPlainString())
        .put("spreadPoints", c.spreadPoints()).put("spreadPercent", c.spreadPercent().toPlainString())
        .put("thresholdPercent", c.thresholdPercent()).put("disagreement", c.disagreement())
        .put("criteriaApart", new JsonArray(c.criteriaApart()))
        .put("agreed", c.agreed() == null ? null : new JsonObject().put("points", c.agreed().points().toPlainString())
            .put("justification", c.agreed().justification()))
        .put("points", c.points() == null ? null : c.points().toPlainString())
        .put("percent", c.percent() == null ? null : c.percent().toPlainString())
        .put("settled", c.settled());
  }

  static JsonObject ranking(Standing standing) {
    JsonArray lots = new JsonArray();
    for (CallForProjects.Lot lot : standing.call().content().lots()) {
      JsonArray territories = new JsonArray();
      for (String territory : lot.territories()) {
        Ranking.Group group = standing.ranking().group(lot.code(), territory);
        CallForProjects.Need need = lot.needs().stream().filter(n -> n.territory().equals(territory)).findFirst().orElse(null);
        territories.add(new JsonObject().put("territory", territory)
            .put("need", need == null ? null : new JsonObject().put("unit", need.unit()).put("target", need.target()))
            .put("projects", new JsonArray(group.places().stream().map(place -> new JsonObject()
                .put("rank", place.rank()).put("application", place.project().application().toString())
                .put("lot", place.project().lot()).put("name", place.project().name())
                .put("points", place.project().score() == null ? null : place.project().score().toPlainString())
                .put("percent", percent(standing, place.project()))
                .put("settled", place.project().settled())
                .put("requestedCents", place.project().askedCents()).put("fundableCents", place.project().fundableCents())
                .put("objective", place.project().objectives().get(territory))).toList())));
      }
      lots.add(new JsonObject().put("lot", lot.code()).put("title", lot.title()).put("actionType", lot.actionType())
          .put("budgetCents", lot.budgetCents()).put("territories", territories));
    }
    return new JsonObject().put("call", standing.call().id().toString()).put("thresholdPercent", standing.threshold())
        .put("lots", lots);
  }

  private static String percent(Standing standing, Ranking.Project project) {
    Consolidation c = standing.consolidations().get(InstructionService.key(project.application(), project.lot()));
    return c == null || c.percent() == null ? null : c.percent().toPlainString();
  }

  static JsonObject selection(Standing standing) {
    SelectionProposal proposal = standing.proposal();
    return new JsonObject().put("call", standing.call().id().toString())
        .put("saved", standing.saved().isPresent())
        .put("version", standing.saved().map(InstructionStore.SavedSelection::version).orElse(0))
        .put("disagreementThreshold", standing.threshold())
        .put("envelopeCents", proposal.envelopeCents()).put("totalCents", proposal.totalCents())
        .put("leftCents", proposal.leftCents()).put("withinEnvelopes", proposal.withinEnvelopes())
        .put("lines", new JsonArray(proposal.lines().stream().map(line -> new JsonObject()
            .put("application", line.project().application().toString()).put("lot", line.project().lot())
            .put("name", line.project().name())
            .put("points", line.project().score() == null ? null : line.project().score().toPlainString())
            .put("requestedCents", line.project().askedCents()).put("fundableCents", line.project().fundableCents())
            .put("retained", line.retained()).put("negotiatedCents", line.negotiatedCents())
            .put("amountCents", line.amountCents())).toList()))
        .put("lots", new JsonArray(proposal.lots().values().stream().map(l -> new JsonObject().put("lot", l.lot())
            .put("totalCents", l.totalCents()).put("envelopeCents", l.envelopeCents()).put("leftCents", l.leftCents())).toList()))
        .put("uncovered", new JsonArray(proposal.uncovered().stream().map(u -> new JsonObject().put("lot", u.lot())
            .put("territory", u.territory()).put("unit", u.unit()).put("target", u.target()).put("covered", u.covered())
            .put("missing", u.missing())).toList()));
  }

  static JsonObject callDecision(Standing standing) {
    if (standing.decision().isEmpty()) {
      return new JsonObject().put("call", standing.call().id().toString()).put("decided", false);
    }
    InstructionStore.Decision d = standing.decision().get();
    return new JsonObject().put("call", standing.call().id().toString()).put("decided", true)
        .put("committee", d.committee()).put("committeeDate", d.committeeDate().toString())
        .put("deliberationRef", d.deliberationRef()).put("decidedBy", d.decidedBy()).put("decidedAt", d.decidedAt().toString())
        .put("state", standing.call().state().code())
        .put("totalCents", standing.decided().stream().mapToLong(InstructionStore.ProjectDecision::amountCents).sum())
        .put("projects", new JsonArray(standing.decided().stream().map(p -> new JsonObject()
            .put("application", p.application().toString()).put("lot", p.lot()).put("organisation", p.organisation())
            .put("selected", p.selected()).put("amountCents", p.amountCents()).put("requestedCents", p.requestedCents())
            .put("territories", new JsonArray(p.territories()))
            .put("points", p.scorePoints() == null ? null : p.scorePoints().toPlainString())).toList()));
  }

  static JsonObject decision(RoutingContext request, ApplicationDecision decision) {
    String tenant = request.pathParam("tenant");
    UUID id = decision.application().id();
    JsonObject json = new JsonObject().put("application", id.toString()).put("decided", decision.decision().isPresent());
    decision.decision().ifPresent(d -> json.put("committee", d.committee()).put("committeeDate", d.committeeDate().toString())
        .put("deliberationRef", d.deliberationRef()));
    json.put("projects", new JsonArray(decision.projects().stream().map(p -> new JsonObject().put("lot", p.lot())
        .put("selected", p.selected()).put("amountCents", p.amountCents()).put("requestedCents", p.requestedCents())
        .put("territories", new JsonArray(p.territories()))).toList()));
    json.put("letters", new JsonArray(decision.letters().stream().map(l -> new JsonObject().put("id", l.id().toString())
        .put("kind", l.kind()).put("label", Letter.label(l.kind())).put("lot", l.lot().isEmpty() ? null : l.lot())
        .put("fileName", l.fileName()).put("createdAt", l.createdAt().toString())
        .put("href", "/api/tenants/" + tenant + "/applications/" + id + "/letters/" + l.id())).toList()));
    return json;
  }
}
