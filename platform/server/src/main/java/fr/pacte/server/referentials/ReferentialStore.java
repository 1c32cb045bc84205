package fr.pacte.server.referentials;

import fr.pacte.server.referentials.TenantReferentials.Area;
import fr.pacte.server.referentials.TenantReferentials.Commune;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the référentiels: a tenant's overrides, its areas, and the seed files already applied. */
public final class ReferentialStore {

  private static final String SELECT_OVERRIDES = """
      SELECT kind, code, label, description, version, changed_by, changed_at FROM platform.referential_override
      ORDER BY kind, code""";
  private static final String INSERT_OVERRIDE = """
      INSERT INTO platform.referential_override (tenant_id, kind, code, label, description, changed_by)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING version""";
  private static final String UPDATE_OVERRIDE = """
      UPDATE platform.referential_override SET label = $3, description = $4, changed_by = $5, changed_at = now(),
        version = version + 1
      WHERE kind = $1 AND code = $2 AND version = $6 RETURNING version""";
  private static final String DELETE_OVERRIDE =
      "DELETE FROM platform.referential_override WHERE kind = $1 AND code = $2 AND version = $3 RETURNING label";
  private static final String DELETE_ALL_OVERRIDES = "DELETE FROM platform.referential_override";
  private static final String SELECT_AREAS = """
      SELECT layer, code, name, valid_from, valid_to, communes, notes FROM platform.referential_area
      ORDER BY position, layer, code""";
  private static final String DELETE_ALL_AREAS = "DELETE FROM platform.referential_area";
  private static final String INSERT_AREA = """
      INSERT INTO platform.referential_area (tenant_id, layer, code, name, valid_from, valid_to, communes, notes, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

  /** A stored override with who changed it last. */
  public record StoredOverride(String kind, String code, String label, String description, int version,
                               String changedBy, OffsetDateTime changedAt) {
  }

  public Future<List<StoredOverride>> overrides(SqlConnection connection) {
    return connection.query(SELECT_OVERRIDES).execute().map(rows -> {
      List<StoredOverride> overrides = new ArrayList<>();
      rows.forEach(row -> overrides.add(new StoredOverride(row.getString("kind"), row.getString("code"),
          row.getString("label"), row.getString("description"), row.getInteger("version"), row.getString("changed_by"),
          row.getOffsetDateTime("changed_at"))));
      return overrides;
    });
  }

  /** Creates an override; empty if one exists already (someone else created it meanwhile). */
  public Future<Optional<Integer>> insertOverride(SqlConnection connection, String tenant, String kind, String code,
                                                  String label, String description, String actor) {
    return connection.preparedQuery(INSERT_OVERRIDE).execute(Tuple.of(tenant, kind, code, label, description, actor))
        .map(ReferentialStore::version);
  }

  /** Changes an override read at {@code version}; empty if it is no longer at that version. */
  public Future<Optional<Integer>> updateOverride(SqlConnection connection, String kind, String code, String label,
                                                  String description, String actor, int version) {
    return connection.preparedQuery(UPDATE_OVERRIDE).execute(Tuple.of(kind, code, label, description, actor, version))
        .map(ReferentialStore::version);
  }

  /** Removes an override read at {@code version}; the label it had, or empty if it is no longer at that version. */
  public Future<Optional<String>> deleteOverride(SqlConnection connection, String kind, String code, int version) {
    return connection.preparedQuery(DELETE_OVERRIDE).execute(Tuple.of(kind, code, version))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("label")));
  }

  public Future<List<Area>> areas(SqlConnection connection) {
    return connection.query(SELECT_AREAS).execute().map(rows -> {
      List<Area> areas = new ArrayList<>();
      rows.forEach(row -> areas.add(area(row)));
      return areas;
    });
  }

  /** Replaces every override and area of the tenant (import, seed file). */
  public Future<Void> replaceAll(SqlConnection connection, String tenant, TenantReferentials referentials, String actor) {
    List<Tuple> overrides = referentials.overrides().stream().map(o -> Tuple.of(tenant, o.kind(), o.code(), o.label(),
        o.description(), actor)).toList();
    List<Tuple> areas = new ArrayList<>();
    for (int i = 0; i < referentials.areas().size(); i++) {
      Area area = referentials.areas().get(i);
      JsonArray communes = new JsonArray(area.communes().stream()
          .map(c -> new JsonObject().put("insee", c.insee()).put("name", c.name())).toList());
      areas.add(Tuple.from(new Object[] {tenant, area.layer(), area.code(), area.name(), area.validFrom(), area.validTo(),
          communes, area.notes().toArray(String[]::new), i}));
    }
    return connection.query(DELETE_ALL_OVERRIDES).execute()
        .compose(done -> connection.query(DELETE_ALL_AREAS).execute())
        .compose(done -> overrides.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(INSERT_OVERRIDE).executeBatch(overrides).mapEmpty())
        .compose(done -> areas.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(INSERT_AREA).executeBatch(areas).mapEmpty())
        .mapEmpty();
  }

  private static Optional<Integer> version(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version"));
  }

  private static Area area(Row row) {
    JsonArray communes = (JsonArray) row.getValue("communes");
    List<Commune> list = communes.stream().map(JsonObject.class::cast)
        .map(c -> new Commune(c.getString("insee"), c.getString("name"))).toList();
    return new Area(row.getString("layer"), row.getString("code"), row.getString("name"), row.getLocalDate("valid_from"),
        row.getLocalDate("valid_to"), list, List.of(row.getArrayOfStrings("notes")));
  }
}
