package fr.pacte.server.tenancy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the tenant registry and the territories. */
public final class TenantStore {

  private static final String SELECT_TENANTS = """
      SELECT slug, name, departement_code, display_name, colour, logo IS NOT NULL AS has_logo, active, source_hash, version,
        time_zone
      FROM platform.tenant ORDER BY departement_code""";
  private static final String SELECT_TENANT = """
      SELECT slug, name, departement_code, display_name, colour, logo IS NOT NULL AS has_logo, active, source_hash, version,
        time_zone
      FROM platform.tenant WHERE slug = $1""";
  private static final String SELECT_SOURCE_HASH = "SELECT source_hash FROM platform.tenant WHERE slug = $1 FOR UPDATE";
  private static final String SELECT_LOGO = "SELECT logo, logo_media_type FROM platform.tenant WHERE slug = $1 AND logo IS NOT NULL";
  private static final String INSERT_TENANT = """
      INSERT INTO platform.tenant (slug, name, departement_code, display_name, colour, logo, logo_media_type, source_hash,
        time_zone)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String UPSERT_TENANT = INSERT_TENANT + """
       ON CONFLICT (slug) DO UPDATE SET name = excluded.name, departement_code = excluded.departement_code,
        display_name = excluded.display_name, colour = excluded.colour, logo = excluded.logo,
        logo_media_type = excluded.logo_media_type, source_hash = excluded.source_hash, time_zone = excluded.time_zone,
        version = platform.tenant.version + 1, updated_at = now()""";
  private static final String SET_ACTIVE = """
      UPDATE platform.tenant SET active = $2, version = version + 1, updated_at = now() WHERE slug = $1""";
  private static final String DELETE_ALL_TERRITORIES = "DELETE FROM platform.territory";
  private static final String INSERT_TERRITORY = """
      INSERT INTO platform.territory (tenant_id, layer, code, name, valid_from, valid_to, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  private static final String SELECT_TERRITORIES = """
      SELECT layer, code, name, valid_from, valid_to FROM platform.territory ORDER BY layer, position, name""";

  /** Deactivates or reactivates a tenant; true if it exists. */
  public Future<Boolean> setActive(SqlConnection connection, String slug, boolean active) {
    return connection.preparedQuery(SET_ACTIVE).execute(Tuple.of(slug, active)).map(rows -> rows.rowCount() == 1);
  }

  /** A row of the registry: what routing, branding and the platform home need. */
  public record TenantSummary(String slug, String name, String departementCode, String displayName, String colour,
                              boolean hasLogo, boolean active, String sourceHash, int version, ZoneId timeZone) {
  }

  public Future<List<TenantSummary>> list(Pool pool) {
    return pool.query(SELECT_TENANTS).execute().map(rows -> {
      List<TenantSummary> tenants = new ArrayList<>();
      rows.forEach(row -> tenants.add(summary(row)));
      return tenants;
    });
  }

  public Future<Optional<TenantSummary>> find(Pool pool, String slug) {
    return pool.preparedQuery(SELECT_TENANT).execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
  }

  /** The hash of the file a tenant was last loaded from, if the tenant exists (row locked until commit). */
  public Future<Optional<String>> sourceHash(SqlConnection connection, String slug) {
    return connection.preparedQuery(SELECT_SOURCE_HASH).execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(String.valueOf(rows.iterator().next().getString("source_hash"))));
  }

  /** The logo bytes and media type, if the tenant has one. */
  public Future<Optional<Logo>> logo(Pool pool, String slug) {
    return pool.preparedQuery(SELECT_LOGO).execute(Tuple.of(slug)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Logo(row.getBuffer("logo"), row.getString("logo_media_type")));
    });
  }

  public record Logo(Buffer bytes, String mediaType) {
  }

  /** Inserts a new tenant; fails with a unique violation if the slug or the département code is taken. */
  public Future<Void> insert(SqlConnection connection, Tenant tenant, String sourceHash) {
    return connection.preparedQuery(INSERT_TENANT).execute(tenantTuple(tenant, sourceHash)).mapEmpty();
  }

  public Future<Void> upsert(SqlConnection connection, Tenant tenant, String sourceHash) {
    return connection.preparedQuery(UPSERT_TENANT).execute(tenantTuple(tenant, sourceHash)).mapEmpty();
  }

  /** Replaces the tenant's territories; must run in that tenant's transaction. */
  public Future<Void> replaceTerritories(SqlConnection connection, Tenant tenant) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < tenant.territories().size(); i++) {
      Tenant.Territory territory = tenant.territories().get(i);
      rows.add(Tuple.of(tenant.slug(), territory.layer(), territory.code(), territory.name(),
          territory.validFrom(), territory.validTo(), i));
    }
    Future<Void> deleted = connection.query(DELETE_ALL_TERRITORIES).execute().mapEmpty();
    return rows.isEmpty() ? deleted
        : deleted.compose(done -> connection.preparedQuery(INSERT_TERRITORY).executeBatch(rows)).mapEmpty();
  }

  /** The tenant's territories; must run in that tenant's transaction. */
  public Future<List<Tenant.Territory>> territories(SqlConnection connection) {
    return connection.query(SELECT_TERRITORIES).execute().map(rows -> {
      List<Tenant.Territory> territories = new ArrayList<>();
      rows.forEach(row -> territories.add(new Tenant.Territory(row.getString("layer"), row.getString("code"),
          row.getString("name"), row.getLocalDate("valid_from"), row.getLocalDate("valid_to"))));
      return territories;
    });
  }

  private static Tuple tenantTuple(Tenant tenant, String sourceHash) {
    Tenant.Branding branding = tenant.branding();
    return Tuple.from(new Object[] {tenant.slug(), tenant.name(), tenant.departementCode(), branding.displayName(),
        branding.colour(), branding.logo() == null ? null : Buffer.buffer(branding.logo()), branding.logoMediaType(), sourceHash,
        tenant.timeZone().getId()});
  }

  private static TenantSummary summary(Row row) {
    return new TenantSummary(row.getString("slug"), row.getString("name"), row.getString("departement_code"),
        row.getString("display_name"), row.getString("colour"), row.getBoolean("has_logo"), row.getBoolean("active"),
        row.getString("source_hash"), row.getInteger("version"), ZoneId.of(row.getString("time_zone")));
  }
}
