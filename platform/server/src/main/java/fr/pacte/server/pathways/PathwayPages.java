package fr.pacte.server.pathways;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The pathway pages, in French: people (référent, territory agent, operator, programme manager), a person's record with
 * the orientation form (eligibility and places left shown before confirming), an orientation with the operator's
 * decisions and follow-up, workshops with attendance, and the log of reads of personal data.
 */
public final class PathwayPages {

  private static final String BASE = "/t/:tenant/parcours";
  private static final DateTimeFormatter TABLE_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter LONG_DATE = OrientationService.FRENCH_DATE;
  /** The key under which a refused follow-up form's fields come back to the page. */
  private static final String TYPED_FIELDS = "typedFields";
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRENCH);

  private final PersonService people;
  private final OrientationService orientations;
  private final WorkshopService workshops;
  private final ProgressService progress;
  private final SelfPositioningService requests;
  private final ReferentialService referentials;
  private final Access access;
  private final PageLayout layout;

  public PathwayPages(PersonService people, OrientationService orientations, WorkshopService workshops,
                      ProgressService progress, SelfPositioningService requests, ReferentialService referentials,
                      Access access, PageLayout layout) {
    this.progress = progress;
    this.requests = requests;
    this.people = people;
    this.orientations = orientations;
    this.workshops = workshops;
    this.referentials = referentials;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(BASE).handler(access.to(Permission.READ_PEOPLE)).handler(this::home);
    router.get(BASE + "/personnes/nouvelle").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::newPerson);
    router.post(BASE + "/personnes").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::createPerson);
    router.get(BASE + "/personnes/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::person);
    router.get(BASE + "/personnes/:id/donnees.json").handler(access.to(Permission.READ_PEOPLE)).handler(this::dataJson);
    router.get(BASE + "/personnes/:id/donnees.pdf").handler(access.to(Permission.READ_PEOPLE)).handler(this::dataPdf);
    router.get(BASE + "/personnes/:id/orienter").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::preview);
    router.post(BASE + "/orientations").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::orient);
    router.get(BASE + "/orientations/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::orientation);
    router.post(BASE + "/orientations/:id/:decision").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::decide);
    router.get(BASE + "/ateliers").handler(access.to(Permission.READ_PEOPLE)).handler(this::sessions);
    router.post(BASE + "/ateliers").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::planSession);
    router.get(BASE + "/ateliers/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::session);
    router.post(BASE + "/ateliers/:id/:action").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::sessionChange);
    router.get("/t/:tenant/offre/:id/demande").handler(this::requestForm);
    router.post("/t/:tenant/offre/:id/demande").handler(this::sendRequest);
    router.get(BASE + "/demandes/:id").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::requestPage);
    router.post(BASE + "/demandes/:id/:action").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::decideRequest);
    router.get(BASE + "/export").handler(access.to(Permission.READ_PEOPLE)).handler(this::exportPeople);
    router.get(BASE + "/journal").handler(access.to(Permission.READ_PERSONAL_DATA_LOG)).handler(this::accessLog);
    router.get(BASE + "/conservation").handler(access.to(Permission.READ_PERSONAL_DATA_LOG)).handler(this::retention);
    router.post(BASE + "/conservation").handler(access.to(Permission.MANAGE_PERSONAL_DATA)).handler(this::setRetention);
  }

  // ---- home: people, orientations, notifications, renewals due

  private void home(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String name = PathwayApi.blank(request.queryParams().get("nom"));
    Reach reach = Reach.of(context);
    boolean territorial = reach.organisation() == null && reach.referent() == null;
    Future<List<OrientationStore.Notification>> notices = territorial ? orientations.notifications(context)
        : Future.succeededFuture(List.of());
    Future<List<SelfPositioning>> received = context.holds(Permission.ORIENT_PEOPLE) ? requests.list(context)
        : Future.succeededFuture(List.of());
    received.compose(asked -> people.list(context, name, "GET /t/{tenant}/parcours")
        .compose(list -> orientations.list(context, null, null, null)
            .compose(open -> orientations.dueForRenewal(context, context.today())
                .compose(due -> notices.compose(notes -> {
                  Map<String, Object> model = new HashMap<>();
                  model.put("people", list.stream().map(PathwayPages::personRow).toList());
                  model.put("orientations", open.stream().filter(o -> o.state() != Orientation.State.REFUSED
                      && o.state() != Orientation.State.EXITED).map(o -> orientationRow(o, context.today())).toList());
                  model.put("due", due.stream().map(o -> orientationRow(o, context.today())).toList());
                  model.put("notifications", notes.stream().map(n -> Map.of("message", n.message(), "territory", n.territory(),
                      "at", DATE_TIME.format(n.at().atZoneSameInstant(context.zone())), "orientation", n.orientationId().toString())).toList());
                  model.put("showNotifications", territorial);
                  model.put("requests", asked.stream().map(r -> Map.of("id", r.id().toString(), "name", r.displayName(),
                      "offer", r.offerTitle(), "territory", r.territory(),
                      "at", DATE_TIME.format(r.receivedAt().atZoneSameInstant(context.zone())),
                      "decideBy", OrientationService.FRENCH_DATE.format(r.decideBy(context.zone())),
                      "expired", r.expired())).toList());
                  model.put("daysToDecide", SelfPositioning.DAYS_TO_DECIDE);
                  model.put("daysKeptExpired", SelfPositioning.DAYS_KEPT_EXPIRED);
                  model.put("name", name == null ? "" : name);
                  model.put("reachReach", reach);
                  model.put("canCreate", context.holds(Permission.ORIENT_PEOPLE));
                  model.put("canReadLog", context.holds(Permission.READ_PERSONAL_DATA_LOG));
                  // Workshops are followed by their operator, the territory and the pilotage, not by a référent.
                  model.put("canSeeWorkshops", Reach.of(context).referent() == null);
                  return show(request, "pathways", "Parcours", model);
                })))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- people

  private void newPerson(RoutingContext request) {
    renderPersonForm(request, 200, new HashMap<>(), Map.of(), List.of(), List.of());
  }

  private void createPerson(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    people.territoryCodes(context.tenant())
        .map(codes -> PersonInput.parse(PersonInput.fromForm(form), codes, PersonService.referentOf(context), context.today()))
        .compose(parsed -> people.create(context, parsed))
        .onSuccess(created -> {
          if (created.person() == null) {
            renderPersonForm(request, 409, formValues(form), Map.of(), List.of(), created.duplicates());
          } else {
            Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/personnes/" + created.person().id() + "?notice=creee");
          }
        })
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          renderPersonForm(request, 400, formValues(form), FormErrors.byField(problem), problem.errors(), List.of());
        });
  }

  private void renderPersonForm(RoutingContext request, int status, Map<String, Object> values, Map<String, String> errors,
                                List<Problem.FieldError> errorList, List<Person> duplicates) {
    RequestContext context = RequestContext.of(request);
    people.territories(context.tenant()).compose(territories -> referentials.labels(context.tenant(), "prescriber-types")
        .compose(kinds -> {
          request.response().setStatusCode(status);
          Map<String, Object> model = new HashMap<>();
          model.put("values", values);
          model.put("errors", errors);
          model.put("errorList", errorList);
          model.put("duplicates", duplicates.stream().map(PathwayPages::personRow).toList());
          model.put("territories", territories);
          model.put("referentKinds", PersonInput.REFERENT_KINDS.stream().map(k -> Map.of("code", k, "label", kinds.getOrDefault(k, k))).toList());
          model.put("isReferent", Reach.of(context).referent() != null);
          return show(request, "pathway-person-new", "Nouvelle personne", model);
        })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private static Map<String, Object> formValues(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    form.forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    return values;
  }

  private void person(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    people.get(context, id, "GET /t/{tenant}/parcours/personnes/{id}")
        .compose(person -> orientations.list(context, id, null, null)
            .compose(list -> (context.holds(Permission.ORIENT_PEOPLE) ? orientations.items(context)
                : Future.succeededFuture(List.<OfferItem>of()))
                .compose(items -> {
                  Map<String, ActionTypeDescriptor> types = orientations.actionTypes(context.tenant());
                  Map<String, Object> model = new HashMap<>();
                  model.put("person", personView(person));
                  model.put("orientations", list.stream().map(o -> orientationRow(o, context.today())).toList());
                  List<Map<String, Object>> choices = new ArrayList<>();
                  for (OfferItem item : items) {
                    for (OfferItem.Place place : item.places()) {
                      ActionTypeDescriptor type = types.get(item.actionType());
                      choices.add(Map.of("value", item.id() + "|" + place.territory(), "title", item.title(),
                          "territory", place.territory(), "type", type == null ? item.actionType() : type.label().fr()));
                    }
                  }
                  model.put("choices", choices);
                  model.put("notice", notice(request));
                  model.put("canOrient", context.holds(Permission.ORIENT_PEOPLE) && !person.pseudonymised());
                  model.put("canReadLog", context.holds(Permission.READ_PERSONAL_DATA_LOG));
                  return show(request, "pathway-person", person.displayName(), model);
                })))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The person's data (their right of access) as JSON, from their page; logged and audited like the API's. */
  private void dataJson(RoutingContext request) {
    people.export(RequestContext.of(request), PathwayApi.id(request), "GET /t/{tenant}/parcours/personnes/{id}/donnees.json")
        .onSuccess(json -> request.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Content-Disposition", "inline; filename=\"donnees-personnelles.json\"").end(json.encodePrettily()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The same as a readable PDF to hand to the person. */
  private void dataPdf(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    people.export(context, PathwayApi.id(request), "GET /t/{tenant}/parcours/personnes/{id}/donnees.pdf")
        .compose(json -> referentials.labels(context.tenant(), "exit-types").compose(labels -> PersonExport.pdf(json, context, labels)
            .render(request.vertx())))
        .onSuccess(pdf -> fr.pacte.server.documents.PdfDocument.respond(request, "donnees-personnelles.pdf", pdf))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** What the prescriber sees before confirming: the action type's eligibility answer and the places left. */
  private void preview(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID person = PathwayApi.id(request);
    String choice = request.queryParams().get("choix");
    String[] parts = choice == null ? new String[0] : choice.split("\\|", 2);
    if (parts.length != 2) {
      Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/personnes/" + person + "?notice=choix");
      return;
    }
    UUID offer = PathwayApi.uuid(parts[0], "offer");
    orientations.preview(context, person, offer, parts[1])
        .compose(preview -> referentials.labels(context.tenant(), "prescriber-types").compose(kinds -> {
          Map<String, Object> model = new HashMap<>();
          model.put("preview", previewView(preview));
          model.put("kinds", kinds.entrySet().stream().map(e -> Map.of("code", e.getKey(), "label", e.getValue())).toList());
          model.put("defaultKind", Reach.of(context).organisation() != null ? "operateur-action" : "departement");
          return show(request, "pathway-orient", "Orienter " + preview.person().displayName(), model);
        }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void orient(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    UUID person = PathwayApi.uuid(form.get("person"), "person");
    UUID offer = PathwayApi.uuid(form.get("offer"), "offer");
    orientations.orient(context, person, offer, form.get("territory"), form.get("prescriberKind"), PathwayApi.blank(form.get("note")))
        .onSuccess(placed -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/orientations/"
            + placed.orientation().id() + "?notice=" + placed.orientation().state().code()))
        .onFailure(error -> problemPage(request, error, "/t/" + context.tenant() + "/parcours/personnes/" + person));
  }

  // ---- one orientation: decisions and follow-up

  private void orientation(RoutingContext request) {
    renderOrientation(request, 200, PathwayApi.id(request), Map.of(), List.of(), notice(request), Map.of());
  }

  private void renderOrientation(RoutingContext request, int status, UUID id, Map<String, String> errors,
                                 List<Problem.FieldError> errorList, String notice, Map<String, Object> values) {
    RequestContext context = RequestContext.of(request);
    orientations.get(context, id)
        .compose(o -> orientations.capacity(context, o.offerId(), o.territory()).otherwiseEmpty()
            .compose(capacity -> referentials.labels(context.tenant(), "refusal-reasons")
                .compose(reasons -> referentials.labels(context.tenant(), "exit-types").compose(exits -> progress.evaluation(context, id)
                .compose(evaluation -> orientations.panels(context, o.id()).compose(panels -> {
                  ActionTypeDescriptor type = orientations.actionTypes(context.tenant()).get(o.actionType());
                  Reach reach = Reach.of(context);
                  request.response().setStatusCode(status);
                  Map<String, Object> model = new HashMap<>();
                  model.put("o", orientationRow(o, context.today()));
                  model.put("capacity", capacity == null ? null : capacityView(capacity));
                  model.put("typeLabel", type == null ? o.actionType() : type.label().fr());
                  model.put("canDecide", context.holds(Permission.DECIDE_ORIENTATIONS) && reach.decidesFor(o.organisationId()));
                  model.put("evaluation", evaluationView(evaluation));
                  model.put("reasons", reasons.entrySet().stream().map(e -> Map.of("code", e.getKey(), "label", e.getValue())).toList());
                  model.put("exitTypes", exits.entrySet().stream().map(e -> Map.of("code", e.getKey(), "label", e.getValue())).toList());
                  model.put("outcomes", type == null ? List.of() : type.expectedOutcomes());
                  // After a refusal (a conflict with someone else's change included) the fields show what was typed.
                  JsonObject shownFields = values.get(TYPED_FIELDS) instanceof JsonObject typed ? typed : o.fields();
                  model.put("fields", fieldViews(OrientationService.fieldsOf(type), shownFields));
                  model.put("renewable", type != null && type.renewal().renewable());
                  model.put("renewalCondition", type == null || type.renewal().condition() == null ? "" : type.renewal().condition().fr());
                  model.put("maxMonths", type == null ? null : type.maximumDurationMonths());
                  model.put("today", context.today().toString());
                  model.put("errors", errors);
                  model.put("errorList", errorList);
                  model.put("values", values);
                  model.put("notice", notice);
                  model.put("panels", panels);
                  return show(request, "pathway-orientation", "Orientation de " + o.personName(), model);
                }))))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void decide(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    MultiMap form = request.request().formAttributes();
    String decision = request.pathParam("decision");
    if (decision.equals("progression") || decision.equals("satisfaction")) {
      evaluate(request, context, id, form, decision);
      return;
    }
    int version;
    try {
      version = Integer.parseInt(form.get("version"));
    } catch (RuntimeException e) {
      renderOrientation(request, 400, id, Map.of(), List.of(new Problem.FieldError("version", "Version manquante : rechargez la page.")), "", Map.of());
      return;
    }
    Future<OrientationService.Placed> result;
    try {
      result = switch (request.pathParam("decision")) {
        case "accepter" -> orientations.accept(context, id, version, OrientationService.date(form.get("entryDate"), "entryDate"),
            PathwayApi.blank(form.get("note")));
        case "refuser" -> orientations.refuse(context, id, version, form.get("reason"), PathwayApi.blank(form.get("comment")),
            PathwayApi.blank(form.get("note")));
        case "sortie" -> orientations.exit(context, id, version, OrientationService.date(form.get("date"), "date"),
            form.get("type"), form.getAll("outcomes"), PathwayApi.blank(form.get("comment")));
        case "renouveler" -> orientations.renew(context, id, version, PathwayApi.blank(form.get("reason")));
        case "suivi" -> orientations.get(context, id).compose(o -> {
          ActionTypeDescriptor type = orientations.actionTypes(context.tenant()).get(o.actionType());
          return orientations.recordFields(context, id, version,
              ParticipationFields.fromForm(OrientationService.fieldsOf(type), form), PathwayApi.blank(form.get("note")));
        });
        default -> Future.failedFuture(Problem.notFound("Action inconnue."));
      };
    } catch (Problem problem) {
      result = Future.failedFuture(problem);
    }
    result.onSuccess(placed -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/orientations/" + id
            + "?notice=" + request.pathParam("decision")))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409 || problem.status() == 422)) {
            List<Problem.FieldError> list = problem.errors().isEmpty()
                ? List.of(new Problem.FieldError(request.pathParam("decision") + "-titre", problem.detail())) : problem.errors();
            Map<String, Object> typed = formValues(form);
            Future<Map<String, Object>> kept = !decision.equals("suivi") ? Future.succeededFuture(typed)
                : orientations.get(context, id).map(o -> {
                  ActionTypeDescriptor type = orientations.actionTypes(context.tenant()).get(o.actionType());
                  typed.put(TYPED_FIELDS, ParticipationFields.fromForm(OrientationService.fieldsOf(type), form));
                  return typed;
                });
            kept.onSuccess(shown -> renderOrientation(request, problem.status(), id, FormErrors.byField(list), list, "", shown))
                .onFailure(failure -> FailureHandler.respond(request, failure));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  /** A progress grid or the satisfaction questionnaire sent from the orientation page; errors come back next to the field. */
  private void evaluate(RoutingContext request, RequestContext context, UUID id, MultiMap form, String decision) {
    boolean grid = decision.equals("progression");
    String prefix = grid ? "progress." : "satisfaction.";
    String levelsField = grid ? "scores" : "answers";
    JsonObject levels = new JsonObject();
    JsonObject body = new JsonObject().put(levelsField, levels);
    form.forEach(entry -> {
      if (!entry.getKey().startsWith(prefix) || entry.getValue().isBlank()) {
        return;
      }
      String key = entry.getKey().substring(prefix.length());
      if (key.startsWith(levelsField + ".")) {
        levels.put(key.substring(levelsField.length() + 1), entry.getValue());
      } else {
        body.put(key, entry.getValue());
      }
    });
    Future<?> result = grid ? progress.assess(context, id, body) : progress.answer(context, id, body);
    result.onSuccess(done -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/orientations/" + id
            + "?notice=" + decision + "#" + (grid ? "progression-titre" : "satisfaction-titre")))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409)) {
            List<Problem.FieldError> list = problem.errors().isEmpty()
                ? List.of(new Problem.FieldError(prefix + "form", problem.detail()))
                : problem.errors().stream().map(e -> new Problem.FieldError(prefix + e.field(), e.message())).toList();
            renderOrientation(request, problem.status(), id, FormErrors.byField(list), list, "", formValues(form));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private static Map<String, Object> evaluationView(ProgressService.Evaluation evaluation) {
    List<ProgressGrids.Item> criteria = ProgressGrids.criteria(evaluation.orientation().actionType());
    Map<String, Object> view = new HashMap<>();
    view.put("criteria", criteria.stream().map(c -> Map.of("code", c.code(), "label", c.label())).toList());
    view.put("levels", levelViews(ProgressGrids.LEVELS));
    view.put("questions", ProgressGrids.QUESTIONNAIRE.stream().map(c -> Map.of("code", c.code(), "label", c.label())).toList());
    view.put("satisfactionLevels", levelViews(ProgressGrids.SATISFACTION_LEVELS));
    view.put("moments", List.of(ProgressGrids.Moment.values()).stream()
        .map(m -> Map.of("code", m.code(), "label", m.label())).toList());
    view.put("assessments", evaluation.assessments().stream().map(a -> {
      Map<String, Object> row = new HashMap<>();
      row.put("moment", a.moment().label());
      row.put("date", TABLE_DATE.format(a.on()));
      row.put("by", a.by());
      row.put("comment", a.comment() == null ? "" : a.comment());
      return row;
    }).toList());
    view.put("rows", criteria.stream().map(c -> Map.of("label", c.label(), "cells", evaluation.assessments().stream().map(a -> {
      Integer level = a.scores().getInteger(c.code());
      return level == null ? "—" : level + " — " + ProgressGrids.LEVELS.get(level - 1);
    }).toList())).toList());
    view.put("satisfaction", evaluation.satisfaction().map(s -> {
      Map<String, Object> answered = new HashMap<>();
      answered.put("date", TABLE_DATE.format(s.on()));
      answered.put("comment", s.comment() == null ? "" : s.comment());
      answered.put("answers", ProgressGrids.QUESTIONNAIRE.stream().map(q -> {
        Integer level = s.answers().getInteger(q.code());
        return Map.of("label", q.label(), "answer", level == null ? "—" : ProgressGrids.SATISFACTION_LEVELS.get(level - 1));
      }).toList());
      return answered;
    }).orElse(null));
    return view;
  }

  private static List<Map<String, Object>> levelViews(List<String> labels) {
    List<Map<String, Object>> levels = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      levels.add(Map.of("value", String.valueOf(i + 1), "label", (i + 1) + " — " + labels.get(i)));
    }
    return levels;
  }

  // ---- workshops

  private void sessions(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    renderSessions(request, 200, context, Map.of(), List.of(), Map.of());
  }

  private void renderSessions(RoutingContext request, int status, RequestContext context, Map<String, String> errors,
                              List<Problem.FieldError> errorList, Map<String, Object> values) {
    workshops.list(context).compose(list -> orientations.items(context).compose(items -> {
      Map<String, ActionTypeDescriptor> types = orientations.actionTypes(context.tenant());
      List<Map<String, Object>> choices = new ArrayList<>();
      for (OfferItem item : items) {
        ActionTypeDescriptor type = types.get(item.actionType());
        if (type != null && type.mode() == fr.pacte.api.FollowUpMode.COLLECTIVE_WORKSHOPS) {
          item.places().forEach(place -> choices.add(Map.of("value", item.id() + "|" + place.territory(),
              "title", item.title(), "territory", place.territory(), "type", type.label().fr())));
        }
      }
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("sessions", list.stream().map(PathwayPages::sessionView).toList());
      model.put("participants", participantCounts(list));
      model.put("choices", choices);
      model.put("canPlan", context.holds(Permission.DECIDE_ORIENTATIONS) && !choices.isEmpty());
      model.put("errors", errors);
      model.put("errorList", errorList);
      model.put("values", values);
      model.put("notice", notice(request));
      return show(request, "pathway-sessions", "Ateliers", model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void planSession(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    String[] choice = form.get("choice") == null ? new String[0] : form.get("choice").split("\\|", 2);
    JsonObject body = new JsonObject().put("offer", choice.length == 2 ? choice[0] : null)
        .put("territory", choice.length == 2 ? choice[1] : null).put("startsAt", form.get("startsAt"))
        .put("theme", form.get("theme")).put("place", form.get("place")).put("capacity", form.get("capacity"));
    Future<WorkshopSession> result;
    try {
      result = workshops.plan(context, WorkshopService.Planned.parse(body));
    } catch (Problem problem) {
      result = Future.failedFuture(problem);
    }
    result.onSuccess(session -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/ateliers/" + session.id() + "?notice=planifiee"))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          List<Problem.FieldError> list = problem.errors().stream()
              .map(e -> e.field().equals("offer") || e.field().equals("territory") ? new Problem.FieldError("choice", e.message()) : e)
              .toList();
          renderSessions(request, 400, context, FormErrors.byField(list), list, formValues(form));
        });
  }

  private void session(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    workshops.get(context, id).compose(session -> orientations.list(context, null, null, session.offerId()).compose(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("s", sessionView(session));
      model.put("candidates", list.stream().filter(o -> o.territory().equals(session.territory())
              && (o.state() == Orientation.State.IN || o.state() == Orientation.State.PROPOSED)
              && session.attendance().stream().noneMatch(a -> a.personId().equals(o.personId())))
          .map(o -> Map.of("id", o.personId().toString(), "name", o.personName())).toList());
      model.put("canEdit", context.holds(Permission.DECIDE_ORIENTATIONS) && Reach.of(context).decidesFor(session.organisationId()));
      model.put("notice", notice(request));
      return show(request, "pathway-session", "Atelier : " + session.theme(), model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void sessionChange(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    MultiMap form = request.request().formAttributes();
    Future<WorkshopSession> result;
    try {
      UUID person = PathwayApi.uuid(form.get("person"), "person");
      result = switch (request.pathParam("action")) {
        case "inscrire" -> workshops.register(context, id, person);
        case "presence" -> workshops.mark(context, id, person, form.get("status"));
        default -> Future.failedFuture(Problem.notFound("Action inconnue."));
      };
    } catch (Problem problem) {
      result = Future.failedFuture(problem);
    }
    result.onSuccess(s -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/ateliers/" + id + "?notice=enregistre"))
        .onFailure(error -> problemPage(request, error, "/t/" + context.tenant() + "/parcours/ateliers/" + id));
  }

  // ---- self-positioning from the public offer page

  private void requestForm(RoutingContext request) {
    renderRequestForm(request, 200, Map.of(), List.of(), Map.of());
  }

  private void renderRequestForm(RoutingContext request, int status, Map<String, String> errors,
                                 List<Problem.FieldError> errorList, Map<String, Object> values) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    requests.item(context.tenant(), id, context.today()).compose(item -> {
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("item", Map.of("id", item.id().toString(), "title", item.title(), "organisation",
          item.organisationName() == null ? item.organisationId() : item.organisationName()));
      model.put("places", item.territories());
      model.put("errors", errors);
      model.put("errorList", errorList);
      model.put("values", values);
      return show(request, "pathway-self-positioning", "Demander à participer : " + item.title(), model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void sendRequest(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    JsonObject body = new JsonObject();
    for (String field : List.of("familyName", "firstNames", "birthDate", "commune", "territory", "email", "phone",
        "rsaRecipient", "message", "consent")) {
      if (form.get(field) != null) {
        body.put(field, form.get(field));
      }
    }
    Future<UUID> sent;
    try {
      sent = requests.receive(context.tenant(), PathwayApi.id(request), body, PathwayApi.address(request),
          context.clock().instant(), context.today());
    } catch (Problem problem) {
      sent = Future.failedFuture(problem);
    }
    sent.onSuccess(id -> show(request, "pathway-self-positioning-sent", "Demande envoyée", Map.of())
            .onFailure(error -> FailureHandler.respond(request, error)))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 429)) {
            List<Problem.FieldError> list = problem.errors().isEmpty()
                ? List.of(new Problem.FieldError("form", problem.detail())) : problem.errors();
            renderRequestForm(request, problem.status(), FormErrors.byField(list), list, formValues(form));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void requestPage(RoutingContext request) {
    renderRequest(request, 200, Map.of(), List.of(), Map.of());
  }

  private void renderRequest(RoutingContext request, int status, Map<String, String> errors,
                             List<Problem.FieldError> errorList, Map<String, Object> values) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    requests.list(context).compose(list -> {
      SelfPositioning r = list.stream().filter(x -> x.id().equals(id)).findFirst()
          .orElseThrow(() -> Problem.notFound("Aucune demande « " + id + " » dans votre périmètre."));
      return referentials.labels(context.tenant(), "prescriber-types").compose(kinds -> {
        request.response().setStatusCode(status);
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> view = new HashMap<>();
        view.put("id", r.id().toString());
        view.put("name", r.displayName());
        view.put("birthDate", TABLE_DATE.format(r.birthDate()));
        view.put("commune", r.commune());
        view.put("territory", r.territory());
        view.put("offer", r.offerTitle());
        view.put("contact", String.join(" — ", java.util.stream.Stream.of(r.email(), r.phone()).filter(x -> x != null).toList()));
        view.put("rsa", r.rsaRecipient() == null ? "Ne sait pas" : r.rsaRecipient() ? "Oui" : "Non");
        view.put("message", r.message() == null ? "" : r.message());
        view.put("at", DATE_TIME.format(r.receivedAt().atZoneSameInstant(context.zone())));
        view.put("decideBy", OrientationService.FRENCH_DATE.format(r.decideBy(context.zone())));
        view.put("expired", r.expired());
        view.put("expiredOn", r.expired() ? OrientationService.FRENCH_DATE.format(r.expiredAt().atZoneSameInstant(context.zone())) : "");
        view.put("emailed", r.email() != null);
        model.put("r", view);
        model.put("daysToDecide", SelfPositioning.DAYS_TO_DECIDE);
        model.put("daysKeptExpired", SelfPositioning.DAYS_KEPT_EXPIRED);
        model.put("referentKinds", PersonInput.REFERENT_KINDS.stream().map(k -> Map.of("code", k, "label", kinds.getOrDefault(k, k))).toList());
        model.put("errors", errors);
        model.put("errorList", errorList);
        model.put("values", values);
        return show(request, "pathway-request", "Demande de " + r.displayName(), model);
      });
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void decideRequest(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = PathwayApi.id(request);
    MultiMap form = request.request().formAttributes();
    boolean confirm = "confirmer".equals(request.pathParam("action"));
    Future<String> result;
    if (confirm) {
      JsonObject body = new JsonObject().put("rsaRecipient", form.get("rsaRecipient") == null ? "false" : form.get("rsaRecipient"))
          .put("referent", new JsonObject().put("username", form.get("referent.username")).put("name", form.get("referent.name"))
              .put("organisationKind", form.get("referent.organisationKind")).put("organisation", form.get("referent.organisation")))
          .put("confirmDuplicates", form.get("confirmDuplicates") != null);
      result = requests.confirm(context, id, body).map(placed -> "/t/" + context.tenant() + "/parcours/orientations/"
          + placed.orientation().id() + "?notice=" + placed.orientation().state().code());
    } else if ("ecarter".equals(request.pathParam("action"))) {
      result = requests.decline(context, id, PathwayApi.blank(form.get("reason"))).map("/t/" + context.tenant() + "/parcours");
    } else {
      result = Future.failedFuture(Problem.notFound("Action inconnue."));
    }
    result.onSuccess(target -> Redirect.seeOther(request, target))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409 || problem.status() == 422)) {
            List<Problem.FieldError> list = problem.errors().isEmpty()
                ? List.of(new Problem.FieldError("form", problem.detail())) : problem.errors();
            renderRequest(request, problem.status(), FormErrors.byField(list), list, formValues(form));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  // ---- exports of the list of people

  /**
   * The export form, and the file it asks for ({@code ?format=csv|xlsx}): pseudonymised unless « avec les noms » is
   * ticked, which needs a role that allows it and a reason (kept in the audit trail).
   */
  private void exportPeople(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    boolean canIdentify = context.holds(Permission.EXPORT_IDENTIFIED_PEOPLE);
    if (!ListTable.isExport(request)) {
      renderExport(request, 200, canIdentify, Map.of(), List.of());
      return;
    }
    boolean identified = "1".equals(request.queryParams().get("noms"));
    String reason = PathwayApi.blank(request.queryParams().get("motif"));
    if (identified && reason == null) {
      reason = "";
    }
    String name = PathwayApi.blank(request.queryParams().get("nom"));
    String stated = identified ? reason : null;
    people.exportList(context, name, stated, "GET /t/{tenant}/parcours/export")
        .compose(list -> territoryNames(context.tenant()).compose(names ->
            PeopleExport.table(list, stated != null, names).export(request)))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 400) {
            List<Problem.FieldError> errors = problem.errors().stream()
                .map(e -> new Problem.FieldError(e.field().equals("reason") ? "motif" : e.field(), e.message())).toList();
            renderExport(request, 400, canIdentify, FormErrors.byField(errors), errors);
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void renderExport(RoutingContext request, int status, boolean canIdentify, Map<String, String> errors,
                            List<Problem.FieldError> errorList) {
    request.response().setStatusCode(status);
    Map<String, Object> model = new HashMap<>();
    model.put("canIdentify", canIdentify);
    model.put("errors", errors);
    model.put("errorList", errorList);
    Map<String, Object> values = new HashMap<>();
    request.queryParams().forEach(e -> values.put(e.getKey(), e.getValue()));
    model.put("values", values);
    show(request, "pathway-export", "Exporter la liste des personnes", model)
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- access log

  private void accessLog(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID person = PathwayApi.uuid(request.queryParams().get("personne"), "personne");
    people.reads(context, person, 200).compose(reads -> {
      Map<String, Object> model = new HashMap<>();
      model.put("reads", reads.stream().map(r -> Map.of("at", DATE_TIME.format(r.at().atZoneSameInstant(context.zone())),
          "actor", r.actorName() + " (" + r.actor() + ")", "route", r.route(), "kind", switch (r.kind()) {
            case "person" -> "Fiche d'une personne";
            case "export" -> "Export des données d'une personne";
            default -> "Liste de personnes";
          }, "count", r.people().size(), "people", r.people().stream().map(UUID::toString).toList())).toList());
      model.put("person", person == null ? "" : person.toString());
      return show(request, "pathway-access-log", "Journal des consultations de données personnelles", model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- retention of personal data

  private void retention(RoutingContext request) {
    renderRetention(request, 200, Map.of(), List.of(), Map.of());
  }

  private void renderRetention(RoutingContext request, int status, Map<String, String> errors, List<Problem.FieldError> errorList,
                               Map<String, Object> values) {
    RequestContext context = RequestContext.of(request);
    people.retentionMonths(context.tenant()).compose(months -> {
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("months", months);
      model.put("defaultMonths", PersonService.DEFAULT_RETENTION_MONTHS);
      model.put("canChange", context.holds(Permission.MANAGE_PERSONAL_DATA));
      model.put("errors", errors);
      model.put("errorList", errorList);
      Map<String, Object> shown = new HashMap<>(values);
      shown.putIfAbsent("months", String.valueOf(months));
      model.put("values", shown);
      model.put("notice", notice(request));
      return show(request, "pathway-retention", "Conservation des données personnelles", model);
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void setRetention(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    Future<Integer> saved;
    try {
      saved = people.setRetentionMonths(context, PathwayApi.retentionMonths(new JsonObject().put("months", form.get("months"))));
    } catch (Problem problem) {
      saved = Future.failedFuture(problem);
    }
    saved.onSuccess(months -> Redirect.seeOther(request, "/t/" + context.tenant() + "/parcours/conservation?notice=enregistree"))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          renderRetention(request, 400, FormErrors.byField(problem), problem.errors(), formValues(form));
        });
  }

  // ---- helpers

  /**
   * Renders a pathway page with what turns codes into words: the tenant's territory names and the labels of the
   * refusal reasons and exit types, so that people read « Amiens », not « amiens ».
   */
  private Future<Void> show(RoutingContext request, String template, String title, Map<String, Object> model) {
    String tenant = request.pathParam("tenant");
    return territoryNames(tenant).compose(names -> referentials.labels(tenant, "refusal-reasons")
        .compose(reasons -> referentials.labels(tenant, "exit-types").compose(exits -> {
          Map<String, Object> full = new HashMap<>(model);
          full.put("territoryNames", names);
          full.put("refusalLabels", reasons);
          full.put("exitLabels", exits);
          if (model.get("reachReach") instanceof Reach reach) {
            full.put("reach", reachLabel(reach, names));
          }
          return layout.render(request, template, title, full);
        })));
  }

  /** The tenant's territory names by code. */
  private Future<Map<String, String>> territoryNames(String tenant) {
    return people.territories(tenant).map(list -> {
      Map<String, String> names = new HashMap<>();
      list.forEach(t -> names.putIfAbsent(t.code(), t.name()));
      return names;
    });
  }

  /** A refusal shown on a page of its own, with the reason and the way back. */
  private void problemPage(RoutingContext request, Throwable error, String back) {
    if (!(error instanceof Problem problem) || problem.status() >= 500 || problem.status() == 401) {
      FailureHandler.respond(request, error);
      return;
    }
    request.response().setStatusCode(problem.status());
    List<String> reasons = new ArrayList<>();
    problem.errors().forEach(e -> reasons.add(e.message()));
    if (reasons.isEmpty()) {
      reasons.add(problem.detail());
    }
    show(request, "pathway-refused", problem.title(), Map.of("reasons", reasons, "back", back))
        .onFailure(failure -> FailureHandler.respond(request, failure));
  }

  private static String notice(RoutingContext request) {
    String notice = request.queryParams().get("notice");
    return notice == null ? "" : notice;
  }

  static Map<String, Object> personRow(Person p) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", p.id().toString());
    row.put("name", p.displayName());
    row.put("birthDate", TABLE_DATE.format(p.details().birthDate()));
    row.put("commune", p.details().commune());
    row.put("territory", p.details().territory());
    row.put("rsa", p.details().rsaRecipient() ? "Oui" : "Non");
    row.put("referent", p.details().referentName());
    row.put("pseudonymised", p.pseudonymised());
    return row;
  }

  private static Map<String, Object> personView(Person p) {
    Person.Details d = p.details();
    Map<String, Object> view = personRow(p);
    view.put("birthDateLong", LONG_DATE.format(d.birthDate()));
    view.put("email", d.email() == null ? "" : d.email());
    view.put("phone", d.phone() == null ? "" : d.phone());
    view.put("rsaLabel", d.rsaRecipient() ? "Allocataire du RSA" + (d.rsaCheckedOn() == null ? "" : " (vérifié le "
        + LONG_DATE.format(d.rsaCheckedOn()) + ")") : "Non allocataire du RSA");
    view.put("iae", d.iaeEligible() == null ? "Non connue" : d.iaeEligible() ? "Éligible" : "Non éligible");
    view.put("referentOrganisation", d.referentOrganisation());
    view.put("caf", d.cafNumber() == null ? "" : d.cafNumber());
    view.put("franceTravail", d.franceTravailId() == null ? "" : d.franceTravailId());
    return view;
  }

  static Map<String, Object> orientationRow(Orientation o, LocalDate today) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", o.id().toString());
    row.put("personId", o.personId().toString());
    row.put("person", o.personName());
    row.put("offer", o.offerTitle());
    row.put("territory", o.territory());
    row.put("state", o.state().code());
    row.put("stateLabel", o.state().label() + (o.state() == Orientation.State.WAITING ? " (rang " + o.waitingRank() + ")" : ""));
    row.put("prescriber", o.prescriberName());
    row.put("entry", o.entryDate() == null ? "" : TABLE_DATE.format(o.entryDate()));
    row.put("plannedEnd", o.plannedEnd() == null ? "" : TABLE_DATE.format(o.plannedEnd()));
    row.put("renewalDue", o.dueForRenewal(today));
    row.put("refusal", o.refusalReason() == null ? "" : o.refusalReason());
    row.put("refusalComment", o.refusalComment() == null ? "" : o.refusalComment());
    row.put("exit", o.exitDate() == null ? "" : TABLE_DATE.format(o.exitDate()));
    row.put("exitType", o.exitType() == null ? "" : o.exitType());
    row.put("note", o.noteForReferent() == null ? "" : o.noteForReferent());
    row.put("eligibilityNote", o.eligibilityNote() == null ? "" : o.eligibilityNote());
    row.put("version", o.version());
    row.put("renewals", o.renewals().stream().map(r -> (JsonObject) r).map(r -> r.getString("on") + " : " + r.getString("reason")
        + " (jusqu'au " + r.getString("newEnd") + ")").toList());
    return row;
  }

  private static Map<String, Object> capacityView(Capacity c) {
    Map<String, Object> view = new HashMap<>();
    view.put("funded", c.funded());
    view.put("entered", c.entered());
    view.put("proposed", c.held() - c.entered());
    view.put("held", c.held());
    view.put("waiting", c.waiting());
    view.put("left", c.left());
    view.put("full", c.full());
    view.put("counted", c.counted());
    view.put("rsaShare", c.rsaShare());
    return view;
  }

  private static Map<String, Object> previewView(OrientationService.Preview p) {
    Map<String, Object> view = new HashMap<>();
    view.put("personId", p.person().id().toString());
    view.put("person", p.person().displayName());
    view.put("offerId", p.item().id().toString());
    view.put("offer", p.item().title());
    view.put("organisation", p.item().organisationName());
    view.put("territory", p.territory());
    view.put("type", p.type().label().fr());
    view.put("rule", p.type().eligibility().statement() == null ? "" : p.type().eligibility().statement().fr());
    view.put("eligible", p.eligible());
    view.put("reason", p.reason() == null ? "" : p.reason());
    view.put("warning", p.warning() == null ? "" : p.warning());
    view.put("capacity", capacityView(p.capacity()));
    return view;
  }

  private static Map<String, Object> sessionView(WorkshopSession s) {
    Map<String, Object> view = new HashMap<>();
    view.put("id", s.id().toString());
    view.put("offer", s.offerTitle());
    view.put("territory", s.territory());
    view.put("startsAt", DATE_TIME.format(s.startsAt()));
    view.put("theme", s.theme());
    view.put("place", s.place());
    view.put("capacity", s.capacity());
    view.put("registered", s.attendance().size());
    view.put("present", s.count("present"));
    view.put("absent", s.count("absent"));
    view.put("excused", s.count("excused"));
    view.put("attendance", s.attendance().stream().map(a -> Map.of("id", a.personId().toString(), "name", a.personName(),
        "status", a.status(), "label", WorkshopSession.label(a.status()))).toList());
    return view;
  }

  /** Per person, over the sessions shown: how many they were registered to, came to, missed, were excused from. */
  static List<Map<String, Object>> participantCounts(List<WorkshopSession> sessions) {
    Map<UUID, Map<String, Object>> rows = new LinkedHashMap<>();
    for (WorkshopSession session : sessions) {
      for (WorkshopSession.Attendance a : session.attendance()) {
        Map<String, Object> row = rows.computeIfAbsent(a.personId(), id -> {
          Map<String, Object> created = new HashMap<>();
          created.put("id", id.toString());
          created.put("name", a.personName());
          WorkshopSession.STATUSES.forEach(status -> created.put(status, 0));
          created.put("sessions", 0);
          return created;
        });
        row.merge("sessions", 1, (x, y) -> (Integer) x + (Integer) y);
        row.merge(a.status(), 1, (x, y) -> (Integer) x + (Integer) y);
      }
    }
    return rows.values().stream().sorted(java.util.Comparator.comparing(r -> ((String) r.get("name")).toLowerCase(Locale.FRENCH)))
        .toList();
  }

  private static List<Map<String, Object>> fieldViews(List<ParticipationField> fields, JsonObject values) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (ParticipationField f : fields) {
      Map<String, Object> view = new LinkedHashMap<>();
      Object value = values.getValue(f.code());
      view.put("code", f.code());
      view.put("name", "fields." + f.code());
      view.put("label", f.label().fr());
      view.put("type", f.type().name());
      view.put("required", f.required());
      view.put("value", value == null || value instanceof JsonArray ? "" : String.valueOf(value));
      view.put("checked", Boolean.TRUE.equals(value) || "true".equals(value));
      List<String> chosen = value instanceof JsonArray array ? array.stream().map(String::valueOf).toList()
          : value == null ? List.of() : List.of(String.valueOf(value));
      view.put("options", f.options().stream().map(LocalizedText::fr).map(o -> Map.of("label", o, "selected", chosen.contains(o))).toList());
      views.add(view);
    }
    return views;
  }

  private static String reachLabel(Reach reach, Map<String, String> names) {
    if (reach.referent() != null) {
      return "les personnes dont vous êtes le référent de parcours";
    }
    if (reach.organisation() != null) {
      return "les personnes orientées sur les actions de votre organisation";
    }
    if (reach.territories() != null) {
      return "les personnes de votre territoire (" + String.join(", ", reach.territories().stream().sorted()
          .map(code -> names.getOrDefault(code, code)).toList()) + ")";
    }
    return "toutes les personnes du département";
  }
}
