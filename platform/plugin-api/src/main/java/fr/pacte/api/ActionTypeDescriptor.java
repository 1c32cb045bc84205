package fr.pacte.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything an action type ("fiche action") says about itself. All five fiches of the Somme call for
 * projects 2026-2028 fit this shape without special cases.
 *
 * @param code                   stable identifier, e.g. {@code plateforme-mobilite-solidaire}
 * @param label                  name of the action type
 * @param mode                   individual follow-up with a file active, or collective workshops
 * @param capacityUnit           unit of needs and places
 * @param targetPublic           "publics cibles et prérequis" as published
 * @param eligibility            who may enter
 * @param rhythm                 "rythme" as published (e.g. "Entrées et sorties permanentes")
 * @param maximumDurationMonths  maximum length of a participation in months, or null when the fiche sets none
 * @param renewal                whether and when the maximum may be exceeded
 * @param objectives             "objectifs de l'action"
 * @param modalities             "modalités de mise en œuvre"
 * @param participationFields    fields recorded on a participation
 * @param indicators             "indicateurs de suivi"
 * @param expectedOutcomes       "attendus"
 * @param selectionCriteria      the criteria a call for projects adds to its own grid for a lot of this type: those the
 *                               published call gives for this kind of action; for a fiche published in no call (a
 *                               PDI/PTI fiche, say), those the fiche itself states for choosing an operator, or an
 *                               empty list, in which case a call weighs lots of this type on its general criteria only
 * @param applicationAttachments the documents an application for a lot of this type must include beyond what every
 *                               application includes: as the call asks them, or as a fiche in no call states them, or
 *                               an empty list (a call then asks only its own documents)
 * @param notes                  remarks on the source (e.g. figures that disagree between two pages)
 * @param capacity               the unit of needs and places with its label (since 1.4.0): derived from
 *                               {@code capacityUnit} when null, required when {@code capacityUnit} is
 *                               {@link CapacityUnit#OWN} (or null), which is then set to {@code OWN}
 * @since 1.0.0
 */
public record ActionTypeDescriptor(
    String code,
    LocalizedText label,
    FollowUpMode mode,
    CapacityUnit capacityUnit,
    LocalizedText targetPublic,
    Eligibility eligibility,
    LocalizedText rhythm,
    Integer maximumDurationMonths,
    RenewalRule renewal,
    List<String> objectives,
    List<String> modalities,
    List<ParticipationField> participationFields,
    List<IndicatorDefinition> indicators,
    List<String> expectedOutcomes,
    List<SelectionCriterion> selectionCriteria,
    List<String> applicationAttachments,
    List<String> notes,
    CapacityMeasure capacity) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  public ActionTypeDescriptor {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("action type code must be lower-case letters, digits and dashes: " + code);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(mode, "mode");
    if (capacity == null) {
      Objects.requireNonNull(capacityUnit, "capacityUnit");
      capacity = CapacityMeasure.of(capacityUnit);
    } else if (capacityUnit == null) {
      capacityUnit = CapacityUnit.OWN;
    }
    Objects.requireNonNull(eligibility, "eligibility");
    if (maximumDurationMonths != null && maximumDurationMonths <= 0) {
      throw new IllegalArgumentException("maximumDurationMonths must be positive");
    }
    renewal = renewal == null ? RenewalRule.none() : renewal;
    objectives = List.copyOf(objectives);
    modalities = List.copyOf(modalities);
    participationFields = List.copyOf(participationFields);
    indicators = List.copyOf(indicators);
    expectedOutcomes = List.copyOf(expectedOutcomes);
    selectionCriteria = List.copyOf(selectionCriteria);
    applicationAttachments = List.copyOf(applicationAttachments);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /**
   * The descriptor as built up to 1.3.0, in one of the call's capacity units.
   *
   * @since 1.0.0
   */
  public ActionTypeDescriptor(String code, LocalizedText label, FollowUpMode mode, CapacityUnit capacityUnit,
                              LocalizedText targetPublic, Eligibility eligibility, LocalizedText rhythm,
                              Integer maximumDurationMonths, RenewalRule renewal, List<String> objectives,
                              List<String> modalities, List<ParticipationField> participationFields,
                              List<IndicatorDefinition> indicators, List<String> expectedOutcomes,
                              List<SelectionCriterion> selectionCriteria, List<String> applicationAttachments,
                              List<String> notes) {
    this(code, label, mode, capacityUnit, targetPublic, eligibility, rhythm, maximumDurationMonths, renewal, objectives,
        modalities, participationFields, indicators, expectedOutcomes, selectionCriteria, applicationAttachments, notes,
        null);
  }

  /** The descriptor as JSON, as Pacte's API serves it (every field, labels as {@code {fr, en}}). */
  public io.vertx.core.json.JsonObject toJson() {
    return DescriptorJson.toJson(this);
  }
}
