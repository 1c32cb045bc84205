package fr.pacte.plugins.mobility;

import fr.pacte.api.FieldError;
import fr.pacte.api.PluginContext;
import fr.pacte.api.TenantScope;
import fr.pacte.api.TerritoryView;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's territories (every layer: territoires d'action sociale, bassins de mobilité…), read from the platform
 * (API 1.4.0): the solicitation's territory is chosen among their names, not typed.
 */
final class TenantTerritories {

  private TenantTerritories() {
  }

  static Future<List<String>> names(PluginContext context, TenantScope tenant) {
    return tenant.transaction(sql -> context.platformData().territories(sql)).map(TenantTerritories::names);
  }

  static List<String> names(List<TerritoryView> territories) {
    List<String> names = new ArrayList<>();
    for (TerritoryView territory : territories) {
      if (!names.contains(territory.name())) {
        names.add(territory.name());
      }
    }
    return names;
  }

  /** The error on {@code territory} when the tenant has territories and the one given is not among them, else null. */
  static FieldError check(String territory, List<String> names) {
    if (territory == null || names.isEmpty() || names.contains(territory)) {
      return null;
    }
    return new FieldError(SolicitationInput.TERRITORY, "Choisissez un territoire du département parmi : "
        + String.join(", ", names) + ".");
  }
}
