package fr.pacte.server.tenancy;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;

/**
 * A département using Pacte.
 *
 * @param slug            identifier in URLs, e.g. {@code somme}
 * @param name            official name, e.g. "Département de la Somme"
 * @param departementCode INSEE code, e.g. {@code 80}, {@code 03}, {@code 2A}
 * @param branding        how its pages look
 * @param territories     its territory layers (territoires d'action sociale, bassins de mobilité…)
 * @param plugins         the plugins its file enables, with their configuration
 * @param notes           remarks on the source data (e.g. territories the seed does not name)
 * @param timeZone        where its deadlines fall and its dates are read; null: the zone of its département code
 */
public record Tenant(
    String slug,
    String name,
    String departementCode,
    Branding branding,
    List<Territory> territories,
    List<PluginSetting> plugins,
    List<String> notes,
    ZoneId timeZone) {

  public Tenant {
    timeZone = timeZone == null ? defaultZone(departementCode) : timeZone;
    territories = List.copyOf(territories);
    plugins = List.copyOf(plugins);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The time zone of a département: overseas ones have their own, every other one is in Paris. */
  public static ZoneId defaultZone(String departementCode) {
    return ZoneId.of(switch (departementCode == null ? "" : departementCode) {
      case "971" -> "America/Guadeloupe";
      case "972" -> "America/Martinique";
      case "973" -> "America/Cayenne";
      case "974" -> "Indian/Reunion";
      case "976" -> "Indian/Mayotte";
      default -> "Europe/Paris";
    });
  }

  /** Display name, colour ({@code #rrggbb}) and an optional logo (SVG or PNG bytes). */
  public record Branding(String displayName, String colour, byte[] logo, String logoMediaType) {
  }

  /** One area of a territory layer, valid between two optional dates. */
  public record Territory(String layer, String code, String name, java.time.LocalDate validFrom, java.time.LocalDate validTo)
      implements fr.pacte.server.identity.Territory {

    public JsonObject toJson() {
      return new JsonObject().put("layer", layer).put("code", code).put("name", name)
          .put("validFrom", validFrom == null ? null : validFrom.toString())
          .put("validTo", validTo == null ? null : validTo.toString());
    }
  }

  /** A plugin enabled by the tenant's file, with its configuration for the tenant. */
  public record PluginSetting(String pluginId, JsonObject configuration) {
  }
}
