package fr.pacte.server.conventions;

import java.util.List;

/** Writes CSV as RFC 4180 says: fields quoted when they hold the separator, a quote or a line break; CRLF lines. */
final class Csv {

  private Csv() {
  }

  static String write(char separator, List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    line(out, separator, header);
    rows.forEach(row -> line(out, separator, row));
    return out.toString();
  }

  private static void line(StringBuilder out, char separator, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      String field = fields.get(i) == null ? "" : fields.get(i);
      if (field.indexOf(separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
        out.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        out.append(field);
      }
    }
    out.append("\r\n");
  }
}
