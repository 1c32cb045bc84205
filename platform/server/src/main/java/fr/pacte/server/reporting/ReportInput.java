package fr.pacte.server.reporting;

import fr.pacte.server.reporting.EvaluationService.Committee;
import fr.pacte.server.reporting.ReportService.Correction;
import fr.pacte.server.reporting.ReportService.Reconciliation;
import fr.pacte.server.reporting.YearlyEvaluation.Decision;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading what the API and the pages send for reports and evaluations: every refusal names its field, in French. */
final class ReportInput {

  private static final BigDecimal MAX = BigDecimal.valueOf(1_000_000);

  private ReportInput() {
  }

  /** {@code {"comment": "…", "lines": {"entries": {"value": 3, "comment": "…"}}}}. */
  static Reconciliation reconciliation(JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body;
    Fields f = Fields.of(json);
    String comment = json.containsKey("comment") ? f.text("comment", 4000) : null;
    if (json.containsKey("comment") && comment == null) {
      comment = "";
    }
    Map<String, Correction> corrections = new LinkedHashMap<>();
    Object lines = json.getValue("lines");
    if (lines != null && !(lines instanceof JsonObject)) {
      f.error("lines", "Un objet est attendu : les chiffres corrigés par code de ligne.");
    } else if (lines instanceof JsonObject byCode) {
      if (byCode.size() > 500) {
        f.error("lines", "500 lignes au plus.");
      }
      for (String code : byCode.fieldNames()) {
        Fields line = f.object("lines").object(code);
        BigDecimal value = number(byCode.getJsonObject(code, new JsonObject()).getValue("value"), "lines." + code + ".value",
            f.errors());
        String why = line.text("comment", 2000);
        if (value != null) {
          corrections.put(code, new Correction(value, why));
        }
      }
    }
    f.throwIfAny();
    return new Reconciliation(corrections, comment);
  }

  /** A figure: a number ≥ 0 with one decimal at most, as JSON or as a French text ("2,5"). */
  static BigDecimal number(Object value, String field, List<FieldError> errors) {
    BigDecimal number = null;
    if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      number = new BigDecimal(n.toString());
    } else if (value instanceof String text && text.strip().matches("[0-9]{1,7}([.,][0-9])?")) {
      number = new BigDecimal(text.strip().replace(',', '.'));
    }
    if (number == null || number.signum() < 0 || number.compareTo(MAX) > 0 || number.stripTrailingZeros().scale() > 1) {
      errors.add(new FieldError(field, "Un nombre positif est attendu, avec une décimale au plus (par exemple 12 ou 2,5)."));
      return null;
    }
    return number.scale() < 0 ? number.setScale(0) : number;
  }

  static YearMonth month(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return YearMonth.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.validation(List.of(new FieldError(field, "Un mois au format AAAA-MM est attendu (par exemple 2026-11).")));
    }
  }

  static String reason(JsonObject body) {
    return body == null ? null : body.getValue("reason") instanceof String text ? text : null;
  }

  static int[] settings(JsonObject body) {
    Fields f = Fields.of(body);
    Integer due = f.integer("dueDay", 1, 31, "Le jour d'échéance est un jour du mois, de 1 à 31 (le dernier jour d'un mois plus court).");
    Integer before = f.integer("remindDaysBefore", 0, 28, "Le rappel part de 0 à 28 jours avant l'échéance.");
    if (due == null && !f.errors().stream().anyMatch(e -> e.field().equals("dueDay"))) {
      f.error("dueDay", "Indiquez le jour d'échéance des rapports.");
    }
    if (before == null && !f.errors().stream().anyMatch(e -> e.field().equals("remindDaysBefore"))) {
      f.error("remindDaysBefore", "Indiquez combien de jours avant l'échéance part le rappel.");
    }
    f.throwIfAny();
    return new int[] {due, before};
  }

  record Opening(UUID convention, int year) {
  }

  static Opening opening(JsonObject body) {
    Fields f = Fields.of(body);
    String convention = f.line("convention", 40);
    Integer year = f.integer("year", 1, 10, "L'année de la convention va de 1 à 10.");
    UUID id = null;
    if (convention == null) {
      f.error("convention", "Choisissez la convention.");
    } else {
      try {
        id = UUID.fromString(convention);
      } catch (IllegalArgumentException e) {
        f.error("convention", "Identifiant de convention inconnu.");
      }
    }
    if (year == null && f.errors().stream().noneMatch(e -> e.field().equals("year"))) {
      f.error("year", "Indiquez l'année de la convention (1, 2, 3…).");
    }
    f.throwIfAny();
    return new Opening(id, year);
  }

  static String[] completion(JsonObject body) {
    Fields f = Fields.of(body);
    String[] texts = {f.text("achievements", 8000), f.text("difficulties", 8000), f.text("outlook", 8000)};
    f.throwIfAny();
    return texts;
  }

  static Committee committee(JsonObject body) {
    Fields f = Fields.of(body);
    LocalDate date = f.date("date", fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT);
    if (date == null && f.errors().stream().noneMatch(e -> e.field().equals("date"))) {
      f.error("date", "Indiquez la date du comité de pilotage.");
    }
    String participants = f.text("participants", 4000);
    if (participants == null) {
      f.error("participants", "Indiquez qui a participé (structure, territoire, direction).");
    }
    String minutes = f.text("minutes", 20_000);
    if (minutes == null) {
      f.error("minutes", "Indiquez le compte rendu du comité.");
    }
    String code = f.line("decision", 20);
    Decision decision = Decision.of(code);
    if (decision == null) {
      f.error("decision", "La décision est « renew » (reconduction), « adjust » (ajustement) ou « stop » (arrêt).");
    }
    Long cents = f.whole("amountCents", 0, 100_000_000_000L, "Le montant est un nombre entier de centimes d'euro.");
    String objectives = f.text("objectives", 4000);
    f.throwIfAny();
    return new Committee(date, participants, minutes, decision, decision == Decision.ADJUST ? cents : null,
        decision == Decision.ADJUST ? objectives : null);
  }

  static List<FieldError> none() {
    return new ArrayList<>();
  }
}
