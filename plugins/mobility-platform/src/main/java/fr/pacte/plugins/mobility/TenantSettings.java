package fr.pacte.plugins.mobility;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What this module reads from its per-tenant configuration. Both keys are optional:
 * {@code timeZone} (IANA name, default Europe/Paris; overseas départements live in other zones) and
 * {@code territories} (names offered as suggestions in the form, e.g. the territoires d'action sociale).
 */
final class TenantSettings {

  static final String TIME_ZONE = "timeZone";
  static final String TERRITORIES = "territories";
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  private TenantSettings() {
  }

  static LocalDate today(JsonObject configuration, Clock clock) {
    return LocalDate.now(clock.withZone(zone(configuration)));
  }

  static ZoneId zone(JsonObject configuration) {
    Object value = configuration == null ? null : configuration.getValue(TIME_ZONE);
    if (value instanceof String name) {
      try {
        return ZoneId.of(name);
      } catch (DateTimeException e) {
        return DEFAULT_ZONE;
      }
    }
    return DEFAULT_ZONE;
  }

  static List<String> territories(JsonObject configuration) {
    Object value = configuration == null ? null : configuration.getValue(TERRITORIES);
    List<String> names = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String name && !name.isBlank()) {
          names.add(name.strip());
        }
      }
    }
    return names;
  }
}
