package fr.pacte.server.referentials;

import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.referentials.ReferentialService.EntryView;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.Versions;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The référentiels' pages: list with "surchargé" marks, override form, return to the national value, export. */
public final class ReferentialPages {

  private static final String PAGES = "/t/:tenant/referentiels";

  private final ReferentialService referentials;
  private final PageLayout layout;
  private final Access access;

  public ReferentialPages(ReferentialService referentials, PageLayout layout, Access access) {
    this.referentials = referentials;
    this.layout = layout;
    this.access = access;
  }

  /** The French address of each référentiel's page (its code stays the API's). */
  static final Map<String, String> PAGE_NAMES = Map.of(
      "territory-layers", "types-de-territoire",
      "exit-types", "types-de-sortie",
      "orientation-types", "types-d-orientation",
      "prescriber-types", "types-de-prescripteur",
      "vocabulary", "vocabulaire",
      "thematics", "thematiques");
  private static final Map<String, String> CODES_BY_PAGE_NAME = PAGE_NAMES.entrySet().stream()
      .collect(java.util.stream.Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
  private static final String KIND_KEY = "pacte.referentialKind";

  /** A référentiel's page name from its code (the code itself when it has none). */
  static String pageName(String code) {
    return PAGE_NAMES.getOrDefault(code, code);
  }

  /** The code of the référentiel an address names, in French or by its code. */
  private static String kind(RoutingContext request) {
    String kind = request.get(KIND_KEY);
    return kind != null ? kind : request.pathParam("kind");
  }

  /**
   * Reads the référentiel of the address: its French name, or its code, to which an old address (a page read with
   * GET) is sent permanently (301) under its French name.
   */
  private void frenchAddress(RoutingContext request) {
    String named = request.pathParam("kind");
    if (CODES_BY_PAGE_NAME.containsKey(named)) {
      request.put(KIND_KEY, CODES_BY_PAGE_NAME.get(named));
      request.next();
    } else if (PAGE_NAMES.containsKey(named) && request.request().method() == io.vertx.core.http.HttpMethod.GET) {
      String path = request.normalizedPath();
      String prefix = "/t/" + request.pathParam("tenant") + "/referentiels/" + named;
      String query = request.request().query();
      request.response().setStatusCode(301)
          .putHeader("Location", "/t/" + request.pathParam("tenant") + "/referentiels/" + PAGE_NAMES.get(named)
              + path.substring(prefix.length()) + (query == null ? "" : "?" + query))
          .end();
    } else {
      request.next();
    }
  }

  public void mount(Router router) {
    router.route(PAGES + "/:kind").handler(this::frenchAddress);
    router.route(PAGES + "/:kind/*").handler(this::frenchAddress);
    router.get("/t/:tenant/export/referentiels.yaml").handler(access.to(Permission.READ_POLICY)).handler(this::export);
    router.get(PAGES).handler(access.to(Permission.READ_POLICY)).handler(this::overviewPage);
    router.get(PAGES + "/:kind").handler(access.to(Permission.READ_POLICY)).handler(this::kindPage);
    router.get(PAGES + "/:kind/:code").handler(access.to(Permission.MANAGE_REFERENTIALS)).handler(this::entryPage);
    router.post(PAGES + "/:kind/:code").handler(access.to(Permission.MANAGE_REFERENTIALS)).handler(this::saveFromPage);
    router.post(PAGES + "/:kind/:code/valeur-nationale").handler(access.to(Permission.MANAGE_REFERENTIALS))
        .handler(this::resetFromPage);
  }

  private void export(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    referentials.export(tenant)
        .map(data -> ReferentialsFile.write("Exporté de Pacte (département " + tenant + ") : surcharges des référentiels"
            + " nationaux et territoires propres.\nFormat : tenants/README.md. Réimportable tel quel.", data))
        .onSuccess(yaml -> request.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + ReferentialsFile.FILE_NAME + "\"").end(yaml))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void overviewPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    referentials.list(tenant)
        .compose(kinds -> referentials.territories(tenant).compose(territories -> referentials.areas(tenant)
            .compose(areas -> {
              Map<String, String> layers = layerLabels(kinds);
              ListTable kindTable = kindsTable(request, kinds);
              ListTable territoryTable = territoriesTable(territories, layers).named("territoires");
              ListTable areaTable = areasTable(areas, layers).named("perimetres");
              for (ListTable table : List.of(territoryTable, areaTable)) {
                if (table.asked(request)) {
                  return table.export(request);
                }
              }
              if (ListTable.isExport(request)) {
                return kindTable.export(request);
              }
              return layout.render(request, "referentiels", "Référentiels", Map.of(
                  "table", kindTable.model(request), "territories", territoryTable.model(request),
                  "areas", areaTable.model(request)));
            })))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private static ListTable kindsTable(RoutingContext request, List<ReferentialService.KindView> kinds) {
    String base = "/t/" + request.pathParam("tenant") + "/referentiels/";
    List<ListTable.Line> lines = new ArrayList<>();
    for (ReferentialService.KindView kind : kinds) {
      Map<String, String> cells = new HashMap<>();
      cells.put("label", kind.label());
      cells.put("description", kind.description() == null ? "" : kind.description());
      cells.put("entries", String.valueOf(kind.entries().size()));
      cells.put("overridden", String.valueOf(kind.overriddenCount()));
      lines.add(new ListTable.Line("referentiel-" + kind.code(), base + pageName(kind.code()), cells)
          .withTechnical("Code : " + kind.code()));
    }
    return new ListTable("Référentiels", "referentiels", List.of(ListTable.Column.text("label", "Référentiel"),
        ListTable.Column.text("description", "Description"), ListTable.Column.number("entries", "Entrées"),
        ListTable.Column.number("overridden", "Surchargées par le département")), lines);
  }

  private static ListTable territoriesTable(List<Tenant.Territory> territories, Map<String, String> layers) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (Tenant.Territory territory : territories) {
      Map<String, String> cells = new HashMap<>();
      cells.put("name", territory.name());
      cells.put("layer", layers.getOrDefault(territory.layer(), territory.layer()));
      cells.put("validity", validity(territory.validFrom(), territory.validTo()));
      lines.add(new ListTable.Line("territoire-" + territory.code(), null, cells, validitySort(territory.validFrom(),
          territory.validTo())).withTechnical("Code : " + territory.code()));
    }
    return new ListTable("Territoires du département", "territoires", List.of(ListTable.Column.text("name", "Nom"),
        ListTable.Column.text("layer", "Couche"), ListTable.Column.text("validity", "Validité")), lines);
  }

