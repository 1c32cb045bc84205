package fr.pacte.api;

import java.util.Objects;

/**
 * A follow-up indicator ("indicateur de suivi") exactly as the fiche lists it, and how the host computes it.
 *
 * @param code        stable identifier
 * @param label       the wording of the fiche
 * @param unit        what is counted (e.g. "personnes", "ateliers")
 * @param computation how the host computes it from the pathway data (since 1.4.0); an indicator declared without one
 *                    is {@linkplain IndicatorComputation#entered() entered} per period by the programme manager
 * @since 1.0.0
 */
public record IndicatorDefinition(String code, LocalizedText label, String unit, IndicatorComputation computation) {

  public IndicatorDefinition {
    computation = computation == null ? IndicatorComputation.entered() : computation;
  }

  /** An indicator entered per period by the programme manager (the only kind before 1.4.0). */
  public IndicatorDefinition(String code, LocalizedText label, String unit) {
    this(code, label, unit, IndicatorComputation.entered());
  }

  /**
   * The same indicator computed by the host as {@code how} says.
   *
   * @since 1.4.0
   */
  public IndicatorDefinition computedAs(IndicatorComputation how) {
    return new IndicatorDefinition(code, label, unit, Objects.requireNonNull(how, "how"));
  }
}
