package fr.pacte.server.reporting;

import fr.pacte.server.web.FrenchDates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An operator's monthly report on one action (an offer item, and the convention funding it) in one territory: the
 * tableau de pilotage of the call for projects, its figures prefilled from the pathways and reconciled by the
 * operator, then validated by the territory, approved by the direction and locked.
 *
 * @param month the first day of the month reported
 * @param dueOn the day it is due, in the tenant's calendar
 */
public record MonthlyReport(UUID id, UUID offerId, String territory, String organisationId, String organisationName,
                            String actionType, String title, UUID conventionId, LocalDate month, LocalDate dueOn, State state,
                            List<Line> lines, String comment, OffsetDateTime submittedAt, String submittedBy,
                            OffsetDateTime validatedAt, String validatedBy, OffsetDateTime approvedAt, String approvedBy,
                            OffsetDateTime lockedAt, String reopenReason, int version) {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);

  public MonthlyReport {
    lines = List.copyOf(lines);
  }

  /** The workflow of a report. */
  public enum State implements fr.pacte.server.text.Coded {
    DRAFT("draft", "Brouillon"),
    SUBMITTED("submitted", "Transmis"),
    VALIDATED("validated", "Validé par le territoire"),
    APPROVED("approved", "Approuvé par la direction"),
    LOCKED("locked", "Verrouillé");

    private final String code;
    private final String label;

    State(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static State of(String code) {
      return fr.pacte.server.text.Coded.of(State.class, code);
    }
  }

  /**
   * One figure of the report.
   *
   * @param section   the part of the tableau it belongs to (file active, exits by type, workshops…)
   * @param prefilled what the pathway data gives
   * @param value     what the operator reports (the prefilled figure unless corrected)
   * @param comment   why the reported figure differs from the prefilled one (required then)
   */
  public record Line(String code, String section, String label, BigDecimal prefilled, BigDecimal value, String comment) {

    public boolean corrected() {
      return value.compareTo(prefilled) != 0;
    }

    public Line withValue(BigDecimal reported, String why) {
      return new Line(code, section, label, prefilled, reported, why == null ? "" : why);
    }

    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("section", section).put("label", label)
          .put("prefilled", prefilled).put("value", value).put("comment", comment == null ? "" : comment)
          .put("corrected", corrected());
    }

    static Line fromJson(JsonObject json) {
      return new Line(json.getString("code"), json.getString("section"), json.getString("label"),
          new BigDecimal(json.getValue("prefilled").toString()), new BigDecimal(json.getValue("value").toString()),
          json.getString("comment", ""));
    }

    /** The figure as a French reader writes it: "2,5". */
    public static String french(BigDecimal number) {
      return number.stripTrailingZeros().toPlainString().replace('.', ',');
    }
  }

  /** "novembre 2026". */
  public String monthLabel() {
    return monthLabel(month);
  }

  public static String monthLabel(LocalDate month) {
    return month.format(MONTH);
  }

  /** Whether the report was due and not sent on {@code today}. */
  public boolean lateOn(LocalDate today) {
    return state == State.DRAFT && today.isAfter(dueOn);
  }

  public Line line(String code) {
    return lines.stream().filter(l -> l.code().equals(code)).findFirst().orElse(null);
  }

  public JsonObject toJson(LocalDate today) {
    return new JsonObject().put("id", id.toString()).put("offer", offerId.toString()).put("territory", territory)
        .put("organisation", organisationId).put("organisationName", organisationName).put("actionType", actionType)
        .put("title", title).put("convention", conventionId == null ? null : conventionId.toString())
        .put("month", month.toString().substring(0, 7)).put("dueOn", dueOn.toString()).put("state", state.code())
        .put("stateLabel", state.label()).put("late", lateOn(today))
        .put("lines", new JsonArray(lines.stream().map(Line::toJson).toList())).put("comment", comment)
        .put("submittedAt", text(submittedAt)).put("submittedBy", submittedBy)
        .put("validatedAt", text(validatedAt)).put("validatedBy", validatedBy)
        .put("approvedAt", text(approvedAt)).put("approvedBy", approvedBy)
        .put("lockedAt", text(lockedAt)).put("reopenReason", reopenReason).put("version", version);
  }

  static String text(OffsetDateTime instant) {
    return instant == null ? null : instant.toString();
  }

  /** "30 décembre 2026". */
  public String dueLabel() {
    return FrenchDates.longDate(dueOn);
  }
}