  private static ListTable areasTable(List<TenantReferentials.Area> areas, Map<String, String> layers) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (TenantReferentials.Area area : areas) {
      Map<String, String> cells = new HashMap<>();
      cells.put("name", area.name());
      cells.put("layer", layers.getOrDefault(area.layer(), area.layer()));
      cells.put("validity", validity(area.validFrom(), area.validTo()));
      cells.put("communes", area.communes().isEmpty() ? "non connues" : String.join(", ", area.communes().stream()
          .map(c -> c.name() + " (" + c.insee() + ")").toList()));
      cells.put("notes", String.join("\n", area.notes()));
      lines.add(new ListTable.Line("perimetre-" + area.code(), null, cells, validitySort(area.validFrom(), area.validTo()))
          .withTechnical("Code : " + area.code()));
    }
    return new ListTable("Autres périmètres (EPCI, PLIE…), qui peuvent recouvrir les territoires", "perimetres",
        List.of(ListTable.Column.text("name", "Nom"), ListTable.Column.text("layer", "Couche"),
            ListTable.Column.text("validity", "Validité"), ListTable.Column.text("communes", "Communes"),
            ListTable.Column.text("notes", "Remarques")), lines);
  }

  /** "du 01/01/2019 au 31/12/2027", or "non précisée". */
  private static String validity(java.time.LocalDate from, java.time.LocalDate to) {
    if (from == null && to == null) {
      return "non précisée";
    }
    return ((from == null ? "" : "du " + FrenchDates.shortDate(from)) + (to == null ? "" : " au " + FrenchDates.shortDate(to)))
        .strip();
  }

  private static Map<String, Comparable<?>> validitySort(java.time.LocalDate from, java.time.LocalDate to) {
    return Map.of("validity", (from == null ? "" : from.toString()) + "/" + (to == null ? "" : to.toString()));
  }

  private void kindPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    referentials.kind(tenant, kind(request))
        .compose(kind -> {
          ListTable table = entriesTable(request, kind, canManage(request));
          if (ListTable.isExport(request)) {
            return table.export(request);
          }
          String changed = Versions.query(request, "entree");
          EntryView changedEntry = kind.entries().stream().filter(e -> e.code().equals(changed)).findFirst().orElse(null);
          String changedLabel = changedEntry == null ? "" : changedEntry.label();
          return layout.render(request, "referentiel", kind.label() + " — référentiels", Map.of(
              "kind", kind,
              "table", table.model(request),
              "notice", Versions.query(request, "notice"),
              "changed", changedLabel,
              "entry", changedEntry == null ? "" : changedEntry.code()));
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * A référentiel's entries: each by its label in the département, linked to its form for those who may change it;
   * who changed it by name; the code (the API's) in the row's technical details.
   */
  private static ListTable entriesTable(RoutingContext request, ReferentialService.KindView kind, boolean canEdit) {
    String base = "/t/" + request.pathParam("tenant") + "/referentiels/" + pageName(kind.code()) + "/";
    List<ListTable.Line> lines = new ArrayList<>();
    for (EntryView entry : kind.entries()) {
      Map<String, String> cells = new HashMap<>();
      cells.put("label", entry.label());
      cells.put("description", entry.description() == null ? "" : entry.description());
      cells.put("national", entry.nationalLabel());
      cells.put("state", entry.overridden()
          ? ("Surchargé " + Actor.readable(entry.changedBy())).strip()
          + (entry.changedAt() == null ? "" : ", le " + FrenchDates.shortDate(entry.changedAt()))
          : "Valeur nationale");
      lines.add(new ListTable.Line("entree-" + entry.code(), canEdit ? base + entry.code() : null, cells)
          .withTechnical("Code : " + entry.code()));
    }
    return new ListTable(kind.label() + " : " + kind.overriddenCount() + " entrée(s) surchargée(s)", pageName(kind.code()),
        List.of(ListTable.Column.text("label", "Libellé dans le département"),
            ListTable.Column.text("description", "Description"), ListTable.Column.text("national", "Valeur nationale"),
            ListTable.Column.text("state", "État")), lines);
  }

  private void entryPage(RoutingContext request) {
    referentials.entry(request.pathParam("tenant"), kind(request), request.pathParam("code"))
        .compose(entry -> renderForm(request, 200, entry, entry.overridden() ? entry.label() : "",
            entry.overridden() && !java.util.Objects.equals(entry.description(), entry.nationalDescription())
                ? entry.description() : "", Map.of(), ""))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void saveFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String kind = kind(request);
    String page = pageName(kind);
    String code = request.pathParam("code");
    String label = request.request().getFormAttribute("label");
    String description = request.request().getFormAttribute("description");
    referentials.override(tenant, kind, code, label, description,
            Versions.expected(request, request.request().getFormAttribute(Versions.FIELD)), RequestContext.of(request).actor(),
            RequestContext.of(request).requestId())
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/referentiels/" + page
            + "?notice=surcharge&entree=" + code + "#avis"))
        .onFailure(error -> formFailure(request, error, label, description));
  }

  private void resetFromPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String kind = kind(request);
    String page = pageName(kind);
    String code = request.pathParam("code");
    referentials.reset(tenant, kind, code, Versions.expected(request, request.request().getFormAttribute(Versions.FIELD)),
            RequestContext.of(request).actor(), RequestContext.of(request).requestId())
        .onSuccess(saved -> Redirect.seeOther(request, "/t/" + tenant + "/referentiels/" + page
            + "?notice=nationale&entree=" + code + "#avis"))
        .onFailure(error -> formFailure(request, error, "", ""));
  }

  /** A refused form comes back with what was typed, the message next to its field, and nothing saved. */
  private void formFailure(RoutingContext request, Throwable error, String label, String description) {
    if (!(error instanceof Problem problem) || (problem.status() != 400 && problem.status() != 409)) {
      FailureHandler.respond(request, error);
      return;
    }
    Map<String, String> errors = new HashMap<>();
    problem.errors().forEach(fieldError -> errors.put(fieldError.field(), fieldError.message()));
    referentials.entry(request.pathParam("tenant"), kind(request), request.pathParam("code"))
        .compose(entry -> renderForm(request, problem.status(), entry, label == null ? "" : label,
            description == null ? "" : description, errors, problem.status() == 409 ? problem.detail() : ""))
        .onFailure(failure -> FailureHandler.respond(request, failure));
  }

  private io.vertx.core.Future<Void> renderForm(RoutingContext request, int status, EntryView entry, String label,
                                                String description, Map<String, String> errors, String conflict) {
    request.response().setStatusCode(status);
    return layout.render(request, "referentiel-entree", entry.nationalLabel() + " — référentiel", Map.of(
        "entry", entry,
        "pageName", pageName(entry.kind()),
        "kindLabel", referentials.national().kind(entry.kind()).orElseThrow().label(),
        "label", label,
        "description", description,
        "errors", errors,
        "conflict", conflict));
  }

  /** The tenant's label of each territory layer; a layer unknown nationally shows its code. */
  private static Map<String, String> layerLabels(List<ReferentialService.KindView> kinds) {
    Map<String, String> labels = new HashMap<>();
    kinds.stream().filter(kind -> kind.code().equals("territory-layers")).flatMap(kind -> kind.entries().stream())
        .forEach(entry -> labels.put(entry.code(), entry.label()));
    return labels;
  }

  private static boolean canManage(RoutingContext request) {
    return RequestContext.of(request).holds(Permission.MANAGE_REFERENTIALS);
  }
}
