package fr.pacte.server.organisations;

import static fr.pacte.server.organisations.OrganisationUploads.PAGE_UPLOAD;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.DatabaseProblems;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PeopleText;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Organisations and their document vault: the pages (list, creation, the organisation with its vault). A refused
 * form is shown again with the reasons next to the fields; the service checks the caller's scope, as for the API.
 */
public final class OrganisationPages {

  static final String PAGES = "/t/:tenant/organisations";

  private final OrganisationService organisations;
  private final TenantService tenants;
  private final Access access;
  private final PageLayout layout;
  private final Vertx vertx;

  public OrganisationPages(OrganisationService organisations, TenantService tenants, Access access, PageLayout layout,
                           Vertx vertx) {
    this.organisations = organisations;
    this.tenants = tenants;
    this.access = access;
    this.layout = layout;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(PAGES).handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::listPage);
    router.get(PAGES + "/nouvelle").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::newPage);
    router.post(PAGES).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::createFromPage);
    router.get(PAGES + "/:organisation").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::page);
    router.post(PAGES + "/:organisation").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::updateFromPage);
    router.post(PAGE_UPLOAD).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::uploadFromPage)
        .failureHandler(this::uploadTooLarge);
    router.get(PAGE_UPLOAD + "/:document/versions/:number").handler(access.to(Permission.READ_ORGANISATIONS))
        .handler(request -> OrganisationApi.content(organisations, request));
  }

  /** The organisations as a list table: sortable, in pages, exportable. */
  private static ListTable table(RoutingContext request, List<Organisation> list) {
    String base = "/t/" + request.pathParam("tenant") + "/organisations/";
    List<ListTable.Line> lines = new java.util.ArrayList<>();
    for (Organisation o : list) {
      Map<String, String> cells = new HashMap<>();
      cells.put("name", o.name());
      cells.put("kind", o.kindLabel());
      cells.put("siret", o.siret() == null ? "" : o.siret());
      cells.put("rna", o.rna() == null ? "" : o.rna());
      cells.put("city", o.address() == null || o.address().city() == null ? "" : o.address().city());
      lines.add(new ListTable.Line("organisation-" + o.id(), base + o.id(), cells));
    }
    return new ListTable("Organisations", "organisations", List.of(ListTable.Column.text("name", "Nom"),
        ListTable.Column.text("kind", "Type"), ListTable.Column.text("siret", "SIRET"), ListTable.Column.text("rna", "RNA"),
        ListTable.Column.text("city", "Commune")), lines);
  }

  private void listPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    organisations.list(context)
        .compose(list -> {
          ListTable table = table(request, list);
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          return layout.render(request, "organisations", "Organisations", Map.of(
              "organisations", list,
              "table", table.model(request),
              "canCreate", context.organisationScope() == null && context.holds(Permission.EDIT_ORGANISATIONS)));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void newPage(RoutingContext request) {
    RequestContext.of(request).requireStaff("Un compte d'organisation ne peut pas créer d'autre organisation.");
    renderForm(request, 200, Map.of("kind", "operator"), Map.of(), List.of());
  }

  private void createFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    context.requireStaff("Un compte d'organisation ne peut pas créer d'autre organisation.");
    MultiMap form = request.request().formAttributes();
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(OrganisationInput.fromForm(form), codes, null))
        .compose(organisation -> organisations.create(context, organisation))
        .onSuccess(saved -> Redirect.seeOther(request, pagePath(request, saved.id()) + "?notice=creee"))
        .onFailure(error -> {
          // Refused values, or an identifier another organisation holds (409): the form again, with what was typed.
          if (FormErrors.refusesForm(error) && error instanceof Problem problem && !problem.errors().isEmpty()) {
            renderForm(request, problem.status(), formValues(form), FormErrors.byField(problem), problem.errors());
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void page(RoutingContext request) {
    String id = request.pathParam("organisation");
    String notice = request.queryParams().get("notice");
    String refusal = request.queryParams().get("refus");
    organisations.get(RequestContext.of(request), id)
        .compose(organisation -> renderPage(request, 200, organisation, valuesOf(organisation), Map.of(), List.of(),
            notice, "taille".equals(refusal) ? List.of(new Problem.FieldError("file", "Fichier refusé : il dépasse la limite de 10 Mio. "
                + "Les documents déjà déposés n'ont pas changé.")) : List.of(), null))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String id = request.pathParam("organisation");
    context.requireOrganisation(id);
    MultiMap form = request.request().formAttributes();
    JsonObject json = OrganisationInput.fromForm(form);
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(json, codes, id))
        .compose(changes -> organisations.update(context, id, changes, OrganisationInput.expectedVersion(json)))
        .onSuccess(saved -> Redirect.seeOther(request, pagePath(request, id) + "?notice=enregistree"))
        .onFailure(error -> {
          if (!FormErrors.refusesForm(error)) {
            FailureHandler.respond(request, error);
            return;
          }
          Problem problem = (Problem) error;
          organisations.get(context, id)
              // A stale edit shows what is saved now, never the stale values over it; a bad one keeps what was typed.
              .compose(current -> problem.status() == 409 && !DatabaseProblems.isDuplicate(problem)
                  ? renderPage(request, 409, current, valuesOf(current), Map.of(), List.of(), null, List.of(), problem.detail())
                  : renderPage(request, problem.status(), current, formValues(form), FormErrors.byField(problem), problem.errors(),
                      null, List.of(), null))
              .onFailure(failure -> FailureHandler.respond(request, failure));
        });
  }

  private void uploadFromPage(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    String id = request.pathParam("organisation");
    context.requireOrganisation(id); // before reading up to 10 MiB; the service checks again
    OrganisationUploads.read(vertx, request)
        .compose(upload -> organisations.upload(context, id, upload))
        .onSuccess(document -> Redirect.seeOther(request, pagePath(request, id) + "?notice=document#documents"))
        .onFailure(error -> {
          if (!(error instanceof Problem problem) || problem.status() != 400) {
            FailureHandler.respond(request, error);
            return;
          }
          organisations.get(context, id)
              .compose(current -> renderPage(request, 400, current, valuesOf(current), Map.of(), List.of(), null,
                  problem.errors().isEmpty() ? List.of(new Problem.FieldError("file", problem.detail())) : problem.errors(), null,
                  uploadValues(request.request().formAttributes())))
              .onFailure(failure -> FailureHandler.respond(request, failure));
        });
  }

  /** A body above the upload limit is refused before it is read: send the browser back with the reason. */
  private void uploadTooLarge(RoutingContext request) {
    if (request.statusCode() == 413 && !request.response().ended()) {
      Redirect.seeOther(request, pagePath(request, request.pathParam("organisation")) + "?refus=taille#documents");
    } else {
      request.next();
    }
  }

  private Future<Void> renderPage(RoutingContext request, int status, Organisation organisation, Map<String, Object> values,
                                  Map<String, String> errors, List<Problem.FieldError> errorList, String notice,
                                  List<Problem.FieldError> uploadErrors, String conflict) {
    return renderPage(request, status, organisation, values, errors, errorList, notice, uploadErrors, conflict, Map.of());
  }

  private Future<Void> renderPage(RoutingContext request, int status, Organisation organisation, Map<String, Object> values,
                                  Map<String, String> errors, List<Problem.FieldError> errorList, String notice,
                                  List<Problem.FieldError> uploadErrors, String conflict, Map<String, String> uploadValues) {
    RequestContext context = RequestContext.of(request);
    boolean canEdit = context.holds(Permission.EDIT_ORGANISATIONS) && context.scope().coversOrganisation(organisation.id());
    return tenants.territories(context.tenant())
        .compose(territories -> organisations.documents(context, organisation.id())
            .compose(documents -> {
              ListTable documentTable = documentTable(documents.stream().map(d -> d.inZone(context.zone())).toList(),
                  context.today(), "/t/" + context.tenant() + "/organisations/" + organisation.id()).named("documents");
              if (status == 200 && documentTable.asked(request)) {
                return documentTable.export(request);
              }
              request.response().setStatusCode(status);
              Map<String, Object> model = new HashMap<>();
              model.put("organisation", organisation);
              model.put("values", values);
              model.put("errors", errors);
              model.put("errorList", errorList);
              model.put("notice", notice == null ? "" : notice);
              model.put("conflict", conflict == null ? "" : conflict);
              model.put("territories", territoryOptions(territories, values));
              model.put("territoryNames", territoryNames(territories, organisation.territories()));
              model.put("documents", documentTable.model(request));
              model.put("kinds", List.of(DocumentKind.values()));
              model.put("uploadErrors", FormErrors.byField(uploadErrors));
              model.put("uploadErrorList", uploadErrors);
              model.put("uploadValues", uploadValues);
              model.put("canEdit", canEdit);
              model.put("contactRows", contactRows(values));
              return layout.render(request, "organisation", organisation.name(), model);
            }));
  }

  private void renderForm(RoutingContext request, int status, Map<String, Object> values, Map<String, String> errors,
                          List<Problem.FieldError> errorList) {
    tenants.territories(tenant(request))
        .compose(territories -> {
          request.response().setStatusCode(status);
          Map<String, Object> model = new HashMap<>();
          model.put("values", values);
          model.put("errors", errors);
          model.put("errorList", errorList);
          model.put("territories", territoryOptions(territories, values));
          model.put("contactRows", contactRows(values));
          return layout.render(request, "organisation-new", "Nouvelle organisation", model);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- helpers

  /** What was chosen in the upload form, to choose it again after a refusal (the file itself cannot be kept). */
  private static Map<String, String> uploadValues(MultiMap form) {
    Map<String, String> values = new HashMap<>();
    for (String name : List.of("kind", "label", "validUntil")) {
      values.put(name, form.get(name) == null ? "" : form.get(name));
    }
    return values;
  }

  /**
   * The organisation's documents as a list to sort and export: the current version of each (its file, when and by whom
   * it was deposited, how long it is valid) and the earlier versions, which stay readable.
   */
  static ListTable documentTable(List<VaultDocument> documents, LocalDate today, String organisationPath) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (VaultDocument document : documents) {
      VaultDocument.Version current = document.current();
      String base = organisationPath + "/documents/" + document.id() + "/versions/";
      Map<String, String> cells = new LinkedHashMap<>();
      cells.put("kind", document.kind().label());
      cells.put("label", document.label() == null || document.label().equals(document.kind().label()) ? "" : document.label());
      cells.put("file", current.fileName() + " (version " + current.number() + ")");
      cells.put("uploadedAt", FrenchDates.shortDate(current.uploadedAt()));
      cells.put("uploadedBy", PeopleText.readable(current.uploadedBy()));
      boolean expired = current.expired(today);
      cells.put("validity", current.validUntil() == null ? "—"
          : (expired ? "Expirée le " : "jusqu'au ") + FrenchDates.shortDate(current.validUntil()));
      List<VaultDocument.Version> earlier = document.versions().stream().filter(v -> v.number() != current.number()).toList();
      cells.put("earlier", earlier.isEmpty() ? "—" : String.join(", ", earlier.stream()
          .map(v -> "version " + v.number() + " (" + FrenchDates.shortDate(v.uploadedAt()) + ")").toList()));
      Map<String, Comparable<?>> sort = new HashMap<>();
      sort.put("uploadedAt", current.uploadedAt());
      if (current.validUntil() != null) {
        sort.put("validity", current.validUntil());
      }
      Map<String, String> links = new HashMap<>();
      links.put("file", base + current.number());
      if (!earlier.isEmpty()) {
        // The latest of the earlier versions; the others are named in the cell and reached from the document's API.
        links.put("earlier", base + earlier.get(0).number());
      }
      lines.add(new ListTable.Line("document-" + document.id(), base + current.number(), cells, sort)
          .withLinks(links).withMarks(expired ? Map.of("validity", "state state-failed") : Map.of()));
    }
    return new ListTable("Documents de l'organisation", "documents", List.of(
        ListTable.Column.text("kind", "Document"), ListTable.Column.text("label", "Intitulé"),
        ListTable.Column.text("file", "Version en cours"), ListTable.Column.text("uploadedAt", "Déposée le"),
        ListTable.Column.text("uploadedBy", "Déposée par"), ListTable.Column.text("validity", "Validité"),
        ListTable.Column.text("earlier", "Versions précédentes")), lines);
  }

  private static List<Map<String, Object>> territoryOptions(List<Tenant.Territory> territories, Map<String, Object> values) {
    Object selected = values.getOrDefault("territories", List.of());
    return territories.stream().map(t -> Map.<String, Object>of("code", t.code(), "name", t.name(),
        "layer", t.layer().equals("territoire-action-sociale") ? "Territoire d'action sociale" : t.layer(),
        "checked", ((List<?>) selected).contains(t.code()))).toList();
  }

  private static List<String> territoryNames(List<Tenant.Territory> territories, List<String> codes) {
    return codes.stream().map(code -> territories.stream().filter(t -> t.code().equals(code)).map(Tenant.Territory::name)
        .findFirst().orElse(code)).toList();
  }

  /** Contact rows of the form: those filled plus one blank, up to the maximum. */
  private static List<Integer> contactRows(Map<String, Object> values) {
    int filled = 0;
    while (filled < OrganisationInput.MAX_CONTACTS && values.containsKey("contacts[" + filled + "].name")) {
      filled++;
    }
    int rows = Math.min(OrganisationInput.MAX_CONTACTS, filled + 1);
    return java.util.stream.IntStream.range(0, rows).boxed().toList();
  }

  /** An organisation as the flat field map of its form. */
  static Map<String, Object> valuesOf(Organisation o) {
    Map<String, Object> values = new HashMap<>();
    putIfPresent(values, "id", o.id());
    putIfPresent(values, "kind", o.kind());
    putIfPresent(values, "name", o.name());
    putIfPresent(values, "siret", o.siret());
    putIfPresent(values, "rna", o.rna());
    putIfPresent(values, "legalForm", o.legalForm());
    putIfPresent(values, "address.street", o.address().street());
    putIfPresent(values, "address.postalCode", o.address().postalCode());
    putIfPresent(values, "address.city", o.address().city());
    putIfPresent(values, "legalRepresentative.name", o.legalRepresentative().name());
    putIfPresent(values, "legalRepresentative.role", o.legalRepresentative().role());
    for (int i = 0; i < o.contacts().size(); i++) {
      Organisation.Contact contact = o.contacts().get(i);
      values.put("contacts[" + i + "].name", contact.name() == null ? "" : contact.name());
      putIfPresent(values, "contacts[" + i + "].role", contact.role());
      putIfPresent(values, "contacts[" + i + "].email", contact.email());
      putIfPresent(values, "contacts[" + i + "].phone", contact.phone());
    }
    values.put("territories", o.territories());
    values.put("version", String.valueOf(o.version()));
    return values;
  }

  /** What the browser sent, to show it again next to the errors. */
  static Map<String, Object> formValues(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    form.names().forEach(name -> values.put(name, form.get(name)));
    values.put("territories", form.getAll("territories"));
    for (int i = 0; i < OrganisationInput.MAX_CONTACTS; i++) {
      String name = form.get("contacts[" + i + "].name");
      if (name == null || name.isBlank()) {
        values.remove("contacts[" + i + "].name");
      }
    }
    return values;
  }

  private static void putIfPresent(Map<String, Object> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

  private static String pagePath(RoutingContext request, String id) {
    return "/t/" + tenant(request) + "/organisations/" + id;
  }
}
