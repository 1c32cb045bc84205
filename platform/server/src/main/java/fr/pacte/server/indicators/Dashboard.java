package fr.pacte.server.indicators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The figures of a dashboard for one filter: month by month the file active against its target, entries, exits by
 * type, occupancy of the funded places and workshop attendance; per territory the call's needs, the funded places and
 * the file active at the end of the period. Occupancy and places count the action types measured in people in the file
 * active (workshops are counted per year, not in places).
 *
 * @param waiting people on the waiting list at the end of the period
 */
record Dashboard(IndicatorFilter filter, List<MonthFigures> months, Map<String, String> exitTypes, List<ExitMonth> exits,
                 List<TerritoryFigures> territories, int waiting) {

  /**
   * One month.
   *
   * @param objective  the conventions' objectives of file active for that month (their year), or null without any
   * @param occupancy  file active of the people-counted action types ÷ their funded places, in percent, or null without
   *                   places
   * @param waitingEnd people on the waiting list at the end of the month: those who joined it minus those who left it,
   *                   that month and before
   */
  record MonthFigures(YearMonth month, int fileStart, int entries, int exits, int fileEnd, int orientations, int sessions,
                      int registered, int present, int absent, int excused, int peopleFileEnd, int places, Integer objective,
                      Integer occupancy, int waitingJoined, int waitingLeft, int waitingEnd) {

    JsonObject toJson() {
      return new JsonObject().put("month", month.toString()).put("fileActiveStart", fileStart).put("entries", entries)
          .put("exits", exits).put("fileActiveEnd", fileEnd).put("orientations", orientations).put("sessions", sessions)
          .put("registered", registered).put("present", present).put("absent", absent).put("excused", excused)
          .put("placesFileActive", peopleFileEnd).put("places", places).put("objective", objective)
          .put("occupancyPercent", occupancy).put("waitingJoined", waitingJoined).put("waitingLeft", waitingLeft)
          .put("waitingEnd", waitingEnd);
    }
  }

  /** Exits of one month by exit type (code → count). */
  record ExitMonth(YearMonth month, Map<String, Integer> byType) {
  }

  /** One territory at the end of the period. */
  record TerritoryFigures(String territory, String name, int need, int places, int fileActive, Integer occupancy) {

    JsonObject toJson() {
      return new JsonObject().put("territory", territory).put("territoryName", name).put("need", need).put("places", places)
          .put("fileActive", fileActive).put("occupancyPercent", occupancy);
    }
  }

  static Integer percent(int part, int whole) {
    return whole <= 0 ? null : (int) Math.round(100.0 * part / whole);
  }

  JsonObject toJson() {
    JsonArray exitRows = new JsonArray();
    for (ExitMonth month : exits) {
      month.byType().forEach((type, count) -> exitRows.add(new JsonObject().put("month", month.month().toString())
          .put("exitType", type).put("exitTypeLabel", exitTypes.getOrDefault(type, type)).put("exits", count)));
    }
    return new JsonObject()
        .put("from", filter.from().toString()).put("to", filter.to().toString())
        .put("actionType", filter.actionType()).put("territory", filter.territory())
        .put("organisation", filter.organisation()).put("convention", filter.convention() == null ? null : filter.convention().toString())
        .put("waiting", waiting)
        .put("months", new JsonArray(months.stream().map(MonthFigures::toJson).toList()))
        .put("exits", exitRows)
        .put("territories", new JsonArray(territories.stream().map(TerritoryFigures::toJson).toList()));
  }
}
