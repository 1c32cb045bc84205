package fr.pacte.server.offer;

import fr.pacte.server.web.ListTable;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model of the Besoins page ({@code templates/needs.peb}): for each call, the needs of each action type per
 * territory beside the funded places of the current offer, the action type's total, the totals per territory (per
 * unit, since people in a file and workshops do not add up), and the bars of a chart drawn on the server. Filters
 * keep one action type, one territory, or the shortfalls only.
 */
final class NeedsPage {

  /** The width of the chart's drawing, in its own units; bars start after the territory's name. */
  static final int CHART_WIDTH = 640;
  static final int BAR_START = 190;
  static final int BAR_END = 560;
  static final int BAR_HEIGHT = 14;
  static final int ROW_HEIGHT = 44;

  /** The page's filters: an action type code, a territory code (null for all) and the shortfalls only. */
  record Filter(String actionType, String territory, boolean shortfallsOnly) {

    boolean keeps(NeedGap row) {
      return (actionType == null || actionType.equals(row.actionType()))
          && (territory == null || territory.equals(row.territory()))
          && (!shortfallsOnly || row.shortfall());
    }
  }

  private NeedsPage() {
  }

  static List<Map<String, Object>> calls(List<OfferService.CallGaps> calls, Filter filter) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (OfferService.CallGaps call : calls) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("call", call.call());
      model.put("title", call.title());
      model.put("notes", call.notes());
      model.put("types", types(call.call(), call.rows(), filter));
      model.put("territories", territoryTotals(call.call(), call.rows(), filter));
      result.add(model);
    }
    return result;
  }

  /** Every action type and territory a call names, for the filters' lists, in their order of appearance. */
  static Map<String, String> actionTypes(List<OfferService.CallGaps> calls) {
    Map<String, String> types = new LinkedHashMap<>();
    calls.forEach(call -> call.rows().forEach(row -> types.putIfAbsent(row.actionType(), row.actionTypeLabel())));
    return types;
  }

  static Map<String, String> territories(List<OfferService.CallGaps> calls) {
    Map<String, String> territories = new LinkedHashMap<>();
    calls.forEach(call -> call.rows().forEach(row -> territories.putIfAbsent(row.territory(), row.territoryName())));
    return territories;
  }

  /** Every need shown, one row per action type and territory, for the CSV and XLSX exports. */
  static fr.pacte.server.web.ListTable table(List<OfferService.CallGaps> calls, Filter filter) {
    List<fr.pacte.server.web.ListTable.Line> lines = new ArrayList<>();
    for (OfferService.CallGaps call : calls) {
      for (NeedGap row : call.rows()) {
        if (filter.keeps(row)) {
          Map<String, String> cells = new LinkedHashMap<>();
          cells.put("call", call.title());
          cells.put("type", row.actionTypeLabel());
          cells.put("territory", row.territoryName());
          cells.put("unit", row.unitLabel());
          cells.put("need", String.valueOf(row.need()));
          cells.put("offered", String.valueOf(row.offered()));
          cells.put("missing", String.valueOf(row.missing()));
          lines.add(new fr.pacte.server.web.ListTable.Line(null, null, cells));
        }
      }
    }
    return new fr.pacte.server.web.ListTable("Besoins et places", "besoins", List.of(
        fr.pacte.server.web.ListTable.Column.text("call", "Appel à projets"),
        fr.pacte.server.web.ListTable.Column.text("type", "Type d'action"),
        fr.pacte.server.web.ListTable.Column.text("territory", "Territoire"),
        fr.pacte.server.web.ListTable.Column.text("unit", "Unité"),
        fr.pacte.server.web.ListTable.Column.number("need", "Besoin"),
        fr.pacte.server.web.ListTable.Column.number("offered", "Places financées"),
        fr.pacte.server.web.ListTable.Column.number("missing", "Manque")), lines);
  }

  /**
   * The file of the one table the request asks for ({@code ?<table>.format=csv}), or null when it asks for the page;
   * else puts in each table's place of the model its rows for the page asked (sorted, paginated).
   */
  static Future<Void> tables(RoutingContext request, List<Map<String, Object>> calls) {
    List<Map<String, Object>> holders = new ArrayList<>();
    for (Map<String, Object> call : calls) {
      holders.addAll(list(call.get("types")));
      holders.addAll(list(call.get("territories")));
    }
    for (Map<String, Object> holder : holders) {
      ListTable table = (ListTable) holder.get("list");
      if (table.asked(request)) {
        return table.export(request);
      }
    }
    for (Map<String, Object> holder : holders) {
      holder.put("table", ((ListTable) holder.remove("list")).model(request));
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  /** A table of needs and funded places by territory, with its total under it. */
  private static ListTable needsTable(String caption, String name, String rowPrefix, List<Map<String, Object>> rows,
                                      Map<String, Object> total) {
    List<ListTable.Line> lines = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      lines.add(needsLine(rowPrefix == null ? null : rowPrefix + "-" + row.get("territory"), (String) row.get("territoryName"), row));
    }
    return new ListTable(caption, name, List.of(ListTable.Column.text("territory", "Territoire"),
        ListTable.Column.number("need", "Besoin"), ListTable.Column.number("offered", "Places financées"),
        ListTable.Column.number("gap", "Écart")), lines)
        .named(name)
        .withFooter(needsLine(rowPrefix == null ? null : rowPrefix + "-total", "Total", total));
  }

  private static ListTable.Line needsLine(String id, String territory, Map<String, Object> gap) {
    int need = (Integer) gap.get("need");
    int offered = (Integer) gap.get("offered");
    int missing = (Integer) gap.get("missing");
    int surplus = (Integer) gap.get("surplus");
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("territory", territory);
    cells.put("need", String.valueOf(need));
    cells.put("offered", String.valueOf(offered));
    cells.put("gap", missing > 0 ? "manque " + missing : surplus > 0 ? surplus + " au-delà" : "couvert");
    Map<String, Comparable<?>> sort = new HashMap<>();
    sort.put("gap", offered - need);
    return new ListTable.Line(id, null, cells, sort)
        .withMarks(Map.of("gap", missing > 0 ? "state state-failed" : "state state-ok"));
  }

  private static List<Map<String, Object>> types(String callCode, List<NeedGap> rows, Filter filter) {
    Map<String, List<NeedGap>> byType = new LinkedHashMap<>();
    for (NeedGap row : rows) {
      if (filter.keeps(row)) {
        byType.computeIfAbsent(row.actionType(), k -> new ArrayList<>()).add(row);
      }
    }
    List<Map<String, Object>> types = new ArrayList<>();
    for (List<NeedGap> typeRows : byType.values()) {
      NeedGap first = typeRows.get(0);
      int need = typeRows.stream().mapToInt(NeedGap::need).sum();
      int offered = typeRows.stream().mapToInt(NeedGap::offered).sum();
      Map<String, Object> type = new LinkedHashMap<>();
      type.put("code", first.actionType());
      type.put("label", first.actionTypeLabel());
      type.put("unitLabel", first.unitLabel());
      type.put("rows", typeRows.stream().map(NeedsPage::row).toList());
      type.put("total", gap(need, offered));
      type.put("chart", chart(typeRows));
      type.put("list", needsTable(first.actionTypeLabel() + " : besoins et places financées par territoire",
          callCode + "-" + first.actionType(), "besoin-" + first.actionType(), list(type.get("rows")),
          gap(need, offered)));
      types.add(type);
    }
    return types;
  }

  private static Map<String, Object> row(NeedGap gap) {
    Map<String, Object> row = gap(gap.need(), gap.offered());
    row.put("territory", gap.territory());
    row.put("territoryName", gap.territoryName());
    return row;
  }

  /** Need, places and how they compare: {@code missing} places short, {@code surplus} places beyond the need. */
  private static Map<String, Object> gap(int need, int offered) {
    Map<String, Object> gap = new LinkedHashMap<>();
    gap.put("need", need);
    gap.put("offered", offered);
    gap.put("missing", Math.max(0, need - offered));
    gap.put("surplus", Math.max(0, offered - need));
    return gap;
  }

  private static Map<String, Object> chart(List<NeedGap> rows) {
    int max = Math.max(1, rows.stream().mapToInt(r -> Math.max(r.need(), r.offered())).max().orElse(1));
    List<Map<String, Object>> bars = new ArrayList<>();
    int y = 8;
    for (NeedGap row : rows) {
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("territoryName", row.territoryName());
      bar.put("need", row.need());
      bar.put("offered", row.offered());
      int needWidth = scaled(row.need(), max);
      int offeredWidth = scaled(row.offered(), max);
      bar.put("needWidth", needWidth);
      bar.put("offeredWidth", offeredWidth);
      bar.put("needValueX", BAR_START + needWidth + 6);
      bar.put("offeredValueX", BAR_START + offeredWidth + 6);
      bar.put("labelY", y + BAR_HEIGHT + 2);
      bar.put("needY", y);
      bar.put("needTextY", y + BAR_HEIGHT - 3);
      bar.put("offeredY", y + BAR_HEIGHT + 2);
      bar.put("offeredTextY", y + 2 * BAR_HEIGHT - 1);
      bars.add(bar);
      y += ROW_HEIGHT;
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("bars", bars);
    chart.put("height", y);
    chart.put("width", CHART_WIDTH);
    chart.put("barStart", BAR_START);
    chart.put("labelX", BAR_START - 8);
    return chart;
  }

  private static int scaled(int value, int max) {
    return value <= 0 ? 0 : Math.max(2, (int) Math.round((double) value * (BAR_END - BAR_START) / max));
  }

  /** Per unit (people in a file, workshops…), each territory's needs and places summed over the action types. */
  private static List<Map<String, Object>> territoryTotals(String callCode, List<NeedGap> rows, Filter filter) {
    Map<String, Map<String, int[]>> byUnit = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (NeedGap row : rows) {
      if (filter.keeps(row)) {
        names.put(row.territory(), row.territoryName());
        int[] sums = byUnit.computeIfAbsent(row.unitLabel(), k -> new LinkedHashMap<>())
            .computeIfAbsent(row.territory(), k -> new int[2]);
        sums[0] += row.need();
        sums[1] += row.offered();
      }
    }
    List<Map<String, Object>> units = new ArrayList<>();
    byUnit.forEach((unit, territories) -> {
      List<Map<String, Object>> lines = new ArrayList<>();
      int need = 0;
      int offered = 0;
      for (Map.Entry<String, int[]> entry : territories.entrySet()) {
        Map<String, Object> line = gap(entry.getValue()[0], entry.getValue()[1]);
        line.put("territory", entry.getKey());
        line.put("territoryName", names.get(entry.getKey()));
        lines.add(line);
        need += entry.getValue()[0];
        offered += entry.getValue()[1];
      }
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("unitLabel", unit);
      model.put("rows", lines);
      model.put("total", gap(need, offered));
      model.put("list", needsTable("Tous types d'action, en " + unit.toLowerCase(java.util.Locale.FRENCH),
          callCode + "-territoires-" + (units.size() + 1), null, lines, gap(need, offered)));
      units.add(model);
    });
    return units;
  }
}
