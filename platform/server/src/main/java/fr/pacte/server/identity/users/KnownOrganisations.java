package fr.pacte.server.identity.users;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Whether an organisation an account would act for is one of the tenant's (read in the tenant's transaction, row-level
 * security keeping other tenants' out). Read here rather than through the organisations package, which depends on
 * identity for its access checks.
 */
final class KnownOrganisations {

  private static final String EXISTS = "SELECT 1 FROM platform.organisation WHERE id = $1";

  Future<Boolean> exists(SqlConnection connection, String organisation) {
    return connection.preparedQuery(EXISTS).execute(Tuple.of(organisation)).map(rows -> rows.size() > 0);
  }
}
