package fr.pacte.server.offer;

import fr.pacte.api.CapacityUnit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** SQL of the needs per territory and of what the offer provides against them. */
public final class NeedsStore {

  private static final String HASH = "SELECT source_hash FROM platform.need_call WHERE code = $1 FOR UPDATE";
  private static final String DELETE_CALL = "DELETE FROM platform.need_call WHERE code = $1";
  private static final String INSERT_CALL = """
      INSERT INTO platform.need_call (tenant_id, code, title, notes, source_hash) VALUES ($1, $2, $3, $4, $5)""";
  private static final String INSERT_TARGET = """
      INSERT INTO platform.need_target (tenant_id, call_code, action_type, territory, unit, label, target, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String CALLS = "SELECT code, title, notes FROM platform.need_call ORDER BY code";
  private static final String TARGETS = """
      SELECT call_code, action_type, territory, unit, label, target FROM platform.need_target ORDER BY call_code, position""";
  /** Places of the items still running, per action type and territory. */
  private static final String OFFERED = """
      SELECT i.action_type, p.territory, sum(p.capacity)::int AS capacity, sum(p.taken)::int AS taken
      FROM platform.offer_item i JOIN platform.offer_place p ON p.tenant_id = i.tenant_id AND p.offer_id = i.id
      WHERE i.period_end >= $1
      GROUP BY i.action_type, p.territory""";

  /** A call's needs as stored. */
  public record StoredCall(String code, String title, List<String> notes, List<Target> targets) {
  }

  public record Target(String actionType, String territory, CapacityUnit unit, String label, int target) {
  }

  /** Places per action type and territory. */
  public record Offered(String actionType, String territory, int capacity, int taken) {
  }

  public Future<Optional<String>> hash(SqlConnection connection, String call) {
    return connection.preparedQuery(HASH).execute(Tuple.of(call))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("source_hash")));
  }

  /** Replaces a call's needs with those of the file. */
  public Future<Void> replace(SqlConnection connection, String tenantId, CallNeeds needs, String hash) {
    List<Tuple> targets = new ArrayList<>();
    for (CallNeeds.Need need : needs.needs()) {
      need.byTerritory().forEach((territory, figure) -> targets.add(Tuple.from(new Object[] {tenantId, needs.call(),
          need.actionType(), territory, need.unit().name(), need.label(), figure, targets.size()})));
    }
    return connection.preparedQuery(DELETE_CALL).execute(Tuple.of(needs.call()))
        .compose(deleted -> connection.preparedQuery(INSERT_CALL)
            .execute(Tuple.of(tenantId, needs.call(), needs.title(), needs.notes().toArray(String[]::new), hash)))
        .compose(inserted -> targets.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(INSERT_TARGET).executeBatch(targets).mapEmpty());
  }

  public Future<List<StoredCall>> calls(SqlConnection connection) {
    return connection.query(TARGETS).execute().compose(targetRows -> {
      Map<String, List<Target>> byCall = new java.util.LinkedHashMap<>();
      for (Row row : targetRows) {
        byCall.computeIfAbsent(row.getString("call_code"), code -> new ArrayList<>()).add(new Target(row.getString("action_type"),
            row.getString("territory"), CapacityUnit.valueOf(row.getString("unit")), row.getString("label"), row.getInteger("target")));
      }
      return connection.query(CALLS).execute().map(callRows -> {
        List<StoredCall> calls = new ArrayList<>();
        for (Row row : callRows) {
          calls.add(new StoredCall(row.getString("code"), row.getString("title"), Arrays.asList(row.getArrayOfStrings("notes")),
              byCall.getOrDefault(row.getString("code"), List.of())));
        }
        return calls;
      });
    });
  }

  public Future<Map<String, Offered>> offered(SqlConnection connection, LocalDate today) {
    return connection.preparedQuery(OFFERED).execute(Tuple.of(today)).map(rows -> {
      List<Offered> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Offered(row.getString("action_type"), row.getString("territory"),
          row.getInteger("capacity"), row.getInteger("taken"))));
      return list.stream().collect(Collectors.toMap(o -> o.actionType() + "|" + o.territory(), o -> o));
    });
  }
}
