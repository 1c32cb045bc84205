package fr.pacte.server.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Loads, on the thread that starts a node, the classes whose first use costs hundreds of milliseconds (Jackson behind
 * Vert.x's JSON, the French locale's calendar data): otherwise the first request or query to need them pays it on an
 * event loop, which a loaded machine turns into seconds of a blocked event loop.
 */
final class ClassWarmUp {

  private ClassWarmUp() {
  }

  static void run() {
    String json = new JsonObject().put("texte", "é").put("nombre", 1).put("liste", new JsonArray().add(true)).encode();
    new JsonObject(json).encodePrettily();
    DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.FRANCE).format(LocalDate.of(2026, 1, 1));
    new java.text.SimpleDateFormat("EEEE d MMMM yyyy", Locale.FRANCE).format(new java.util.Date(0));
  }
}
