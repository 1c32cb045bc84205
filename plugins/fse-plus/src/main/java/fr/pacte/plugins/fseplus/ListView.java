package fr.pacte.plugins.fseplus;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sortable, paginated list of the module's pages with its CSV and XLSX exports, read the way the platform's own lists
 * are ({@code ?tri=…&ordre=desc&page=2}, {@code ?format=csv} or {@code xlsx}; with a name, {@code ?<name>.tri=…} so
 * that a page holds several). The platform's list component is not part of the plugin API, so the module keeps this
 * equivalent: same parameters, same files (UTF-8 with a byte-order mark and semicolons; a workbook with the amounts as
 * numbers), same table markup.
 */
final class ListView {

  static final int PAGE_SIZE = 50;
  private static final Collator FRENCH = Collator.getInstance(Locale.FRENCH);

  static {
    FRENCH.setStrength(Collator.SECONDARY);
  }

  /** A column: {@code key} names it in the lines and in {@code ?tri=}; numeric columns sort as numbers. */
  record Column(String key, String label, boolean numeric) {

    static Column text(String key, String label) {
      return new Column(key, label, false);
    }

    static Column number(String key, String label) {
      return new Column(key, label, true);
    }
  }

  /** A line: the text of each column, the link of the first cell (or null), and sort values where the text does not sort. */
  record Line(String href, Map<String, String> cells, Map<String, Comparable<?>> sortValues) {

    Line(String href, Map<String, String> cells) {
      this(href, cells, Map.of());
    }
  }

  private final String caption;
  private final String fileName;
  private final List<Column> columns;
  private final List<Line> lines;
  private final String prefix;

  ListView(String caption, String fileName, String name, List<Column> columns, List<Line> lines) {
    this.caption = caption;
    this.fileName = fileName;
    this.prefix = name == null ? "" : name + ".";
    this.columns = List.copyOf(columns);
    this.lines = List.copyOf(lines);
  }

  /** Whether the request asks for this list's file rather than the page. */
  boolean asked(RoutingContext request) {
    String format = request.queryParams().get(prefix + "format");
    return "csv".equals(format) || "xlsx".equals(format);
  }

  /** Answers the file asked: every line, sorted as on the page; the workbook is written off the event loop. */
  Future<Void> export(RoutingContext request, fr.pacte.api.Tasks tasks) {
    List<Line> sorted = sorted(request.queryParams());
    boolean xlsx = "xlsx".equals(request.queryParams().get(prefix + "format"));
    // The workbook class is only loaded on the worker: loading Apache POI on an event loop would hold it up.
    Future<Buffer> body = xlsx ? tasks.executeBlocking(() -> Buffer.buffer(ListWorkbook.of(caption, columns, sorted)))
        : Future.succeededFuture(Buffer.buffer(csv(sorted)));
    return body.compose(bytes -> request.response()
        .putHeader("Content-Type", xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + (xlsx ? ".xlsx" : ".csv") + "\"")
        .end(bytes));
  }

