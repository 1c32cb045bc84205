package fr.pacte.server.identity;

import fr.pacte.api.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for the built-in accounts of a tenant; every method runs in that tenant's transaction. */
public final class AccountStore {

  private static final String COLUMNS = """
      id, tenant_id, username, display_name, email, password_hash, roles, territories, organisation, active,
      must_change_password, demo, version""";
  private static final String BY_USERNAME = "SELECT " + COLUMNS + " FROM platform.account WHERE username = $1";
  private static final String ALL = "SELECT " + COLUMNS + " FROM platform.account ORDER BY username";
  private static final String INSERT = """
      INSERT INTO platform.account (tenant_id, username, display_name, email, password_hash, roles, territories,
        organisation, must_change_password, demo)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (tenant_id, username) DO NOTHING""";
  private static final String COUNT_DEMO = "SELECT count(*) FROM platform.account WHERE demo AND active";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM platform.account WHERE id = $1";
  private static final String CREATE = """
      INSERT INTO platform.account (tenant_id, username, display_name, email, password_hash, roles, territories,
        organisation)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (tenant_id, username) DO NOTHING""" + " RETURNING " + COLUMNS;
  /** Optimistic: only the version the editor saw is updated. */
  private static final String UPDATE_ACCESS = """
      UPDATE platform.account SET display_name = $2, email = $3, roles = $4, territories = $5, organisation = $6,
        active = $7, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $8""" + " RETURNING " + COLUMNS;
  private static final String SET_PASSWORD = """
      UPDATE platform.account SET password_hash = $2, must_change_password = false, version = version + 1,
        updated_at = now() WHERE id = $1""";
  private static final String OPERATOR_BY_USERNAME = """
      SELECT id, username, display_name, password_hash, active, must_change_password, demo
      FROM platform.operator_account WHERE username = $1""";
  private static final String INSERT_OPERATOR = """
      INSERT INTO platform.operator_account (username, display_name, password_hash, demo) VALUES ($1, $2, $3, $4)
      ON CONFLICT (username) DO NOTHING""";
  private static final String COUNT_DEMO_OPERATORS = "SELECT count(*) FROM platform.operator_account WHERE demo AND active";

  public Future<Optional<Account>> findByUsername(SqlConnection connection, String username) {
    return connection.preparedQuery(BY_USERNAME).execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
  }

  public Future<List<Account>> all(SqlConnection connection) {
    return connection.query(ALL).execute().map(rows -> {
      List<Account> accounts = new ArrayList<>();
      rows.forEach(row -> accounts.add(account(row)));
      return accounts;
    });
  }

  /** Creates the account unless one with that username exists; true when created. */
  public Future<Boolean> insertIfAbsent(SqlConnection connection, Account account) {
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
            account.tenant(), account.username(), account.displayName(), account.email(), account.passwordHash(),
            codes(account),
            account.scope().territories().toArray(String[]::new), account.scope().organisation(),
            account.mustChangePassword(), account.demo()}))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Account>> findById(SqlConnection connection, java.util.UUID id) {
    return connection.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
  }

  /** Creates an account; empty if the username is taken. */
  public Future<Optional<Account>> create(SqlConnection connection, Account account) {
    return connection.preparedQuery(CREATE).execute(Tuple.from(new Object[] {
            account.tenant(), account.username(), account.displayName(), account.email(), account.passwordHash(),
            codes(account), account.scope().territories().toArray(String[]::new), account.scope().organisation()}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
  }

  /** Updates name, e-mail, roles, scope and activity if {@code account.version()} is still current; else empty. */
  public Future<Optional<Account>> updateAccess(SqlConnection connection, Account account) {
    return connection.preparedQuery(UPDATE_ACCESS).execute(Tuple.from(new Object[] {
            account.id(), account.displayName(), account.email(), codes(account),
            account.scope().territories().toArray(String[]::new), account.scope().organisation(), account.active(),
            account.version()}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
  }

  public Future<Void> setPassword(SqlConnection connection, java.util.UUID id, String passwordHash) {
    return connection.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash)).mapEmpty();
  }

  /** A platform operator's account, as an account without tenant holding the platform-operator role. */
  public Future<Optional<Account>> findOperator(SqlConnection connection, String username) {
    return connection.preparedQuery(OPERATOR_BY_USERNAME).execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(operator(rows.iterator().next())));
  }

  public Future<Boolean> insertOperatorIfAbsent(SqlConnection connection, String username, String displayName,
                                                String passwordHash, boolean demo) {
    return connection.preparedQuery(INSERT_OPERATOR).execute(Tuple.of(username, displayName, passwordHash, demo))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> activeDemoOperators(SqlConnection connection) {
    return connection.query(COUNT_DEMO_OPERATORS).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> activeDemoAccounts(SqlConnection connection) {
    return connection.query(COUNT_DEMO).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static String[] codes(Account account) {
    return account.roles().stream().map(Role::code).sorted().toArray(String[]::new);
  }

  private static Account operator(Row row) {
    return new Account(row.getUUID("id"), null, row.getString("username"), row.getString("display_name"), null,
        row.getString("password_hash"), Set.of(Role.PLATFORM_OPERATOR), Scope.wholeTenant(), row.getBoolean("active"),
        row.getBoolean("must_change_password"), row.getBoolean("demo"), 1);
  }

  private static Account account(Row row) {
    Set<Role> roles = new LinkedHashSet<>();
    for (String code : row.getArrayOfStrings("roles")) {
      Role.fromCode(code).ifPresent(roles::add);
    }
    String[] territories = row.getArrayOfStrings("territories");
    return new Account(row.getUUID("id"), row.getString("tenant_id"), row.getString("username"),
        row.getString("display_name"), row.getString("email"), row.getString("password_hash"), roles,
        new Scope(Set.copyOf(Arrays.asList(territories)), row.getString("organisation")),
        row.getBoolean("active"), row.getBoolean("must_change_password"), row.getBoolean("demo"),
        row.getInteger("version"));
  }
}
