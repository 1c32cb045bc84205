package fr.pacte.server.identity.users;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.api.Role;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.TenantDirectory;
import fr.pacte.server.identity.Scope;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A tenant's "Utilisateurs" page: list, create or invite, edit roles and scope, deactivate. */
public final class UserPages {

  private static final String PAGE = "admin/utilisateurs";

  private final Access access;
  private final UserService users;
  private final TenantDirectory tenants;
  private final PageLayout layout;
  /** The tenant's organisations by id, for the organisation list of the form and the scopes' names. */
  private volatile java.util.function.Function<RoutingContext, Future<Map<String, String>>> organisations =
      request -> Future.succeededFuture(Map.of());

  /** Where the names of the tenant's organisations come from (the organisations of the request's tenant, by id). */
  public void organisationsFrom(java.util.function.Function<RoutingContext, Future<Map<String, String>>> names) {
    this.organisations = names;
  }

  /** A user's scope as people read it: territories and organisation by their names. */
  static String scopeLabel(Scope scope, java.util.List<fr.pacte.server.identity.Territory> territories, Map<String, String> organisations) {
    if (scope.isWholeTenant()) {
      return "Tout le département";
    }
    if (scope.organisation() != null) {
      return "Organisation : " + organisations.getOrDefault(scope.organisation(), scope.organisation());
    }
    Map<String, String> names = new HashMap<>();
    territories.forEach(t -> names.put(t.code(), t.name()));
    List<String> named = scope.territories().stream().map(code -> names.getOrDefault(code, code)).sorted().toList();
    return (named.size() > 1 ? "Territoires : " : "Territoire : ") + String.join(", ", named);
  }

  public UserPages(Access access, UserService users, TenantDirectory tenants, PageLayout layout) {
    this.access = access;
    this.users = users;
    this.tenants = tenants;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.route("/t/:tenant/" + PAGE + "*").handler(access.to(Permission.MANAGE_USERS));
    router.get("/t/:tenant/" + PAGE).handler(this::listPage);
    router.post("/t/:tenant/" + PAGE).handler(this::createFromPage);
    router.get("/t/:tenant/" + PAGE + "/:id").handler(this::editPage);
    router.post("/t/:tenant/" + PAGE + "/:id").handler(this::updateFromPage);
  }

  // ------------------------------------------------------------------------------------------------------ API

  // ---------------------------------------------------------------------------------------------------- pages

  private void listPage(RoutingContext request) {
    renderList(request, 200, Map.of());
  }

