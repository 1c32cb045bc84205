package fr.pacte.server.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs Flyway migrations with the owner account: one schema for the platform, one per plugin, each with its
 * own history table, so a plugin's migrations never interfere with another's.
 */
public final class Migrations {

  public static final String PLATFORM_SCHEMA = "platform";

  private final DatabaseSettings settings;

  public Migrations(DatabaseSettings settings) {
    this.settings = settings;
  }

  /** How the refusal of a plugin whose tables are not isolated by tenant starts, to recognise it. */
  public static final String ISOLATION_VIOLATION = "tables not isolated by tenant";

  public MigrateResult migratePlatform() {
    return migrate(PLATFORM_SCHEMA, "classpath:db/platform", Migrations.class.getClassLoader());
  }

  /**
   * Migrates a plugin's schema from {@code db/<pluginId>} in its jar, then checks that every table it owns is
   * isolated by tenant and grants the application role its rights.
   *
   * @throws IllegalStateException naming the tables that break the isolation rules
   */
  public MigrateResult migratePlugin(String pluginId, ClassLoader pluginClassLoader) {
    String schema = schemaOf(pluginId);
    MigrateResult result = migrate(schema, "classpath:db/" + pluginId, pluginClassLoader);
    List<String> violations = isolationViolations(schema);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(ISOLATION_VIOLATION + " (schema " + schema + "): " + String.join("; ", violations));
    }
    grantApplicationRole(schema);
    return result;
  }

  public static String schemaOf(String pluginId) {
    return pluginId.replace('-', '_');
  }

  private MigrateResult migrate(String schema, String location, ClassLoader classLoader) {
    return Flyway.configure(classLoader)
        .dataSource(settings.jdbcUrl(), settings.ownerUser(), settings.ownerPassword())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations(location)
        .placeholders(Map.of("app_role", settings.appUser()))
        .failOnMissingLocations(false)
        .load()
        .migrate();
  }

  /** Every table must carry tenant_id and have row-level security enabled and forced. */
  private List<String> isolationViolations(String schema) {
    String sql = """
        SELECT c.relname,
               c.relrowsecurity,
               c.relforcerowsecurity,
               EXISTS (SELECT 1 FROM pg_attribute a
                       WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant,
               EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'
        """;
    List<String> violations = new ArrayList<>();
    try (Connection connection = ownerConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String table = rows.getString(1);
          if (!rows.getBoolean("has_tenant")) {
            violations.add(table + " has no tenant_id column");
          }
          if (!rows.getBoolean("relrowsecurity") || !rows.getBoolean("relforcerowsecurity")) {
            violations.add(table + " does not enable and force row level security");
          }
          if (!rows.getBoolean("has_policy")) {
            violations.add(table + " has no row level security policy");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect schema " + schema, e);
    }
    return violations;
  }

  private void grantApplicationRole(String schema) {
    String role = quoteIdentifier(settings.appUser());
    String quotedSchema = quoteIdentifier(schema);
    try (Connection connection = ownerConnection(); Statement statement = connection.createStatement()) {
      statement.execute("GRANT USAGE ON SCHEMA " + quotedSchema + " TO " + role);
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + quotedSchema + " TO " + role);
      statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + quotedSchema + " TO " + role);
      statement.execute("REVOKE ALL ON " + quotedSchema + ".flyway_schema_history FROM " + role);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot grant the application role access to schema " + schema, e);
    }
  }

  /** Whether a plugin's schema exists (it has been migrated before). */
  public boolean pluginSchemaExists(String pluginId) {
    try (Connection connection = ownerConnection();
         PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      query.setString(1, schemaOf(pluginId));
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect the schema of plugin " + pluginId, e);
    }
  }

  /** Drops the schema a refused plugin's first migrations created, so that nothing of it is left. */
  public void dropNewPluginSchema(String pluginId) {
    try (Connection connection = ownerConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + quoteIdentifier(schemaOf(pluginId)) + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the schema of the refused plugin " + pluginId, e);
    }
  }

  private Connection ownerConnection() throws SQLException {
    return java.sql.DriverManager.getConnection(settings.jdbcUrl(), settings.ownerUser(), settings.ownerPassword());
  }

  static String quoteIdentifier(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
