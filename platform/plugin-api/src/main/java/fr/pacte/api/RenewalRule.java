package fr.pacte.api;

/**
 * Whether a participation may go beyond the maximum duration.
 *
 * @param renewable      false when the maximum is final
 * @param condition      the condition as the fiche states it (e.g. "Renouvellement si accompagnement au permis")
 * @param conditionField code of the participation field that records the condition (a boolean), or null
 * @since 1.0.0
 */
public record RenewalRule(boolean renewable, LocalizedText condition, String conditionField) {

  public static RenewalRule none() {
    return new RenewalRule(false, null, null);
  }

  public static RenewalRule when(LocalizedText condition, String conditionField) {
    return new RenewalRule(true, condition, conditionField);
  }
}
