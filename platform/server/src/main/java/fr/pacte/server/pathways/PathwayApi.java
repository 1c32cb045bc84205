package fr.pacte.server.pathways;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /api/tenants/{tenant}/persons}, {@code …/orientations}, {@code …/sessions}, {@code …/notifications} and
 * {@code …/access-log}: people, their orientations and follow-up, workshops and the reads of personal data. Every
 * answer is narrowed to the caller's reach, and every read of people is logged.
 */
public final class PathwayApi {

  static final String BASE = "/api/tenants/:tenant";
  static final String PERSONS = BASE + "/persons";
  static final String ORIENTATIONS = BASE + "/orientations";
  static final String SESSIONS = BASE + "/sessions";

  private final PersonService people;
  private final OrientationService orientations;
  private final WorkshopService workshops;
  private final Access access;
  private final ProgressService progress;
  private final SelfPositioningService requests;

  public PathwayApi(PersonService people, OrientationService orientations, WorkshopService workshops, ProgressService progress,
                    SelfPositioningService requests, Access access) {
    this.progress = progress;
    this.requests = requests;
    this.people = people;
    this.orientations = orientations;
    this.workshops = workshops;
    this.access = access;
  }

  public void mount(Router router) {
    router.get(PERSONS).handler(access.to(Permission.READ_PEOPLE)).handler(this::listPeople);
    router.post(PERSONS).handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::createPerson);
    router.get(PERSONS + "/export").handler(access.to(Permission.READ_PEOPLE)).handler(this::exportPeople);
    router.get(PERSONS + "/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::showPerson);
    router.put(PERSONS + "/:id").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::updatePerson);
    router.get(PERSONS + "/:id/eligibility").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::preview);
    router.get(PERSONS + "/:id/export").handler(access.to(Permission.READ_PEOPLE)).handler(this::export);
    router.get(PERSONS + "/:id/export.pdf").handler(access.to(Permission.READ_PEOPLE)).handler(this::exportPdf);
    router.post(PERSONS + "/:id/pseudonymise").handler(access.to(Permission.MANAGE_PERSONAL_DATA)).handler(this::pseudonymise);

    router.get(ORIENTATIONS).handler(access.to(Permission.READ_PEOPLE)).handler(this::listOrientations);
    router.post(ORIENTATIONS).handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::orient);
    router.get(ORIENTATIONS + "/renewals-due").handler(access.to(Permission.READ_PEOPLE)).handler(this::due);
    router.get(ORIENTATIONS + "/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::showOrientation);
    router.post(ORIENTATIONS + "/:id/accept").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::accept);
    router.post(ORIENTATIONS + "/:id/refuse").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::refuse);
    router.post(ORIENTATIONS + "/:id/exit").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::exit);
    router.post(ORIENTATIONS + "/:id/renew").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::renew);
    router.put(ORIENTATIONS + "/:id/fields").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::fields);

    router.get(ORIENTATIONS + "/:id/evaluation").handler(access.to(Permission.READ_PEOPLE)).handler(this::evaluation);
    router.post(ORIENTATIONS + "/:id/progress").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::assess);
    router.post(ORIENTATIONS + "/:id/satisfaction").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::satisfaction);
    router.get(BASE + "/progress-grids").handler(access.to(Permission.READ_PEOPLE)).handler(this::grids);

    router.post(BASE + "/offer/:id/self-positioning").handler(this::selfPosition);
    router.get(BASE + "/self-positionings").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::listRequests);
    router.post(BASE + "/self-positionings/:id/confirm").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::confirmRequest);
    router.post(BASE + "/self-positionings/:id/decline").handler(access.to(Permission.ORIENT_PEOPLE)).handler(this::declineRequest);

    router.get(BASE + "/notifications").handler(access.to(Permission.READ_PEOPLE)).handler(this::notifications);

    router.get(SESSIONS).handler(access.to(Permission.READ_PEOPLE)).handler(this::listSessions);
    router.post(SESSIONS).handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::planSession);
    router.get(SESSIONS + "/:id").handler(access.to(Permission.READ_PEOPLE)).handler(this::showSession);
    router.post(SESSIONS + "/:id/registrations").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::register);
    router.put(SESSIONS + "/:id/attendance").handler(access.to(Permission.DECIDE_ORIENTATIONS)).handler(this::attendance);

    router.get(BASE + "/access-log").handler(access.to(Permission.READ_PERSONAL_DATA_LOG)).handler(this::accessLog);
    router.get(BASE + "/personal-data/retention").handler(access.to(Permission.READ_PERSONAL_DATA_LOG)).handler(this::retention);
    router.put(BASE + "/personal-data/retention").handler(access.to(Permission.MANAGE_PERSONAL_DATA)).handler(this::setRetention);
  }

  private void listPeople(RoutingContext request) {
    String name = blank(request.queryParams().get("name"));
    if (name != null && name.length() > 100) {
      throw PersonInput.invalid("name", "100 caractères au plus.");
    }
    answer(request, people.list(RequestContext.of(request), name, "GET /api/tenants/{tenant}/persons"),
        list -> array(list.stream().map(Person::toJson).toList()));
  }

  /** The list of people as CSV or XLSX: pseudonymised, or with names when a reason is given and the role allows it. */
  private void exportPeople(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String format = request.queryParams().get("format");
    if (format != null && !format.equals("csv") && !format.equals("xlsx")) {
      throw PersonInput.invalid("format", "Formats : csv ou xlsx.");
    }
    if (format == null) {
      request.queryParams().set("format", "csv");
    }
    String name = blank(request.queryParams().get("name"));
    if (name != null && name.length() > 100) {
      throw PersonInput.invalid("name", "100 caractères au plus.");
    }
    String reason = blank(request.queryParams().get("reason"));
    people.exportList(context, name, reason, "GET /api/tenants/{tenant}/persons/export")
        .compose(list -> people.territories(context.tenant()).compose(territories -> {
          Map<String, String> names = new java.util.HashMap<>();
          territories.forEach(t -> names.putIfAbsent(t.code(), t.name()));
          return PeopleExport.table(list, reason != null, names).export(request);
        }))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void createPerson(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    people.territoryCodes(context.tenant())
        .map(codes -> PersonInput.parse(Json.body(request), codes, PersonService.referentOf(context), context.today()))
        .compose(parsed -> people.create(context, parsed))
        .onSuccess(created -> {
          if (created.person() == null) {
            FailureHandler.respond(request, duplicatesProblem(created.duplicates()));
            return;
          }
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/persons/" + created.person().id());
          Versions.ok(request, 201, created.person().version(), created.person().toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static Problem duplicatesProblem(List<Person> duplicates) {
    return new Problem(409, "doublon-possible", "Doublon possible",
        "Une ou plusieurs personnes portent le même nom et la même date de naissance. Vérifiez qu'il ne s'agit pas de la même "
            + "personne ; pour la créer malgré tout, renvoyez la demande avec confirmDuplicates à true.",
        duplicates.stream().map(p -> new Problem.FieldError("familyName", p.displayName() + ", né(e) le "
            + OrientationService.FRENCH_DATE.format(p.details().birthDate()) + ", " + p.details().commune()
            + ", suivi(e) par " + p.details().referentName() + " (" + p.id() + ")")).toList());
  }

  private void showPerson(RoutingContext request) {
    people.get(RequestContext.of(request), id(request), "GET /api/tenants/{tenant}/persons/{id}")
        .onSuccess(person -> Versions.ok(request, 200, person.version(), person.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updatePerson(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = id(request);
    JsonObject body = Json.body(request);
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw PersonInput.invalid("version", "Indiquez la version lue (champ version ou en-tête If-Match).");
    }
    people.territoryCodes(context.tenant())
        .map(codes -> PersonInput.parse(body, codes, PersonService.referentOf(context), context.today()))
        .compose(parsed -> people.update(context, id, parsed.details(), version, "PUT /api/tenants/{tenant}/persons/{id}"))
        .onSuccess(person -> Versions.ok(request, 200, person.version(), person.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void export(RoutingContext request) {
    answer(request, people.export(RequestContext.of(request), id(request), "GET /api/tenants/{tenant}/persons/{id}/export"),
        json -> json);
  }

  private void exportPdf(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    people.export(context, id(request), "GET /api/tenants/{tenant}/persons/{id}/export.pdf")
        .compose(json -> orientations.exitLabels(context.tenant()).compose(labels -> PersonExport.pdf(json, context, labels)
            .render(request.vertx())))
        .onSuccess(pdf -> fr.pacte.server.documents.PdfDocument.respond(request, "donnees-personnelles.pdf", pdf))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void pseudonymise(RoutingContext request) {
    Fields f = Fields.of(Json.body(request));
    String reason = f.text("reason", 500);
    f.throwIfAny();
    answer(request, people.pseudonymise(RequestContext.of(request), id(request), reason), Person::toJson);
  }

  private void listOrientations(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String state = blank(request.queryParams().get("state"));
    if (state != null && !state.matches("proposed|waiting|in|refused|exited")) {
      throw PersonInput.invalid("state", "État inconnu ; états : proposed, waiting, in, refused, exited.");
    }
    answer(request, orientations.list(context, uuid(request.queryParams().get("person"), "person"), state,
        uuid(request.queryParams().get("offer"), "offer")), list -> array(list.stream().map(o -> o.toJson(context.today())).toList()));
  }

  private void preview(RoutingContext request) {
    UUID person = id(request);
    UUID offer = required(uuid(request.queryParams().get("offer"), "offer"), "offer");
    answer(request, orientations.preview(RequestContext.of(request), person, offer, blank(request.queryParams().get("territory"))),
        OrientationService.Preview::toJson);
  }

  private void orient(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    Fields f = Fields.of(Json.body(request));
    UUID person = uuid(f.line("person", 40), "person");
    UUID offer = uuid(f.line("offer", 40), "offer");
    String territory = f.line("territory", 80);
    String kind = f.line("prescriberKind", 40);
    String note = f.text("note", 2000);
    if (person == null) {
      f.error("person", "Indiquez la personne à orienter.");
    }
    if (offer == null) {
      f.error("offer", "Indiquez l'offre.");
    }
    if (territory == null) {
      f.error("territory", "Indiquez le territoire.");
    }
    f.throwIfAny();
    orientations.orient(context, person, offer, territory, kind, note)
        .onSuccess(placed -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/orientations/" + placed.orientation().id());
          Versions.ok(request, 201, placed.orientation().version(), placed.toJson(context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void due(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    answer(request, orientations.dueForRenewal(context, context.today()),
        list -> array(list.stream().map(o -> o.toJson(context.today())).toList()));
  }

  private void showOrientation(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    orientations.get(context, id(request))
        .onSuccess(o -> Versions.ok(request, 200, o.version(), o.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A person asks to join an action, without an account (the operator confirms later). */
  private void selfPosition(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    requests.receive(context.tenant(), id(request), Json.body(request), address(request), context.clock().instant(), context.today())
        .onSuccess(id -> Json.ok(request, 202, new JsonObject().put("id", id.toString()).put("message",
            "Votre demande est transmise à la structure qui porte l'action ; elle vous recontactera.")))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static String address(RoutingContext request) {
    return request.request().remoteAddress() == null ? "unknown" : request.request().remoteAddress().hostAddress();
  }

  private void listRequests(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    answer(request, requests.list(context), list -> array(list.stream().map(r -> r.toJson(context.zone())).toList()));
  }

  private void confirmRequest(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    requests.confirm(context, id(request), Json.body(request))
        .onSuccess(placed -> Versions.ok(request, 201, placed.orientation().version(), placed.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void declineRequest(RoutingContext request) {
    Fields f = Fields.of(Json.body(request));
    String reason = f.text("reason", 500);
    f.throwIfAny();
    requests.decline(RequestContext.of(request), id(request), reason)
        .onSuccess(done -> request.response().setStatusCode(204).end())
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void evaluation(RoutingContext request) {
    answer(request, progress.evaluation(RequestContext.of(request), id(request)), ProgressService.Evaluation::toJson);
  }

  private void assess(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    progress.assess(context, id(request), Json.body(request))
        .onSuccess(a -> Json.ok(request, 201, a.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void satisfaction(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    progress.answer(context, id(request), Json.body(request))
        .onSuccess(a -> Json.ok(request, 201, a.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The progress grid of each enabled action type and the satisfaction questionnaire. */
  private void grids(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonArray grids = new JsonArray(orientations.actionTypes(context.tenant()).keySet().stream()
        .filter(type -> !ProgressGrids.criteria(type).isEmpty()).map(ProgressGrids::gridJson).toList());
    Json.ok(request, 200, new JsonObject().put("grids", grids).put("questionnaire", ProgressGrids.questionnaireJson()));
  }

  private void accept(RoutingContext request) {
    decide(request, (context, body) -> {
      Fields f = Fields.of(body);
      String entry = f.line("entryDate", 10);
      String note = f.text("note", 2000);
      f.throwIfAny();
      return orientations.accept(context, id(request), version(request, body), OrientationService.date(entry, "entryDate"), note);
    });
  }

  private void refuse(RoutingContext request) {
    decide(request, (context, body) -> {
      Fields f = Fields.of(body);
      String reason = f.line("reason", 60);
      String comment = f.text("comment", 2000);
      String note = f.text("note", 2000);
      f.throwIfAny();
      return orientations.refuse(context, id(request), version(request, body), reason, comment, note);
    });
  }

  private void exit(RoutingContext request) {
    decide(request, (context, body) -> {
      Fields f = Fields.of(body);
      String date = f.line("date", 10);
      String type = f.line("type", 60);
      List<String> outcomes = f.lines("outcomes", 20, 500);
      String comment = f.text("comment", 2000);
      f.throwIfAny();
      return orientations.exit(context, id(request), version(request, body), OrientationService.date(date, "date"), type,
          outcomes, comment);
    });
  }

  private void renew(RoutingContext request) {
    decide(request, (context, body) -> {
      Fields f = Fields.of(body);
      String reason = f.text("reason", 1000);
      f.throwIfAny();
      return orientations.renew(context, id(request), version(request, body), reason);
    });
  }

  private void fields(RoutingContext request) {
    decide(request, (context, body) -> {
      Fields f = Fields.of(body);
      Fields values = f.object("fields");
      String note = f.text("note", 2000);
      f.throwIfAny();
      Object raw = body.getValue("fields");
      return orientations.recordFields(context, id(request), version(request, body),
          raw instanceof JsonObject object ? object : new JsonObject(), note);
    });
  }

  private void decide(RoutingContext request,
                      java.util.function.BiFunction<RequestContext, JsonObject, Future<OrientationService.Placed>> change) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    Future<OrientationService.Placed> result;
    try {
      result = change.apply(context, body);
    } catch (Problem problem) {
      result = Future.failedFuture(problem);
    }
    result.onSuccess(placed -> Versions.ok(request, 200, placed.orientation().version(), placed.toJson(context.today())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void notifications(RoutingContext request) {
    answer(request, orientations.notifications(RequestContext.of(request)),
        list -> array(list.stream().map(OrientationStore.Notification::toJson).toList()));
  }

  private void listSessions(RoutingContext request) {
    answer(request, workshops.list(RequestContext.of(request)), list -> array(list.stream().map(WorkshopSession::toJson).toList()));
  }

  private void planSession(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    WorkshopService.Planned planned = WorkshopService.Planned.parse(Json.body(request));
    workshops.plan(context, planned)
        .onSuccess(session -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/sessions/" + session.id());
          Versions.ok(request, 201, session.version(), session.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void showSession(RoutingContext request) {
    answer(request, workshops.get(RequestContext.of(request), id(request)), WorkshopSession::toJson);
  }

  private void register(RoutingContext request) {
    Fields f = Fields.of(Json.body(request));
    UUID person = required(uuid(f.line("person", 40), "person"), "person");
    f.throwIfAny();
    answer(request, workshops.register(RequestContext.of(request), id(request), person), WorkshopSession::toJson);
  }

  private void attendance(RoutingContext request) {
    Fields f = Fields.of(Json.body(request));
    UUID person = required(uuid(f.line("person", 40), "person"), "person");
    String status = f.line("status", 20);
    f.throwIfAny();
    answer(request, workshops.mark(RequestContext.of(request), id(request), person, status), WorkshopSession::toJson);
  }

  private void accessLog(RoutingContext request) {
    UUID person = uuid(request.queryParams().get("person"), "person");
    String limitText = blank(request.queryParams().get("limit"));
    int limit = 100;
    if (limitText != null) {
      if (!limitText.matches("[0-9]{1,4}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > 1000) {
        throw PersonInput.invalid("limit", "Un nombre entier entre 1 et 1000 est attendu.");
      }
      limit = Integer.parseInt(limitText);
    }
    answer(request, people.reads(RequestContext.of(request), person, limit),
        list -> array(list.stream().map(PersonStore.Read::toJson).toList()));
  }

  private void retention(RoutingContext request) {
    answer(request, people.retentionMonths(RequestContext.of(request).tenant()), PathwayApi::retentionJson);
  }

  private void setRetention(RoutingContext request) {
    answer(request, people.setRetentionMonths(RequestContext.of(request), retentionMonths(Json.body(request))),
        PathwayApi::retentionJson);
  }

  /** The retention asked for ({@code months}, 1 to 120), the same from the API and the page. */
  static int retentionMonths(JsonObject body) {
    Fields f = Fields.of(body);
    Integer months = f.integer("months", 1, 120, "Indiquez un nombre entier de mois entre 1 et 120.");
    Object given = body.getValue("months");
    if (given == null || given.toString().isBlank()) {
      f.error("months", "Indiquez la durée de conservation après la dernière sortie, en mois (1 à 120).");
    }
    f.throwIfAny();
    return months;
  }

  private static JsonObject retentionJson(int months) {
    return new JsonObject().put("months", months).put("default", PersonService.DEFAULT_RETENTION_MONTHS);
  }

  private static <T> void answer(RoutingContext request, Future<T> result, Function<T, Object> body) {
    result.onSuccess(value -> {
      Object json = body.apply(value);
      if (json instanceof JsonArray array) {
        Json.ok(request, array);
      } else {
        Json.ok(request, 200, (JsonObject) json);
      }
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  private static JsonArray array(List<JsonObject> items) {
    return new JsonArray(items);
  }

  private static int version(RoutingContext request, JsonObject body) {
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw PersonInput.invalid("version", "Indiquez la version lue (champ version ou en-tête If-Match).");
    }
    return version;
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("« " + request.pathParam("id") + " » n'existe pas dans votre périmètre.");
    }
  }

  static UUID uuid(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw PersonInput.invalid(field, "Un identifiant (UUID) est attendu.");
    }
  }

  private static UUID required(UUID value, String field) {
    if (value == null) {
      throw PersonInput.invalid(field, "Ce champ est obligatoire.");
    }
    return value;
  }

  static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
