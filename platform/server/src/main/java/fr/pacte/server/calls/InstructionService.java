package fr.pacte.server.calls;

import fr.pacte.api.Role;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.Need;
import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.calls.InstructionStore.Admissibility;
import fr.pacte.server.calls.InstructionStore.Agreement;
import fr.pacte.server.calls.InstructionStore.Decision;
import fr.pacte.server.calls.InstructionStore.Message;
import fr.pacte.server.calls.InstructionStore.ProjectDecision;
import fr.pacte.server.calls.InstructionStore.Review;
import fr.pacte.server.calls.InstructionStore.SavedLine;
import fr.pacte.server.calls.InstructionStore.SavedSelection;
import fr.pacte.server.calls.SelectionProposal.Choice;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.users.UserDirectory;
import fr.pacte.server.identity.users.UserService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Instruction and selection of the applications to a call: admissibility, the thread of questions and answers,
 * reviewers scoring on the lot's grid (alone until they submit), consolidation, ranking, the selection proposal
 * within the envelope, the committee's decision and its letters. Scope is checked here, for the API and the pages:
 * an operator reaches its own organisation's applications only, a territory agent those covering its territories;
 * reviewers' sheets are read by the programme manager, the administrator and auditors, and by a reviewer once their
 * own is submitted. Every change is audited in the transaction that makes it.
 */
public final class InstructionService {

  /** Who is on which side of a thread. */
  public static final String DEPARTEMENT = "departement";
  public static final String CANDIDAT = "candidat";

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final UserService users;
  private final AuditStore audit;
  private final InstructionNotices notices;
  private final InstructionStore store = new InstructionStore();
  private final CallStore callStore = new CallStore();
  private final ApplicationStore applications = new ApplicationStore();

  public InstructionService(Vertx vertx, TenantTransactions transactions, TenantService tenants,
                            UserService users, AuditStore audit, InstructionNotices notices) {
    this.vertx = vertx;
    this.transactions = transactions;
        this.tenants = tenants;
    this.users = users;
    this.audit = audit;
    this.notices = notices;
  }

  public InstructionStore store() {
    return store;
  }

  // ---------------------------------------------------------------- reading an application in scope

  /** The application if the caller may see it; 404 otherwise (another organisation's looks like none). */
  private Future<Instructed> visible(SqlConnection connection, RequestContext context, UUID id) {
    return store.application(connection, id).map(found -> {
      Instructed application = found.filter(a -> sees(context, a)).orElseThrow(() -> missing(id));
      return application;
    });
  }

  static boolean sees(RequestContext context, Instructed application) {
    Principal principal = context.principal();
    if (principal == null) {
      return context.scope() != null && context.scope().isWholeTenant();
    }
    if (principal.has(Role.TENANT_ADMINISTRATOR) || principal.has(Role.PROGRAMME_MANAGER) || principal.has(Role.AUDITOR)
        || principal.has(Role.REVIEWER)) {
      return application.submitted() || principal.has(Role.TENANT_ADMINISTRATOR);
    }
    if (principal.has(Role.TERRITORY_AGENT)) {
      return application.submitted() && application.territories().stream().anyMatch(t -> principal.scope().coversTerritory(t));
    }
    if (principal.has(Role.OPERATOR)) {
      String organisation = principal.scope().organisation();
      return organisation != null && application.members().contains(organisation);
    }
    return false;
  }

  private static boolean instructs(RequestContext context) {
    return context.principal() == null ? context.scope() != null && context.scope().isWholeTenant()
        : context.holds(Permission.INSTRUCT_APPLICATIONS);
  }

  private static boolean readsAllSheets(RequestContext context) {
    return context.principal() == null || context.holds(Permission.INSTRUCT_APPLICATIONS)
        || context.principal().has(Role.AUDITOR);
  }

  private static String me(RequestContext context) {
    return context.principal() == null ? "system" : context.principal().username();
  }

  private static String myName(RequestContext context) {
    return context.principal() == null ? context.actor().label() : context.principal().displayName();
  }

  private <T> Future<T> audited(SqlConnection connection, RequestContext context, String action, String target,
                                JsonObject details, T result) {
    Future<Void> recorded = audit.record(connection, context.tenant(), context.actor().audited(), action, target, details,
        context.requestId());
    if (target.startsWith("application:") && !action.equals("letter.read")) {
      UUID application = UUID.fromString(target.substring("application:".length()));
      recorded = recorded.compose(done -> applications.changed(connection, context.tenant(), application, action));
    }
    return recorded.map(result);
  }

  // ---------------------------------------------------------------- admissibility

