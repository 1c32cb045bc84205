package fr.pacte.server.reporting;

import fr.pacte.server.pathways.ProgressGrids;
import fr.pacte.server.pathways.ProgressGrids.Item;
import fr.pacte.server.reporting.EvaluationStore.GridSpan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The progress grids and satisfaction questionnaires of one year of an action, as the fiche bilan summarises them:
 * how many grids, and for the participations with at least two grids in the year the average level of each criterion
 * on their first and on their last grid, with the average change; for the questionnaires, the answers per level, the
 * average and the share of satisfied people (levels 3 and 4) per question.
 */
final class ProgressSummary {

  private ProgressSummary() {
  }

  /** The summary of a year without any grid or questionnaire. */
  static JsonObject none() {
    return of(null, List.of(), List.of());
  }

  static JsonObject of(String actionType, List<GridSpan> spans, List<JsonObject> answers) {
    List<GridSpan> compared = spans.stream().filter(s -> s.grids() >= 2).toList();
    JsonArray criteria = new JsonArray();
    for (Item item : actionType == null ? List.<Item>of() : ProgressGrids.criteria(actionType)) {
      long first = 0;
      long last = 0;
      int counted = 0;
      for (GridSpan span : compared) {
        Integer from = span.first().getInteger(item.code());
        Integer to = span.last().getInteger(item.code());
        if (from != null && to != null) {
          first += from;
          last += to;
          counted++;
        }
      }
      criteria.add(new JsonObject().put("code", item.code()).put("label", item.label()).put("compared", counted)
          .put("first", average(first, counted)).put("last", average(last, counted))
          .put("change", average(last - first, counted)));
    }
    JsonArray questions = new JsonArray();
    for (Item question : ProgressGrids.QUESTIONNAIRE) {
      long[] levels = new long[4];
      long sum = 0;
      int counted = 0;
      for (JsonObject answer : answers) {
        Integer level = answer.getInteger(question.code());
        if (level != null && level >= 1 && level <= 4) {
          levels[level - 1]++;
          sum += level;
          counted++;
        }
      }
      JsonArray byLevel = new JsonArray();
      for (int i = 0; i < 4; i++) {
        byLevel.add(new JsonObject().put("level", i + 1).put("label", ProgressGrids.SATISFACTION_LEVELS.get(i))
            .put("count", levels[i]));
      }
      questions.add(new JsonObject().put("code", question.code()).put("label", question.label()).put("answered", counted)
          .put("average", average(sum, counted))
          .put("satisfiedPercent", counted == 0 ? null : (int) Math.round(100.0 * (levels[2] + levels[3]) / counted))
          .put("levels", byLevel));
    }
    return new JsonObject().put("actionType", actionType)
        .put("grids", spans.stream().mapToLong(GridSpan::grids).sum())
        .put("participations", spans.size()).put("compared", compared.size()).put("criteria", criteria)
        .put("satisfaction", new JsonObject().put("answered", answers.size()).put("questions", questions));
  }

  /** The criteria as read on the page and in the PDF: label, first, last, change (French decimals), compared. */
  static List<List<String>> criteriaRows(JsonObject progress) {
    List<List<String>> rows = new java.util.ArrayList<>();
    JsonArray criteria = progress.getJsonArray("criteria", new JsonArray());
    for (int i = 0; i < criteria.size(); i++) {
      JsonObject c = criteria.getJsonObject(i);
      rows.add(List.of(c.getString("label"), french(c.getValue("first")), french(c.getValue("last")),
          signed(c.getValue("change")), String.valueOf(c.getValue("compared"))));
    }
    return rows;
  }

  /** The questions as read on the page and in the PDF: label, answers per level 1 to 4, average, satisfied share. */
  static List<List<String>> satisfactionRows(JsonObject progress) {
    List<List<String>> rows = new java.util.ArrayList<>();
    JsonArray questions = progress.getJsonObject("satisfaction", new JsonObject()).getJsonArray("questions", new JsonArray());
    for (int i = 0; i < questions.size(); i++) {
      JsonObject q = questions.getJsonObject(i);
      List<String> row = new java.util.ArrayList<>(List.of(q.getString("label")));
      JsonArray levels = q.getJsonArray("levels", new JsonArray());
      for (int l = 0; l < levels.size(); l++) {
        row.add(String.valueOf(levels.getJsonObject(l).getValue("count")));
      }
      row.add(french(q.getValue("average")));
      row.add(q.getValue("satisfiedPercent") == null ? "—" : q.getValue("satisfiedPercent") + " %");
      rows.add(row);
    }
    return rows;
  }

  /** The headings of {@link #satisfactionRows}. */
  static List<String> satisfactionHeadings() {
    List<String> headings = new java.util.ArrayList<>(List.of("Question"));
    headings.addAll(ProgressGrids.SATISFACTION_LEVELS);
    headings.add("Moyenne (1 à 4)");
    headings.add("Satisfaits");
    return headings;
  }

  static final List<String> CRITERIA_HEADINGS = List.of("Critère", "Première grille (moyenne, 1 à 4)",
      "Dernière grille (moyenne, 1 à 4)", "Progression moyenne", "Participations comparées");

  private static String french(Object number) {
    return number == null ? "—" : new BigDecimal(number.toString()).setScale(2, RoundingMode.HALF_UP).toPlainString()
        .replace('.', ',');
  }

  private static String signed(Object number) {
    if (number == null) {
      return "—";
    }
    String text = french(number);
    return new BigDecimal(number.toString()).signum() > 0 ? "+" + text : text;
  }

  /** An average to two decimals, or null when nothing was counted. */
  private static BigDecimal average(long sum, int count) {
    return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }
}
