package fr.pacte.server.plugins;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * Whether a tenant has a plugin enabled, with its configuration there.
 *
 * @param version incremented on each change; a change must name the version it read (optimistic locking)
 */
public record Enablement(String pluginId, boolean enabled, JsonObject configuration, int version, String changedBy,
                         OffsetDateTime changedAt) {

  public static Enablement never(String pluginId) {
    return new Enablement(pluginId, false, new JsonObject(), 0, null, null);
  }
}
