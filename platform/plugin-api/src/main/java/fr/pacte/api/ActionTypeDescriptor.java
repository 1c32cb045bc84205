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
 * @param selectionCriteria      the action type's own criteria in a call for projects
 * @param applicationAttachments documents the call asks with an application for this type
 * @param notes                  remarks on the source (e.g. figures that disagree between two pages)
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
    List<String> notes) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  public ActionTypeDescriptor {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("action type code must be lower-case letters, digits and dashes: " + code);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(capacityUnit, "capacityUnit");
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

  /** The descriptor as JSON, as Pacte's API serves it (every field, labels as {@code {fr, en}}). */
  public io.vertx.core.json.JsonObject toJson() {
    return DescriptorJson.toJson(this);
  }
}
