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
            account.roles().stream().map(Role::code).toArray(String[]::new),
            account.scope().territories().toArray(String[]::new), account.scope().organisation(),
            account.mustChangePassword(), account.demo()}))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> activeDemoAccounts(SqlConnection connection) {
    return connection.query(COUNT_DEMO).execute().map(rows -> rows.iterator().next().getLong(0));
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
