package fr.pacte.api;

/**
 * The unit in which the needs of a territory and the places of an offer are counted (seed 002, §II.C). Since 1.4.0 an
 * action type may count in a unit of its own: {@link #OWN} here, the unit itself in
 * {@link ActionTypeDescriptor#capacity()} ({@link CapacityMeasure}).
 *
 * @since 1.0.0
 */
public enum CapacityUnit {
  /** People followed at the same time ("file active"). */
  PEOPLE_IN_FILE_ACTIVE(LocalizedText.of("personnes en file active", "people in active caseload")),
  /** Workshops held per year ("nombre d'ateliers annuels"). */
  WORKSHOPS_PER_YEAR(LocalizedText.of("ateliers par an", "workshops per year")),
  /**
   * A unit of the action type's own, given by {@link ActionTypeDescriptor#capacity()}.
   *
   * @since 1.4.0
   */
  OWN(LocalizedText.of("unité propre au type d'action", "unit of the action type's own"));

  private final LocalizedText label;

  CapacityUnit(LocalizedText label) {
    this.label = label;
  }

  public LocalizedText label() {
    return label;
  }
}
