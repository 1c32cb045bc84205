package fr.pacte.plugins.fseplus;

import fr.pacte.api.TenantScope;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/** Today in the tenant's time zone (configuration key {@code timeZone}, IANA name, default Europe/Paris). */
final class TenantToday {

  private final Clock clock;

  TenantToday(Clock clock) {
    this.clock = clock;
  }

  LocalDate of(TenantScope tenant) {
    ZoneId zone = ZoneId.of("Europe/Paris");
    Object configured = tenant.configuration().getValue("timeZone");
    if (configured instanceof String name) {
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        // keep the default
      }
    }
    return LocalDate.now(clock.withZone(zone));
  }
}
