package fr.pacte.server.identity;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.keycloak.LoginAttemptStore;
import fr.pacte.server.identity.keycloak.OidcLogin;
import fr.pacte.server.identity.users.BuiltinUsers;
import fr.pacte.server.identity.users.InvitationRoutes;
import fr.pacte.server.identity.users.InvitationStore;
import fr.pacte.server.identity.users.KeycloakUsers;
import fr.pacte.server.identity.users.UserApi;
import fr.pacte.server.identity.users.UserDirectory;
import fr.pacte.server.identity.users.UserPages;
import fr.pacte.server.identity.users.UserService;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantPage;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling and what they may do: sessions and bearer tokens (attached to every request before the routes),
 * password and Keycloak logins, the tenants' users and invitations, the demonstration accounts.
 */
public final class IdentityFeature implements Feature {

  private final Node node;
  private final TenantRealms realms;
  private final TenantDirectory tenants;
  private final AccountStore accounts = new AccountStore();
  private final PasswordHasher hasher = new PasswordHasher();
  private final Authentication authentication;
  private final LoginPages logins;
  private final SessionApi sessionApi;
  private final UserApi usersApi;
  private final UserPages users;
  private final Optional<InvitationRoutes> invitations;
  private final UserService userService;

  public IdentityFeature(Node node, PageLayout layout, AuditStore audit, TenantRealms realms, TenantDirectory tenants) {
    this.node = node;
    this.realms = realms;
    this.tenants = tenants;
    TenantTransactions transactions = node.transactions();
    Access access = new Access();
    Sessions sessions = new Sessions(transactions, new SessionStore());
    PasswordLogin passwords = new PasswordLogin(node.vertx(), transactions, accounts, new LoginFailureStore(), hasher,
        audit);
    Optional<OidcLogin> oidc = realms.keycloak().map(keycloak -> new OidcLogin(keycloak, realms.tokens().orElseThrow(),
        sessions, transactions, new LoginAttemptStore(), audit, tenants, node.config().webBaseUrl(node.config().httpPort())));
    this.authentication = new Authentication(sessions, realms.tokens());
    layout.decideRightsWith(Access::rights);
    this.logins = new LoginPages(sessions, passwords, oidc, layout);
    this.sessionApi = new SessionApi(access, sessions, passwords, oidc);
    InvitationStore invitationStore = new InvitationStore();
    UserDirectory directory = realms.keycloak()
        .<UserDirectory>map(keycloak -> new KeycloakUsers(node.vertx(), keycloak.provisioner()))
        .orElseGet(() -> new BuiltinUsers(transactions, accounts, invitationStore));
    this.userService = new UserService(directory, tenants, transactions, audit, sessions);
    this.usersApi = new UserApi(access, userService);
    this.users = new UserPages(access, userService, tenants, layout);
    this.invitations = realms.keycloak().isPresent() ? Optional.empty() : Optional.of(
        new InvitationRoutes(node.vertx(), transactions, invitationStore, accounts, hasher, audit, layout));
  }

  /** The demonstration accounts (or the refusal of a real deployment holding some), then the tenants' realms. */
  @Override
  public Future<Void> start() {
    DemoAccounts demo = new DemoAccounts(node.vertx(), node.transactions(), accounts, hasher);
    if (!node.config().demoAccounts()) {
      demo.refuseIfPresent(tenants.slugs());
      return realms.provision(tenants);
    }
    demo.ensurePlatformOperator();
    return node.transactions().fewAtATime(tenants.slugs(),
            slug -> tenants.territories(slug).compose(territories -> demo.ensure(slug, territories)))
        .compose(done -> realms.provision(tenants));
  }

  /** Who is calling, for routes that must know before the common filters (uploads, before their body is read). */
  /** The Users pages, to which the organisations give their names. */
  public UserPages userPages() {
    return users;
  }

  public Authentication authentication() {
    return authentication;
  }

  /** The tenants' users, on whichever directory serves them (to pick reviewers among them, for instance). */
  public UserService users() {
    return userService;
  }

  @Override
  public List<TenantPage> navigation() {
    return List.of(new TenantPage(70, "Utilisateurs", "admin/utilisateurs", Access.shownTo(Permission.MANAGE_USERS),
        TenantPage.ADMINISTRATION));
  }

  @Override
  public void mount(Router router) {
    router.route().handler(authentication);
    logins.mount(router);
    sessionApi.mount(router);
    usersApi.mount(router);
    users.mount(router);
    invitations.ifPresent(routes -> routes.mount(router));
  }

  @Override
  public void close() {
    realms.close();
  }
}
