package fr.pacte.server.calls;

import fr.pacte.server.calls.InstructionService.Decided;
import fr.pacte.server.calls.SelectionProposal.Choice;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the instruction API and pages send: dates, identifiers, amounts in cents, sheets of scores. */
final class InstructionInput {

  private InstructionInput() {
  }

  static LocalDate date(Fields fields, JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return FrenchDates.parseDay(text);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    fields.error(key, FrenchDates.TYPED_DAY_HINT);
    return null;
  }

  static UUID uuid(Fields fields, Object value, String key) {
    if (value instanceof String text) {
      try {
        return UUID.fromString(text.strip());
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    fields.error(key, "Un identifiant est attendu.");
    return null;
  }

  static Long cents(Fields fields, Object value, String key) {
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.doubleValue() >= 0 && number.doubleValue() < 1e15) {
      return number.longValue();
    }
    if (value instanceof String text && text.strip().matches("[0-9]{1,15}")) {
      return Long.valueOf(text.strip());
    }
    fields.error(key, "Un montant en centimes (nombre entier positif) est attendu.");
    return null;
  }

  static List<UUID> parts(Fields fields, JsonObject json) {
    JsonArray array = fields.array("parts", 20);
    List<UUID> parts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      UUID id = uuid(fields, array.getValue(i), "parts[" + i + "]");
      if (id != null) {
        parts.add(id);
      }
    }
    return parts;
  }

  /** {@code scores: {key: {score, justification}}}. */
  static Map<String, SelectionGrid.Mark> sheet(Fields fields, JsonObject json) {
    Map<String, SelectionGrid.Mark> sheet = new LinkedHashMap<>();
    Fields scores = fields.object("scores");
    Object value = json.getValue("scores");
    if (!(value instanceof JsonObject object)) {
      return sheet;
    }
    for (String key : object.fieldNames()) {
      Fields mark = scores.object(key);
      Integer score = mark.integer("score", 0, 1000);
      String justification = mark.text("justification", SelectionGrid.MAX_JUSTIFICATION + 1);
      if (score != null) {
        sheet.put(key, new SelectionGrid.Mark(score, justification == null ? "" : justification));
      } else if (!mark.has("score")) {
        mark.error("score", "Choisissez un niveau du barème.");
      }
    }
    return sheet;
  }

  static BigDecimal points(Fields fields, JsonObject json) {
    Object value = json.getValue("points");
    try {
      if (value instanceof Number number) {
        return new BigDecimal(number.toString());
      }
      if (value instanceof String text && !text.isBlank()) {
        return new BigDecimal(text.strip().replace(',', '.'));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fields.error("points", "Indiquez la note retenue en points (au plus deux décimales).");
    return null;
  }

  static List<Choice> lines(Fields fields, JsonObject json) {
    JsonArray array = fields.array("lines", 1000);
    List<Choice> choices = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Fields line = Fields.of(array.getValue(i) instanceof JsonObject o ? o : new JsonObject(), "lines[" + i + "].", fields.errors());
      JsonObject raw = array.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      UUID application = uuid(line, raw.getValue("application"), "application");
      String lot = line.line("lot", 80);
      Boolean retained = line.bool("retained");
      Long negotiated = cents(line, raw.getValue("negotiatedCents"), "negotiatedCents");
      if (lot == null) {
        line.error("lot", "Indiquez le lot.");
      }
      if (application != null && lot != null) {
        choices.add(new Choice(application, lot, Boolean.TRUE.equals(retained), negotiated));
      }
    }
    return choices;
  }

  static List<Decided> decided(Fields fields, JsonObject json) {
    if (!json.containsKey("projects") || json.getValue("projects") == null) {
      return null;
    }
    JsonArray array = fields.array("projects", 1000);
    List<Decided> decided = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject raw = array.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      Fields line = Fields.of(raw, "projects[" + i + "].", fields.errors());
      UUID application = uuid(line, raw.getValue("application"), "application");
      String lot = line.line("lot", 80);
      Boolean selected = line.bool("selected");
      Long amount = cents(line, raw.getValue("amountCents"), "amountCents");
      if (lot == null) {
        line.error("lot", "Indiquez le lot.");
      }
      if (selected == null) {
        line.error("selected", "Indiquez si le projet est retenu.");
      }
      if (application != null && lot != null && selected != null) {
        decided.add(new Decided(application, lot, selected, amount));
      }
    }
    return decided;
  }
}