  private void createFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    JsonObject input = fromForm(request.request().formAttributes());
    users.validate(tenant, input, true)
        .compose(draft -> users.create(tenant, draft, Access.required(request).actor(), request.get(RequestLog.REQUEST_ID_KEY)))
        .onSuccess(created -> renderList(request, 201, Map.of("created", created)))
        .onFailure(error -> renderList(request, formStatus(request, error), Map.of("form", input, "errors", fieldErrors(error))));
  }

  private void editPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    users.find(tenant, request.pathParam("id"))
        .compose(user -> renderEdit(request, 200, user, user.toJson(), Map.of()))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void updateFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String id = request.pathParam("id");
    MultiMap form = request.request().formAttributes();
    JsonObject input = fromForm(form).put("active", form.contains("active"));
    String version = form.get("version");
    users.validate(tenant, input, false)
        .compose(draft -> users.update(tenant, id, version, draft, Access.required(request).actor(),
            request.get(RequestLog.REQUEST_ID_KEY)))
        .onSuccess(user -> Redirect.seeOther(request, "/t/" + tenant + "/" + PAGE + "?enregistre=" + user.username()))
        .onFailure(error -> {
          int status = formStatus(request, error);
          if (status < 0) {
            return;
          }
          // A 409 shows the user as they are now, with what was typed kept beside it.
          users.find(tenant, id).compose(current -> renderEdit(request, status, current,
                  status == 409 ? current.toJson() : input.put("version", version),
                  Map.of("errors", fieldErrors(error), "conflict", status == 409)))
              .onFailure(failure -> FailureHandler.respond(request, failure));
        });
  }

  private void renderList(RoutingContext request, int status, Map<String, Object> extra) {
    if (status < 0) {
      return;
    }
    String tenant = request.pathParam("tenant");
    Future.all(users.list(tenant), tenants.territories(tenant), organisations.apply(request))
        .compose(both -> {
          Map<String, Object> model = new HashMap<>(extra);
          List<UserDirectory.User> list = both.resultAt(0);
          List<fr.pacte.server.identity.Territory> territories = both.resultAt(1);
          Map<String, String> organisationNames = both.resultAt(2);
          model.put("users", list);
          model.put("territories", territories);
          model.put("organisations", organisationNames);
          ListTable table = table(tenant, list, territories, organisationNames);
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          model.put("table", table.model(request));
          model.put("roles", Role.tenantRoles());
          model.put("directory", users.kind());
          model.put("saved", request.queryParams().get("enregistre") == null ? "" : request.queryParams().get("enregistre"));
          model.put("form", formModel((JsonObject) extra.getOrDefault("form", new JsonObject())));
          model.putIfAbsent("errors", Map.of());
          model.put("origin", origin(request));
          request.response().setStatusCode(status);
          return layout.render(request, "users", "Utilisateurs", model);
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The users as a list table: sortable, in pages, exportable; the identifier leads to the user's page. */
  private static ListTable table(String tenant, List<UserDirectory.User> list, List<fr.pacte.server.identity.Territory> territories,
                                 Map<String, String> organisations) {
    List<ListTable.Line> lines = new java.util.ArrayList<>();
    for (UserDirectory.User user : list) {
      Map<String, String> cells = new HashMap<>();
      cells.put("username", user.username());
      cells.put("name", user.displayName() == null ? "" : user.displayName());
      cells.put("roles", String.join(", ", user.roles().stream().map(Role::label).sorted().toList()));
      cells.put("scope", scopeLabel(user.scope(), territories, organisations));
      cells.put("state", user.active() ? "Actif" : "Désactivé");
      lines.add(new ListTable.Line("user-" + user.username(), "/t/" + tenant + "/admin/utilisateurs/" + user.id(), cells));
    }
    return new ListTable("Utilisateurs du département", "utilisateurs", List.of(
        ListTable.Column.text("username", "Identifiant"), ListTable.Column.text("name", "Nom"),
        ListTable.Column.text("roles", "Rôles"), ListTable.Column.text("scope", "Périmètre"),
        ListTable.Column.text("state", "État")), lines);
  }

  private Future<Void> renderEdit(RoutingContext request, int status, UserDirectory.User user, JsonObject form,
                                  Map<String, Object> extra) {
    String tenant = request.pathParam("tenant");
    return Future.all(tenants.territories(tenant), organisations.apply(request)).compose(both -> {
      List<fr.pacte.server.identity.Territory> territories = both.resultAt(0);
      Map<String, Object> model = new HashMap<>(extra);
      model.put("organisations", both.resultAt(1));
      model.put("user", user);
      model.put("form", formModel(form));
      model.put("territories", territories);
      model.put("roles", Role.tenantRoles());
      model.putIfAbsent("errors", Map.of());
      model.putIfAbsent("conflict", false);
      request.response().setStatusCode(status);
      return layout.render(request, "user-edit", "Utilisateur " + user.username(), model);
    });
  }

  /** Field errors by field, for the page; -1 when the failure was already answered as an error page. */
  private static int formStatus(RoutingContext request, Throwable error) {
    if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409)) {
      return problem.status();
    }
    FailureHandler.respond(request, error);
    return -1;
  }

  private static Map<String, String> fieldErrors(Throwable error) {
    if (!(error instanceof Problem problem)) {
      return Map.of();
    }
    Map<String, String> byField = problem.errors().stream().collect(Collectors.toMap(Problem.FieldError::field,
        Problem.FieldError::message, (first, second) -> first + " " + second));
    return byField.isEmpty() ? Map.of("_", problem.detail()) : byField;
  }

  private static JsonObject fromForm(MultiMap form) {
    return new JsonObject()
        .put("username", form.get("username"))
        .put("displayName", form.get("displayName"))
        .put("email", form.get("email"))
        .put("roles", new JsonArray(form.getAll("roles")))
        .put("territories", new JsonArray(form.getAll("territories")))
        .put("organisation", form.get("organisation"));
  }

  /** The form's values as the template reads them (lists for the check boxes). */
  private static Map<String, Object> formModel(JsonObject form) {
    Map<String, Object> model = new HashMap<>();
    for (String field : List.of("username", "displayName", "email", "organisation", "version")) {
      model.put(field, form.getValue(field) == null ? "" : String.valueOf(form.getValue(field)));
    }
    model.put("roles", list(form, "roles"));
    model.put("territories", list(form, "territories"));
    model.put("active", !Boolean.FALSE.equals(form.getValue("active")));
    return model;
  }

  private static List<String> list(JsonObject form, String field) {
    JsonArray values = form.getJsonArray(field);
    return values == null ? List.of() : values.stream().map(String::valueOf).toList();
  }

  private static String origin(RoutingContext request) {
    String host = request.request().getHeader("Host");
    return (request.request().isSSL() ? "https://" : "http://") + (host == null ? "localhost" : host);
  }
}
