package fr.pacte.api;

/**
 * A criterion on which reviewers score an application for this action type in a call for projects.
 *
 * @param code  stable identifier
 * @param label the wording of the call
 * @since 1.0.0
 */
public record SelectionCriterion(String code, LocalizedText label) {
}