  /** Computed (submitted, on time) and decided admissibility of an application. */
  public record AdmissibilityView(UUID application, Instant submittedAt, Instant closesAt, boolean complete,
                                  boolean onTime, Admissibility decision) {

    public String state() {
      if (decision != null) {
        return decision.admissible() ? "admissible" : "inadmissible";
      }
      return complete && onTime ? "to-confirm" : "inadmissible-computed";
    }

    public String stateLabel() {
      return switch (state()) {
        case "admissible" -> "Recevable";
        case "inadmissible" -> "Irrecevable";
        case "to-confirm" -> "Complète et reçue à temps : recevabilité à confirmer";
        default -> complete ? "Reçue après la date limite" : "Incomplète (non déposée)";
      };
    }

    public JsonObject toJson() {
      return new JsonObject().put("application", application.toString())
          .put("submittedAt", submittedAt == null ? null : submittedAt.toString())
          .put("closesAt", closesAt == null ? null : closesAt.toString())
          .put("complete", complete).put("onTime", onTime).put("state", state()).put("stateLabel", stateLabel())
          .put("decision", decision == null ? null : new JsonObject().put("admissible", decision.admissible())
              .put("reason", decision.reason()).put("decidedBy", decision.decidedBy())
              .put("decidedAt", decision.decidedAt().toString()))
          .put("version", decision == null ? 0 : decision.version());
    }
  }