  /** The model of {@code templates/fse-plus/list-table.peb}: headings with their sort links, the page's rows, pages, files. */
  Map<String, Object> model(RoutingContext request) {
    MultiMap query = request.queryParams();
    String path = request.normalizedPath();
    String sortedBy = sortKey(query);
    boolean descending = "desc".equals(query.get(prefix + "ordre"));
    List<Line> sorted = sorted(query);
    int pages = Math.max(1, (sorted.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(pages, Math.max(1, parseInt(query.get(prefix + "page"))));
    List<Map<String, Object>> headings = new ArrayList<>();
    for (Column column : columns) {
      boolean current = column.key().equals(sortedBy);
      Map<String, Object> heading = new LinkedHashMap<>();
      heading.put("label", column.label());
      heading.put("sort", current ? (descending ? "descending" : "ascending") : "none");
      heading.put("href", link(path, query, Map.of(prefix + "tri", column.key(),
          prefix + "ordre", current && !descending ? "desc" : "asc", prefix + "page", "")));
      headings.add(heading);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Line line : sorted.subList((page - 1) * PAGE_SIZE, Math.min(sorted.size(), page * PAGE_SIZE))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("href", line.href());
      row.put("cells", columns.stream().map(c -> line.cells().getOrDefault(c.key(), "")).toList());
      rows.add(row);
    }
    List<Map<String, Object>> pageLinks = new ArrayList<>();
    for (int n = 1; pages > 1 && n <= pages; n++) {
      pageLinks.add(Map.of("number", n, "href", link(path, query, Map.of(prefix + "page", String.valueOf(n))),
          "current", n == page));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("caption", caption);
    model.put("total", sorted.size());
    model.put("first", sorted.isEmpty() ? 0 : (page - 1) * PAGE_SIZE + 1);
    model.put("last", Math.min(sorted.size(), page * PAGE_SIZE));
    model.put("headings", headings);
    model.put("rows", rows);
    model.put("pages", pageLinks);
    model.put("previous", page > 1 ? link(path, query, Map.of(prefix + "page", String.valueOf(page - 1))) : "");
    model.put("next", page < pages ? link(path, query, Map.of(prefix + "page", String.valueOf(page + 1))) : "");
    model.put("csv", link(path, query, Map.of(prefix + "format", "csv", prefix + "page", "")));
    model.put("xlsx", link(path, query, Map.of(prefix + "format", "xlsx", prefix + "page", "")));
    return model;
  }

  private String sortKey(MultiMap query) {
    String key = query.get(prefix + "tri");
    return columns.stream().anyMatch(c -> c.key().equals(key)) ? key : null;
  }

  List<Line> sorted(MultiMap query) {
    String key = sortKey(query);
    if (key == null) {
      return lines;
    }
    Column column = columns.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    Comparator<Line> order = (a, b) -> compare(column, a, b);
    if ("desc".equals(query.get(prefix + "ordre"))) {
      order = order.reversed();
    }
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(order);
    return sorted;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Column column, Line a, Line b) {
    Comparable left = a.sortValues().get(column.key());
    Comparable right = b.sortValues().get(column.key());
    if (left != null && right != null) {
      return left.compareTo(right);
    }
    String x = a.cells().getOrDefault(column.key(), "");
    String y = b.cells().getOrDefault(column.key(), "");
    return column.numeric() ? Long.compare(number(x), number(y)) : FRENCH.compare(x, y);
  }

  private static long number(String text) {
    String digits = text.replaceAll("[^0-9-]", "");
    try {
      return digits.isEmpty() || digits.equals("-") ? Long.MIN_VALUE : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int parseInt(String text) {
    try {
      return text == null ? 1 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The page's address with some parameters replaced ("" removes one); an export format never carries over. */
  static String link(String path, MultiMap query, Map<String, String> changes) {
    StringBuilder link = new StringBuilder(path);
    char separator = '?';
    for (String name : query.names()) {
      if (changes.containsKey(name) || name.equals("format") || name.endsWith(".format") || name.equals("enregistre")) {
        continue;
      }
      for (String value : query.getAll(name)) {
        link.append(separator).append(encode(name)).append('=').append(encode(value));
        separator = '&';
      }
    }
    for (Map.Entry<String, String> change : new TreeMap<>(changes).entrySet()) {
      if (!change.getValue().isEmpty()) {
        link.append(separator).append(encode(change.getKey())).append('=').append(encode(change.getValue()));
        separator = '&';
      }
    }
    return link.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** CSV as French spreadsheets open it: UTF-8 with a byte-order mark, semicolons, CRLF, quotes where needed. */
  String csv(List<Line> rows) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    csv.append(String.join(";", columns.stream().map(c -> quoted(c.label())).toList())).append("\r\n");
    for (Line line : rows) {
      csv.append(String.join(";", columns.stream().map(c -> quoted(line.cells().getOrDefault(c.key(), ""))).toList()))
          .append("\r\n");
    }
    return csv.toString();
  }

  private static String quoted(String value) {
    String text = value;
    // A cell starting like a formula is kept as text (CSV injection).
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+")) {
      text = "'" + text;
    }
    if (text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
