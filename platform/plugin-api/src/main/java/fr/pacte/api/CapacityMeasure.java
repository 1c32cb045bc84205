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
 * @since 1.4.0
 */
public record CapacityMeasure(String code, LocalizedText label, boolean countsPeopleAtOnce) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  /** People followed at the same time ("file active"), the unit of {@link CapacityUnit#PEOPLE_IN_FILE_ACTIVE}. */
  public static final CapacityMeasure PEOPLE_IN_FILE_ACTIVE =
      new CapacityMeasure("personnes-en-file-active", CapacityUnit.PEOPLE_IN_FILE_ACTIVE.label(), true);

  /** Workshops held per year, the unit of {@link CapacityUnit#WORKSHOPS_PER_YEAR}. */
  public static final CapacityMeasure WORKSHOPS_PER_YEAR =
      new CapacityMeasure("ateliers-par-an", CapacityUnit.WORKSHOPS_PER_YEAR.label(), false);

  public CapacityMeasure {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("capacity unit code must be lower-case letters, digits and dashes: " + code);
    }
    Objects.requireNonNull(label, "label");
  }

  /** A unit of the action type's own. */
  public static CapacityMeasure own(String code, LocalizedText label, boolean countsPeopleAtOnce) {
    return new CapacityMeasure(code, label, countsPeopleAtOnce);
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
