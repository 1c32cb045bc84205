package fr.pacte.bench.national;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.postgresql.PGConnection;

/**
 * The one place rows are written: PostgreSQL's COPY in text format, buffered per table and sent when the buffer is
 * large. Callers add rows in their foreign keys' order and {@link #flush} a parent table before its children are
 * sent.
 */
final class CopyRows {

  private static final int SEND_AT = 4 * 1024 * 1024;

  private final Connection connection;
  private final String sql;
  private final StringBuilder buffer = new StringBuilder(SEND_AT + 64 * 1024);
  private long rows;

  CopyRows(Connection connection, String table, String columns) {
    this.connection = connection;
    this.sql = "COPY platform." + table + " (" + columns + ") FROM STDIN";
  }

  /** One row, its values in the order of the columns: null, text, numbers, booleans, dates, UUIDs, lists, JSON. */
  void row(Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        buffer.append('\t');
      }
      append(values[i]);
    }
    buffer.append('\n');
    rows++;
    if (buffer.length() >= SEND_AT) {
      flush();
    }
  }

  long rows() {
    return rows;
  }

  /** Sends what is buffered. */
  void flush() {
    if (buffer.length() == 0) {
      return;
    }
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(buffer.toString()));
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
    buffer.setLength(0);
  }

  private void append(Object value) {
    if (value == null) {
      buffer.append("\\N");
    } else if (value instanceof Boolean bool) {
      buffer.append(bool ? 't' : 'f');
    } else if (value instanceof Number || value instanceof java.util.UUID || value instanceof java.time.temporal.Temporal) {
      buffer.append(value);
    } else if (value instanceof Collection<?> list) {
      escaped(arrayLiteral(list));
    } else if (value instanceof JsonObject json) {
      escaped(json.encode());
    } else if (value instanceof JsonArray json) {
      escaped(json.encode());
    } else {
      escaped(value.toString());
    }
  }

  /** A PostgreSQL array literal of text: every element quoted. */
  private static String arrayLiteral(Collection<?> list) {
    StringBuilder literal = new StringBuilder("{");
    for (Object element : list) {
      if (literal.length() > 1) {
        literal.append(',');
      }
      literal.append('"').append(element.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return literal.append('}').toString();
  }

  private void escaped(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> buffer.append("\\\\");
        case '\t' -> buffer.append("\\t");
        case '\n' -> buffer.append("\\n");
        case '\r' -> buffer.append("\\r");
        default -> buffer.append(c);
      }
    }
  }
}
