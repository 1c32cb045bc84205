package fr.pacte.bench.national;

import fr.pacte.bench.national.Departements.Departement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What one département's generation shares: its random numbers (seeded by the seed and the département's code, so
 * that départements are generated in parallel in any order and give the same data), its connection, the calendar
 * of the data set and what each step leaves for the next (operators, offer items, people).
 */
final class TenantLoad {

  /** The three years of data: January 2024 to December 2026, events up to the end of November 2026. */
  static final LocalDate START = LocalDate.of(2024, 1, 1);
  static final LocalDate DATA_END = LocalDate.of(2026, 11, 30);
  static final LocalDate PERIOD_END = LocalDate.of(2026, 12, 31);
  /** The Somme's people on the RSA: the figures of the data set are the Somme's, scaled by this ratio. */
  static final double SOMME_RSA = 19_814;

  final Departement departement;
  final double scale;
  final SplittableRandom random;
  final Connection connection;
  final ZoneId zone;
  /** Whether Pacte made the demonstration operator in this tenant (embedded default): it then runs some of the items. */
  final boolean demoOperator;
  final List<OfferAndOperators.Item> items = new ArrayList<>();
  final List<String> territories;

  TenantLoad(Departement departement, double scale, long seed, Connection connection, boolean demoOperator) {
    this.departement = departement;
    this.scale = scale;
    this.random = new SplittableRandom(seed * 1_000_003L + departement.code().hashCode());
    this.connection = connection;
    this.zone = fr.pacte.server.tenancy.Tenant.defaultZone(departement.code());
    this.demoOperator = demoOperator;
    this.territories = departement.territories().stream().map(t -> t.code()).toList();
  }

  String tenant() {
    return departement.slug();
  }

  /** People on the RSA generated in this département. */
  int people() {
    return (int) Math.round(departement.rsaPopulation() * scale);
  }

  /** How this département compares with the Somme, at this scale. */
  double sommeRatio() {
    return departement.rsaPopulation() * scale / SOMME_RSA;
  }

  /** A random UUID (version 4) from the département's random numbers: the same seed gives the same ids. */
  UUID uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  LocalDate dayBetween(LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - from.toEpochDay();
    return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
  }

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  CopyRows copy(String table, String columns) {
    return new CopyRows(connection, table, columns);
  }

  void commit() {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
