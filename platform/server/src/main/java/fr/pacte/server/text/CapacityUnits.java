package fr.pacte.server.text;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityMeasure;
import fr.pacte.api.CapacityUnit;

/**
 * The words people read for a capacity unit. Calls, needs and conventions store the unit by its code
 * ({@code PEOPLE_IN_FILE_ACTIVE}, {@code WORKSHOPS_PER_YEAR}, {@code OWN}); an action type counting in a unit of its own
 * gives the words in its descriptor, so the descriptor wins whenever the action type is known.
 */
public final class CapacityUnits {

  private CapacityUnits() {
  }

  /** The measure of an action type, or of a stored unit code when the action type is not installed. */
  public static CapacityMeasure measure(String storedUnit, ActionTypeDescriptor type) {
    if (type != null) {
      return type.capacity();
    }
    for (CapacityUnit unit : CapacityUnit.values()) {
      if (unit != CapacityUnit.OWN && unit.name().equals(storedUnit)) {
        return CapacityMeasure.of(unit);
      }
    }
    return null;
  }

  /** The plural label in French, e.g. for a column heading ("places de garde"); empty when unknown. */
  public static String plural(String storedUnit, ActionTypeDescriptor type) {
    CapacityMeasure measure = measure(storedUnit, type);
    return measure == null ? "" : measure.label().fr();
  }

  /** The label that follows {@code count} in French ("1 place de garde", "12 places de garde"). */
  public static String after(long count, String storedUnit, ActionTypeDescriptor type) {
    CapacityMeasure measure = measure(storedUnit, type);
    return measure == null ? "" : measure.label(count).fr();
  }
}
