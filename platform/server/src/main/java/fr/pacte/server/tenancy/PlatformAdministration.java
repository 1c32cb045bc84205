package fr.pacte.server.tenancy;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.Json;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The platform operator's pages: the départements (create one, deactivate or reactivate one), the plugins installed
 * (their page is the plugins feature's own), and the platform's audit trail (what was done to the départements,
 * read from every département's trail). The same services as the API ({@code /api/tenants},
 * {@code /api/platform/tenants/:slug/status}, {@code /api/plugins}, {@code /api/platform/audit}).
 */
public final class PlatformAdministration {

  private static final String PAGE = "/plateforme";
  /** Platform actions in the tenants' trails: what was done to the départements themselves. */
  private static final String PLATFORM_ACTIONS = "tenant.";
  private static final int AUDIT_LIMIT = 200;
  /** The colour the form proposes: a dark blue under which white text reads well. */
  private static final String DEFAULT_COLOUR = "#1f4e79";

  private final Access access;
  private final TenantService tenants;
  private final PluginService plugins;
  private final AuditStore audit;
  private final TenantTransactions transactions;
  private final PageLayout layout;
  private final Function<TenantSummary, Future<JsonObject>> afterCreate;
  private final BiFunction<String, Boolean, Future<Void>> afterStatusChange;

  PlatformAdministration(Access access, TenantService tenants, PluginService plugins, AuditStore audit,
                         TenantTransactions transactions, PageLayout layout,
                         Function<TenantSummary, Future<JsonObject>> afterCreate,
                         BiFunction<String, Boolean, Future<Void>> afterStatusChange) {
    this.access = access;
    this.tenants = tenants;
    this.plugins = plugins;
    this.audit = audit;
    this.transactions = transactions;
    this.layout = layout;
    this.afterCreate = afterCreate;
    this.afterStatusChange = afterStatusChange;
  }

  public void mount(Router router) {
    router.get("/api/platform/audit").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::auditJson);
    router.get(PAGE).handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::tenantsPage);
    router.post(PAGE + "/departements").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::createFromPage);
    router.post(PAGE + "/departements/:slug/statut").handler(access.to(Permission.OPERATE_PLATFORM))
        .handler(this::statusFromPage);
    router.get(PAGE + "/journal").handler(access.to(Permission.OPERATE_PLATFORM)).handler(this::auditPage);
  }

  private void tenantsPage(RoutingContext request) {
    render(request, 200, Map.of("colour", DEFAULT_COLOUR), Map.of()).onFailure(error -> FailureHandler.respond(request, error));
  }

  private Future<Void> render(RoutingContext request, int status, Map<String, String> values, Map<String, String> errors) {
    request.response().setStatusCode(status);
    String notice = request.queryParams().get("notice");
    return layout.render(request, "platform-tenants", "Départements de la plateforme", Map.of(
        "tenantRows", tenants.allWithInactive(),
        "values", values,
        "errors", errors,
        "notice", notice == null ? "" : notice,
        "noticeTenant", request.queryParams().get("departement") == null ? "" : request.queryParams().get("departement")));
  }

  /** The form's fields as the API's JSON: one territory per line, "code ; nom". */
  private void createFromPage(RoutingContext request) {
    MultiMap form = request.request().formAttributes();
    Map<String, String> values = new HashMap<>();
    for (String field : List.of("slug", "name", "departementCode", "displayName", "colour", "timeZone", "territories")) {
      values.put(field, form.get(field) == null ? "" : form.get(field));
    }
    JsonObject body = new JsonObject().put("slug", values.get("slug").strip()).put("name", values.get("name").strip())
        .put("departementCode", values.get("departementCode").strip());
    JsonObject branding = new JsonObject();
    if (!values.get("displayName").isBlank()) {
      branding.put("displayName", values.get("displayName").strip());
    }
    if (!values.get("colour").isBlank()) {
      branding.put("colour", values.get("colour").strip());
    }
    body.put("branding", branding);
    if (!values.get("timeZone").isBlank()) {
      body.put("timeZone", values.get("timeZone").strip());
    }
    JsonArray territories = new JsonArray();
    values.get("territories").lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
      int separator = line.indexOf(';');
      territories.add(new JsonObject().put("code", separator < 0 ? line : line.substring(0, separator).strip())
          .put("name", separator < 0 ? "" : line.substring(separator + 1).strip()));
    });
    body.put("territories", territories);
    Future.<Tenant>future(promise -> promise.complete(TenantInput.parse(body)))
        .compose(tenant -> tenants.create(tenant, Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY)))
        .compose(created -> afterCreate.apply(created).map(created))
        .onSuccess(created -> Redirect.seeOther(request, PAGE + "?notice=cree&departement=" + created.slug()))
        .onFailure(error -> {
          if (FormErrors.refusesForm(error)) {
            Problem problem = (Problem) error;
            Map<String, String> errors = new HashMap<>(FormErrors.byField(problem));
            if (problem.errors().isEmpty()) {
              errors.put("slug", problem.detail());
            }
            // Errors of territories[i].code/name are shown next to the one field that lists them.
            List<String> territoryErrors = new ArrayList<>();
            errors.entrySet().removeIf(entry -> {
              if (entry.getKey().startsWith("territories")) {
                territoryErrors.add(entry.getValue());
                return true;
              }
              return false;
            });
            if (!territoryErrors.isEmpty()) {
              errors.put("territories", String.join(" ", territoryErrors));
            }
            errors.put("colour", errors.remove("branding.colour"));
            errors.put("displayName", errors.remove("branding.displayName"));
            errors.values().removeIf(java.util.Objects::isNull);
            render(request, problem.status(), values, errors).onFailure(failure -> FailureHandler.respond(request, failure));
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void statusFromPage(RoutingContext request) {
    String slug = request.pathParam("slug");
    String wanted = request.request().getFormAttribute("active");
    if (!"true".equals(wanted) && !"false".equals(wanted)) {
      FailureHandler.respond(request, Problem.validation(List.of(new Problem.FieldError("active",
          "Indiquez true pour activer le département, false pour le désactiver."))));
      return;
    }
    boolean active = Boolean.parseBoolean(wanted);
    tenants.setActive(slug, active, Actor.of(request), request.get(RequestLog.REQUEST_ID_KEY))
        .compose(changed -> afterStatusChange.apply(slug, active))
        .onSuccess(done -> Redirect.seeOther(request, PAGE + "?notice=" + (active ? "reactive" : "desactive")
            + "&departement=" + slug))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void auditPage(RoutingContext request) {
    platformTrail()
        .compose(events -> {
          Map<String, String> names = new HashMap<>();
          tenants.allWithInactive().forEach(t -> names.put(t.slug(), t.displayName()));
          List<ListTable.Line> lines = new ArrayList<>();
          for (JsonObject event : events) {
            String at = event.getString("occurredAt");
            java.time.LocalDateTime utc = java.time.OffsetDateTime.parse(at)
                .withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
            Map<String, String> cells = new HashMap<>();
            cells.put("at", TABLE_TIME.format(utc));
            String tenant = event.getString("tenant");
            cells.put("tenant", tenant == null || tenant.isEmpty() ? "Plateforme" : names.getOrDefault(tenant, tenant));
            cells.put("target", event.getString("target") == null ? "" : event.getString("target"));
            cells.put("event", label(event.getString("action")));
            cells.put("actor", readableActor(event.getString("actor")));
            lines.add(new ListTable.Line(null, null, cells, Map.of("at", utc)));
          }
          ListTable table = new ListTable("Derniers événements", "journal-plateforme", List.of(
              ListTable.Column.text("at", "Date (UTC)"), ListTable.Column.text("tenant", "Département"),
              ListTable.Column.text("event", "Événement"), ListTable.Column.text("target", "Objet"),
              ListTable.Column.text("actor", "Par")), lines);
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          return layout.render(request, "platform-audit", "Journal de la plateforme", Map.of("table", table.model(request)));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static final java.time.format.DateTimeFormatter TABLE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", java.util.Locale.FRENCH);

  /** The audit trail's actor as people read it: a name, or the département's file; "par" left to the column. */
  private static String readableActor(String audited) {
    String readable = Actor.readable(audited);
    return readable.startsWith("par ") ? readable.substring(4) : readable;
  }

  private void auditJson(RoutingContext request) {
    platformTrail().onSuccess(events -> Json.ok(request, new JsonArray(new ArrayList<>(events))))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** What was done to the départements, read from each one's trail (deactivated ones too), newest first. */
  private Future<List<JsonObject>> platformTrail() {
    // What was done to the platform itself (its plugins), then to each département.
    Future<List<JsonObject>> all = transactions.platformPool()
        .withConnection(connection -> audit.recentOfPlatform(connection, AUDIT_LIMIT))
        .map(events -> new ArrayList<>(events.stream().map(event -> event.toJson().put("tenant", "")).toList()));
    for (TenantSummary tenant : tenants.allWithInactive()) {
      all = all.compose(list -> transactions.inTenant(tenant.slug(),
              connection -> audit.recentOfKind(connection, PLATFORM_ACTIONS, AUDIT_LIMIT))
          .map(events -> {
            events.forEach(event -> list.add(event.toJson().put("tenant", tenant.slug())));
            return list;
          }));
    }
    return all.map(list -> list.stream()
        .sorted(Comparator.comparing((JsonObject event) -> event.getString("occurredAt")).reversed())
        .limit(AUDIT_LIMIT).toList());
  }

  private static String label(String action) {
    return switch (action) {
      case "tenant.created" -> "Département créé";
      case "tenant.created-from-file" -> "Département créé depuis son fichier";
      case "tenant.updated-from-file" -> "Département mis à jour depuis son fichier";
      case "tenant.deactivated" -> "Département désactivé";
      case "tenant.reactivated" -> "Département réactivé";
      case "plugin.installed" -> "Module installé";
      case "plugin.replaced" -> "Module remplacé par une nouvelle version";
      case "plugin.rolled-back" -> "Module revenu à sa version précédente";
      case "plugin.removed" -> "Module supprimé (données des départements conservées)";
      default -> action;
    };
  }
}
