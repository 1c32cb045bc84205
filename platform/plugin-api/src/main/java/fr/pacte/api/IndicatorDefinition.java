package fr.pacte.api;

/**
 * A follow-up indicator ("indicateur de suivi") exactly as the fiche lists it.
 *
 * @param code  stable identifier
 * @param label the wording of the fiche
 * @param unit  what is counted (e.g. "personnes", "ateliers")
 * @since 1.0.0
 */
public record IndicatorDefinition(String code, LocalizedText label, String unit) {
}
