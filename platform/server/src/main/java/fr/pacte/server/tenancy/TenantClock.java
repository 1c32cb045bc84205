package fr.pacte.server.tenancy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;

/**
 * Today and now as a tenant sees them: one clock (fixed in tests) read in the tenant's time zone. A deadline of
 * the 21st in Cayenne is still open at 02:00 UTC on the 22nd, when it is already past in Paris.
 */
public final class TenantClock {

  private final Clock clock;
  private final Function<String, ZoneId> zones;

  public TenantClock(Clock clock, Function<String, ZoneId> zones) {
    this.clock = Objects.requireNonNull(clock);
    this.zones = Objects.requireNonNull(zones);
  }

  /** The system clock, in the zones the tenant registry holds. */
  public static TenantClock system(TenantService tenants) {
    return new TenantClock(Clock.systemUTC(), tenants::zone);
  }

  public Clock clock() {
    return clock;
  }

  public ZoneId zone(String tenant) {
    return zones.apply(tenant);
  }

  /** The tenant's date now. */
  public LocalDate today(String tenant) {
    return LocalDate.now(clock.withZone(zone(tenant)));
  }

  /** An instant as the tenant's wall clock shows it (for dates shown on pages). */
  public OffsetDateTime local(String tenant, OffsetDateTime instant) {
    return instant == null ? null : instant.atZoneSameInstant(zone(tenant)).toOffsetDateTime();
  }
}
