package fr.pacte.server.reporting;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.server.reporting.MonthlyReport.Line;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tableau de pilotage of the call for projects (people positioned, length of the action, file active, actions and
 * dispositifs mobilised, exits by type; sessions for workshops) as the lines of a monthly report, from the figures the
 * store read. The action type's plugin adds its own lines through the participation fields it declares: each choice
 * counted per option, each yes/no field counted when yes, each number summed, each date counted when it falls in the
 * month (mobility: solutions mobilised, code and licence passed).
 */
final class Tableau {

  static final String POSITIONED = "Publics positionnés";
  static final String DURATION = "Durée de l'action";
  static final String FILE_ACTIVE = "Suivi de la file active";
  static final String MOBILISED = "Actions et dispositifs mobilisés";
  static final String EXITS = "Typologie des sorties";
  static final String WORKSHOPS = "Ateliers collectifs";

  private Tableau() {
  }

  /**
   * @param type       the action type's descriptor, or null when its plugin is not enabled any more
   * @param exitLabels the tenant's exit types, by code, in their order
   */
  static List<Line> lines(ReportStore.Figures f, ActionTypeDescriptor type, Map<String, String> exitLabels, LocalDate month) {
    List<Line> lines = new ArrayList<>();
    add(lines, "positioned", POSITIONED, "Personnes positionnées sur l'action dans le mois", whole(f.positioned()));
    add(lines, "file-active-start", FILE_ACTIVE, "File active au début du mois", whole(f.activeStart()));
    add(lines, "entries", FILE_ACTIVE, "Entrées dans le mois", whole(f.entries()));
    add(lines, "exits", FILE_ACTIVE, "Sorties dans le mois", whole(f.exits()));
    add(lines, "file-active-end", FILE_ACTIVE, "File active à la fin du mois", whole(f.activeEnd()));
    add(lines, "exited-length-days", DURATION, "Durée moyenne des parcours sortis dans le mois (jours)", tenth(f.exitedDays()));
    add(lines, "active-length-days", DURATION, "Ancienneté moyenne de la file active en fin de mois (jours)",
        tenth(f.activeDays()));
    Map<String, String> exits = new LinkedHashMap<>(exitLabels);
    f.exitsByType().keySet().forEach(code -> exits.putIfAbsent(code, code.isEmpty() ? "Sortie sans type" : code));
    exits.forEach((code, label) -> add(lines, "exit." + (code.isEmpty() ? "none" : code), EXITS, label,
        whole(f.exitsByType().getOrDefault(code, 0L))));
    if (type != null) {
      for (ParticipationField field : type.participationFields()) {
        mobilised(lines, field, f.followedFields(), month);
      }
    }
    if (f.sessions() > 0 || type != null && type.mode() == FollowUpMode.COLLECTIVE_WORKSHOPS) {
      add(lines, "sessions", WORKSHOPS, "Séances tenues dans le mois", whole(f.sessions()));
      add(lines, "participants", WORKSHOPS, "Participants distincts (présents)", whole(f.participants()));
      add(lines, "participants-per-session", WORKSHOPS, "Participants par séance (moyenne)",
          ratio(f.presences(), f.sessions()));
      add(lines, "sessions-per-participant", WORKSHOPS, "Séances par participant (moyenne)",
          ratio(f.presences(), f.participants()));
    }
    return lines;
  }

  private static void mobilised(List<Line> lines, ParticipationField field, List<JsonObject> followed, LocalDate month) {
    String code = "field." + field.code();
    String label = field.label().fr();
    switch (field.type()) {
      case CHOICE, MULTI_CHOICE -> {
        List<LocalizedText> options = field.options();
        for (int i = 0; i < options.size(); i++) {
          String option = options.get(i).fr();
          long count = followed.stream().filter(values -> chose(values.getValue(field.code()), option)).count();
          add(lines, code + "." + (i + 1), MOBILISED, label + " : " + option, whole(count));
        }
      }
      case BOOLEAN -> add(lines, code, MOBILISED, label + " (oui)",
          whole(followed.stream().filter(values -> Boolean.TRUE.equals(values.getValue(field.code()))).count()));
      case NUMBER -> add(lines, code, MOBILISED, label + " (total)", whole(followed.stream()
          .map(values -> values.getValue(field.code())).filter(v -> v instanceof Number)
          .mapToLong(v -> ((Number) v).longValue()).sum()));
      case DATE -> add(lines, code, MOBILISED, label + " (dans le mois)", whole(followed.stream()
          .filter(values -> inMonth(values.getValue(field.code()), month)).count()));
      case TEXT -> {
        // Free text is read on the participation itself, not counted.
      }
    }
  }

  private static boolean chose(Object value, String option) {
    if (value instanceof JsonArray list) {
      return list.contains(option);
    }
    return option.equals(value);
  }

  private static boolean inMonth(Object value, LocalDate month) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      LocalDate day = LocalDate.parse(text);
      return !day.isBefore(month) && !day.isAfter(month.plusMonths(1).minusDays(1));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void add(List<Line> lines, String code, String section, String label, BigDecimal value) {
    lines.add(new Line(code, section, label, value, value, ""));
  }

  private static BigDecimal whole(long value) {
    return BigDecimal.valueOf(value);
  }

  private static BigDecimal tenth(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value.setScale(1, RoundingMode.HALF_UP);
  }

  private static BigDecimal ratio(long numerator, long denominator) {
    return denominator == 0 ? BigDecimal.ZERO
        : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
  }
}
