package fr.pacte.server.organisations;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Json;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organisations and their document vault: the API and the pages. */
public final class OrganisationRoutes {

  static final String API = "/api/tenants/:tenant/organisations";
  static final String PAGES = "/t/:tenant/organisations";
  static final String API_UPLOAD = API + "/:organisation/documents";
  static final String PAGE_UPLOAD = PAGES + "/:organisation/documents";

  private final OrganisationService organisations;
  private final TenantService tenants;
  private final Access access;
  private final PageLayout layout;
  private final Vertx vertx;

  public OrganisationRoutes(OrganisationService organisations, TenantService tenants, Access access, PageLayout layout,
                            Vertx vertx) {
    this.organisations = organisations;
    this.tenants = tenants;
    this.access = access;
    this.layout = layout;
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get(API).handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::list);
    router.post(API).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::create);
    router.get(API + "/:organisation").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::show);
    router.put(API + "/:organisation").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::update);
    router.get(API_UPLOAD).handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::documents);
    router.post(API_UPLOAD).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::upload);
    router.get(API_UPLOAD + "/:document").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::document);
    router.get(API_UPLOAD + "/:document/current").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::current);
    router.get(API_UPLOAD + "/:document/current/content").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::content);
    router.get(API_UPLOAD + "/:document/versions/:number/content").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::content);

    router.get(PAGES).handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::listPage);
    router.get(PAGES + "/nouvelle").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::newPage);
    router.post(PAGES).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::createFromPage);
    router.get(PAGES + "/:organisation").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::page);
    router.post(PAGES + "/:organisation").handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::updateFromPage);
    router.post(PAGE_UPLOAD).handler(access.to(Permission.EDIT_ORGANISATIONS)).handler(this::uploadFromPage)
        .failureHandler(this::uploadTooLarge);
    router.get(PAGE_UPLOAD + "/:document/versions/:number").handler(access.to(Permission.READ_ORGANISATIONS)).handler(this::content);
  }

  // ---- API

  private void list(RoutingContext request) {
    organisations.list(tenant(request), scopeOrganisation(request))
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(Organisation::toJson).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void show(RoutingContext request) {
    String id = readable(request);
    organisations.get(tenant(request), id)
        .onSuccess(organisation -> Json.ok(request, 200, organisation.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void create(RoutingContext request) {
    staffOnly(request);
    JsonObject body = Json.body(request);
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(body, codes, null))
        .compose(organisation -> organisations.create(tenant(request), organisation, actor(request), requestId(request)))
        .onSuccess(saved -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant(request) + "/organisations/" + saved.id());
          Json.ok(request, 201, saved.toJson());
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void update(RoutingContext request) {
    String id = editable(request);
    JsonObject body = Json.body(request);
    int version = OrganisationInput.expectedVersion(body);
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(body, codes, id))
        .compose(changes -> organisations.update(tenant(request), id, changes, version, actor(request), requestId(request)))
        .onSuccess(saved -> Json.ok(request, 200, saved.toJson()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void documents(RoutingContext request) {
    String id = readable(request);
    organisations.documents(tenant(request), id)
        .onSuccess(list -> Json.ok(request, new JsonArray(list.stream().map(d -> d.toJson(tenant(request))).toList())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void document(RoutingContext request) {
    String id = readable(request);
    organisations.document(tenant(request), id, documentId(request))
        .onSuccess(document -> Json.ok(request, 200, document.toJson(tenant(request))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The current version of a stable document: what a later application reads. */
  private void current(RoutingContext request) {
    String id = readable(request);
    organisations.document(tenant(request), id, documentId(request))
        .onSuccess(document -> Json.ok(request, 200, document.toJson(tenant(request)).getJsonObject("current")
            .put("document", document.id().toString()).put("kind", document.kind().code()).put("label", document.label())))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void upload(RoutingContext request) {
    String id = editable(request);
    readUpload(request)
        .compose(upload -> organisations.upload(tenant(request), id, upload, actor(request), requestId(request)))
        .onSuccess(document -> {
          request.response().putHeader("Location", "/api/tenants/" + tenant(request) + "/organisations/" + id
              + "/documents/" + document.id());
          Json.ok(request, 201, document.toJson(tenant(request)));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void content(RoutingContext request) {
    String id = readable(request);
    UUID document = documentId(request);
    String number = request.pathParam("number");
    Future<Integer> version = number != null ? Future.succeededFuture(versionNumber(number))
        : organisations.document(tenant(request), id, document).map(d -> d.current().number());
    version.compose(n -> organisations.content(tenant(request), id, document, n))
        .onSuccess(file -> request.response()
            .putHeader("Content-Type", file.mediaType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + file.fileName().replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
            .putHeader("Cache-Control", "private, no-store")
            .end(file.bytes()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  // ---- pages

  private void listPage(RoutingContext request) {
    String scope = scopeOrganisation(request);
    organisations.list(tenant(request), scope)
        .compose(list -> layout.render(request, "organisations", "Organisations", Map.of(
            "organisations", list,
            "canCreate", scope == null && Access.allows(Access.required(request), Permission.EDIT_ORGANISATIONS.roles(), false, tenant(request)))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void newPage(RoutingContext request) {
    staffOnly(request);
    renderForm(request, 200, Map.of("kind", "operator"), Map.of(), List.of());
  }

  private void createFromPage(RoutingContext request) {
    staffOnly(request);
    MultiMap form = request.request().formAttributes();
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(OrganisationInput.fromForm(form), codes, null))
        .compose(organisation -> organisations.create(tenant(request), organisation, actor(request), requestId(request)))
        .onSuccess(saved -> Redirect.seeOther(request, pagePath(request, saved.id()) + "?notice=creee"))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() == 400 && !problem.errors().isEmpty()) {
            renderForm(request, 400, formValues(form), errorMap(problem), problem.errors());
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void page(RoutingContext request) {
    String id = readable(request);
    String notice = request.queryParams().get("notice");
    String refusal = request.queryParams().get("refus");
    organisations.get(tenant(request), id)
        .compose(organisation -> renderPage(request, 200, organisation, valuesOf(organisation), Map.of(), List.of(),
            notice, "taille".equals(refusal) ? List.of(new Problem.FieldError("file", "Fichier refusé : il dépasse la limite de 10 Mio. "
                + "Les documents déjà déposés n'ont pas changé.")) : List.of(), null))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateFromPage(RoutingContext request) {
    String id = editable(request);
    MultiMap form = request.request().formAttributes();
    JsonObject json = OrganisationInput.fromForm(form);
    organisations.territoryCodes(tenant(request))
        .map(codes -> OrganisationInput.parse(json, codes, id))
        .compose(changes -> organisations.update(tenant(request), id, changes, OrganisationInput.expectedVersion(json),
            actor(request), requestId(request)))
        .onSuccess(saved -> Redirect.seeOther(request, pagePath(request, id) + "?notice=enregistree"))
        .onFailure(error -> {
          if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
            FailureHandler.respond(request, error);
            return;
          }
          organisations.get(tenant(request), id)
              // A stale edit shows what is saved now, never the stale values over it; a bad one keeps what was typed.
              .compose(current -> problem.status() == 409
                  ? renderPage(request, 409, current, valuesOf(current), Map.of(), List.of(), null, List.of(), problem.detail())
                  : renderPage(request, 400, current, formValues(form), errorMap(problem), problem.errors(), null, List.of(), null))
              .onFailure(failure -> FailureHandler.respond(request, failure));
        });
  }

  private void uploadFromPage(RoutingContext request) {
    String id = editable(request);
    readUpload(request)
        .compose(upload -> organisations.upload(tenant(request), id, upload, actor(request), requestId(request)))
        .onSuccess(document -> Redirect.seeOther(request, pagePath(request, id) + "?notice=document#documents"))
        .onFailure(error -> {
          if (!(error instanceof Problem problem) || problem.status() != 400) {
            FailureHandler.respond(request, error);
            return;
          }
          organisations.get(tenant(request), id)
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
    String tenant = tenant(request);
    boolean canEdit = Access.allows(Access.required(request), Permission.EDIT_ORGANISATIONS.roles(), false, tenant)
        && Access.required(request).scope().coversOrganisation(organisation.id());
    return tenants.territories(tenant)
        .compose(territories -> organisations.documents(tenant, organisation.id())
            .compose(documents -> {
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
              model.put("documents", documents.stream().map(d -> documentRow(d)).toList());
              model.put("kinds", List.of(DocumentKind.values()));
              model.put("uploadErrors", errorMap(uploadErrors));
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

  private Future<DocumentUpload> readUpload(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    List<FileUpload> files = request.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() > 1) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("file", "Un seul fichier à la fois."))));
    }
    FileUpload file = files.isEmpty() ? null : files.get(0);
    if (file != null && file.size() > DocumentUpload.MAX_BYTES) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("file", "Fichier refusé : il pèse "
          + DocumentUpload.megabytes(file.size()) + " Mio, la limite est de 10 Mio. Les documents déjà déposés n'ont pas changé."))));
    }
    Future<byte[]> bytes = file == null ? Future.succeededFuture(null)
        : vertx.fileSystem().readFile(file.uploadedFileName()).map(buffer -> buffer.getBytes());
    // Sniffing and hashing up to 10 MiB take tens of milliseconds: on a worker, not the event loop.
    return bytes.compose(content -> vertx.executeBlocking(() -> DocumentUpload.check(form.get("kind"),
        form.get("label"), form.get("validUntil"), file == null ? null : file.fileName(), content), false));
  }

  /** What was chosen in the upload form, to choose it again after a refusal (the file itself cannot be kept). */
  private static Map<String, String> uploadValues(MultiMap form) {
    Map<String, String> values = new HashMap<>();
    for (String name : List.of("kind", "label", "validUntil")) {
      values.put(name, form.get(name) == null ? "" : form.get(name));
    }
    return values;
  }

  private static Map<String, Object> documentRow(VaultDocument document) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", document.id().toString());
    row.put("kind", document.kind().label());
    row.put("label", document.label());
    row.put("current", document.current());
    row.put("versions", document.versions());
    row.put("expired", document.current().expired(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))));
    return row;
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

  static Map<String, String> errorMap(Problem problem) {
    return errorMap(problem.errors());
  }

  static Map<String, String> errorMap(List<Problem.FieldError> errors) {
    Map<String, String> map = new LinkedHashMap<>();
    errors.forEach(error -> map.merge(error.field(), error.message(), (a, b) -> a + " " + b));
    return map;
  }

  /** The organisation of the URL, if the caller may read it: an operator reads only its own. */
  private static String readable(RoutingContext request) {
    String id = request.pathParam("organisation");
    if (Access.required(request).scope().organisation() != null) {
      Access.requireOrganisation(request, id);
    }
    return id;
  }

  /** The organisation of the URL, if the caller may change it. */
  private static String editable(RoutingContext request) {
    String id = request.pathParam("organisation");
    Access.requireOrganisation(request, id);
    return id;
  }

  /** Only the département's staff create organisations; an operator account acts for its own. */
  private static void staffOnly(RoutingContext request) {
    if (Access.required(request).scope().organisation() != null) {
      throw Problem.forbidden("Un compte d'organisation ne peut pas créer d'autre organisation.");
    }
  }

  /** The organisation the caller is limited to, or null for staff. */
  private static String scopeOrganisation(RoutingContext request) {
    Principal principal = Access.required(request);
    return principal.scope().organisation();
  }

  private static UUID documentId(RoutingContext request) {
    try {
      return UUID.fromString(request.pathParam("document"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("Aucun document « " + request.pathParam("document") + " ».");
    }
  }

  private static int versionNumber(String raw) {
    if (!raw.matches("[1-9][0-9]{0,6}")) {
      throw Problem.notFound("Aucune version « " + raw + " » de ce document.");
    }
    return Integer.parseInt(raw);
  }

  private static String tenant(RoutingContext request) {
    return request.pathParam("tenant");
  }

  private static String pagePath(RoutingContext request, String id) {
    return "/t/" + tenant(request) + "/organisations/" + id;
  }

  private static Actor actor(RoutingContext request) {
    return Access.required(request).actor();
  }

  private static String requestId(RoutingContext request) {
    return request.get(RequestLog.REQUEST_ID_KEY);
  }
}
