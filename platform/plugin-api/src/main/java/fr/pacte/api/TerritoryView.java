package fr.pacte.api;

/**
 * A territory of a tenant, as its {@code tenant.yaml} declares it.
 *
 * @param layer e.g. {@code territoire-action-sociale}
 * @param code  stable code, e.g. {@code amiens}
 * @param name  French name, e.g. "Amiens"
 * @since 1.4.0
 */
public record TerritoryView(String layer, String code, String name) {
}
