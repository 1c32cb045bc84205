package fr.pacte.server.web;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A list page's table ({@code templates/list-table.peb}): columns sorted by a click on their heading
 * ({@code ?tri=<column>&ordre=desc}), pages of {@value #PAGE_SIZE} rows ({@code ?page=2}), and the whole list, sorted
 * and filtered as shown, exported as CSV or XLSX ({@code ?format=csv|xlsx}). Links keep the page's other parameters
 * (its filters). The rows are built by the list's page handler; the first column heads each row and may link to it.
 */
public final class ListTable {

  public static final int PAGE_SIZE = 50;
  private static final Collator FRENCH = Collator.getInstance(Locale.FRENCH);
  /** An amount as pages show it: "54 000 €", "-1 234,50 €". */
  private static final java.util.regex.Pattern EUROS =
      java.util.regex.Pattern.compile("-?[0-9]{1,3}([ \u00a0\u202f][0-9]{3})*(,[0-9]{1,2})?[ \u00a0\u202f]?€");

  static {
    FRENCH.setStrength(Collator.SECONDARY);
  }

  /** A column: {@code key} names it in the rows and in {@code ?tri=}; numeric columns sort as numbers. */
  public record Column(String key, String label, boolean numeric) {

    public static Column text(String key, String label) {
      return new Column(key, label, false);
    }

    public static Column number(String key, String label) {
      return new Column(key, label, true);
    }
  }

  /**
   * A row: the text of each column by key, the link of the first column (or null), an id for the {@code <tr>} (or
   * null), and optional sort values by key where the text does not sort (a date shown as "01/02/2026").
   */
  public record Line(String id, String href, Map<String, String> cells, Map<String, Comparable<?>> sortValues,
                     String technical, Map<String, String> links, Map<String, String> marks) {

    public Line {
      links = links == null ? Map.of() : links;
      marks = marks == null ? Map.of() : marks;
    }

    public Line(String id, String href, Map<String, String> cells) {
      this(id, href, cells, Map.of(), null);
    }

    public Line(String id, String href, Map<String, String> cells, Map<String, Comparable<?>> sortValues) {
      this(id, href, cells, sortValues, null);
    }

    public Line(String id, String href, Map<String, String> cells, Map<String, Comparable<?>> sortValues,
                String technical) {
      this(id, href, cells, sortValues, technical, Map.of(), Map.of());
    }

    /** The same row with links on other cells than the first, by column key (a file, a version…). */
    public Line withLinks(Map<String, String> links) {
      return new Line(id, href, cells, sortValues, technical, links, marks);
    }

    /**
     * The same row with some cells shown as a state, by column key: the CSS class of the mark ("state state-failed"
     * for a shortfall, "state state-ok"); the exports keep the text only.
     */
    public Line withMarks(Map<String, String> marks) {
      return new Line(id, href, cells, sortValues, technical, links, marks);
    }

    /**
     * The same row with technical details (codes, versions) for administrators: shown under the first cell in a
     * "Détails techniques" disclosure, not in the columns people read.
     */
    public Line withTechnical(String details) {
      return new Line(id, href, cells, sortValues, details, links, marks);
    }
  }

  private final String caption;
  private final String fileName;
  private final List<Column> columns;
  private final List<Line> lines;
  /** Put before the names of the table's parameters when a page shows several tables ("territoires." + "tri"). */
  private final String prefix;
  /** A total row under the others (never sorted nor paginated), or null. */
  private final Line footer;

  /**
   * @param caption  the table's caption (the number of rows is added)
   * @param fileName the exported file's name, without extension
   */
  public ListTable(String caption, String fileName, List<Column> columns, List<Line> lines) {
    this(caption, fileName, columns, lines, "", null);
  }

  private ListTable(String caption, String fileName, List<Column> columns, List<Line> lines, String prefix, Line footer) {
    this.caption = caption;
    this.fileName = fileName;
    this.columns = List.copyOf(columns);
    this.lines = List.copyOf(lines);
    this.prefix = prefix;
    this.footer = footer;
  }

  /** The same table with a total row under the others, on every page and at the end of the exports. */
  public ListTable withFooter(Line total) {
    return new ListTable(caption, fileName, columns, lines, prefix, total);
  }

  /**
   * The same table with its own parameters, for a page showing several: {@code ?<name>.tri=…&<name>.page=2},
   * exported with {@code ?<name>.format=csv}.
   */
  public ListTable named(String name) {
    return new ListTable(caption, fileName, columns, lines, name + ".", footer);
  }

  /** Whether the request asks for a file ({@code ?format=csv} or {@code xlsx}) rather than the page. */
  public static boolean isExport(RoutingContext request) {
    String format = request.queryParams().get("format");
    return "csv".equals(format) || "xlsx".equals(format);
  }

  /** Whether the request asks for this table's file (its own {@code format} parameter). */
  public boolean asked(RoutingContext request) {
    String format = request.queryParams().get(prefix + "format");
    return "csv".equals(format) || "xlsx".equals(format);
  }

  /** Answers the file the request asks for: every row, sorted as on the page. */
  public Future<Void> export(RoutingContext request) {
    List<Line> sorted = new ArrayList<>(sorted(request.queryParams()));
    if (footer != null) {
      sorted.add(footer);
    }
    boolean xlsx = "xlsx".equals(request.queryParams().get(prefix + "format"));
    // Building a workbook is slow work (POI, zipped XML): off the event loop.
    Future<Buffer> body = xlsx
        ? request.vertx().executeBlocking(() -> Buffer.buffer(xlsx(sorted)), false)
        : Future.succeededFuture(Buffer.buffer(csv(sorted)));
    return body.compose(bytes -> request.response()
        .putHeader("Content-Type", xlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + (xlsx ? ".xlsx" : ".csv") + "\"")
        .end(bytes));
  }

  /** The model of {@code list-table.peb} for the page asked: headings with their sort links, rows, pages, exports. */
  public Map<String, Object> model(RoutingContext request) {
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
      heading.put("numeric", column.numeric());
      heading.put("sort", current ? (descending ? "descending" : "ascending") : "none");
      heading.put("href", link(path, query, Map.of(prefix + "tri", column.key(),
          prefix + "ordre", current && !descending ? "desc" : "asc", prefix + "page", "")));
      headings.add(heading);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Line line : sorted.subList((page - 1) * PAGE_SIZE, Math.min(sorted.size(), page * PAGE_SIZE))) {
      rows.add(row(line));
    }
    List<Map<String, Object>> pageLinks = new ArrayList<>();
    for (int n = 1; pages > 1 && n <= pages; n++) {
      pageLinks.add(Map.of("number", n, "href", link(path, query, Map.of(prefix + "page", String.valueOf(n))), "current", n == page));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("caption", caption);
    model.put("total", sorted.size());
    model.put("first", sorted.isEmpty() ? 0 : (page - 1) * PAGE_SIZE + 1);
    model.put("last", Math.min(sorted.size(), page * PAGE_SIZE));
    model.put("headings", headings);
    model.put("rows", rows);
    model.put("footer", footer == null ? null : row(footer));
    model.put("pages", pageLinks);
    model.put("previous", page > 1 ? link(path, query, Map.of(prefix + "page", String.valueOf(page - 1))) : "");
    model.put("next", page < pages ? link(path, query, Map.of(prefix + "page", String.valueOf(page + 1))) : "");
    model.put("csv", link(path, query, Map.of(prefix + "format", "csv", prefix + "page", "")));
    model.put("xlsx", link(path, query, Map.of(prefix + "format", "xlsx", prefix + "page", "")));
    return model;
  }

  private Map<String, Object> row(Line line) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", line.id());
    row.put("href", line.href());
    row.put("technical", line.technical());
    row.put("cells", columns.stream().map(c -> line.cells().getOrDefault(c.key(), "")).toList());
    row.put("links", columns.stream().map(c -> line.links().getOrDefault(c.key(), "")).toList());
    row.put("marks", columns.stream().map(c -> line.marks().getOrDefault(c.key(), "")).toList());
    return row;
  }

  private String sortKey(MultiMap query) {
    String key = query.get(prefix + "tri");
    return columns.stream().anyMatch(c -> c.key().equals(key)) ? key : null;
  }

  private List<Line> sorted(MultiMap query) {
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
    if (column.numeric()) {
      return Long.compare(number(x), number(y));
    }
    return FRENCH.compare(x, y);
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

  /** The page's address with some parameters replaced ("" removes one); the export format never carries over. */
  static String link(String path, MultiMap query, Map<String, String> changes) {
    StringBuilder link = new StringBuilder(path);
    char separator = '?';
    for (String name : query.names()) {
      if (changes.containsKey(name) || name.equals("format") || name.endsWith(".format")) {
        continue;
      }
      for (String value : query.getAll(name)) {
        link.append(separator).append(encode(name)).append('=').append(encode(value));
        separator = '&';
      }
    }
    for (Map.Entry<String, String> change : new java.util.TreeMap<>(changes).entrySet()) {
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

  /** CSV as French spreadsheets open it: UTF-8 with a byte-order mark, semicolons, quotes where needed. */
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

  byte[] xlsx(List<Line> rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(caption.length() > 31 ? caption.substring(0, 31) : caption);
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(columns.get(c).label());
        cell.setCellStyle(bold);
      }
      CellStyle euros = workbook.createCellStyle();
      euros.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00 \"€\""));
      int r = 1;
      for (Line line : rows) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          String text = line.cells().getOrDefault(columns.get(c).key(), "");
          Cell cell = row.createCell(c);
          if (columns.get(c).numeric() && text.matches("-?\\d+")) {
            cell.setCellValue(Long.parseLong(text));
          } else if (columns.get(c).numeric() && EUROS.matcher(text).matches()) {
            // An amount shown in euros ("46 666,66 €") is a number in the workbook, formatted as euros.
            cell.setCellValue(new java.math.BigDecimal(text.replaceAll("[\\s\u00a0\u202f€]", "").replace(',', '.')).doubleValue());
            cell.setCellStyle(euros);
          } else {
            cell.setCellValue(text);
          }
        }
      }
      for (int c = 0; c < columns.size(); c++) {
        sheet.setColumnWidth(c, Math.min(60, Math.max(10, columns.get(c).label().length() + 4)) * 256);
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
