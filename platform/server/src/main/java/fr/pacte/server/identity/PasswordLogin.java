package fr.pacte.server.identity;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Login with the built-in identity provider: a tenant's accounts, or the platform operators' when the tenant is
 * null. Answers the same for an unknown account, a wrong password and a deactivated account (and takes as long, by
 * checking a dummy hash), and slows down guessing: after {@value #MAX_PER_ACCOUNT} failures on one account name or
 * {@value #MAX_PER_ADDRESS} from one address within {@link #WINDOW}, every attempt is refused until it passes.
 */
public final class PasswordLogin {

  public static final int MAX_PER_ACCOUNT = 5;
  public static final int MAX_PER_ADDRESS = 20;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final String REFUSED = "Identifiant ou mot de passe incorrect.";
  public static final String THROTTLED = "Trop de tentatives de connexion : réessayez dans 15 minutes.";
  private static final String PLATFORM_REALM = "platform";

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final AccountStore accounts;
  private final LoginFailureStore failures;
  private final PasswordHasher hasher;
  private final AuditStore audit;
  private final String dummyHash;

  public PasswordLogin(Vertx vertx, TenantTransactions transactions, AccountStore accounts, LoginFailureStore failures,
                       PasswordHasher hasher, AuditStore audit) {
    this.vertx = vertx;
    this.transactions = transactions;
    this.accounts = accounts;
    this.failures = failures;
    this.hasher = hasher;
    this.audit = audit;
    this.dummyHash = hasher.hash("no account has this password");
  }

  /** A refused login: 401 with the same words whatever the cause (429 when throttled). */
  /** Declared limits of the login form: a username as accounts allow it (with room), a passphrase. */
  public static final int MAX_USERNAME = 254;
  public static final int MAX_PASSWORD = 1024;

  private static Problem tooLong(String field, String message) {
    return new Problem(400, "validation", "Données invalides", message, List.of(new Problem.FieldError(field, message)));
  }

  public static Problem refused(String detail) {
    return new Problem(detail.equals(THROTTLED) ? 429 : 401, "connexion-refusee", "Connexion refusée", detail, List.of());
  }

  /** The principal of a correct login, or a failed future with a {@link #refused} problem. */
  public Future<Principal> login(String tenant, String username, String password, String address, String requestId) {
    String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    // Checked before anything is looked up or recorded: a huge name would not fit an index row.
    if (name.length() > MAX_USERNAME) {
      return Future.failedFuture(tooLong("username", "L'identifiant compte au plus " + MAX_USERNAME + " caractères."));
    }
    if (fr.pacte.server.text.TextRules.problem(name, false).isPresent()) {
      return Future.failedFuture(tooLong("username", "L'identifiant contient un caractère de contrôle ou invisible non autorisé."));
    }
    if (password != null && password.length() > MAX_PASSWORD) {
      return Future.failedFuture(tooLong("password", "Le mot de passe compte au plus " + MAX_PASSWORD + " caractères."));
    }
    String realm = tenant == null ? PLATFORM_REALM : tenant;
    String userKey = "user:" + name;
    String addressKey = "address:" + address;
    return throttled(realm, userKey, addressKey)
        .compose(tooMany -> tooMany ? Future.failedFuture(refused(THROTTLED)) : lookup(tenant, name))
        .compose(account -> check(account, password == null ? "" : password))
        .compose(account -> account.isPresent()
            ? succeeded(tenant, realm, userKey, account.get(), address, requestId)
            : failed(tenant, realm, userKey, addressKey, name, address, requestId));
  }

  private Future<Boolean> throttled(String realm, String userKey, String addressKey) {
    return failures.recent(transactions.platformPool(), realm, userKey, WINDOW)
        .compose(perAccount -> perAccount >= MAX_PER_ACCOUNT ? Future.succeededFuture(true)
            : failures.recent(transactions.platformPool(), realm, addressKey, WINDOW).map(perAddress -> perAddress >= MAX_PER_ADDRESS));
  }

  private Future<Optional<Account>> lookup(String tenant, String username) {
    return tenant == null
        ? transactions.platformPool().withTransaction(connection -> accounts.findOperator(connection, username))
        : transactions.inTenant(tenant, connection -> accounts.findByUsername(connection, username));
  }

  /** Hashing is slow on purpose: off the event loop. Unknown accounts are checked against a dummy hash. */
  private Future<Optional<Account>> check(Optional<Account> account, String password) {
    String stored = account.map(Account::passwordHash).orElse(dummyHash);
    return vertx.executeBlocking(() -> hasher.verify(password, stored), false)
        .map(matches -> matches && account.isPresent() && account.get().active() ? account : Optional.empty());
  }

  private Future<Principal> succeeded(String tenant, String realm, String userKey, Account account, String address,
                                      String requestId) {
    Future<Void> recorded = tenant == null ? Future.succeededFuture()
        : transactions.inTenant(tenant, connection -> record(connection, tenant, account.principal().actor().audited(),
            "login.succeeded", account.username(), address, requestId));
    return recorded
        .compose(done -> failures.clear(transactions.platformPool(), realm, userKey))
        .map(done -> account.principal());
  }

  private Future<Principal> failed(String tenant, String realm, String userKey, String addressKey, String username,
                                   String address, String requestId) {
    Future<Void> recorded = tenant == null ? Future.succeededFuture()
        : transactions.inTenant(tenant, connection -> record(connection, tenant, "anonymous@" + address,
            "login.failed", username, address, requestId));
    return recorded
        .compose(done -> failures.record(transactions.platformPool(), realm, userKey, addressKey))
        .compose(done -> Future.failedFuture(refused(REFUSED)));
  }

  private Future<Void> record(SqlConnection connection, String tenant, String actor, String action, String username,
                              String address, String requestId) {
    return audit.record(connection, tenant, actor, action, "account:" + username,
        new JsonObject().put("address", address).put("method", "password"), requestId);
  }
}
