package fr.pacte.api;

/**
 * An entry a module adds to the tenant's navigation while it is enabled for that tenant.
 *
 * @param label shown in the menu
 * @param path  page path relative to the module's page root ({@code /t/{tenant}/modules/{plugin-id}/}), e.g. {@code ""}
 * @since 1.0.0
 */
public record NavigationEntry(LocalizedText label, String path) {
}
