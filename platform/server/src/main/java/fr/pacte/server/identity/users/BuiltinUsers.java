package fr.pacte.server.identity.users;

import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Account;
import fr.pacte.server.identity.AccountStore;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users of the built-in identity provider. A new user gets no password: the administrator hands over a one-time
 * invitation link with which the user chooses one (valid {@link InvitationStore#VALIDITY}).
 */
public final class BuiltinUsers implements UserDirectory {

  private final TenantTransactions transactions;
  private final AccountStore accounts;
  private final InvitationStore invitations;

  public BuiltinUsers(TenantTransactions transactions, AccountStore accounts, InvitationStore invitations) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.invitations = invitations;
  }

  @Override
  public String kind() {
    return "builtin";
  }

  @Override
  public Future<List<User>> list(String tenant) {
    return transactions.inTenant(tenant, accounts::all).map(all -> all.stream().map(BuiltinUsers::user).toList());
  }

  @Override
  public Future<Optional<User>> find(String tenant, String id) {
    Optional<UUID> uuid = uuid(id);
    if (uuid.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return transactions.inTenant(tenant, connection -> accounts.findById(connection, uuid.get()))
        .map(found -> found.map(BuiltinUsers::user));
  }

  @Override
  public Future<Created> create(String tenant, UserDraft draft) {
    // Nobody knows this password: the account opens only through its invitation.
    Account account = new Account(null, tenant, draft.username(), draft.displayName(), draft.email(),
        "!invitation-pending", draft.roles(), draft.scope(), true, false, false, 1);
    String token = Sessions.newToken();
    return transactions.inTenant(tenant, connection -> accounts.create(connection, account)
        .compose(created -> created.isEmpty() ? Future.failedFuture(taken(draft.username()))
            : invitations.insert(connection, tenant, created.get().id(), Sessions.hash(token)).map(created.get())))
        .map(created -> new Created(user(created), "/t/" + tenant + "/invitation/" + token, null));
  }

  @Override
  public Future<User> update(String tenant, String id, String version, UserDraft draft) {
    return transactions.inTenant(tenant, connection -> current(connection, id)
        .compose(account -> {
          if (!String.valueOf(account.version()).equals(version)) {
            return Future.failedFuture(stale(account.username()));
          }
          Account changed = new Account(account.id(), tenant, account.username(), draft.displayName(), draft.email(),
              null, draft.roles(), draft.scope(), draft.active(), account.mustChangePassword(), account.demo(),
              account.version());
          return accounts.updateAccess(connection, changed)
              .compose(updated -> updated.isPresent() ? Future.succeededFuture(user(updated.get()))
                  : Future.failedFuture(stale(account.username())));
        }));
  }

  private Future<Account> current(SqlConnection connection, String id) {
    return uuid(id).map(uuid -> accounts.findById(connection, uuid)).orElseGet(() -> Future.succeededFuture(Optional.empty()))
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
            : Future.failedFuture(Problem.notFound("Aucun utilisateur « " + id + " » dans ce département.")));
  }

  static Problem taken(String username) {
    return new Problem(409, "conflit", "Identifiant déjà pris", "Un utilisateur « " + username
        + " » existe déjà dans ce département.", List.of(new Problem.FieldError("username", "Cet identifiant est déjà pris.")));
  }

  static Problem stale(String username) {
    return Problem.conflict("L'utilisateur « " + username + " » a été modifié par quelqu'un d'autre entre-temps. "
        + "Rechargez-le pour voir son état actuel, puis recommencez.");
  }

  private static Optional<UUID> uuid(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static User user(Account account) {
    return new User(account.id().toString(), account.principal().subject(), account.username(), account.displayName(),
        account.email(), account.roles(), account.scope(), account.active(), String.valueOf(account.version()));
  }
}
