package fr.pacte.api;

/**
 * One value of a référentiel: its stable code and its French label in the tenant.
 *
 * @since 1.4.0
 */
public record ReferenceValue(String code, String label) {
}
