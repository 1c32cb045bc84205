package fr.pacte.server.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A call for projects as the département publishes it: its text, dates, envelope and the documents it asks for,
 * its lots and its selection grid. {@link #state} is the stored state; {@link #stateAt} is the one to show, since a
 * published call is closed from its deadline on even before the closing job has run.
 */
public record CallForProjects(UUID id, String code, Content content, State state, int version, Instant closesAt,
                              Instant publishedAt, Instant closedAt, UUID copiedFrom) {

  private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  /** The states of a call, in the order it goes through them. */
  public enum State implements fr.pacte.server.text.Coded {
    DRAFT("draft", "Brouillon"),
    PUBLISHED("published", "Publié"),
    CLOSED("closed", "Clôturé"),
    INSTRUCTION("instruction", "En instruction"),
    DECIDED("decided", "Décidé"),
    ARCHIVED("archived", "Archivé");

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

    /** The state that follows this one; archived is the last. */
    public State next() {
      return this == ARCHIVED ? ARCHIVED : values()[ordinal() + 1];
    }

    public static State of(String code) {
      return fr.pacte.server.text.Coded.of(State.class, code);
    }
  }

  /** Someone applicants may ask. */
  public record Contact(String name, String role, String email, String phone) {

    JsonObject toJson() {
      return new JsonObject().put("name", name).put("role", role).put("email", email).put("phone", phone);
    }
  }

  /** A need of a lot on one territory, in the action type's unit (file active, or workshops per year). */
  public record Need(String territory, String unit, int target) {

    JsonObject toJson() {
      return new JsonObject().put("territory", territory).put("unit", unit).put("target", target);
    }
  }

  /** An action type on one or more territories; its needs come from the tenant's needs when it is saved. */
  public record Lot(String code, String title, String actionType, List<String> territories, Long budgetCents,
                    List<Need> needs) {

    Lot withNeeds(List<Need> found) {
      return new Lot(code, title, actionType, territories, budgetCents, List.copyOf(found));
    }

    JsonObject toJson() {
      return new JsonObject().put("code", code).put("title", title).put("actionType", actionType)
          .put("territories", new JsonArray(territories)).put("budgetCents", budgetCents)
          .put("needs", new JsonArray(needs.stream().map(Need::toJson).toList()));
    }
  }

  /** A level of a criterion's scale: the score a reviewer gives and what it means. */
  public record Level(int score, String label) {

    JsonObject toJson() {
      return new JsonObject().put("score", score).put("label", label);
    }
  }

  /** A point a criterion is judged on, without a score of its own. */
  public record SubCriterion(String code, String label) {

    JsonObject toJson() {
      return new JsonObject().put("code", code).put("label", label);
    }
  }

  /** A criterion of the grid: general (actionType empty) or an action type's own (from its plugin). */
  public record Criterion(String code, String label, String actionType, int weight, List<Level> scale,
                          List<SubCriterion> subCriteria) {

    public boolean general() {
      return actionType.isEmpty();
    }

    JsonObject toJson() {
      return new JsonObject().put("code", code).put("label", label).put("actionType", actionType.isEmpty() ? null : actionType)
          .put("weight", weight).put("scale", new JsonArray(scale.stream().map(Level::toJson).toList()))
          .put("subCriteria", new JsonArray(subCriteria.stream().map(SubCriterion::toJson).toList()));
    }
  }

  /** What a call says: everything an editor writes, and what a copy takes over. */
  public record Content(String title, String thematic, List<String> programmeRefs, String context, String objectives,
                        String publicText, String territoriesText, String launchDecision, LocalDate launchDecisionDate,
                        LocalDate publicationDate, LocalDateTime deadline, String timeZone, List<Contact> contacts,
                        Long budgetCents, List<String> generalParts, List<String> projectParts, List<String> documents,
                        Integer indirectCostCapPercent, int maxConventionYears, String needsFrom, List<String> notes,
                        List<Lot> lots, List<Criterion> criteria) {

    public Content {
      programmeRefs = List.copyOf(programmeRefs);
      contacts = List.copyOf(contacts);
      generalParts = List.copyOf(generalParts);
      projectParts = List.copyOf(projectParts);
      documents = List.copyOf(documents);
      notes = List.copyOf(notes);
      lots = List.copyOf(lots);
      criteria = List.copyOf(criteria);
    }

    /** The instant submissions close: the deadline in the call's time zone. */
    public Instant closesAt() {
      return deadline == null ? null : deadline.atZone(ZoneId.of(timeZone)).toInstant();
    }

    Content with(List<Lot> newLots, List<Criterion> newCriteria) {
      return new Content(title, thematic, programmeRefs, context, objectives, publicText, territoriesText, launchDecision,
          launchDecisionDate, publicationDate, deadline, timeZone, contacts, budgetCents, generalParts, projectParts,
          documents, indirectCostCapPercent, maxConventionYears, needsFrom, notes, newLots, newCriteria);
    }

    /** A copy to start a new call from: same text, lots and grid, no dates. */
    Content copy() {
      return new Content("Copie de " + title, thematic, programmeRefs, context, objectives, publicText, territoriesText, "",
          null, null, null, timeZone, contacts, budgetCents, generalParts, projectParts, documents,
          indirectCostCapPercent, maxConventionYears, needsFrom, List.of(), lots, criteria);
    }
  }

  /** The state to show at {@code now}: a published call whose deadline has passed is closed. */
  public State stateAt(Instant now) {
    return state == State.PUBLISHED && closesAt != null && !now.isBefore(closesAt) ? State.CLOSED : state;
  }

  /** True while applications may still be submitted. */
  public boolean openAt(Instant now) {
    return stateAt(now) == State.PUBLISHED;
  }

  /**
   * The deadline as the call would write it: a deadline at 00:00 is "midnight" at the end of the day before
   * ("22 août 2025 à minuit" for 2025-08-23T00:00), otherwise the day and the time.
   */
  public static String deadlineLabel(LocalDateTime deadline) {
    if (deadline == null) {
      return "";
    }
    if (deadline.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return deadline.toLocalDate().minusDays(1).format(FRENCH_DAY) + " à minuit";
    }
    return deadline.toLocalDate().format(FRENCH_DAY) + " à " + deadline.toLocalTime().format(DateTimeFormatter.ofPattern("H'h'mm"));
  }

  public static String dayLabel(LocalDate day) {
    return day == null ? "" : day.format(FRENCH_DAY);
  }

  /** Cents as French euros ("1 234 567,89 €"); exact, no floating point. */
  public static String euros(Long cents) {
    if (cents == null) {
      return "";
    }
    String units = String.format(Locale.FRENCH, "%,d", cents / 100).replace('\u202f', ' ').replace('\u00a0', ' ');
    long rest = Math.abs(cents % 100);
    return units + (rest == 0 ? "" : "," + String.format("%02d", rest)) + " €";
  }

  public JsonObject toJson(Instant now) {
    Content c = content;
    return new JsonObject().put("id", id.toString()).put("code", code).put("title", c.title()).put("thematic", c.thematic())
        .put("programmeRefs", new JsonArray(c.programmeRefs()))
        .put("texts", new JsonObject().put("context", c.context()).put("objectives", c.objectives())
            .put("public", c.publicText()).put("territories", c.territoriesText()))
        .put("launchDecision", c.launchDecision())
        .put("launchDecisionDate", c.launchDecisionDate() == null ? null : c.launchDecisionDate().toString())
        .put("publicationDate", c.publicationDate() == null ? null : c.publicationDate().toString())
        .put("deadline", c.deadline() == null ? null : c.deadline().toString())
        .put("deadlineLabel", deadlineLabel(c.deadline()))
        .put("timeZone", c.timeZone())
        .put("closesAt", closesAt == null ? null : closesAt.toString())
        .put("contacts", new JsonArray(c.contacts().stream().map(Contact::toJson).toList()))
        .put("budgetCents", c.budgetCents())
        .put("generalParts", new JsonArray(c.generalParts())).put("projectParts", new JsonArray(c.projectParts()))
        .put("documents", new JsonArray(c.documents()))
        .put("indirectCostCapPercent", c.indirectCostCapPercent()).put("maxConventionYears", c.maxConventionYears())
        .put("needsFrom", c.needsFrom()).put("notes", new JsonArray(c.notes()))
        .put("lots", new JsonArray(c.lots().stream().map(Lot::toJson).toList()))
        .put("criteria", new JsonArray(c.criteria().stream().map(Criterion::toJson).toList()))
        .put("state", stateAt(now).code()).put("stateLabel", stateAt(now).label()).put("open", openAt(now))
        .put("version", version)
        .put("publishedAt", publishedAt == null ? null : publishedAt.toString())
        .put("copiedFrom", copiedFrom == null ? null : copiedFrom.toString());
  }
}
