package fr.pacte.server.indicators;

import fr.pacte.api.IndicatorComputation;
import fr.pacte.server.conventions.Convention;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.pathways.Reach;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.FormErrors;
import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboards ({@code /t/<slug>/tableaux-de-bord}) and indicators ({@code /t/<slug>/indicateurs}) pages, in
 * French: filters in the address, each chart drawn as SVG on the server with its data table beside it and the table's
 * CSV and XLSX exports ({@code ?format=csv&tableau=<name>}); the programme manager enters there the values the data
 * cannot give.
 */
final class IndicatorPages {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.FRENCH);

  private final IndicatorService service;
  private final ConventionService conventions;
  private final Access access;
  private final PageLayout layout;

  IndicatorPages(IndicatorService service, ConventionService conventions, Access access, PageLayout layout) {
    this.service = service;
    this.conventions = conventions;
    this.access = access;
    this.layout = layout;
    // The French month names and number formats are loaded here, at start-up, rather than on an event loop.
    MONTH.format(YearMonth.of(2026, 1));
    SHORT_MONTH.format(YearMonth.of(2026, 1));
    SvgChart.bars("prechauffage", "", "", List.of("a"), List.of(new SvgChart.Series("b", List.of(1.5))), false, null);
  }

  void mount(Router router) {
    router.get("/t/:tenant/tableaux-de-bord").handler(access.to(Permission.READ_INDICATORS)).handler(this::dashboard);
    router.get("/t/:tenant/indicateurs").handler(access.to(Permission.READ_INDICATORS)).handler(this::indicators);
    router.post("/t/:tenant/indicateurs/saisies").handler(access.to(Permission.ENTER_INDICATORS)).handler(this::enter);
    router.post("/t/:tenant/indicateurs/programme").handler(access.to(Permission.ENTER_INDICATORS)).handler(this::measure);
  }

  private void dashboard(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter;
    try {
      filter = IndicatorFilter.ofPage(request.queryParams(), context.today());
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    service.dashboard(context, filter).compose(dashboard -> {
      Map<String, ListTable> tables = tables(dashboard);
      String wanted = request.queryParams().get("tableau");
      if (ListTable.isExport(request) && tables.containsKey(wanted)) {
        return tables.get(wanted).export(request);
      }
      return filters(context, filter).compose(model -> {
        model.put("charts", charts(request, dashboard, tables));
        model.put("waiting", dashboard.waiting());
        model.put("periodLabel", "de " + MONTH.format(filter.from()) + " à " + MONTH.format(filter.to()));
        return layout.render(request, "indicator-dashboard", "Tableaux de bord", model);
      });
    }).onFailure(error -> FailureHandler.respond(request, error));
  }

  /**
   * The filters' choices: the action types, the territories within the caller's reach, the operators and the
   * conventions the caller may see (by number and operator's name).
   */
  private Future<Map<String, Object>> filters(RequestContext context, IndicatorFilter filter) {
    Reach reach = Reach.of(context);
    Future<Map<String, String>> operators = reach.organisation() == null ? service.operators(context.tenant())
        : Future.succeededFuture(Map.of());
    Future<Map<String, String>> conventionChoices = conventions.list(context).map(list -> {
      Map<String, String> choices = new LinkedHashMap<>();
      list.stream().sorted(java.util.Comparator.comparing((Convention c) -> c.terms().reference()))
          .forEach(c -> choices.put(c.id().toString(), c.terms().reference() + " — " + c.organisationName()));
      return choices;
    });
    return operators.compose(operatorChoices -> conventionChoices.compose(conventionsSeen -> service.territoryNames(
        context.tenant()).map(names -> {
      Map<String, String> territories = new LinkedHashMap<>();
      names.forEach((code, name) -> {
        if (reach.territories() == null || reach.territories().contains(code)) {
          territories.put(code, name);
        }
      });
      Map<String, String> types = new LinkedHashMap<>();
      service.actionTypes(context.tenant()).forEach((code, type) -> types.put(code, type.label().fr()));
      Map<String, Object> values = new HashMap<>();
      values.put("du", filter.from().toString());
      values.put("au", filter.to().toString());
      values.put("type", filter.actionType() == null ? "" : filter.actionType());
      values.put("territoire", filter.territory() == null ? "" : filter.territory());
      values.put("operateur", filter.organisation() == null ? "" : filter.organisation());
      values.put("convention", filter.convention() == null ? "" : filter.convention().toString());
      Map<String, Object> model = new HashMap<>();
      model.put("filter", values);
      model.put("typeChoices", types);
      model.put("territoryChoices", territories);
      model.put("scopeNote", reach.organisation() != null ? "Les chiffres de votre organisation seulement."
          : reach.territories() != null ? "Les chiffres de votre territoire seulement." : "");
      model.put("operatorChoices", operatorChoices);
      model.put("conventionChoices", conventionsSeen);
      return model;
    })));
  }

  private static String month(YearMonth month) {
    String text = MONTH.format(month);
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Map<String, ListTable> tables(Dashboard d) {
    Map<String, ListTable> tables = new LinkedHashMap<>();
    List<ListTable.Line> file = new ArrayList<>();
    List<ListTable.Line> flows = new ArrayList<>();
    List<ListTable.Line> occupancy = new ArrayList<>();
    List<ListTable.Line> workshops = new ArrayList<>();
    List<ListTable.Line> waiting = new ArrayList<>();
    for (Dashboard.MonthFigures m : d.months()) {
      Map<String, Comparable<?>> sort = Map.of("month", m.month());
      file.add(new ListTable.Line(null, null, cells("month", month(m.month()), "start", m.fileStart(), "end", m.fileEnd(),
          "objective", m.objective() == null ? "" : m.objective()), sort));
      Map<String, String> flow = cells("month", month(m.month()), "orientations", m.orientations(), "entries", m.entries(),
          "exits", m.exits());
      Dashboard.ExitMonth exits = d.exits().stream().filter(e -> e.month().equals(m.month())).findFirst().orElse(null);
      d.exitTypes().keySet().forEach(type -> flow.put("exit-" + type,
          String.valueOf(exits == null ? 0 : exits.byType().getOrDefault(type, 0))));
      flows.add(new ListTable.Line(null, null, flow, sort));
      occupancy.add(new ListTable.Line(null, null, cells("month", month(m.month()), "file", m.peopleFileEnd(),
          "places", m.places(), "rate", m.occupancy() == null ? "" : m.occupancy() + " %"), sort));
      workshops.add(new ListTable.Line(null, null, cells("month", month(m.month()), "sessions", m.sessions(),
          "present", m.present(), "absent", m.absent(), "excused", m.excused(), "registered", m.registered()), sort));
      waiting.add(new ListTable.Line(null, null, cells("month", month(m.month()), "joined", m.waitingJoined(),
          "left", m.waitingLeft(), "end", m.waitingEnd()), sort));
    }
    tables.put("file-active", new ListTable("File active et objectif par mois", "file-active", List.of(
        ListTable.Column.text("month", "Mois"), ListTable.Column.number("start", "File active au début du mois"),
        ListTable.Column.number("end", "File active à la fin du mois"),
        ListTable.Column.number("objective", "Objectif des conventions")), file));
    List<ListTable.Column> flowColumns = new ArrayList<>(List.of(ListTable.Column.text("month", "Mois"),
        ListTable.Column.number("orientations", "Orientations"), ListTable.Column.number("entries", "Entrées"),
        ListTable.Column.number("exits", "Sorties")));
    d.exitTypes().forEach((type, label) -> flowColumns.add(ListTable.Column.number("exit-" + type, "Sorties : " + label)));
    tables.put("entrees-sorties", new ListTable("Entrées et sorties par type, par mois", "entrees-sorties", flowColumns, flows));
    tables.put("occupation", new ListTable("Occupation des places financées par mois", "occupation", List.of(
        ListTable.Column.text("month", "Mois"), ListTable.Column.number("file", "File active à la fin du mois"),
        ListTable.Column.number("places", "Places financées"), ListTable.Column.text("rate", "Taux d'occupation")), occupancy));
    tables.put("ateliers", new ListTable("Séances d'atelier et présences par mois", "ateliers", List.of(
        ListTable.Column.text("month", "Mois"), ListTable.Column.number("sessions", "Séances"),
        ListTable.Column.number("present", "Présents"), ListTable.Column.number("absent", "Absents"),
        ListTable.Column.number("excused", "Excusés"), ListTable.Column.number("registered", "Inscrits non pointés")), workshops));
    tables.put("liste-attente", new ListTable("Liste d'attente en fin de mois", "liste-attente", List.of(
        ListTable.Column.text("month", "Mois"), ListTable.Column.number("joined", "Inscrits sur la liste pendant le mois"),
        ListTable.Column.number("left", "Sortis de la liste pendant le mois"),
        ListTable.Column.number("end", "En attente à la fin du mois")), waiting));
    List<ListTable.Line> territories = new ArrayList<>();
    for (Dashboard.TerritoryFigures t : d.territories()) {
      territories.add(new ListTable.Line(null, null, cells("territory", t.name(), "need", t.need(), "places", t.places(),
          "file", t.fileActive(), "rate", t.occupancy() == null ? "" : t.occupancy() + " %")));
    }
    tables.put("territoires", new ListTable("Besoins, places financées et file active par territoire", "territoires", List.of(
        ListTable.Column.text("territory", "Territoire"), ListTable.Column.number("need", "Besoin de l'appel"),
        ListTable.Column.number("places", "Places financées"), ListTable.Column.number("file", "File active"),
        ListTable.Column.text("rate", "Taux d'occupation")), territories));
    return tables;
  }

  private static Map<String, String> cells(Object... pairs) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      cells.put((String) pairs[i], String.valueOf(pairs[i + 1]));
    }
    return cells;
  }

  private static List<Map<String, Object>> charts(RoutingContext request, Dashboard d, Map<String, ListTable> tables) {
    List<String> months = d.months().stream().map(m -> SHORT_MONTH.format(m.month())).toList();
    List<Map<String, Object>> charts = new ArrayList<>();
    SvgChart.Series fileEnd = new SvgChart.Series("File active à la fin du mois",
        d.months().stream().map(Dashboard.MonthFigures::fileEnd).toList());
    boolean anyObjective = d.months().stream().anyMatch(m -> m.objective() != null);
    SvgChart.Series objective = anyObjective ? new SvgChart.Series("Objectif des conventions",
        d.months().stream().map(Dashboard.MonthFigures::objective).toList()) : null;
    charts.add(chart(request, "file-active", "File active par mois, au regard de l'objectif",
        "Personnes en file active à la fin de chaque mois" + (anyObjective ? ", et l'objectif des conventions en pointillés." : "."),
        months, List.of(fileEnd), false, objective, tables));
    List<SvgChart.Series> flows = new ArrayList<>();
    flows.add(new SvgChart.Series("Entrées", d.months().stream().map(Dashboard.MonthFigures::entries).toList()));
    d.exitTypes().forEach((type, label) -> flows.add(new SvgChart.Series("Sorties : " + label, d.exits().stream()
        .map(e -> e.byType().getOrDefault(type, 0)).toList())));
    charts.add(chart(request, "entrees-sorties", "Entrées et sorties par type, par mois",
        "Pour chaque mois, les entrées puis les sorties de chaque type, côte à côte.", months, flows, false, null, tables));
    charts.add(chart(request, "occupation", "Taux d'occupation des places financées",
        "File active des actions comptées en personnes, divisée par leurs places financées, en pour cent, à la fin de chaque mois.",
        months, List.of(new SvgChart.Series("Taux d'occupation (%)", d.months().stream().map(Dashboard.MonthFigures::occupancy).toList())),
        false, null, tables));
    charts.add(chart(request, "ateliers", "Présence aux séances d'atelier",
        "Pour chaque mois, les présents, absents et excusés des séances tenues, empilés.", months, List.of(
            new SvgChart.Series("Présents", d.months().stream().map(Dashboard.MonthFigures::present).toList()),
            new SvgChart.Series("Absents", d.months().stream().map(Dashboard.MonthFigures::absent).toList()),
            new SvgChart.Series("Excusés", d.months().stream().map(Dashboard.MonthFigures::excused).toList())),
        true, null, tables));
    charts.add(chart(request, "liste-attente", "Liste d'attente en fin de mois",
        "Personnes en liste d'attente à la fin de chaque mois : inscrites ce mois-là ou avant, et pas encore sorties de la liste "
            + "(entrées sur l'action, refusées, annulées ou déplacées).", months,
        List.of(new SvgChart.Series("En attente à la fin du mois", d.months().stream().map(Dashboard.MonthFigures::waitingEnd).toList())),
        false, null, tables));
    charts.add(chart(request, "territoires", "Besoins, places financées et file active par territoire",
        "Pour chaque territoire, le besoin fixé par l'appel à projets, les places financées et la file active à la fin de la période.",
        d.territories().stream().map(Dashboard.TerritoryFigures::name).toList(), List.of(
            new SvgChart.Series("Besoin", d.territories().stream().map(Dashboard.TerritoryFigures::need).toList()),
            new SvgChart.Series("Places financées", d.territories().stream().map(Dashboard.TerritoryFigures::places).toList()),
            new SvgChart.Series("File active", d.territories().stream().map(Dashboard.TerritoryFigures::fileActive).toList())),
        false, null, tables));
    return charts;
  }

  private static Map<String, Object> chart(RoutingContext request, String id, String title, String description,
                                           List<String> categories, List<SvgChart.Series> series, boolean stacked,
                                           SvgChart.Series line, Map<String, ListTable> tables) {
    Map<String, Object> chart = new HashMap<>();
    chart.put("id", id);
    chart.put("title", title);
    chart.put("svg", SvgChart.bars("graphique-" + id, title, description, categories, series, stacked, line));
    chart.put("legend", SvgChart.legend(series, line));
    Map<String, Object> table = tables.get(id).model(request);
    table.put("csv", exportLink(request, id, "csv"));
    table.put("xlsx", exportLink(request, id, "xlsx"));
    chart.put("table", table);
    return chart;
  }

  private static String exportLink(RoutingContext request, String table, String format) {
    StringBuilder link = new StringBuilder(request.normalizedPath()).append('?');
    request.queryParams().forEach((key, value) -> {
      if (!key.equals("format") && !key.equals("tableau") && !key.equals("page")) {
        link.append(encode(key)).append('=').append(encode(value)).append('&');
      }
    });
    return link.append("tableau=").append(table).append("&format=").append(format).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private void indicators(RoutingContext request) {
    renderIndicators(request, 200, Map.of(), Map.of(), Map.of(), Map.of());
  }

  private void renderIndicators(RoutingContext request, int status, Map<String, String> errors, Map<String, Object> values,
                                Map<String, String> measureErrors, Map<String, Object> measureValues) {
    RequestContext context = RequestContext.of(request);
    IndicatorFilter filter;
    try {
      filter = IndicatorFilter.ofPage(request.queryParams(), context.today());
    } catch (Problem problem) {
      FailureHandler.respond(request, problem);
      return;
    }
    service.indicators(context, filter).compose(types -> service.programmeIndicators(context, filter).compose(programme -> {
      ListTable table = indicatorTable(types);
      ListTable programmeTable = programmeTable(programme).named("programme");
      if (programmeTable.asked(request)) {
        return programmeTable.export(request);
      }
      if (ListTable.isExport(request)) {
        return table.export(request);
      }
      return service.entries(context, filter, null).compose(entries -> service.exitTypeLabels(context.tenant()).compose(exitLabels ->
          filters(context, filter).compose(model -> {
        model.put("types", types.stream().map(IndicatorPages::typeModel).toList());
        model.put("table", table.model(request));
        model.put("periodLabel", "de " + MONTH.format(filter.from()) + " à " + MONTH.format(filter.to()));
        model.put("entries", entries.stream().map(e -> Map.of("subject", e.subject(), "indicator", e.indicator(),
            "territory", e.territory() == null ? "Tout le département" : e.territory(),
            "period", e.periodStart().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " – "
                + e.periodEnd().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")),
            "value", e.value() == null ? "" : e.value().toPlainString(), "target", e.target() == null ? "" : e.target().toPlainString(),
            "source", e.source())).toList());
        List<Map<String, String>> choices = new ArrayList<>();
        types.forEach(t -> t.indicators().forEach(i -> choices.add(Map.of("value", t.code() + "|" + i.definition().code(),
            "label", t.label() + " — " + i.definition().label().fr()
                + (i.definition().computation().kind() == IndicatorComputation.Kind.ENTERED ? " (à saisir)" : "")))));
        programme.forEach(v -> choices.add(Map.of("value", v.published().subject() + "|" + v.published().name(),
            "label", "Programme " + v.published().programme() + ", action " + v.published().action() + " — "
                + v.published().name() + (v.computed() ? "" : " (à saisir)"))));
        model.put("indicatorChoices", choices);
        model.put("programmeTable", programmeTable.model(request));
        model.put("programmeCount", programme.size());
        model.put("programmeComputed", programme.stream().filter(ProgrammeIndicators.Value::computed).count());
        model.put("measureChoices", programme.stream().map(v -> Map.of("value", v.published().programme() + "|"
            + v.published().action() + "|" + v.published().number() + "|" + (v.manager() == null ? 0 : v.manager().version()),
            "label", v.published().action() + " — " + v.published().name() + " : "
                + (v.computed() ? v.measure().measure().label() : "à saisir"))).toList());
        model.put("measures", java.util.Arrays.stream(fr.pacte.server.programmes.ProgrammeMeasure.values())
            .map(m -> Map.of("value", m.code(), "label", m.label())).toList());
        model.put("exitTypeChoices", exitLabels);
        model.put("measureErrors", measureErrors);
        Map<String, Object> measureForm = new HashMap<>(Map.of("indicateurProgramme", "", "mesure", "", "sousActions", "",
            "typesSortie", List.of()));
        measureForm.putAll(measureValues);
        model.put("measureForm", measureForm);
        model.put("errors", errors);
        Map<String, Object> form = new HashMap<>(Map.of("indicateur", "", "territoireSaisie", "", "debut",
            filter.start().toString(), "fin", filter.end().toString(), "valeur", "", "cible", "", "source", ""));
        form.putAll(values);
        model.put("form", form);
        model.put("canEnter", context.holds(Permission.ENTER_INDICATORS));
        model.put("notice", request.queryParams().get("notice"));
        request.response().setStatusCode(status);
        return layout.render(request, "indicators", "Indicateurs", model);
      })));
    })).onFailure(error -> FailureHandler.respond(request, error));
  }

  private static ListTable programmeTable(List<ProgrammeIndicators.Value> values) {
    List<ListTable.Line> lines = new ArrayList<>();
    int order = 0;
    for (ProgrammeIndicators.Value v : values) {
      ProgrammeIndicators.Published p = v.published();
      String value = v.value() == null ? (v.computed() ? "sans objet" : "à saisir") : french(v.value());
      lines.add(new ListTable.Line(null, null, cells("action", p.action() + " — " + p.actionTitle(), "indicator", p.name(),
          "value", value + (v.value() != null && p.unit() != null ? " " + p.unit() : ""),
          "target", v.target() == null ? "" : v.target() + (v.targetSource() == null ? "" : " (" + v.targetSource() + ")"),
          "source", v.source(), "programme", p.programme()), Map.of("action", order++)));
    }
    return new ListTable("Indicateurs des actions du programme", "indicateurs-programme", List.of(
        ListTable.Column.text("action", "Action du programme"), ListTable.Column.text("indicator", "Indicateur"),
        ListTable.Column.text("value", "Valeur"), ListTable.Column.text("target", "Cible"),
        ListTable.Column.text("source", "Source"), ListTable.Column.text("programme", "Programme")), lines);
  }

  /** The programme manager's form: how one programme indicator is computed ("" keeps the programme file's). */
  private void measure(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    String[] chosen = (form.get("indicateurProgramme") == null ? "" : form.get("indicateurProgramme")).split("\\|", 4);
    String measure = form.get("mesure") == null ? "" : form.get("mesure").strip();
    List<String> exitTypes = form.getAll("typesSortie");
    Map<String, Object> values = new HashMap<>();
    values.put("indicateurProgramme", form.get("indicateurProgramme") == null ? "" : form.get("indicateurProgramme"));
    values.put("mesure", measure);
    values.put("sousActions", form.get("sousActions") == null ? "" : "on");
    values.put("typesSortie", exitTypes);
    if (chosen.length != 4 || !chosen[0].matches("[a-z0-9][a-z0-9-]{0,79}") || !chosen[1].matches("[0-9A-Za-z][0-9A-Za-z .-]{0,19}")
        || !chosen[2].matches("[1-9][0-9]{0,3}") || !chosen[3].matches("[0-9]{1,9}")) {
      renderMeasure(request, 400, Map.of("indicateurProgramme", "Choisissez l'indicateur du programme."), values);
      return;
    }
    int number = Integer.parseInt(chosen[2]);
    int version = Integer.parseInt(chosen[3]);
    Future<Void> done;
    if (measure.isEmpty()) {
      done = version == 0 ? Future.succeededFuture()
          : service.removeMeasure(context, chosen[0], chosen[1], number, version);
    } else {
      JsonObject body = new JsonObject().put("measure", measure)
          .put("exitTypes", new io.vertx.core.json.JsonArray(new ArrayList<>(exitTypes)))
          .put("withSubActions", form.get("sousActions") != null);
      done = service.exitTypeCodes(context.tenant()).map(codes -> MeasureInput.parse(body, codes))
          .compose(input -> service.setMeasure(context, chosen[0], chosen[1], number, input, version)).mapEmpty();
    }
    done.onSuccess(ok -> Redirect.seeOther(request, "/t/" + context.tenant() + "/indicateurs?notice=calcul#programme"))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409 || problem.status() == 404)) {
            Map<String, String> errors = new HashMap<>();
            Map<String, String> names = Map.of("measure", "mesure", "exitTypes", "typesSortie", "withSubActions", "sousActions",
                "version", "indicateurProgramme");
            FormErrors.byField(problem).forEach((field, message) -> errors.putIfAbsent(names.getOrDefault(field, field), message));
            if (errors.isEmpty()) {
              errors.put("indicateurProgramme", problem.getMessage() == null ? "Indicateur introuvable ou modifié entre-temps."
                  : problem.getMessage());
            }
            renderMeasure(request, problem.status(), errors, values);
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void renderMeasure(RoutingContext request, int status, Map<String, String> errors, Map<String, Object> values) {
    renderIndicators(request, status, Map.of(), Map.of(), errors, values);
  }

  private static Map<String, Object> typeModel(IndicatorService.TypeIndicators type) {
    Map<String, Object> model = new HashMap<>();
    model.put("code", type.code());
    model.put("label", type.label());
    model.put("indicators", type.indicators().stream().map(i -> Map.of(
        "code", i.definition().code(), "label", i.definition().label().fr(), "unit", i.definition().unit() == null ? "" : i.definition().unit(),
        "value", i.value() == null ? "non saisi" : french(i.value()), "target", i.target() == null ? "—" : french(i.target()),
        "source", i.source(), "targetSource", i.targetSource() == null ? "" : i.targetSource())).toList());
    return model;
  }

  private static String french(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString().replace('.', ',');
  }

  private static ListTable indicatorTable(List<IndicatorService.TypeIndicators> types) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (IndicatorService.TypeIndicators type : types) {
      for (IndicatorService.IndicatorValue i : type.indicators()) {
        lines.add(new ListTable.Line(null, null, cells("indicator", i.definition().label().fr(), "type", type.label(),
            "value", i.value() == null ? "" : french(i.value()), "target", i.target() == null ? "" : french(i.target()),
            "source", i.source())));
      }
    }
    return new ListTable("Indicateurs de suivi", "indicateurs", List.of(ListTable.Column.text("indicator", "Indicateur"),
        ListTable.Column.text("type", "Type d'action"), ListTable.Column.text("value", "Valeur"),
        ListTable.Column.text("target", "Cible"), ListTable.Column.text("source", "Source")), lines);
  }

  private void enter(RoutingContext request) {
    RequestContext context = RequestContext.of(request);
    MultiMap form = request.request().formAttributes();
    String[] chosen = (form.get("indicateur") == null ? "" : form.get("indicateur")).split("\\|", 2);
    JsonObject body = new JsonObject()
        .put("subject", chosen.length == 2 ? chosen[0] : null).put("indicator", chosen.length == 2 ? chosen[1] : null)
        .put("territory", form.get("territoireSaisie")).put("periodStart", form.get("debut")).put("periodEnd", form.get("fin"))
        .put("value", form.get("valeur")).put("target", form.get("cible")).put("source", form.get("source"));
    service.territoryNames(context.tenant())
        .map(names -> EntryInput.parse(body, names.keySet(), false))
        .compose(input -> service.enter(context, input))
        .onSuccess(entry -> Redirect.seeOther(request, "/t/" + context.tenant() + "/indicateurs?notice=saisie"))
        .onFailure(error -> {
          if (error instanceof Problem problem && (problem.status() == 400 || problem.status() == 409)) {
            Map<String, String> byApi = FormErrors.byField(problem);
            Map<String, String> errors = new HashMap<>();
            Map<String, String> names = Map.of("subject", "indicateur", "indicator", "indicateur", "territory", "territoireSaisie",
                "periodStart", "debut", "periodEnd", "fin", "value", "valeur", "target", "cible", "source", "source");
            byApi.forEach((field, message) -> errors.putIfAbsent(names.getOrDefault(field, field), message));
            Map<String, Object> values = new HashMap<>();
            names.values().forEach(name -> values.put(name, form.get(name) == null ? "" : form.get(name)));
            renderIndicators(request, problem.status(), errors, values, Map.of(), Map.of());
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }
}
