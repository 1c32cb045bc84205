package fr.pacte.api;

/**
 * The unit in which the needs of a territory and the places of an offer are counted (seed 002, §II.C).
 *
 * @since 1.0.0
 */
public enum CapacityUnit {
  /** People followed at the same time ("file active"). */
  PEOPLE_IN_FILE_ACTIVE(LocalizedText.of("personnes en file active", "people in active caseload")),
  /** Workshops held per year ("nombre d'ateliers annuels"). */
  WORKSHOPS_PER_YEAR(LocalizedText.of("ateliers par an", "workshops per year"));

  private final LocalizedText label;

  CapacityUnit(LocalizedText label) {
    this.label = label;
  }

  public LocalizedText label() {
    return label;
  }
}
