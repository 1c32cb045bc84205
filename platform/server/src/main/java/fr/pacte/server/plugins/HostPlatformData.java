package fr.pacte.server.plugins;

import fr.pacte.api.ConventionView;
import fr.pacte.api.ParticipationView;
import fr.pacte.api.PlatformData;
import fr.pacte.api.ReferenceValue;
import fr.pacte.api.TenantSql;
import fr.pacte.api.TerritoryView;
import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's data as plugins read it ({@link PlatformData}): fixed, read-only statements run through the plugin's
 * own tenant transaction, so the platform tables' row-level security keeps them to that transaction's tenant. A
 * {@link TenantSql} the host did not make is refused.
 */
final class HostPlatformData implements PlatformData {

  private static final String TERRITORIES = """
      SELECT layer, code, name FROM platform.territory ORDER BY layer, position, name""";
  private static final String EXIT_TYPE_OVERRIDES = """
      SELECT code, label FROM platform.referential_override WHERE kind = 'exit-types'""";
  private static final String CONVENTIONS = """
      SELECT c.id, c.reference, c.title, c.organisation_id, o.name AS organisation_name, c.action_type, c.period_start,
             c.period_end, c.state, c.territories, c.offer_id, c.terms -> 'years' AS years
      FROM platform.convention c JOIN platform.organisation o ON o.tenant_id = c.tenant_id AND o.id = c.organisation_id
      """;
  private static final String PARTICIPATIONS = """
      SELECT o.id, o.person_id, p.birth_date, o.rsa_recipient, o.territory, o.action_type, o.offer_id,
             o.organisation_id, o.state, o.entry_date, o.exit_date, o.exit_type
      FROM platform.orientation o JOIN platform.person p ON p.tenant_id = o.tenant_id AND p.id = o.person_id
      WHERE o.state IN ('in', 'exited') AND o.entry_date IS NOT NULL
      """;
  private static final String ORDER_PARTICIPATIONS = " ORDER BY o.entry_date, o.id";

  private final Map<String, String> nationalExitTypes;

  /** @param nationalExitTypes the national exit types, code to label, in their order; a tenant may rename them */
  HostPlatformData(Map<String, String> nationalExitTypes) {
    this.nationalExitTypes = Map.copyOf(nationalExitTypes);
    this.exitTypeOrder = List.copyOf(nationalExitTypes.keySet());
  }

  private final List<String> exitTypeOrder;

  @Override
  public Future<List<TerritoryView>> territories(TenantSql sql) {
    return run(sql, TERRITORIES, Tuple.tuple()).map(rows -> {
      List<TerritoryView> territories = new ArrayList<>();
      rows.forEach(row -> territories.add(new TerritoryView(row.getString("layer"), row.getString("code"),
          row.getString("name"))));
      return territories;
    });
  }

  @Override
  public Future<List<ReferenceValue>> exitTypes(TenantSql sql) {
    return run(sql, EXIT_TYPE_OVERRIDES, Tuple.tuple()).map(rows -> {
      Map<String, String> labels = new LinkedHashMap<>();
      exitTypeOrder.forEach(code -> labels.put(code, nationalExitTypes.get(code)));
      rows.forEach(row -> labels.computeIfPresent(row.getString("code"), (code, label) -> row.getString("label")));
      List<ReferenceValue> values = new ArrayList<>();
      labels.forEach((code, label) -> values.add(new ReferenceValue(code, label)));
      return values;
    });
  }

  @Override
  public Future<List<ConventionView>> conventions(TenantSql sql) {
    return run(sql, CONVENTIONS + " ORDER BY c.reference", Tuple.tuple()).map(HostPlatformData::conventions);
  }

  @Override
  public Future<Optional<ConventionView>> convention(TenantSql sql, UUID id) {
    return run(sql, CONVENTIONS + " WHERE c.id = $1", Tuple.of(id))
        .map(rows -> conventions(rows).stream().findFirst());
  }

  @Override
  public Future<List<ParticipationView>> participationsOf(TenantSql sql, UUID conventionId) {
    return run(sql, PARTICIPATIONS + " AND o.offer_id = (SELECT offer_id FROM platform.convention WHERE id = $1)"
        + ORDER_PARTICIPATIONS, Tuple.of(conventionId)).map(HostPlatformData::participations);
  }

  @Override
  public Future<List<ParticipationView>> participations(TenantSql sql) {
    return run(sql, PARTICIPATIONS + ORDER_PARTICIPATIONS, Tuple.tuple()).map(HostPlatformData::participations);
  }

  @Override
  public Future<Optional<ParticipationView>> participation(TenantSql sql, UUID id) {
    return run(sql, PARTICIPATIONS + " AND o.id = $1", Tuple.of(id))
        .map(rows -> participations(rows).stream().findFirst());
  }

  private static Future<RowSet<Row>> run(TenantSql sql, String statement, Tuple arguments) {
    if (!TenantTransactions.madeByHost(sql)) {
      return Future.failedFuture(new IllegalArgumentException(
          "The platform's data is read only inside a transaction opened with TenantScope.transaction"));
    }
    return sql.query(statement, arguments);
  }

  private static List<ConventionView> conventions(RowSet<Row> rows) {
    List<ConventionView> conventions = new ArrayList<>();
    for (Row row : rows) {
      List<ConventionView.Year> years = new ArrayList<>();
      Object stored = row.getValue("years");
      if (stored instanceof JsonArray array) {
        for (Object item : array) {
          if (item instanceof JsonObject year) {
            years.add(new ConventionView.Year(year.getInteger("year", 0), year.getLong("directCents", 0L),
                year.getLong("indirectCents", 0L), year.getLong("departementCents", 0L)));
          }
        }
      }
      String[] territories = row.getArrayOfStrings("territories");
      conventions.add(new ConventionView(row.getUUID("id"), row.getString("reference"), row.getString("title"),
          row.getString("organisation_id"), row.getString("organisation_name"), row.getString("action_type"),
          row.getLocalDate("period_start"), row.getLocalDate("period_end"), row.getString("state"),
          territories == null ? List.of() : List.of(territories), row.getUUID("offer_id"), years));
    }
    return conventions;
  }

  private static List<ParticipationView> participations(RowSet<Row> rows) {
    List<ParticipationView> participations = new ArrayList<>();
    for (Row row : rows) {
      participations.add(new ParticipationView(row.getUUID("id"), row.getUUID("person_id"), row.getLocalDate("birth_date"),
          null, row.getBoolean("rsa_recipient"), row.getString("territory"), row.getString("action_type"),
          row.getUUID("offer_id"), row.getString("organisation_id"), row.getString("state"),
          row.getLocalDate("entry_date"), row.getLocalDate("exit_date"), row.getString("exit_type")));
    }
    return participations;
  }
}
