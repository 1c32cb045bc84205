package fr.pacte.server.identity;

import fr.pacte.api.Role;
import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demonstration accounts of the embedded default: one per role in every tenant, so that a newcomer can
 * log in at once as the Somme's administrator, an Amiens territory agent or an association. They all share
 * one published password, which is why Pacte refuses to start with them anywhere else.
 */
public final class DemoAccounts {

  /** The password of every demonstration account, listed in the README. */
  public static final String PASSWORD = "pacte-demo";

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final AccountStore store;
  private final PasswordHasher hasher;

  public DemoAccounts(Vertx vertx, TenantTransactions transactions, AccountStore store, PasswordHasher hasher) {
    this.vertx = vertx;
    this.transactions = transactions;
    this.store = store;
    this.hasher = hasher;
  }

  /** The accounts a tenant gets: username, name, role and scope. */
  public static List<Account> forTenant(String slug, List<? extends Territory> territories) {
    List<Account> accounts = new ArrayList<>();
    accounts.add(demo(slug, "admin", "Administrateur (démo)", Role.TENANT_ADMINISTRATOR, Scope.wholeTenant()));
    accounts.add(demo(slug, "pilotage", "Chargée du pilotage de l'offre (démo)", Role.PROGRAMME_MANAGER, Scope.wholeTenant()));
    territories.stream().filter(t -> t.layer().equals("territoire-action-sociale")).limit(5).forEach(territory ->
        accounts.add(demo(slug, "agent." + territory.code(), "Agent du territoire " + territory.name() + " (démo)",
            Role.TERRITORY_AGENT, Scope.territories(territory.code()))));
    accounts.add(demo(slug, "referent", "Référent de parcours (démo)", Role.REFERENT, Scope.wholeTenant()));
    accounts.add(demo(slug, "association", "Association opératrice (démo)", Role.OPERATOR, Scope.organisation("association-demo")));
    accounts.add(demo(slug, "instructeur", "Instructeur (démo)", Role.REVIEWER, Scope.wholeTenant()));
    accounts.add(demo(slug, "auditeur", "Auditeur (démo)", Role.AUDITOR, Scope.wholeTenant()));
    return accounts;
  }

  private static Account demo(String slug, String username, String name, Role role, Scope scope) {
    return new Account(null, slug, username, name, null, null, Set.of(role), scope, true, false, true, 1);
  }

  /** The demonstration platform operator, in the platform's own accounts. */
  public static final String PLATFORM_OPERATOR = "operateur";

  private Future<String> hashOfPassword;

  /**
   * One hash for every demonstration account, made on a worker the first time an account is missing: they share their
   * password anyway, and hashing is slow on purpose.
   */
  private synchronized Future<String> hashOfPassword() {
    if (hashOfPassword == null) {
      hashOfPassword = vertx.executeBlocking(() -> hasher.hash(PASSWORD), false);
    }
    return hashOfPassword;
  }

  /** Creates the demonstration platform operator if missing. Blocking. */
  public boolean ensurePlatformOperator() {
    String hash = hashOfPassword().await();
    return transactions.platformPool().withTransaction(connection -> store.insertOperatorIfAbsent(connection,
        PLATFORM_OPERATOR, "Opérateur de la plateforme (démo)", hash, true)).await();
  }

  /** Creates the missing demonstration accounts of a tenant; how many it created. */
  public Future<Integer> ensure(String slug, List<? extends Territory> territories) {
    return transactions.inTenant(slug, store::all).compose(accounts -> {
      Set<String> existing = accounts.stream().map(Account::username).collect(Collectors.toSet());
      List<Account> missing = forTenant(slug, territories).stream()
          .filter(account -> !existing.contains(account.username())).toList();
      if (missing.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return hashOfPassword().compose(hash -> transactions.inTenant(slug, connection -> {
        Future<Integer> created = Future.succeededFuture(0);
        for (Account account : missing) {
          Account hashed = new Account(null, slug, account.username(), account.displayName(), null, hash,
              account.roles(), account.scope(), true, false, true, 1);
          created = created.compose(count -> store.insertIfAbsent(connection, hashed)
              .map(inserted -> inserted ? count + 1 : count));
        }
        return created;
      }));
    });
  }

  /** Refuses a start with demonstration accounts on a real deployment. */
  public void refuseIfPresent(List<String> slugs) {
    List<String> offending = new ArrayList<>();
    if (transactions.platformPool().withTransaction(store::activeDemoOperators).await() > 0) {
      offending.add("la plateforme");
    }
    for (String slug : slugs) {
      if (transactions.inTenant(slug, store::activeDemoAccounts).await() > 0) {
        offending.add(slug);
      }
    }
    if (!offending.isEmpty()) {
      throw new IllegalStateException("Des comptes de démonstration (mot de passe publié) existent pour "
          + String.join(", ", offending) + " : Pacte refuse de démarrer hors de sa configuration embarquée. "
          + "Désactivez-les ou supprimez-les avant de démarrer avec une base externe.");
    }
  }
}
