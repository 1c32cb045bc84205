package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

  /** 23:30 UTC on 21 November: already the 22nd in Paris, still the 21st in Guadeloupe. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), ZoneOffset.UTC);

  @Test
  void todayIsInTheTenantsTimeZone() {
    assertEquals(LocalDate.of(2026, 11, 22), TenantSettings.today(new JsonObject(), clock));
    assertEquals(LocalDate.of(2026, 11, 22), TenantSettings.today(null, clock));
    assertEquals(LocalDate.of(2026, 11, 21),
        TenantSettings.today(new JsonObject().put("timeZone", "America/Guadeloupe"), clock));
    assertEquals(LocalDate.of(2026, 11, 22), TenantSettings.today(new JsonObject().put("timeZone", "Mars/Olympus"), clock));
    assertEquals(LocalDate.of(2026, 11, 22), TenantSettings.today(new JsonObject().put("timeZone", 4), clock));
  }

  @Test
  void territoriesAreSuggestionsFromTheConfiguration() {
    assertEquals(List.of(), TenantSettings.territories(new JsonObject()));
    assertEquals(List.of(), TenantSettings.territories(new JsonObject().put("territories", "Amiens")));
    assertEquals(List.of("Picardie Maritime", "Amiens"), TenantSettings.territories(new JsonObject()
        .put("territories", new JsonArray().add(" Picardie Maritime").add("").add(3).add("Amiens"))));
  }
}
