package fr.pacte.server.conventions;

import fr.pacte.server.text.CapacityUnits;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.web.FrenchDates;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The conventions pages: the list with the figures by year, a convention with its years, tranches, amendments and
 * payments, and the forms of the programme manager (enter, sign, vote a tranche, record a payment, amend,
 * terminate). Operators and territory agents read their own conventions only; forms are the staff's. Amounts are
 * typed in euros and kept in cents.
 */
public final class ConventionPages {

  private static final String PAGES = "/t/:tenant/conventions";

  private final ConventionService conventions;
  private final Access access;
  private final PageLayout layout;

  public ConventionPages(ConventionService conventions, Access access, PageLayout layout) {
    this.conventions = conventions;
    this.access = access;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get(PAGES).handler(access.to(Permission.READ_CONVENTIONS)).handler(this::listPage);
    router.get(PAGES + "/paiements").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::paymentsPage);
    router.get(PAGES + "/tranches").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::tranchesPage);
    router.get(PAGES + "/montants").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::figuresPage);
    router.get(PAGES + "/enveloppes").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::envelopesPage);
    router.get(PAGES + "/nouvelle").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::newPage);
    router.post(PAGES).handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::createFromPage);
    router.post(PAGES + "/depuis-decision").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::fromDecisionPage);
    router.get(PAGES + "/a-conventionner").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::awaitingTable);
    router.get(PAGES + "/:id").handler(access.to(Permission.READ_CONVENTIONS)).handler(this::showPage);
    router.post(PAGES + "/:id/termes").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::termsFromPage);
    router.get(PAGES + "/:id/paiements").handler(access.to(Permission.READ_CONVENTIONS))
        .handler(request -> conventionTable(request, "paiements"));
    router.get(PAGES + "/:id/avenants").handler(access.to(Permission.READ_CONVENTIONS))
        .handler(request -> conventionTable(request, "avenants"));
    router.get(PAGES + "/:id/documents").handler(access.to(Permission.READ_CONVENTIONS))
        .handler(request -> conventionTable(request, "documents"));
    router.post(PAGES + "/:id/signer").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::signFromPage);
    router.post(PAGES + "/:id/tranches/:year").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::voteFromPage);
    router.post(PAGES + "/:id/paiements").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::payFromPage);
    router.post(PAGES + "/:id/avenants").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::amendFromPage);
    router.post(PAGES + "/:id/resilier").handler(access.to(Permission.MANAGE_CONVENTIONS)).handler(this::terminateFromPage);
    // The body of an upload is read by ConventionsFeature's upload handler, after the right was checked.
    router.post(DOCUMENTS).handler(access.to(Permission.READ_CONVENTIONS)).handler(this::attachFromPage);
  }

  /** Where the convention's page sends a document (multipart, up to 10 Mio). */
  static final String DOCUMENTS = PAGES + "/:id/documents";

  /** A document attached from the convention's page; a refusal shows next to its field, the label and year typed kept. */
  private void attachFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    MultiMap form = request.request().formAttributes();
    ConventionApi.upload(request.vertx(), request)
        .compose(upload -> conventions.attach(context, id, upload))
        .onSuccess(document -> Redirect.seeOther(request, "/t/" + context.tenant() + "/conventions/" + id
            + "?notice=document#documents"))
        .onFailure(error -> {
          if (!(error instanceof Problem problem) || problem.status() != 400) {
            FailureHandler.respond(request, error);
            return;
          }
          Map<String, Object> values = new HashMap<>();
          form.names().forEach(name -> values.put(name, form.get(name)));
          Map<String, String> errors = new LinkedHashMap<>();
          List<Problem.FieldError> list = problem.errors().isEmpty()
              ? List.of(new Problem.FieldError("file", problem.detail())) : problem.errors();
          list.forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
          renderShow(request, 400, "document", values, errors, list, "", "");
        });
  }

  private void listPage(RoutingContext request) {
    renderList(request, 200, Map.of(), Map.of());
  }

  /** The French names of the figures' groupings, as {@code ?par=} takes them. */
  private static final Map<String, String> BY = Map.of("annee", "year", "type", "actionType", "territoire", "territory",
      "operateur", "operator");

  private void paymentsPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context).map(all -> ConventionApi.filtered(all, request))
        .compose(list -> table(request, "Paiements des conventions", "paiements",
            "Les paiements enregistrés sur les conventions, du plus récent au plus ancien.",
            ConventionTables.payments(context.tenant(), ConventionViews.payments(list))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void tranchesPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.list(context).map(all -> ConventionApi.filtered(all, request))
        .compose(list -> table(request, "Tranches annuelles", "tranches",
            "Chaque année de chaque convention : le montant prévu, la délibération qui l'a votée (ou non reconduite), "
                + "ce qui est payé et ce qui reste dû.",
            ConventionTables.tranches(context.tenant(), ConventionViews.tranches(list))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void figuresPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String par = request.queryParams().get("par");
    String dimension = BY.getOrDefault(par == null ? "annee" : par, "year");
    conventions.list(context).map(all -> ConventionApi.filtered(all, request))
        .compose(list -> conventions.labels(context, list).map(labels -> ConventionViews.figures(list, dimension, labels)))
        .compose(rows -> table(request, "Engagements, votes et paiements", "montants-" + dimension,
            "Par année civile du début de chaque année de convention"
                + ("territory".equals(dimension) ? " ; le montant d'une convention est réparti entre ses territoires au "
                + "prorata des objectifs de l'année." : "."),
            ConventionTables.figures(rows, dimension)))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void envelopesPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    conventions.envelopes(context).compose(rows -> conventions.territories(context.tenant()).compose(territories -> {
      Map<String, String> names = new HashMap<>();
      territories.forEach(t -> names.put(t.code(), t.name()));
      return table(request, "Enveloppes des appels à projets", "enveloppes",
          "L'enveloppe de chaque appel, ce que les conventions issues de sa sélection engagent, votent et paient, ce qui "
              + "reste de l'enveloppe, et les actions et places qu'elles financent.",
          ConventionTables.envelopes(context.tenant(), rows, names));
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  /** A view of the conventions as a list table, or its export when {@code ?format=csv|xlsx} asks for it. */
  private Future<Void> table(RoutingContext request, String title, String view, String intro, ListTable table) {
    if (ListTable.isExport(request)) {
      return table.export(request);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("view", view);
    model.put("intro", intro);
    model.put("table", table.model(request));
    model.put("canSeeEnvelopes", RequestContext.of(request).scope() != null && RequestContext.of(request).scope().isWholeTenant());
    return layout.render(request, "convention-table", title, model);
  }

  /**
   * The selected projects without a convention as a file ({@code ?format=csv|xlsx}); without a format, the list where
   * the conventions page shows it.
   */
  private void awaitingTable(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    if (!ListTable.isExport(request)) {
      Redirect.seeOther(request, "/t/" + context.tenant() + "/conventions#retenus");
      return;
    }
    conventions.awaiting(context).compose(awaiting -> ConventionTables.awaiting(awaiting).export(request))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * A table of a convention's page (its payments, amendments or documents) as a file ({@code ?format=csv|xlsx});
   * without a format, the page at that table.
   */
  private void conventionTable(RoutingContext request, String list) {
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    if (!ListTable.isExport(request)) {
      Redirect.seeOther(request, "/t/" + context.tenant() + "/conventions/" + id + "#" + list);
      return;
    }
    conventions.get(context, id).compose(convention -> switch (list) {
      case "paiements" -> Future.succeededFuture(ConventionTables.conventionPayments(convention));
      case "avenants" -> Future.succeededFuture(ConventionTables.amendments(convention));
      default -> conventions.documents(context, id).map(documents -> ConventionTables.documents(convention, documents,
          context.zone()));
    }).compose(table -> table.export(request)).onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * The terms of a draft edited before signature: the signatories with their capacity (for the Département and for the
   * organisation, the lead of a groupement), the Département's SIRET, the attribution deliberation, the means, the
   * evaluation, the renewal and the payment terms. The rest of the terms (period, objectives, budget) stays as saved;
   * the members' own signatories too. A refusal shows next to its field, what was typed kept; a stale version, 409.
   */
  private void termsFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    Map<Integer, String> signatoryFields = new HashMap<>();
    attempt(() -> {
      int version = version(form);
      return conventions.get(context, id).compose(current -> {
        Terms saved = current.terms();
        JsonArray signatories = new JsonArray();
        signatory(form, "departement", "departement", signatories, signatoryFields);
        signatory(form, "organisation", saved.organisation(), signatories, signatoryFields);
        saved.signatories().stream().filter(s -> !"departement".equals(s.party()) && !saved.organisation().equals(s.party()))
            .forEach(s -> signatories.add(s.toJson()));
        JsonObject terms = saved.toJson().put("reference", form.get("reference")).put("title", form.get("title"))
            .put("signatories", signatories)
            .put("departement", new JsonObject().put("name", saved.departement().name())
                .put("siret", blankToNull(form.get("departement.siret"))))
            .put("decision", new JsonObject().put("date", blankToNull(form.get("decision.date")))
                .put("reference", form.get("decision.reference")))
            .put("means", saved.means().toJson().put("staffFte", blankToNull(form.get("means.staffFte")))
                .put("schedule", form.get("means.schedule")).put("description", form.get("means.description")))
            .put("evaluation", form.get("evaluation")).put("renewal", form.get("renewal"))
            .put("payment", new JsonObject().put("advancePercent", blankToNull(form.get("payment.advancePercent")))
                .put("balanceMonthsAfterYear", blankToNull(form.get("payment.balanceMonthsAfterYear")))
                .put("text", form.get("payment.text")));
        return conventions.parse(context.tenant(), terms);
      }).compose(terms -> conventions.update(context, id, terms, version));
    })
        .onSuccess(saved -> done(request, saved, "termes"))
        .onFailure(error -> showFailure(request, "termes", form, onForm(error, signatoryFields)));
  }

  /** A signatory typed on the terms form, when its name is; which form field names it, by its place in the list. */
  private static void signatory(MultiMap form, String prefix, String party, JsonArray signatories, Map<Integer, String> fields) {
    String name = blankToNull(form.get("signatory." + prefix + ".name"));
    if (name == null) {
      return;
    }
    fields.put(signatories.size(), "signatory." + prefix);
    signatories.add(new JsonObject().put("party", party).put("name", name)
        .put("capacity", blankToNull(form.get("signatory." + prefix + ".capacity"))));
  }

  /** The API's field names of a refusal turned into the terms form's ("signatories[1].capacity" → its field). */
  private static Throwable onForm(Throwable error, Map<Integer, String> signatoryFields) {
    if (!(error instanceof Problem problem) || problem.status() != 400 || problem.errors().isEmpty()) {
      return error;
    }
    List<Problem.FieldError> errors = problem.errors().stream().map(e -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("signatories\\[(\\d+)]\\.(\\w+)").matcher(e.field());
      String prefix = m.matches() ? signatoryFields.get(Integer.parseInt(m.group(1))) : null;
      return prefix == null ? e : new Problem.FieldError(prefix + "." + m.group(2), e.message());
    }).toList();
    return Problem.validation(errors);
  }

  /** What the terms form of a draft shows before anything is typed: the terms as saved. */
  private static Map<String, Object> termsValues(Convention convention) {
    Terms t = convention.terms();
    Map<String, Object> values = new HashMap<>();
    values.put("reference", t.reference());
    values.put("title", t.title());
    values.put("signatory.departement.capacity", "Président du Conseil départemental");
    for (Terms.Signatory s : t.signatories()) {
      String prefix = "departement".equals(s.party()) ? "signatory.departement"
          : s.party().equals(t.organisation()) ? "signatory.organisation" : null;
      if (prefix != null) {
        values.put(prefix + ".name", str(s.name()));
        values.put(prefix + ".capacity", str(s.capacity()));
      }
    }
    values.put("departement.siret", str(t.departement().siret()));
    values.put("decision.date", t.decision().date() == null ? "" : t.decision().date().toString());
    values.put("decision.reference", str(t.decision().reference()));
    values.put("means.staffFte", t.means().staffFte() == null ? "" : t.means().staffFte().toPlainString().replace('.', ','));
    values.put("means.schedule", str(t.means().schedule()));
    values.put("means.description", str(t.means().description()));
    values.put("evaluation", str(t.evaluation()));
    values.put("renewal", str(t.renewal()));
    values.put("payment.advancePercent", String.valueOf(t.payment().advancePercent()));
    values.put("payment.balanceMonthsAfterYear", String.valueOf(t.payment().balanceMonthsAfterYear()));
    values.put("payment.text", str(t.payment().text()));
    return values;
  }

  /** A selected project becomes a draft convention from the list page; a refusal shows next to its form. */
  private void fromDecisionPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    attempt(() -> conventions.fromDecision(context, ConventionInput.fromDecision(new JsonObject()
        .put("application", form.get("application")).put("lot", form.get("lot")).put("reference", form.get("reference"))
        .put("departementSiret", blankToNull(form.get("departementSiret"))))))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/conventions/" + saved.id() + "?notice=creee"))
        .onFailure(error -> {
          if (!(error instanceof Problem problem) || problem.status() == 500) {
            FailureHandler.respond(request, error);
            return;
          }
          String key = form.get("application") + "|" + form.get("lot");
          String message = problem.errors().isEmpty() ? problem.detail()
              : String.join(" ", problem.errors().stream().map(Problem.FieldError::message).toList());
          renderList(request, problem.status(), Map.of(key, message), Map.of(key, str(form.get("reference"))));
        });
  }

  private void renderList(RoutingContext request, int status, Map<String, String> awaitingErrors,
                          Map<String, String> awaitingValues) {
    RequestContext context = RequestContext.of(request);
    Map<String, ActionTypeDescriptor> types = conventions.actionTypes(context.tenant());
    conventions.list(context).map(all -> ConventionApi.filtered(all, request)).compose(list -> conventions.awaiting(context).compose(awaiting -> {
      String organisation = request.queryParams().get("organisation");
      String filteredBy = organisation == null || list.isEmpty() ? "" : list.get(0).terms().organisation().equals(organisation)
          ? list.get(0).organisationName() : organisation;
      ListTable table = ConventionTables.conventions(context.tenant(), list, code -> typeLabel(types, code), context.today(),
          filteredBy.isEmpty() ? "Conventions" : "Conventions de " + filteredBy);
      if (ListTable.isExport(request)) {
        return table.export(request);
      }
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("table", table.model(request));
      model.put("awaiting", awaiting.stream().map(a -> Map.of("application", a.application().toString(), "lot", a.lot(),
          "organisation", a.organisationName(), "title", a.title(), "amount", Convention.euros(a.amountCents()),
          "call", a.callTitle(), "committeeDate", Convention.tableDay(a.committeeDate()),
          "error", awaitingErrors.getOrDefault(a.application() + "|" + a.lot(), ""),
          "reference", awaitingValues.getOrDefault(a.application() + "|" + a.lot(), ""))).toList());
      model.put("conventions", list.stream().map(c -> row(c, types, context.today())).toList());
      model.put("byYear", byCalendarYear(list));
      model.put("canManage", context.holds(Permission.MANAGE_CONVENTIONS) && context.scope().isWholeTenant());
      model.put("scope", context.scope() == null ? "" : context.scope().label());
      model.put("filteredBy", filteredBy);
      model.put("canSeeEnvelopes", context.scope() != null && context.scope().isWholeTenant());
      return layout.render(request, "conventions", "Conventions", model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void newPage(RoutingContext request) {
    renderForm(request, 200, defaults(), Map.of(), List.of());
  }

  private void createFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    conventions.territories(context.tenant()).compose(territories -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      JsonObject body = termsFromForm(form, territories, errors);
      return conventions.parse(context.tenant(), body).recover(error -> merged(error, errors))
          .compose(terms -> errors.isEmpty() ? Future.succeededFuture(terms) : Future.failedFuture(Problem.validation(errors)));
    })
        .compose(terms -> conventions.create(context, terms))
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + context.tenant() + "/conventions/" + saved.id() + "?notice=creee"))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          Map<String, Object> values = new HashMap<>();
          form.names().forEach(name -> values.put(name, form.get(name)));
          Map<String, String> errors = new LinkedHashMap<>();
          problem.errors().forEach(e -> errors.merge(formField(e.field()), e.message(), (a, b) -> a + " " + b));
          renderForm(request, problem.status(), values, errors, problem.errors());
        });
  }

  private void renderForm(RoutingContext request, int status, Map<String, Object> values, Map<String, String> errors,
                          List<Problem.FieldError> errorList) {
    String tenant = RequestContext.of(request).tenant();
    Map<String, ActionTypeDescriptor> types = conventions.actionTypes(tenant);
    conventions.territories(tenant).compose(territories -> conventions.organisations(tenant).compose(organisations -> {
      request.response().setStatusCode(status);
      Map<String, Object> model = new HashMap<>();
      model.put("values", values);
      model.put("errors", errors);
      model.put("errorList", errorList);
      model.put("types", types.values().stream().map(t -> Map.of("code", t.code(), "label", t.label().fr(),
          "unit", t.capacity().label().fr())).toList());
      model.put("organisations", organisations.stream().map(o -> Map.of("id", o.id(), "name", o.name())).toList());
      model.put("territories", territories);
      model.put("years", yearNumbers(values));
      model.put("kinds", Terms.CoFunding.KINDS.stream().map(k -> Map.of("code", k,
          "label", new Terms.CoFunding(k, "", 0, "requested").kindLabel())).toList());
      return layout.render(request, "convention-new", "Nouvelle convention", model);
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void showPage(RoutingContext request) {
    String notice = request.queryParams().get("notice");
    renderShow(request, 200, null, Map.of(), Map.of(), List.of(), "", notice == null ? "" : notice);
  }

  private void renderShow(RoutingContext request, int status, String activeForm, Map<String, Object> values,
                          Map<String, String> errors, List<Problem.FieldError> errorList, String conflict, String notice) {
    RequestContext context = RequestContext.of(request);
    Map<String, ActionTypeDescriptor> types = conventions.actionTypes(context.tenant());
    UUID conventionId = ConventionApi.id(request);
    conventions.get(context, conventionId).compose(convention -> conventions.territories(context.tenant())
        .compose(territories -> conventions.documents(context, conventionId).compose(documents -> conventions
            .panels(context, convention.id()).compose(panels -> {
          request.response().setStatusCode(status);
          Map<String, Object> model = new HashMap<>();
          model.put("panels", panels);
          model.put("c", view(convention, types, territories, context.today()));
          // A member of a groupement reads the convention, not the lead organisation's record: no link that answers 403.
          model.put("organisationReadable", context.scope().organisation() == null
              || context.scope().organisation().equals(convention.terms().organisation()));
          model.put("documents", documents.stream().map(d -> Map.of("id", d.id().toString(), "kind",
              ConventionDocument.kindLabel(d.kind()), "label", d.label(), "year", d.year() == null ? "" : "Année " + d.year(),
              "fileName", d.fileName(), "size", fr.pacte.server.organisations.DocumentUpload.megabytes(d.sizeBytes()) + " Mio",
              "uploadedOn", Convention.tableDay(d.uploadedAt().atZoneSameInstant(context.zone()).toLocalDate()),
              "href", "/api/tenants/" + context.tenant() + "/conventions/" + convention.id() + "/documents/" + d.id()
                  + "/content")).toList());
          boolean staff = context.holds(Permission.MANAGE_CONVENTIONS) && context.scope().isWholeTenant();
          boolean operator = context.scope().organisation() != null;
          model.put("attachKinds", (staff ? ConventionDocument.KINDS : operator ? List.of("bilan") : List.<String>of()).stream()
              .map(k -> Map.of("code", k, "label", ConventionDocument.kindLabel(k))).toList());
          model.put("canManage", context.holds(Permission.MANAGE_CONVENTIONS) && context.scope().isWholeTenant()
              && convention.state() != Convention.State.TERMINATED);
          model.put("activeForm", activeForm == null ? "" : activeForm);
          model.put("values", values.isEmpty() ? amendmentValues(convention) : values);
          model.put("termsValues", "termes".equals(activeForm) ? values : termsValues(convention));
          model.put("errors", errors);
          model.put("errorList", errorList);
          model.put("conflict", conflict);
          model.put("notice", notice);
          return layout.render(request, "convention", convention.terms().reference() + " — " + convention.terms().title(), model);
        })))).onFailure(error -> FailureHandler.respond(request, error));
  }

  private void signFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    attempt(() -> conventions.sign(context, id, ConventionInput.signature(new JsonObject().put("signedOn", form.get("signedOn"))),
        version(form)))
        .onSuccess(saved -> done(request, saved, "signee"))
        .onFailure(error -> showFailure(request, "signer", form, error));
  }

  private void voteFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    String year = request.pathParam("year");
    attempt(() -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      JsonObject body = new JsonObject().put("decision", form.get("decision"))
          .put("votedCents", "not-renewed".equals(form.get("decision")) ? null : cents(form.get("votedCents"), "votedCents", errors))
          .put("deliberationDate", form.get("deliberationDate")).put("deliberationReference", form.get("deliberationReference"));
      ConventionInput.Vote vote = withFormErrors(() -> ConventionInput.vote(body), errors);
      return conventions.vote(context, id, Integer.parseInt(year), vote, version(form));
    })
        .onSuccess(saved -> done(request, saved, "tranche-votee"))
        .onFailure(error -> showFailure(request, "tranche-" + year, form, error));
  }

  private void payFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    attempt(() -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      JsonObject body = new JsonObject().put("year", form.get("year")).put("kind", form.get("kind"))
          .put("paidOn", form.get("paidOn")).put("amountCents", cents(form.get("amountCents"), "amountCents", errors))
          .put("mandateReference", form.get("mandateReference"));
      Payment payment = withFormErrors(() -> ConventionInput.payment(body), errors);
      return conventions.pay(context, id, payment, version(form));
    })
        .onSuccess(saved -> done(request, saved, "paiement"))
        .onFailure(error -> showFailure(request, "paiement", form, error));
  }

  /** The amendment form changes the end of the period, the Département's amount per year and the objectives. */
  private void amendFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    conventions.get(context, id).compose(current -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      JsonObject terms = current.terms().toJson();
      if (form.get("periodEnd") != null && !form.get("periodEnd").isBlank()) {
        terms.put("periodEnd", form.get("periodEnd").strip());
      }
      JsonArray years = terms.getJsonArray("years");
      for (int i = 0; i < years.size(); i++) {
        JsonObject year = years.getJsonObject(i);
        String field = "amend.years[" + i + "].departementCents";
        Long cents = cents(form.get(field), field, errors);
        if (cents != null) {
          long delta = cents - year.getLong("departementCents");
          year.put("departementCents", cents);
          // The budget follows the amount: the direct costs take the difference, so that the plan still balances.
          year.put("directCents", year.getLong("directCents") + delta);
        }
      }
      JsonArray objectives = new JsonArray();
      for (Terms.Objective objective : current.terms().objectives()) {
        String field = "amend.objective." + objective.year() + "." + objective.territory();
        String typed = form.get(field);
        int target = objective.target();
        if (typed != null && !typed.isBlank()) {
          if (typed.strip().matches("[0-9]{1,6}")) {
            target = Integer.parseInt(typed.strip());
          } else {
            errors.add(new Problem.FieldError(field, "Un objectif est un nombre entier positif."));
          }
        }
        objectives.add(new JsonObject().put("year", objective.year()).put("territory", objective.territory()).put("target", target));
      }
      terms.put("objectives", objectives);
      JsonObject body = new JsonObject().put("signedOn", form.get("signedOn")).put("effectiveFrom", form.get("effectiveFrom"))
          .put("object", form.get("object")).put("terms", terms);
      return conventions.parseAmendment(context.tenant(), body).recover(error -> merged(error, errors))
          .compose(input -> errors.isEmpty() ? conventions.amend(context, id, input, version(form))
              : Future.failedFuture(Problem.validation(errors)));
    })
        .onSuccess(saved -> done(request, saved, "avenant"))
        .onFailure(error -> showFailure(request, "avenant", form, error));
  }

  private void terminateFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    RequestContext context = RequestContext.of(request);
    UUID id = ConventionApi.id(request);
    attempt(() -> conventions.terminate(context, id, ConventionInput.termination(new JsonObject()
        .put("terminatedOn", form.get("terminatedOn")).put("reason", form.get("reason"))), version(form)))
        .onSuccess(saved -> done(request, saved, "resiliee"))
        .onFailure(error -> showFailure(request, "resilier", form, error));
  }

  private static void done(RoutingContext request, Convention saved, String notice) {
    Redirect.seeOther(request, "/t/" + request.pathParam("tenant") + "/conventions/" + saved.id() + "?notice=" + notice);
  }

  /** A refused form shows its errors next to its fields, what was typed kept; a stale one says so and shows what is saved. */
  private void showFailure(RoutingContext request, String activeForm, MultiMap form, Throwable error) {
    if (!FormErrors.refusesForm(error)) {
      FailureHandler.respond(request, error);
      return;
    }
    Problem problem = (Problem) error;
    if (problem.status() == 409) {
      renderShow(request, 409, null, Map.of(), Map.of(), List.of(), problem.detail(), "");
      return;
    }
    Map<String, Object> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    Map<String, String> errors = new LinkedHashMap<>();
    problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
    renderShow(request, 400, activeForm, values, errors, problem.errors(), "", "");
  }

  private interface Attempt {
    Future<Convention> run();
  }

  /** Runs the work, turning a refusal thrown while reading the form into a failed future. */
  private static Future<Convention> attempt(Attempt work) {
    try {
      return work.run();
    } catch (Problem problem) {
      return Future.failedFuture(problem);
    }
  }

  private interface Reading<T> {
    T read();
  }

  /** Reads an input, adding the page's own errors (amounts in euros) to those of the reader. */
  private static <T> T withFormErrors(Reading<T> reading, List<Problem.FieldError> errors) {
    try {
      T value = reading.read();
      if (!errors.isEmpty()) {
        throw Problem.validation(errors);
      }
      return value;
    } catch (Problem problem) {
      List<Problem.FieldError> all = new ArrayList<>(errors);
      problem.errors().stream().filter(e -> errors.stream().noneMatch(mine -> mine.field().equals(e.field()))).forEach(all::add);
      throw Problem.validation(all);
    }
  }

  private static <T> Future<T> merged(Throwable error, List<Problem.FieldError> errors) {
    if (error instanceof Problem problem && problem.status() == 400) {
      List<Problem.FieldError> all = new ArrayList<>(errors);
      problem.errors().stream().filter(e -> errors.stream().noneMatch(mine -> mine.field().equals(e.field()))).forEach(all::add);
      return Future.failedFuture(Problem.validation(all));
    }
    return Future.failedFuture(error);
  }

  private static int version(MultiMap form) {
    String version = form.get("version");
    if (version == null || !version.strip().matches("[0-9]{1,9}")) {
      throw Problem.validation(List.of(new Problem.FieldError("version", "Rechargez la page : la version lue manque.")));
    }
    return Integer.parseInt(version.strip());
  }

  /** The terms a creation form describes, as the API's JSON (amounts typed in euros turned into cents). */
  private static JsonObject termsFromForm(MultiMap form, List<Tenant.Territory> territories, List<Problem.FieldError> errors) {
    JsonObject body = new JsonObject().put("reference", form.get("reference")).put("title", form.get("title"))
        .put("actionType", form.get("actionType")).put("organisation", form.get("organisation"))
        .put("departement", new JsonObject().put("siret", blankToNull(form.get("departement.siret"))))
        .put("periodStart", form.get("periodStart")).put("periodEnd", blankToNull(form.get("periodEnd")))
        .put("means", new JsonObject().put("staffFte", blankToNull(form.get("means.staffFte")))
            .put("schedule", form.get("means.schedule")).put("description", form.get("means.description")))
        .put("evaluation", form.get("evaluation")).put("renewal", form.get("renewal"))
        .put("payment", new JsonObject().put("advancePercent", blankToNull(form.get("payment.advancePercent")))
            .put("balanceMonthsAfterYear", blankToNull(form.get("payment.balanceMonthsAfterYear")))
            .put("text", form.get("payment.text")))
        .put("decision", new JsonObject().put("date", blankToNull(form.get("decision.date")))
            .put("reference", form.get("decision.reference")))
        .put("notificationUE", form.get("notificationUE") != null);
    JsonArray signatories = new JsonArray();
    if (form.get("signatory.departement.name") != null && !form.get("signatory.departement.name").isBlank()) {
      signatories.add(new JsonObject().put("party", "departement").put("name", form.get("signatory.departement.name"))
          .put("capacity", form.get("signatory.departement.capacity")));
    }
    if (form.get("signatory.organisation.name") != null && !form.get("signatory.organisation.name").isBlank()) {
      signatories.add(new JsonObject().put("party", form.get("organisation")).put("name", form.get("signatory.organisation.name"))
          .put("capacity", form.get("signatory.organisation.capacity")));
    }
    body.put("signatories", signatories);
    int count = yearNumbers(Map.of("periodStart", str(form.get("periodStart")), "periodEnd", str(form.get("periodEnd")))).size();
    JsonArray objectives = new JsonArray();
    JsonArray years = new JsonArray();
    for (int y = 1; y <= count; y++) {
      int i = y - 1;
      for (Tenant.Territory territory : territories) {
        String typed = form.get("objective." + y + "." + territory.code());
        if (typed != null && !typed.isBlank()) {
          objectives.add(new JsonObject().put("year", y).put("territory", territory.code()).put("target", typed.strip()));
        }
      }
      JsonArray coFunders = new JsonArray();
      for (String kind : Terms.CoFunding.KINDS) {
        String field = "years[" + i + "]." + kind;
        Long cents = cents(form.get(field), field, errors);
        if (cents != null && cents > 0) {
          coFunders.add(new JsonObject().put("kind", kind).put("name", new Terms.CoFunding(kind, "", 0, "requested").kindLabel())
              .put("amountCents", cents).put("status", str(form.get("status." + kind)).isBlank() ? "requested" : form.get("status." + kind)));
        }
      }
      years.add(new JsonObject()
          .put("directCents", cents(form.get("years[" + i + "].directCents"), "years[" + i + "].directCents", errors))
          .put("indirectCents", cents(form.get("years[" + i + "].indirectCents"), "years[" + i + "].indirectCents", errors))
          .put("departementCents", cents(form.get("years[" + i + "].departementCents"), "years[" + i + "].departementCents", errors))
          .put("coFunders", coFunders));
    }
    body.put("objectives", objectives).put("years", years);
    return body;
  }

  /** Where the page shows an API field's error: objectives and signatories as a whole, a year's co-funders on the year. */
  private static String formField(String field) {
    if (field.startsWith("objectives")) {
      return "objectives";
    }
    if (field.startsWith("signatories")) {
      return "signatories";
    }
    if (field.matches("years\\[\\d+]\\.coFunders.*")) {
      return field.substring(0, field.indexOf(']') + 1) + ".coFunders";
    }
    return field;
  }

  /** The years a creation form shows: those of the period typed, 3 by default. */
  private static List<Integer> yearNumbers(Map<String, Object> values) {
    int count = 3;
    try {
      LocalDate start = FrenchDates.parseDay(str(values.get("periodStart")));
      String endText = str(values.get("periodEnd")).strip();
      LocalDate end = endText.isEmpty() ? start.plusYears(3).minusDays(1) : FrenchDates.parseDay(endText);
      if (!end.isBefore(start) && !end.isAfter(start.plusYears(10))) {
        count = Terms.yearsIn(start, end);
      }
    } catch (RuntimeException e) {
      // no period typed yet: 3 years, as seed 002's conventions
    }
    List<Integer> years = new ArrayList<>();
    for (int y = 1; y <= count; y++) {
      years.add(y);
    }
    return years;
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> values = new HashMap<>();
    values.put("payment.advancePercent", "50");
    values.put("payment.balanceMonthsAfterYear", "3");
    values.put("signatory.departement.capacity", "Président du Conseil départemental");
    values.put("renewal", "Reconduction par tranche annuelle, après vote de l'assemblée délibérante.");
    return values;
  }

  private static Map<String, Object> amendmentValues(Convention convention) {
    Map<String, Object> values = new HashMap<>();
    values.put("periodEnd", convention.terms().periodEnd().toString());
    for (int i = 0; i < convention.terms().years().size(); i++) {
      values.put("amend.years[" + i + "].departementCents", plainEuros(convention.terms().years().get(i).departementCents()));
    }
    for (Terms.Objective objective : convention.terms().objectives()) {
      values.put("amend.objective." + objective.year() + "." + objective.territory(), String.valueOf(objective.target()));
    }
    return values;
  }

  private static Map<String, Object> row(Convention c, Map<String, ActionTypeDescriptor> types, LocalDate today) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", c.id().toString());
    row.put("reference", c.terms().reference());
    row.put("title", c.terms().title());
    row.put("organisation", c.organisationName());
    row.put("organisationId", c.terms().organisation());
    row.put("actionType", typeLabel(types, c.terms().actionType()));
    row.put("period", Convention.tableDay(c.terms().periodStart()) + " – " + Convention.tableDay(c.terms().periodEnd()));
    row.put("state", c.stateAt(today).label());
    row.put("committed", Convention.euros(c.committedCents()));
    row.put("voted", Convention.euros(c.votedCents()));
    row.put("paid", Convention.euros(c.paidCents()));
    row.put("due", Convention.euros(c.votedCents() - c.paidCents()));
    return row;
  }

  /** Committed, voted, paid and still due per calendar year of the years' start, over the conventions listed. */
  private static List<Map<String, Object>> byCalendarYear(List<Convention> list) {
    Map<Integer, long[]> sums = new TreeMap<>();
    for (Convention c : list) {
      for (Funding.YearFigures f : c.figures()) {
        long[] s = sums.computeIfAbsent(f.start().getYear(), k -> new long[4]);
        s[0] += f.committedCents();
        s[1] += f.votedCents();
        s[2] += f.paidCents();
        s[3] += f.dueCents();
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    sums.forEach((year, s) -> rows.add(Map.of("year", year, "committed", Convention.euros(s[0]), "voted", Convention.euros(s[1]),
        "paid", Convention.euros(s[2]), "due", Convention.euros(s[3]))));
    return rows;
  }

  private static Map<String, Object> view(Convention c, Map<String, ActionTypeDescriptor> types,
                                          List<Tenant.Territory> territories, LocalDate today) {
    Terms t = c.terms();
    Map<String, Object> view = new HashMap<>();
    view.put("id", c.id().toString());
    view.put("version", c.version());
    view.put("reference", t.reference());
    view.put("title", t.title());
    view.put("state", c.stateAt(today).code());
    view.put("stateLabel", c.stateAt(today).label());
    view.put("draft", c.state() == Convention.State.DRAFT);
    view.put("signedOn", Convention.dayLabel(c.signedOn()));
    view.put("terminationReason", c.terminationReason() == null ? "" : c.terminationReason());
    view.put("organisation", c.organisationName());
    view.put("organisationId", t.organisation());
    view.put("members", t.members());
    view.put("departement", t.departement().name());
    view.put("departementSiret", t.departement().siret() == null ? "" : t.departement().siret());
    view.put("signatories", t.signatories().stream().map(s -> Map.of("party", "departement".equals(s.party())
        ? t.departement().name() : s.party().equals(t.organisation()) ? c.organisationName() : s.party(),
        "name", str(s.name()), "capacity", str(s.capacity()))).toList());
    view.put("actionType", typeLabel(types, t.actionType()));
    view.put("unit", CapacityUnits.plural(t.unit(), types.get(t.actionType())));
    view.put("period", Convention.dayLabel(t.periodStart()) + " – " + Convention.dayLabel(t.periodEnd()));
    view.put("decision", t.decision().reference() == null ? "" : t.decision().reference()
        + (t.decision().date() == null ? "" : " du " + Convention.dayLabel(t.decision().date())));
    view.put("staffFte", t.means().staffFte() == null ? "" : t.means().staffFte().toPlainString().replace('.', ','));
    view.put("schedule", str(t.means().schedule()));
    view.put("means", str(t.means().description()));
    view.put("evaluation", str(t.evaluation()));
    view.put("renewal", str(t.renewal()));
    view.put("paymentTerms", "Avance de " + t.payment().advancePercent() + " % de la tranche votée, solde "
        + t.payment().balanceMonthsAfterYear() + " mois après la fin de l'année (après le bilan annuel)."
        + (t.payment().text() == null ? "" : " " + t.payment().text()));
    List<Integer> yearNumbers = t.years().stream().map(Terms.Year::year).toList();
    view.put("yearNumbers", yearNumbers);
    List<Map<String, Object>> objectiveRows = new ArrayList<>();
    for (String territory : t.territories()) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int y : yearNumbers) {
        cells.add(Map.of("year", y, "target", t.objective(y, territory), "field", "amend.objective." + y + "." + territory));
      }
      objectiveRows.add(Map.of("territory", territoryName(territories, territory), "code", territory, "cells", cells));
    }
    view.put("objectives", objectiveRows);
    List<Map<String, Object>> years = new ArrayList<>();
    int votable = c.tranches().stream().filter(Tranche::provisional).mapToInt(Tranche::year).min().orElse(0);
    for (Funding.YearFigures f : c.figures()) {
      Terms.Year year = t.year(f.year());
      Tranche tranche = c.tranche(f.year());
      Map<String, Object> y = new HashMap<>();
      y.put("year", f.year());
      y.put("index", f.year() - 1);
      y.put("period", Convention.tableDay(f.start()) + " – " + Convention.tableDay(f.end()));
      y.put("direct", Convention.euros(year.directCents()));
      y.put("indirect", Convention.euros(year.indirectCents()));
      y.put("budget", Convention.euros(f.budgetCents()));
      y.put("eligible", Convention.euros(f.eligibleCents()));
      y.put("nonEligible", f.nonEligibleCents() == 0 ? "" : Convention.euros(f.nonEligibleCents()));
      y.put("departement", Convention.euros(year.departementCents()));
      y.put("coFunders", year.coFunders().stream().map(cf -> Map.of("kind", cf.kindLabel(), "name", cf.name(),
          "amount", Convention.euros(cf.amountCents()), "status", cf.statusLabel())).toList());
      y.put("trancheStatus", tranche.status());
      y.put("trancheLabel", tranche.statusLabel());
      y.put("deliberation", tranche.deliberationReference() == null ? "" : tranche.deliberationReference()
          + " du " + Convention.dayLabel(tranche.deliberationDate()));
      y.put("committed", Convention.euros(f.committedCents()));
      y.put("voted", tranche.voted() ? Convention.euros(f.votedCents()) : "");
      y.put("paid", Convention.euros(f.paidCents()));
      y.put("due", Convention.euros(f.dueCents()));
      y.put("schedule", f.schedule().stream().map(d -> Map.of("kind", Payment.kindLabel(d.kind()),
          "dueOn", Convention.tableDay(d.dueOn()), "amount", Convention.euros(d.amountCents()))).toList());
      y.put("provisional", tranche.provisional());
      y.put("votable", f.year() == votable);
      y.put("plannedPlain", plainEuros(year.departementCents()));
      years.add(y);
    }
    view.put("years", years);
    view.put("committed", Convention.euros(c.committedCents()));
    view.put("voted", Convention.euros(c.votedCents()));
    view.put("paid", Convention.euros(c.paidCents()));
    view.put("due", Convention.euros(c.votedCents() - c.paidCents()));
    view.put("payments", c.payments().stream().map(p -> Map.of("year", p.year(), "kind", Payment.kindLabel(p.kind()),
        "paidOn", Convention.tableDay(p.paidOn()), "amount", Convention.euros(p.amountCents()),
        "mandate", p.mandateReference())).toList());
    List<Map<String, Object>> amendments = new ArrayList<>();
    for (Amendment a : c.amendments()) {
      amendments.add(Map.of("number", a.number(), "signedOn", Convention.tableDay(a.signedOn()),
          "effectiveFrom", Convention.tableDay(a.effectiveFrom()), "object", a.object(), "changes", a.changes()));
    }
    view.put("amendments", amendments);
    return view;
  }

  /** Euros as typed on a page ("54 000", "1234,50") to exact cents; null when blank. */
  static Long cents(String euros, String field, List<Problem.FieldError> errors) {
    if (euros == null || euros.isBlank()) {
      return null;
    }
    String cleaned = euros.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("€", "").replace(',', '.');
    try {
      BigDecimal amount = new BigDecimal(cleaned);
      if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(BigDecimal.valueOf(ConventionInput.MAX_CENTS / 100)) > 0) {
        throw new NumberFormatException();
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new Problem.FieldError(field, "Un montant en euros, positif, au centime près (par exemple 54 000 ou 1 234,50)."));
      return null;
    }
  }

  private static String plainEuros(long cents) {
    return BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString().replace('.', ',');
  }

  private static String typeLabel(Map<String, ActionTypeDescriptor> types, String code) {
    ActionTypeDescriptor type = types.get(code);
    return type == null ? code : type.label().fr();
  }

  private static String territoryName(List<Tenant.Territory> territories, String code) {
    return territories.stream().filter(t -> t.code().equals(code)).map(Tenant.Territory::name).findFirst().orElse(code);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }
}
