package fr.pacte.server.pathways;

import fr.pacte.api.Role;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.users.UserDirectory;
import fr.pacte.server.mail.Mail;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The e-mail digest of entries on actions ("chaque intégration sur une action devra être notifiée au territoire
 * d'action sociale"): the entries not yet mailed, one mail per territory agent with an address, through the outbox in
 * the transaction that marks them mailed. Every node runs it; a per-tenant advisory lock lets one node do it.
 */
public final class EntryDigest {

  private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('pacte.pathways.digest'), hashtext($1)) AS locked";
  private static final String PENDING = """
      SELECT id, territory, message FROM platform.pathway_notification WHERE emailed_at IS NULL
      ORDER BY territory, created_at, id LIMIT 2000 FOR UPDATE""";
  private static final String MAILED = "UPDATE platform.pathway_notification SET emailed_at = now() WHERE id = ANY($1)";

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final Outbox outbox;
  private final Function<String, Future<List<UserDirectory.User>>> users;

  /**
   * @param users a tenant's users as its directory keeps them (the built-in accounts or the tenant's Keycloak realm):
   *              the territory agents with an address among them receive the digest
   */
  public EntryDigest(TenantTransactions transactions, TenantService tenants, Outbox outbox,
                     Function<String, Future<List<UserDirectory.User>>> users) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.outbox = outbox;
    this.users = users;
  }

  /** Sends the digests due in every tenant; returns the number of mails enqueued. */
  public Future<Integer> send() {
    List<Future<Integer>> perTenant = new ArrayList<>();
    for (TenantSummary tenant : tenants.all()) {
      // The directory (perhaps Keycloak, over HTTP) is read before the transaction, which then holds its connection briefly.
      perTenant.add(users.apply(tenant.slug()).compose(list -> tenants.territories(tenant.slug()).compose(territories -> {
        Map<String, String> names = new LinkedHashMap<>();
        territories.forEach(t -> names.putIfAbsent(t.code(), t.name()));
        return transactions.inTenant(tenant.slug(), connection -> send(connection, tenant, agents(list), names));
      })));
    }
    return Future.all(perTenant).map(all -> perTenant.stream().mapToInt(Future::result).sum());
  }

  /** The addresses of the active territory agents, by territory code. */
  static Map<String, List<String>> agents(List<UserDirectory.User> users) {
    Map<String, List<String>> byTerritory = new LinkedHashMap<>();
    users.stream().filter(u -> u.active() && u.email() != null && !u.email().isBlank() && u.roles().contains(Role.TERRITORY_AGENT))
        .sorted(java.util.Comparator.comparing(UserDirectory.User::username))
        .forEach(u -> u.scope().territories().forEach(t -> byTerritory.computeIfAbsent(t, k -> new ArrayList<>()).add(u.email())));
    return byTerritory;
  }

  private Future<Integer> send(SqlConnection connection, TenantSummary tenant, Map<String, List<String>> agents,
                               Map<String, String> names) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(tenant.slug())).compose(lock -> {
      if (!lock.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(0);
      }
      return connection.query(PENDING).execute().compose(rows -> {
        Map<String, List<String>> byTerritory = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (Row row : rows) {
          ids.add(row.getLong("id"));
          byTerritory.computeIfAbsent(row.getString("territory"), t -> new ArrayList<>()).add(row.getString("message"));
        }
        Future<Integer> chain = Future.succeededFuture(0);
        for (Map.Entry<String, List<String>> territory : byTerritory.entrySet()) {
          String name = names.getOrDefault(territory.getKey(), territory.getKey());
          for (String address : agents.getOrDefault(territory.getKey(), List.of())) {
            Mail mail = new Mail(address, entries(territory.getValue().size()) + " sur les actions du territoire " + name,
                body(tenant, name, territory.getValue()), "pathways:entries:" + territory.getKey());
            chain = chain.compose(n -> outbox.enqueue(connection, tenant.slug(), mail).map(n + 1));
          }
        }
        return chain.compose(count -> ids.isEmpty() ? Future.succeededFuture(count)
            : connection.preparedQuery(MAILED).execute(Tuple.of(ids.toArray(Long[]::new))).map(count));
      });
    });
  }

  private static String entries(int count) {
    return count == 1 ? "1 entrée" : count + " entrées";
  }

  private static String body(TenantSummary tenant, String territory, List<String> messages) {
    StringBuilder text = new StringBuilder("Bonjour,\n\nVoici les entrées sur les actions d'insertion du territoire « ")
        .append(territory).append(" » enregistrées depuis le dernier envoi :\n\n");
    messages.forEach(message -> text.append("- ").append(message).append('\n'));
    return text.append("\nLe détail est dans Pacte, page Parcours.\n\n").append(tenant.displayName()).append('\n').toString();
  }
}
