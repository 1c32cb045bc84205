package fr.pacte.server.conventions;

import fr.pacte.server.text.CapacityUnits;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.documents.PdfDocument;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Versions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/tenants/{tenant}/conventions}: conventions with their tranches, amendments and payments, the yearly
 * figures as CSV, and the public open-data file of subsidies (SCDL).
 */
public final class ConventionApi {

  static final String API = "/api/tenants/:tenant/conventions";

  private final ConventionService conventions;
  private final Access access;
  private final Vertx vertx;

  public ConventionApi(ConventionService conventions, Access access, Vertx vertx) {
    this.conventions = conventions;
    this.access = access;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(API + "/open-data").handler(request -> openData(request, false));
    router.get(API + "/open-data.csv").handler(request -> openData(request, true));
    router.get(API + "/export.csv").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::export);
    router.get(API + "/awaiting").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::awaiting);
    router.post(API + "/from-decision").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::fromDecision);
    router.get(API + "/payments").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::payments);
    router.get(API + "/tranches").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::tranches);
    router.get(API + "/figures").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::figures);
    router.get(API + "/envelopes").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::envelopes);
    router.get(API).handler(access.to(Permission.READ_CONVENTIONS)).handler(this::list);
    router.post(API).handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::create);
    router.get(API + "/:id").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::show);
    router.get(API + "/:id/text.pdf").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::text);
    router.put(API + "/:id").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::update);
    router.post(API + "/:id/sign").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::sign);
    router.put(API + "/:id/tranches/:year").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::vote);
    router.post(API + "/:id/payments").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::pay);
    router.post(API + "/:id/amendments").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::amend);
    router.post(API + "/:id/terminate").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::terminate);
    router.get(API + "/:id/documents").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::documents);
    // The body of an upload is read by ConventionsFeature's upload handler, after the right was checked.
    router.post(DOCUMENTS).handler(access.to(Permission.READ_CONVENTIONS)).handler(this::attach);
    router.get(API + "/:id/documents/:document/content").handler(access.to(Permission.READ_CONVENTIONS))
        .handler(request -> documentContent(conventions, request));
  }

  /** Where documents are attached: the API and the convention's page (multipart, up to 10 Mio). */
  static final String DOCUMENTS = API + "/:id/documents";

  private void documents(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.documents(context, id(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(d -> d.toJson(context.tenant())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void attach(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = id(request);
    upload(vertx, request)
        .compose(upload -> conventions.attach(context, id, upload))
        .onSuccess(document -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/conventions/" + id
              + "/documents/" + document.id() + "/content");
          Json.ok(request, 201, document.toJson(context.tenant()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The fields and file of a document's upload form, checked off the event loop; nothing is written on a refusal. */
  static io.vertx.core.Future<ConventionDocument.Upload> upload(Vertx vertx, RoutingContext request) {
    io.vertx.core.MultiMap form = request.request().formAttributes();
    return fr.pacte.server.organisations.OrganisationUploads.file(vertx, request)
        .compose(sent -> vertx.executeBlocking(() -> ConventionDocument.check(form.get("kind"), form.get("label"),
            form.get("year"), 10, sent.name(), sent.content()), false));
  }

  /** A document's file, for the API and the pages. */
  static void documentContent(ConventionService conventions, RoutingContext request) {
    UUID document;
    try {
      document = UUID.fromString(request.pathParam("document"));
    } catch (IllegalArgumentException e) {
      FailureHandler.respond(request, Problem.notFound("Aucun document « " + request.pathParam("document") + " »."));
      return;
    }
    conventions.documentContent(RequestContext.of(request), id(request), document)
        .onSuccess(file -> request.response()
            .putHeader("Content-Type", file.mediaType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + file.fileName().replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(file.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"))
            .putHeader("Cache-Control", "private, no-store")
            .end(file.bytes()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void list(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context)
        .map(list -> filtered(list, request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(c -> c.toJson(context.today())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The payments made on the conventions the caller sees, newest first. */
  private void payments(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context).map(list -> filtered(list, request))
        .onSuccess(list -> Json.ok(request, new JsonArray(ConventionViews.payments(list).stream()
            .map(ConventionViews.PaymentRow::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The yearly tranches of the conventions the caller sees. */
  private void tranches(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context).map(list -> filtered(list, request))
        .onSuccess(list -> Json.ok(request, new JsonArray(ConventionViews.tranches(list).stream()
            .map(ConventionViews.TrancheRow::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Committed, voted, paid and still due per calendar year, and by action type, territory or operator ({@code by}). */
  private void figures(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String by = request.queryParams().get("by") == null ? "year" : request.queryParams().get("by");
    if (!ConventionViews.DIMENSIONS.contains(by)) {
      FailureHandler.respond(request, Problem.validation(List.of(new Problem.FieldError("by",
          "Regroupez par année (year), type d'action (actionType), territoire (territory) ou opérateur (operator)."))));
      return;
    }
    conventions.list(context).map(list -> filtered(list, request))
        .compose(list -> conventions.labels(context, list).map(labels -> ConventionViews.figures(list, by, labels)))
        .onSuccess(rows -> Json.ok(request, new JsonArray(rows.stream().map(ConventionViews.FigureRow::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Each call's envelope and what its conventions fund. */
  private void envelopes(RoutingContext request) {
    conventions.envelopes(RequestContext.of(request))
        .onSuccess(rows -> Json.ok(request, new JsonArray(rows.stream().map(ConventionViews.EnvelopeRow::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void awaiting(RoutingContext request) {
    conventions.awaiting(RequestContext.of(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(a -> new JsonObject()
            .put("application", a.application().toString()).put("lot", a.lot()).put("organisationName", a.organisationName())
            .put("title", a.title()).put("amountCents", a.amountCents()).put("call", a.callTitle())
            .put("committeeDate", a.committeeDate().toString())).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A selected project becomes a draft convention in one step. */
  private void fromDecision(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    ConventionService.FromDecision input;
    try {
      input = ConventionInput.fromDecision(Json.body(request));
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    conventions.fromDecision(context, input)
        .onSuccess(convention -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/conventions/" + convention.id());
          Versions.ok(request, 201, convention.version(), convention.toJson(context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    LocalDate at = at(request);
    conventions.get(context, id(request))
        .onSuccess(convention -> {
          JsonObject body = convention.toJson(context.today());
          if (at != null) {
            body.put("at", at.toString()).put("termsInForce", convention.termsAt(at).toJson());
          }
          Versions.ok(request, 200, convention.version(), body);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.parse(context.tenant(), Json.body(request))
        .compose(terms -> conventions.create(context, terms))
        .onSuccess(convention -> {
          request.response().putHeader("Location", "/api/tenants/" + context.tenant() + "/conventions/" + convention.id());
          Versions.ok(request, 201, convention.version(), convention.toJson(context.today()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.parse(context.tenant(), body)
        .compose(terms -> conventions.update(context, id(request), terms, version))
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void sign(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.sign(context, id(request), ConventionInput.signature(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void vote(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    int year = year(request);
    conventions.vote(context, id(request), year, ConventionInput.vote(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void pay(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.pay(context, id(request), ConventionInput.payment(body), version)
        .onSuccess(convention -> answer(request, context, convention, 201))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void amend(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.parseAmendment(context.tenant(), body)
        .compose(amendment -> conventions.amend(context, id(request), amendment, version))
        .onSuccess(convention -> answer(request, context, convention, 201))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void terminate(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    JsonObject body = Json.body(request);
    int version = version(request, body);
    conventions.terminate(context, id(request), ConventionInput.termination(body), version)
        .onSuccess(convention -> answer(request, context, convention))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The convention's text in force at a date (today by default), as a PDF made from its terms and amendments. */
  private void text(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    LocalDate at = at(request);
    LocalDate day = at == null ? context.today() : at;
    conventions.text(context, id(request))
        .compose(text -> conventions.territories(context.tenant()).compose(territories -> {
          Convention convention = text.convention();
          Map<String, String> names = new LinkedHashMap<>();
          territories.forEach(t -> names.put(t.code(), t.name()));
          ActionTypeDescriptor type = conventions.actionTypes(context.tenant()).get(convention.terms().actionType());
          return ConventionText.of(text.template(), convention, day,
                  type == null ? convention.terms().actionType() : type.label().fr(),
                  CapacityUnits.plural(convention.termsAt(day).unit(), type), names)
              .render(vertx).map(pdf -> Map.entry(convention.terms().reference(), pdf));
        }))
        .onSuccess(pdf -> PdfDocument.respond(request, "convention-" + pdf.getKey() + ".pdf", pdf.getValue()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The yearly figures of the conventions the caller sees, one line per convention and year, for a spreadsheet. */
  private void export(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context)
        .onSuccess(list -> request.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"conventions.csv\"")
            .end("\ufeff" + ConventionExport.csv(list)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** Public: the tenant's subsidies in the SCDL schema, above the legal threshold unless {@code thresholdCents} says. */
  private void openData(RoutingContext request, boolean csv) {
    String tenant = request.pathParam("tenant");
    long threshold = threshold(request);
    conventions.subsidies(tenant, threshold)
        .onSuccess(subsidies -> {
          if (csv) {
            request.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"subventions-" + tenant + ".csv\"")
                .end(SubsidiesFile.csv(subsidies.rows()));
          } else {
            Json.ok(request, SubsidiesFile.json(subsidies.rows()));
          }
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static void answer(RoutingContext request, RequestContext context, Convention convention) {
    answer(request, context, convention, 200);
  }

  private static void answer(RoutingContext request, RequestContext context, Convention convention, int status) {
    Versions.ok(request, status, convention.version(), convention.toJson(context.today()));
  }

  /** The conventions of one organisation (lead or member), action type or territory, when the query names them. */
  static List<Convention> filtered(List<Convention> list, RoutingContext request) {
    String organisation = request.queryParams().get("organisation");
    String actionType = request.queryParams().get("actionType");
    String territory = request.queryParams().get("territory");
    return list.stream()
        .filter(c -> organisation == null || organisation.isBlank() || c.involves(organisation))
        .filter(c -> actionType == null || actionType.isBlank() || c.terms().actionType().equals(actionType))
        .filter(c -> territory == null || territory.isBlank() || c.terms().territories().contains(territory))
        .toList();
  }

  static int version(RoutingContext request, JsonObject body) {
    Integer version = Versions.expected(request, body.getValue("version"));
    if (version == null) {
      throw Problem.validation(List.of(new Problem.FieldError("version",
          "Indiquez la version de la convention que vous avez lue (en-tête If-Match ou champ version).")));
    }
    return version;
  }

  static UUID id(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucune convention « " + request.pathParam("id") + " » dans ce département.");
    }
  }

  private static int year(RoutingContext request) {
    String year = request.pathParam("year");
    if (year == null || !year.matches("[0-9]{1,2}")) {
      throw Problem.notFound("Pas d'année « " + year + " » dans cette convention.");
    }
    return Integer.parseInt(year);
  }

  private static LocalDate at(RoutingContext request) {
    String at = request.queryParams().get("at");
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return FrenchDates.parseDay(at);
    } catch (DateTimeParseException e) {
      throw Problem.validation(List.of(new Problem.FieldError("at", FrenchDates.TYPED_DAY_HINT)));
    }
  }

  private static long threshold(RoutingContext request) {
    String value = request.queryParams().get("thresholdCents");
    if (value == null || value.isBlank()) {
      return SubsidiesFile.LEGAL_THRESHOLD_CENTS;
    }
    if (!value.strip().matches("[0-9]{1,13}")) {
      throw Problem.validation(List.of(new Problem.FieldError("thresholdCents",
          "Le seuil de publication est un montant en centimes d'euro (par défaut 2300000, soit 23 000 €).")));
    }
    return Long.parseLong(value.strip());
  }
}
