package fr.pacte.api;

import java.util.List;
import java.util.Objects;

/**
 * How the host computes an {@link IndicatorDefinition} from the pathway data, for any period, territory, operator and
 * convention. A plugin declares it beside the indicator; the host knows every {@link Kind}. An indicator the data
 * cannot give ({@link #entered()}) is entered per period by the programme manager, with its source.
 *
 * <p>Counts over a period read the monthly figures the host keeps as orientations and workshops change. Counts on a
 * participation field read the participations followed during the period (entered before its end and not exited
 * before its start), each counted once per period.
 *
 * @param kind   what is counted
 * @param fields the participation fields read (for the {@code FIELD_*} kinds), or the exit type (for
 *               {@link Kind#EXITS}, empty for every exit); empty otherwise
 * @param value  the value counted (for {@link Kind#FIELD_EQUALS}), or null
 * @since 1.4.0
 */
public record IndicatorComputation(Kind kind, List<String> fields, String value) {

  /**
   * What the host counts.
   *
   * @since 1.4.0
   */
  public enum Kind {
    /** Orientations made onto the action during the period, whatever became of them (requests, positionings). */
    ORIENTATIONS,
    /** Entries on the action during the period (follow-ups started). */
    ENTRIES,
    /** People followed during the period: the file active at its start plus the entries during it. */
    PEOPLE_FOLLOWED,
    /** Exits during the period, of one exit type when {@code fields} names it. */
    EXITS,
    /** Mean length in days of the follow-ups that ended during the period. */
    MEAN_DURATION_DAYS,
    /** Workshop sessions held during the period. */
    WORKSHOP_SESSIONS,
    /** Participants present per session held during the period (mean). */
    PARTICIPANTS_PER_SESSION,
    /** Sessions attended per participant present at least once during the period (mean). */
    SESSIONS_PER_PARTICIPANT,
    /** Participations followed during the period whose yes/no field is yes, or whose field is filled in. */
    FIELD_TRUE,
    /** Participations' fields equal to {@code value}, each field of each participation counted once. */
    FIELD_EQUALS,
    /** Choices made in a multiple-choice field, added over the participations. */
    FIELD_CHOICES,
    /** Sum of a number field over the participations. */
    FIELD_SUM,
    /** Not computed from the data: the programme manager enters it per period, with its source. */
    ENTERED
  }

  public IndicatorComputation {
    Objects.requireNonNull(kind, "kind");
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** See {@link Kind#ORIENTATIONS}. */
  public static IndicatorComputation orientations() {
    return new IndicatorComputation(Kind.ORIENTATIONS, List.of(), null);
  }

  /** See {@link Kind#ENTRIES}. */
  public static IndicatorComputation entries() {
    return new IndicatorComputation(Kind.ENTRIES, List.of(), null);
  }

  /** See {@link Kind#PEOPLE_FOLLOWED}. */
  public static IndicatorComputation peopleFollowed() {
    return new IndicatorComputation(Kind.PEOPLE_FOLLOWED, List.of(), null);
  }

  /** Every exit ({@code exitType} null) or the exits of one type (its code in the référentiel exit-types). */
  public static IndicatorComputation exits(String exitType) {
    return new IndicatorComputation(Kind.EXITS, exitType == null ? List.of() : List.of(exitType), null);
  }

  /** See {@link Kind#MEAN_DURATION_DAYS}. */
  public static IndicatorComputation meanDurationDays() {
    return new IndicatorComputation(Kind.MEAN_DURATION_DAYS, List.of(), null);
  }

  /** See {@link Kind#WORKSHOP_SESSIONS}. */
  public static IndicatorComputation workshopSessions() {
    return new IndicatorComputation(Kind.WORKSHOP_SESSIONS, List.of(), null);
  }

  /** See {@link Kind#PARTICIPANTS_PER_SESSION}. */
  public static IndicatorComputation participantsPerSession() {
    return new IndicatorComputation(Kind.PARTICIPANTS_PER_SESSION, List.of(), null);
  }

  /** See {@link Kind#SESSIONS_PER_PARTICIPANT}. */
  public static IndicatorComputation sessionsPerParticipant() {
    return new IndicatorComputation(Kind.SESSIONS_PER_PARTICIPANT, List.of(), null);
  }

  /** Participations whose yes/no field {@code field} is yes (or, for another type, is filled in). */
  public static IndicatorComputation fieldTrue(String field) {
    return new IndicatorComputation(Kind.FIELD_TRUE, List.of(field), null);
  }

  /** Fields among {@code fields} equal to {@code value} (a choice's French wording), over the participations. */
  public static IndicatorComputation fieldEquals(String value, String... fields) {
    return new IndicatorComputation(Kind.FIELD_EQUALS, List.of(fields), Objects.requireNonNull(value, "value"));
  }

  /** Choices made in the multiple-choice field {@code field}, added over the participations. */
  public static IndicatorComputation fieldChoices(String field) {
    return new IndicatorComputation(Kind.FIELD_CHOICES, List.of(field), null);
  }

  /** Sum of the number field {@code field} over the participations. */
  public static IndicatorComputation fieldSum(String field) {
    return new IndicatorComputation(Kind.FIELD_SUM, List.of(field), null);
  }

  /** See {@link Kind#ENTERED}. */
  public static IndicatorComputation entered() {
    return new IndicatorComputation(Kind.ENTERED, List.of(), null);
  }
}
