package fr.pacte.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unit in which an action type counts the needs of a territory and the places of an offer, open to units of the
 * action type's own (e.g. "places d'accueil du jeune enfant") beside the two of the Somme call ({@link CapacityUnit}).
 *
 * @param code             stable identifier, lower-case letters, digits and dashes (e.g. {@code places-de-garde})
 * @param label            the unit as people read it, plural (e.g. "places de garde")
 * @param countsPeopleAtOnce whether a place is taken by one person for the length of a participation, so that the
 *                         host counts the places left from the participations in progress (as for
 *                         {@link CapacityUnit#PEOPLE_IN_FILE_ACTIVE}); false when the unit counts something else
 *                         (workshops, hours…), where the host does not refuse an orientation for want of places
 * @param singular         the unit for one (e.g. "place de garde"), shown after a count of 0 or 1 as French does;
 *                         the plural {@code label} when null
 * @since 1.4.0
 */
public record CapacityMeasure(String code, LocalizedText label, boolean countsPeopleAtOnce, LocalizedText singular) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  /** People followed at the same time ("file active"), the unit of {@link CapacityUnit#PEOPLE_IN_FILE_ACTIVE}. */
  public static final CapacityMeasure PEOPLE_IN_FILE_ACTIVE =
      new CapacityMeasure("personnes-en-file-active", CapacityUnit.PEOPLE_IN_FILE_ACTIVE.label(), true,
          LocalizedText.of("personne en file active", "person in active caseload"));

  /** Workshops held per year, the unit of {@link CapacityUnit#WORKSHOPS_PER_YEAR}. */
  public static final CapacityMeasure WORKSHOPS_PER_YEAR =
      new CapacityMeasure("ateliers-par-an", CapacityUnit.WORKSHOPS_PER_YEAR.label(), false,
          LocalizedText.of("atelier par an", "workshop per year"));

  public CapacityMeasure {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("capacity unit code must be lower-case letters, digits and dashes: " + code);
    }
    Objects.requireNonNull(label, "label");
    if (singular == null) {
      singular = label;
    }
  }

  /** A unit with its plural label only, also used for one. */
  public CapacityMeasure(String code, LocalizedText label, boolean countsPeopleAtOnce) {
    this(code, label, countsPeopleAtOnce, null);
  }

  /** A unit of the action type's own, with its plural label only. */
  public static CapacityMeasure own(String code, LocalizedText label, boolean countsPeopleAtOnce) {
    return new CapacityMeasure(code, label, countsPeopleAtOnce);
  }

  /** A unit of the action type's own, plural ("places de garde") and singular ("place de garde"). */
  public static CapacityMeasure own(String code, LocalizedText plural, LocalizedText singular, boolean countsPeopleAtOnce) {
    return new CapacityMeasure(code, plural, countsPeopleAtOnce, singular);
  }

  /** The label that follows {@code count} in French: singular for 0 and 1, plural beyond. */
  public LocalizedText label(long count) {
    return Math.abs(count) < 2 ? singular : label;
  }

  /** The measure of one of the call's units; {@link CapacityUnit#OWN} has none (the descriptor gives its own). */
  public static CapacityMeasure of(CapacityUnit unit) {
    return switch (unit) {
      case PEOPLE_IN_FILE_ACTIVE -> PEOPLE_IN_FILE_ACTIVE;
      case WORKSHOPS_PER_YEAR -> WORKSHOPS_PER_YEAR;
      case OWN -> throw new IllegalArgumentException("CapacityUnit.OWN: give the action type's own CapacityMeasure");
    };
  }
}