  public Future<AdmissibilityView> admissibility(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> admissibilityOf(connection, application)));
  }

  private Future<AdmissibilityView> admissibilityOf(SqlConnection connection, Instructed application) {
    return store.admissibility(connection, List.of(application.id()))
        .compose(decisions -> call(connection, application.callId()).map(call -> {
          Instant closes = call.closesAt();
          boolean complete = application.submitted();
          boolean onTime = complete && closes != null && application.submittedAt().isBefore(closes);
          return new AdmissibilityView(application.id(), application.submittedAt(), closes, complete, onTime,
              decisions.get(application.id()));
        }));
  }

  /**
   * The programme manager confirms admissibility, or declares the application inadmissible with a reason the
   * applicant reads. An application late or never submitted cannot be confirmed. The call goes into instruction.
   */
  public Future<AdmissibilityView> decideAdmissibility(RequestContext context, UUID id, boolean admissible, String reason,
                                                       Integer expectedVersion) {
    String why = reason == null ? "" : reason.strip();
    if (!admissible && why.isEmpty()) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("reason",
          "Indiquez pourquoi la candidature est irrecevable : le candidat lira ce motif."))));
    }
    if (why.length() > 4000) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("reason", "Le motif dépasse 4000 caractères."))));
    }
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> store.lockAdmissibility(connection, id).compose(version -> {
          if (expectedVersion != null && expectedVersion != version) {
            return Future.failedFuture(stale("La recevabilité", version, expectedVersion));
          }
          return admissibilityOf(connection, application).compose(view -> {
            if (admissible && !(view.complete() && view.onTime())) {
              return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("admissible",
                  view.complete() ? "Cette candidature a été reçue après la date limite : elle ne peut être déclarée recevable."
                      : "Cette candidature n'a pas été déposée : elle ne peut être déclarée recevable."))));
            }
            return store.decideAdmissibility(connection, context.tenant(), id, version > 0, admissible, why, myName(context))
                .compose(done -> store.instructing(connection, application.callId(), context.clock().instant()))
                .compose(done -> audited(connection, context, admissible ? "application.admissible" : "application.inadmissible",
                    "application:" + id, new JsonObject().put("reason", why).put("version", version + 1), null))
                .compose(done -> admissibilityOf(connection, application));
          });
        })));
  }

  // ---------------------------------------------------------------- messages

  public record Thread(Instructed application, List<Message> messages) {
  }

  public Future<Thread> messages(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> store.messages(connection, id).map(list -> new Thread(application, list))));
  }

  /**
   * Posts a message: from the Département (a question, with a due date in the tenant's calendar) or from the
   * applicant (an answer, which may add parts of its organisation's vault). The other side is told by e-mail,
   * enqueued in the same transaction.
   */
  public Future<Message> post(RequestContext context, UUID id, String body, LocalDate due, List<UUID> parts) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      errors.add(new Problem.FieldError("body", "Écrivez le message."));
    } else if (text.length() > 10_000) {
      errors.add(new Problem.FieldError("body", "Le message dépasse 10 000 caractères."));
    }
    boolean department = instructs(context);
    boolean applicant = context.organisationScope() != null;
    if (department && due != null && due.isBefore(context.today())) {
      errors.add(new Problem.FieldError("dueDate", "La date de réponse attendue est déjà passée."));
    }
    if (!department && due != null) {
      errors.add(new Problem.FieldError("dueDate", "Seul le Département fixe une date de réponse."));
    }
    if (department && !parts.isEmpty()) {
      errors.add(new Problem.FieldError("parts", "Le Département n'ajoute pas de pièces à la candidature."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    if (!department && !applicant) {
      return Future.failedFuture(Problem.forbidden("Seuls le Département et le candidat écrivent dans ce fil."));
    }
    String side = department ? DEPARTEMENT : CANDIDAT;
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> vaultParts(connection, application, parts)
            .compose(found -> store.insertMessage(connection, context.tenant(), id, side, me(context), myName(context),
                text, due, found))
            .compose(message -> call(connection, application.callId())
                .compose(call -> notices.message(connection, context, application, message, call)).map(message)))
        .compose(message -> audited(connection, context, "application.message", "application:" + id,
            new JsonObject().put("side", side).put("message", message.id().toString())
                .put("dueDate", due == null ? null : due.toString()).put("parts", message.parts().size()), message)));
  }

  private Future<JsonArray> vaultParts(SqlConnection connection, Instructed application, List<UUID> parts) {
    JsonArray found = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < parts.size(); i++) {
      UUID document = parts.get(i);
      String field = "parts[" + i + "]";
      chain = chain.compose(done -> store.vaultDocument(connection, document, application.members()).compose(label -> {
        if (label.isEmpty()) {
          return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError(field,
              "Ce document n'est pas dans le coffre-fort de votre organisation."))));
        }
        found.add(new JsonObject().put("document", document.toString()).put("label", label.get()));
        return Future.succeededFuture();
      }));
    }
    return chain.map(found);
  }

  // ---------------------------------------------------------------- reviews

  /** The sheets of an application's projects as the caller may read them, with each project's consolidation. */
  public record Reviews(Instructed application, CallForProjects call, List<ProjectReviews> projects) {
  }

  public record ProjectReviews(Instructed.Project project, SelectionGrid grid, List<Review> reviewers, List<Review> readable,
                               Consolidation consolidation, Agreement agreement) {
  }

  public Future<Reviews> reviews(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> reviewsOf(connection, context, application)));
  }

  private Future<Reviews> reviewsOf(SqlConnection connection, RequestContext context, Instructed application) {
    return call(connection, application.callId())
        .compose(call -> store.reviews(connection, List.of(application.id()))
            .compose(sheets -> store.agreements(connection, List.of(application.id())).compose(agreements ->
                store.selectionThreshold(connection, call.id()).map(threshold -> {
                  List<ProjectReviews> projects = new ArrayList<>();
                  for (Instructed.Project project : application.projects()) {
                    List<Review> here = sheets.stream().filter(r -> r.lot().equals(project.lot())).toList();
                    Optional<Review> mine = here.stream().filter(r -> r.reviewer().equals(me(context))).findFirst();
                    boolean all = readsAllSheets(context);
                    if (!all && mine.isEmpty()) {
                      continue;
                    }
                    List<Review> readable = all ? here
                        : mine.get().submitted() ? here.stream().filter(r -> r.submitted() || r == mine.get()).toList()
                        : List.of(mine.get());
                    SelectionGrid grid = SelectionGrid.of(call, actionType(call, project.lot()));
                    Agreement agreement = agreements.stream().filter(a -> a.lot().equals(project.lot())).findFirst().orElse(null);
                    Consolidation consolidation = all || mine.get().submitted()
                        ? consolidation(grid, here, agreement, threshold) : null;
                    projects.add(new ProjectReviews(project, grid, here, readable, consolidation, agreement));
                  }
                  return new Reviews(application, call, projects);
                }))));
  }

  static Consolidation consolidation(SelectionGrid grid, List<Review> sheets, Agreement agreement, int threshold) {
    List<Consolidation.Sheet> submitted = sheets.stream().filter(Review::submitted)
        .map(r -> new Consolidation.Sheet(r.reviewerName(), scores(r.scores()))).toList();
    return Consolidation.of(grid, submitted, threshold,
        agreement == null ? null : new Consolidation.Agreed(agreement.points(), agreement.justification()));
  }

  private static Map<String, Integer> scores(JsonObject sheet) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    sheet.forEach(entry -> scores.put(entry.getKey(), ((JsonObject) entry.getValue()).getInteger("score")));
    return scores;
  }

  static String actionType(CallForProjects call, String lot) {
    return call.content().lots().stream().filter(l -> l.code().equals(lot)).map(Lot::actionType).findFirst().orElse("");
  }

  /**
   * Assigns reviewers to one project: accounts of the tenant holding the reviewer (or programme manager) role. A
   * project is reviewed by at least two people not in conflict of interest.
   */
  public Future<Reviews> assign(RequestContext context, UUID id, String lot, List<String> usernames) {
    return users.list(context.tenant()).compose(directory -> transactions.inTenant(context.tenant(), connection ->
        visible(connection, context, id).compose(application -> {
          if (application.project(lot) == null) {
            return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("lot",
                "Cette candidature ne répond pas au lot « " + lot + " »."))));
          }
          if (!application.submitted()) {
            return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("lot",
                "Cette candidature n'a pas été déposée."))));
          }
          List<Problem.FieldError> errors = new ArrayList<>();
          List<UserDirectory.User> chosen = new ArrayList<>();
          for (int i = 0; i < usernames.size(); i++) {
            String username = usernames.get(i);
            Optional<UserDirectory.User> user = directory.stream().filter(u -> u.username().equals(username) && u.active()).findFirst();
            if (user.isEmpty()) {
              errors.add(new Problem.FieldError("reviewers[" + i + "]", "Aucun utilisateur actif « " + username + " » dans ce département."));
            } else if (!user.get().roles().contains(Role.REVIEWER) && !user.get().roles().contains(Role.PROGRAMME_MANAGER)) {
              errors.add(new Problem.FieldError("reviewers[" + i + "]", user.get().displayName()
                  + " n'a pas le rôle d'instructeur ni de chargé(e) du pilotage."));
            } else {
              chosen.add(user.get());
            }
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.validation(errors));
          }
          return store.reviews(connection, List.of(id)).compose(existing -> {
            long available = existing.stream().filter(r -> r.lot().equals(lot) && !r.conflict()).map(Review::reviewer)
                .filter(r -> chosen.stream().noneMatch(u -> u.username().equals(r))).count()
                + chosen.stream().filter(u -> existing.stream().noneMatch(r -> r.lot().equals(lot)
                    && r.reviewer().equals(u.username()) && r.conflict())).count();
            if (available < 2) {
              return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("reviewers",
                  "Chaque projet est instruit par au moins deux instructeurs sans conflit d'intérêts."))));
            }
            Future<Void> chain = Future.succeededFuture();
            for (UserDirectory.User user : chosen) {
              chain = chain.compose(done -> store.assign(connection, context.tenant(), id, lot, user.username(),
                  user.displayName(), user.email(), myName(context)).compose(added -> added
                  ? audited(connection, context, "review.assigned", "application:" + id,
                      new JsonObject().put("lot", lot).put("reviewer", user.username()), null)
                  : Future.succeededFuture()));
            }
            return chain.compose(done -> reviewsOf(connection, context, application));
          });
        })));
  }

  /** A reviewer declares a conflict of interest on a project: excluded from its review, their sheet emptied. */
  public Future<Reviews> declareConflict(RequestContext context, UUID id, String lot, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > 2000) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("reason",
          why.isEmpty() ? "Indiquez la nature du conflit d'intérêts." : "Le motif dépasse 2000 caractères."))));
    }
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> ownSheet(connection, context, id, lot).compose(row -> {
          if (row.getOffsetDateTime("submitted_at") != null) {
            return Future.failedFuture(Problem.conflict("Votre notation a déjà été transmise : signalez le conflit au chargé du pilotage."));
          }
          return store.declareConflict(connection, id, lot, me(context), why)
              .compose(done -> audited(connection, context, "review.conflict", "application:" + id,
                  new JsonObject().put("lot", lot).put("reviewer", me(context)), null))
              .compose(done -> reviewsOf(connection, context, application));
        })));
  }

  private Future<io.vertx.sqlclient.Row> ownSheet(SqlConnection connection, RequestContext context, UUID id, String lot) {
    return store.lockReview(connection, id, lot, me(context)).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Problem.forbidden("Vous n'êtes pas désigné(e) pour instruire ce projet."));
      }
      if (found.get().getBoolean("conflict")) {
        return Future.failedFuture(Problem.conflict("Vous avez déclaré un conflit d'intérêts sur ce projet : vous ne le notez pas."));
      }
      return Future.succeededFuture(found.get());
    });
  }

  /**
   * Saves the caller's own sheet on a project: a draft as it goes, or submitted once complete (every criterion on
   * its scale, justified), after which it no longer changes. A stale version is a 409.
   */
  public Future<Reviews> score(RequestContext context, UUID id, String lot, Map<String, SelectionGrid.Mark> sheet,
                               boolean submit, Integer expectedVersion) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> ownSheet(connection, context, id, lot).compose(row -> {
          int version = row.getInteger("version");
          if (expectedVersion != null && expectedVersion != version) {
            return Future.failedFuture(stale("Votre notation", version, expectedVersion));
          }
          if (row.getOffsetDateTime("submitted_at") != null) {
            return Future.failedFuture(Problem.conflict("Votre notation de ce projet a déjà été transmise : elle ne change plus."));
          }
          return call(connection, application.callId()).compose(call -> {
            SelectionGrid grid = SelectionGrid.of(call, actionType(call, lot));
            List<Problem.FieldError> errors = submit ? grid.check(sheet) : draftErrors(grid, sheet);
            if (!errors.isEmpty()) {
              return Future.failedFuture(Problem.validation(errors));
            }
            JsonObject scores = new JsonObject();
            sheet.forEach((key, mark) -> scores.put(key, new JsonObject().put("score", mark.score())
                .put("justification", mark.justification() == null ? "" : mark.justification().strip())));
            Integer points = submit ? grid.points(scores(scores)) : null;
            Instant at = submit ? context.clock().instant() : null;
            return store.saveSheet(connection, id, lot, me(context), scores, points, at)
                .compose(done -> audited(connection, context, submit ? "review.submitted" : "review.saved",
                    "application:" + id, new JsonObject().put("lot", lot).put("version", version + 1)
                        .put("points", points), null))
                .compose(done -> reviewsOf(connection, context, application));
          });
        })));
  }

  /** A draft may leave criteria out but not name unknown ones nor scores off the scale. */
  private static List<Problem.FieldError> draftErrors(SelectionGrid grid, Map<String, SelectionGrid.Mark> sheet) {
    return grid.check(sheet).stream().filter(e -> !e.message().startsWith("Notez") && !e.message().startsWith("Justifiez"))
        .toList();
  }

  /** The programme manager records the consolidated score agreed after discussion, with why. */
  public Future<Reviews> agree(RequestContext context, UUID id, String lot, BigDecimal points, String justification) {
    String why = justification == null ? "" : justification.strip();
    List<Problem.FieldError> errors = new ArrayList<>();
    if (points == null || points.signum() < 0 || points.scale() > 2) {
      errors.add(new Problem.FieldError("points", "Indiquez la note retenue en points (au plus deux décimales)."));
    }
    if (why.isEmpty()) {
      errors.add(new Problem.FieldError("justification", "Justifiez la note retenue."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> reviewsOf(connection, context, application).compose(reviews -> {
          ProjectReviews project = reviews.projects().stream().filter(p -> p.project().lot().equals(lot)).findFirst()
              .orElseThrow(() -> Problem.validation(List.of(new Problem.FieldError("lot",
                  "Cette candidature ne répond pas au lot « " + lot + " »."))));
          if (project.consolidation().totals().size() < 2) {
            return Future.failedFuture(Problem.conflict("Deux notations transmises au moins sont nécessaires avant de retenir une note."));
          }
          if (points.compareTo(BigDecimal.valueOf(project.grid().maxPoints())) > 0) {
            return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("points",
                "La note retenue ne peut dépasser " + project.grid().maxPoints() + " points."))));
          }
          return store.agree(connection, context.tenant(), id, lot, points, why, myName(context))
              .compose(done -> audited(connection, context, "review.consolidated", "application:" + id,
                  new JsonObject().put("lot", lot).put("points", points.toPlainString()), null))
              .compose(done -> reviewsOf(connection, context, application));
        })));
  }

  // ---------------------------------------------------------------- ranking and selection

  /** Everything the ranking and the proposal of a call are computed from. */
  public record Standing(CallForProjects call, List<Instructed> applications, List<Ranking.Project> projects,
                         Map<String, Consolidation> consolidations, Ranking ranking, int threshold,
                         Optional<SavedSelection> saved, Optional<Decision> decision, List<ProjectDecision> decided) {

    public Map<String, List<Need>> needs() {
      Map<String, List<Need>> needs = new LinkedHashMap<>();
      call.content().lots().forEach(lot -> needs.put(lot.code(), lot.needs()));
      return needs;
    }

    public Map<String, Long> lotEnvelopes() {
      Map<String, Long> envelopes = new LinkedHashMap<>();
      call.content().lots().stream().filter(l -> l.budgetCents() != null).forEach(l -> envelopes.put(l.code(), l.budgetCents()));
      return envelopes;
    }

    /** The saved proposal, or the suggestion in ranking order before the first save. */
    public SelectionProposal proposal() {
      List<Choice> choices = saved.map(s -> s.lines().stream()
              .map(l -> new Choice(l.application(), l.lot(), l.retained(), l.negotiatedCents())).toList())
          .orElseGet(() -> SelectionProposal.suggest(projects, call.content().budgetCents(), lotEnvelopes()));
      return SelectionProposal.of(Ranking.overall(projects), choices, call.content().budgetCents(), lotEnvelopes(), needs());
    }
  }

  static String key(UUID application, String lot) {
    return application + "|" + lot;
  }

  public Future<Standing> standing(RequestContext context, UUID callId) {
    return transactions.inTenant(context.tenant(), connection -> standing(connection, context, callId));
  }

  private Future<Standing> standing(SqlConnection connection, RequestContext context, UUID callId) {
    Gathered g = new Gathered();
    return call(connection, callId).compose(call -> {
      if (call.state() == State.DRAFT) {
        return Future.failedFuture(Problem.notFound("Aucun appel à projets « " + callId + " » dans ce département."));
      }
      g.call = call;
      return store.submitted(connection, callId);
    }).compose(all -> {
      g.all = all;
      g.ids = all.stream().map(Instructed::id).toList();
      return store.admissibility(connection, g.ids);
    }).compose(admissibility -> {
      g.admissibility = admissibility;
      return store.reviews(connection, g.ids);
    }).compose(sheets -> {
      g.sheets = sheets;
      return store.agreements(connection, g.ids);
    }).compose(agreements -> {
      g.agreements = agreements;
      return store.selectionThreshold(connection, callId);
    }).compose(threshold -> {
      g.threshold = threshold;
      return store.selection(connection, callId);
    }).compose(saved -> {
      g.saved = saved;
      return store.decision(connection, callId);
    }).compose(decision -> {
      g.decision = decision;
      return store.projectDecisionsOfCall(connection, callId);
    }).map(decided -> g.standing(decided));
  }

  /** What {@link #standing} reads, step by step. */
  private static final class Gathered {
    CallForProjects call;
    List<Instructed> all;
    List<UUID> ids;
    Map<UUID, Admissibility> admissibility;
    List<Review> sheets;
    List<Agreement> agreements;
    int threshold;
    Optional<SavedSelection> saved;
    Optional<Decision> decision;

    /** Ranks the projects of the applications declared admissible, on their consolidated scores. */
    Standing standing(List<ProjectDecision> decided) {
      List<Instructed> admissible = all.stream().filter(a -> admissibility.containsKey(a.id())
          && admissibility.get(a.id()).admissible()).toList();
      List<Ranking.Project> projects = new ArrayList<>();
      Map<String, Consolidation> consolidations = new LinkedHashMap<>();
      for (Instructed application : admissible) {
        for (Instructed.Project project : application.projects()) {
          SelectionGrid grid = SelectionGrid.of(call, actionType(call, project.lot()));
          Agreement agreement = agreements.stream().filter(a -> a.application().equals(application.id())
              && a.lot().equals(project.lot())).findFirst().orElse(null);
          Consolidation consolidation = consolidation(grid, sheets.stream()
              .filter(r -> r.application().equals(application.id()) && r.lot().equals(project.lot())).toList(),
              agreement, threshold);
          consolidations.put(key(application.id(), project.lot()), consolidation);
          projects.add(new Ranking.Project(application.id(), application.name(project), project.lot(),
              project.territories(), consolidation.points(), consolidation.settled(),
              project.requestedCents(), project.fundableCents(), project.yearlyObjectives()));
        }
      }
      Map<String, List<String>> lots = new LinkedHashMap<>();
      call.content().lots().forEach(lot -> lots.put(lot.code(), lot.territories()));
      return new Standing(call, all, projects, consolidations, Ranking.of(lots, projects), threshold, saved, decision,
          decided);
    }
  }

  /**
   * Saves the programme manager's proposal: which ranked projects are retained and for what negotiated amount. It
   * must stay within the call's envelope and every lot's; a stale version is a 409.
   */
  public Future<Standing> propose(RequestContext context, UUID callId, List<Choice> choices, Integer threshold,
                                  Integer expectedVersion) {
    if (threshold != null && (threshold < 0 || threshold > 100)) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("disagreementThreshold",
          "Le seuil de désaccord est une part de la note maximale, de 0 à 100 %."))));
    }
    return transactions.inTenant(context.tenant(), connection -> store.lockSelection(connection, callId)
        .compose(version -> {
          if (expectedVersion != null && expectedVersion != version) {
            return Future.failedFuture(stale("La proposition de sélection", version, expectedVersion));
          }
          return standing(connection, context, callId).compose(standing -> {
            if (standing.decision().isPresent()) {
              return Future.failedFuture(Problem.conflict("Le comité a déjà décidé : la proposition ne change plus."));
            }
            SelectionProposal proposal = SelectionProposal.of(Ranking.overall(standing.projects()), choices,
                standing.call().content().budgetCents(), standing.lotEnvelopes(), standing.needs());
            if (!proposal.withinEnvelopes()) {
              return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("lines", overEnvelope(proposal)))));
            }
            List<SavedLine> lines = choices.stream()
                .map(c -> new SavedLine(c.application(), c.lot(), c.retained(), c.negotiatedCents())).toList();
            int newThreshold = threshold != null ? threshold : standing.threshold();
            return store.saveSelection(connection, context.tenant(), callId, version > 0, newThreshold, myName(context), lines)
                .compose(done -> audited(connection, context, "selection.proposed", "call:" + callId,
                    new JsonObject().put("version", version + 1).put("retained", choices.stream().filter(Choice::retained).count())
                        .put("totalCents", proposal.totalCents()), null))
                .compose(done -> standing(connection, context, callId));
          });
        }));
  }

  private static String overEnvelope(SelectionProposal proposal) {
    if (proposal.leftCents() != null && proposal.leftCents() < 0) {
      return "Les projets retenus (" + CallForProjects.euros(proposal.totalCents()) + ") dépassent l'enveloppe de l'appel ("
          + CallForProjects.euros(proposal.envelopeCents()) + ") de " + CallForProjects.euros(-proposal.leftCents()) + ".";
    }
    SelectionProposal.LotBudget lot = proposal.lots().values().stream().filter(l -> l.leftCents() != null && l.leftCents() < 0)
        .findFirst().orElseThrow();
    return "Les projets retenus sur le lot « " + lot.lot() + " » (" + CallForProjects.euros(lot.totalCents())
        + ") dépassent son enveloppe (" + CallForProjects.euros(lot.envelopeCents()) + ").";
  }

  // ---------------------------------------------------------------- the scores grid

  /** One reviewer's submitted sheet on one project, with the project's grid and consolidation. */
  public record ScoreLine(Instructed application, Instructed.Project project, Review review, SelectionGrid grid,
                          Consolidation consolidation) {
  }

  /** Every submitted sheet of a call's applications: the programme manager's and the auditors' reading only. */
  public record ScoreGrid(CallForProjects call, List<ScoreLine> lines) {
  }

  public Future<ScoreGrid> scoreGrid(RequestContext context, UUID callId) {
    if (!readsAllSheets(context)) {
      return Future.failedFuture(Problem.forbidden(
          "Les notes des instructeurs sont lues par le pilotage de l'offre et les auditeurs seulement."));
    }
    return transactions.inTenant(context.tenant(), connection -> standing(connection, context, callId)
        .compose(standing -> store.reviews(connection, standing.applications().stream().map(Instructed::id).toList())
            .map(sheets -> {
              List<ScoreLine> lines = new ArrayList<>();
              for (Review review : sheets) {
                if (!review.submitted()) {
                  continue;
                }
                Instructed application = standing.applications().stream()
                    .filter(a -> a.id().equals(review.application())).findFirst().orElse(null);
                Instructed.Project project = application == null ? null : application.project(review.lot());
                if (project == null) {
                  continue;
                }
                lines.add(new ScoreLine(application, project, review,
                    SelectionGrid.of(standing.call(), actionType(standing.call(), review.lot())),
                    standing.consolidations().get(key(application.id(), review.lot()))));
              }
              return new ScoreGrid(standing.call(), lines);
            })));
  }

  /** The consolidated score of each admissible project of a call ("application|lot"), for those who read all sheets. */
  public Future<Map<String, BigDecimal>> consolidatedScores(RequestContext context, UUID callId) {
    if (!readsAllSheets(context) || context.principal() == null) {
      return Future.succeededFuture(Map.of());
    }
    return standing(context, callId).map(standing -> {
      Map<String, BigDecimal> scores = new LinkedHashMap<>();
      standing.consolidations().forEach((key, consolidation) -> {
        if (consolidation.points() != null) {
          scores.put(key, consolidation.points());
        }
      });
      return scores;
    }).recover(error -> Future.succeededFuture(Map.of()));
  }

  // ---------------------------------------------------------------- decision and letters

  /** What the committee decided for one project, as sent. */
  public record Decided(UUID application, String lot, boolean selected, Long amountCents) {
  }

  /**
   * Records the committee's decision: its date and deliberation, selected or not per ranked project with the amount
   * (by default the proposal as saved). Every admissible project gets an answer; then the letters are generated
   * from the tenant's templates, kept for the applicant and sent by e-mail. The call is decided.
   */
  public Future<Standing> decide(RequestContext context, UUID callId, String committee, LocalDate committeeDate,
                                 String deliberationRef, List<Decided> decided) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String body = committee == null || committee.isBlank() ? "Commission permanente" : committee.strip();
    if (committeeDate == null) {
      errors.add(new Problem.FieldError("committeeDate", "Indiquez la date de la séance."));
    }
    if (deliberationRef == null || deliberationRef.isBlank()) {
      errors.add(new Problem.FieldError("deliberationRef", "Indiquez la référence de la délibération."));
    } else if (deliberationRef.length() > 100) {
      errors.add(new Problem.FieldError("deliberationRef", "La référence dépasse 100 caractères."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    return transactions.inTenant(context.tenant(), connection -> standing(connection, context, callId).compose(standing -> {
      if (standing.decision().isPresent()) {
        return Future.failedFuture(Problem.conflict("Le comité a déjà décidé sur cet appel à projets."));
      }
      State state = standing.call().stateAt(context.clock().instant());
      if (state != State.CLOSED && state != State.INSTRUCTION) {
        return Future.failedFuture(Problem.conflict("Cet appel à projets est " + state.label().toLowerCase()
            + " : le comité décide après la clôture, pendant l'instruction."));
      }
      List<Choice> choices = decided == null ? null : decided.stream()
          .map(d -> new Choice(d.application(), d.lot(), d.selected(), d.selected() ? d.amountCents() : null)).toList();
      SelectionProposal proposal = choices == null ? standing.proposal()
          : SelectionProposal.of(Ranking.overall(standing.projects()), choices, standing.call().content().budgetCents(),
              standing.lotEnvelopes(), standing.needs());
      if (!proposal.withinEnvelopes()) {
        return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("projects", overEnvelope(proposal)))));
      }
      List<ProjectDecision> rows = new ArrayList<>();
      for (SelectionProposal.Line line : proposal.lines()) {
        Ranking.Project project = line.project();
        Instructed application = standing.applications().stream().filter(a -> a.id().equals(project.application()))
            .findFirst().orElseThrow();
        Instructed.Project part = application.project(project.lot());
        rows.add(new ProjectDecision(callId, application.id(), project.lot(), application.organisationId(), line.retained(),
            line.retained() ? line.amountCents() : 0, part.requestedCents(), part.territories(), part.objectives(),
            part.budget(), project.score()));
      }
      Decision decision = new Decision(body, committeeDate, deliberationRef.strip(), myName(context), context.clock().instant());
      return store.insertDecision(connection, context.tenant(), callId, decision, rows)
          .compose(done -> audited(connection, context, "call.decided", "call:" + callId,
              new JsonObject().put("committee", body).put("committeeDate", committeeDate.toString())
                  .put("deliberationRef", deliberationRef.strip())
                  .put("selected", rows.stream().filter(ProjectDecision::selected).count())
                  .put("refused", rows.stream().filter(r -> !r.selected()).count())
                  .put("totalCents", proposal.totalCents()), null))
          .compose(done -> letters(connection, context, standing, decision, rows))
          .compose(done -> decidedSignals(connection, context, rows))
          .compose(done -> standing(connection, context, callId));
    }));
  }

  /** Every application the committee decided on is signalled to the nodes, in the decision's transaction. */
  private Future<Void> decidedSignals(SqlConnection connection, RequestContext context, List<ProjectDecision> rows) {
    Future<Void> chain = Future.succeededFuture();
    for (UUID application : rows.stream().map(ProjectDecision::application).distinct().toList()) {
      chain = chain.compose(done -> applications.changed(connection, context.tenant(), application, "application.decided"));
    }
    return chain;
  }

  /** Generates and keeps the letters of every application decided, and sends them. */
  private Future<Void> letters(SqlConnection connection, RequestContext context, Standing standing, Decision decision,
                               List<ProjectDecision> rows) {
    Map<UUID, List<ProjectDecision>> byApplication = new LinkedHashMap<>();
    rows.forEach(row -> byApplication.computeIfAbsent(row.application(), k -> new ArrayList<>()).add(row));
    String tenantName = tenants.find(context.tenant()).map(t -> t.name()).orElse(context.tenant());
    Future<Map<String, String>> templates = Letter.templates(connection, store);
    return templates.compose(wording -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<UUID, List<ProjectDecision>> entry : byApplication.entrySet()) {
        Instructed application = standing.applications().stream().filter(a -> a.id().equals(entry.getKey())).findFirst().orElseThrow();
        List<Letter> letters = Letter.forApplication(tenantName, standing.call(), decision, application, entry.getValue(),
            wording, context.today());
        chain = chain.compose(done -> vertx.executeBlocking(() -> letters.stream().map(Letter::render).toList(), false)
            .compose(pdfs -> {
              Future<Void> inserts = Future.succeededFuture();
              List<Notice> sent = new ArrayList<>();
              for (int i = 0; i < letters.size(); i++) {
                Letter letter = letters.get(i);
                byte[] pdf = pdfs.get(i);
                inserts = inserts.compose(done2 -> store.insertLetter(connection, context.tenant(), application.id(),
                    letter.lot(), letter.kind(), letter.fileName(), pdf).map(id -> {
                      sent.add(new Notice(letter, pdf));
                      return null;
                    }));
              }
              return inserts.compose(done2 -> notices.letters(connection, context, application, standing.call(), sent));
            }));
      }
      return chain;
    });
  }

  /** A letter as sent: its wording and its PDF. */
  public record Notice(Letter letter, byte[] pdf) {
  }

  /** The decision on an application's projects and its letters, as the applicant (and staff) read them. */
  public record ApplicationDecision(Instructed application, Optional<Decision> decision, List<ProjectDecision> projects,
                                    List<InstructionStore.Letter> letters) {
  }

  public Future<ApplicationDecision> decision(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> store.decision(connection, application.callId())
            .compose(decision -> store.projectDecisionsOfApplication(connection, id)
                .compose(projects -> store.letters(connection, id)
                    .map(letters -> new ApplicationDecision(application, decision, projects, letters))))));
  }

  public Future<InstructionStore.LetterFile> letter(RequestContext context, UUID id, UUID letter) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> store.letterPdf(connection, id, letter))
        .compose(found -> audited(connection, context, "letter.read", "application:" + id,
            new JsonObject().put("letter", letter.toString()), found))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucun courrier « " + letter + " » pour cette candidature."))));
  }

  // ---------------------------------------------------------------- helpers

  private Future<CallForProjects> call(SqlConnection connection, UUID id) {
    return callStore.find(connection, id).map(found -> found.orElseThrow(() ->
        Problem.notFound("Aucun appel à projets « " + id + " » dans ce département.")));
  }

  private static Problem stale(String what, int version, int expected) {
    return Problem.conflict(what + " a été modifiée entre-temps (version " + version + ", vous aviez la version "
        + expected + "). Rechargez la page : vos changements n'ont pas été enregistrés.");
  }

  private static Problem missing(UUID id) {
    return Problem.notFound("Aucune candidature « " + id + " » dans ce département.");
  }
}
