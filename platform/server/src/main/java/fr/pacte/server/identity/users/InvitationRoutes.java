package fr.pacte.server.identity.users;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.AccountStore;
import fr.pacte.server.identity.PasswordHasher;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;

import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The page of an invitation link of the built-in provider ({@code /t/{tenant}/invitation/{token}}), open without
 * login: the new user chooses a password (12 characters or more), the link is then spent.
 */
public final class InvitationRoutes {

  public static final int MIN_PASSWORD_LENGTH = 12;

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final InvitationStore invitations;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final AuditStore audit;
  private final PageLayout layout;

  public InvitationRoutes(Vertx vertx, TenantTransactions transactions, InvitationStore invitations,
                          AccountStore accounts, PasswordHasher hasher, AuditStore audit, PageLayout layout) {
    this.vertx = vertx;
    this.transactions = transactions;
    this.invitations = invitations;
    this.accounts = accounts;
    this.hasher = hasher;
    this.audit = audit;
    this.layout = layout;
  }

  public void mount(Router router) {
    router.get("/t/:tenant/invitation/:token").handler(this::page);
    router.post("/t/:tenant/invitation/:token").handler(this::choosePassword);
  }

  private void page(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    byte[] hash = Sessions.hash(request.pathParam("token"));
    transactions.inTenant(tenant, connection -> invitations.find(connection, hash))
        .compose(account -> render(request, account.isPresent() ? 200 : 404, account.isPresent(), null))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void choosePassword(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String password = request.request().getFormAttribute("password");
    String confirmation = request.request().getFormAttribute("confirmation");
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      render(request, 400, true, "Choisissez un mot de passe d'au moins " + MIN_PASSWORD_LENGTH + " caractères.");
      return;
    }
    if (fr.pacte.server.text.TextRules.hasControl(password)) {
      render(request, 400, true, "Le mot de passe contient un caractère de contrôle ou invisible non autorisé.");
      return;
    }
    if (!password.equals(confirmation)) {
      render(request, 400, true, "Les deux saisies du mot de passe sont différentes.");
      return;
    }
    byte[] hash = Sessions.hash(request.pathParam("token"));
    vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(passwordHash -> transactions.inTenant(tenant, connection -> invitations.use(connection, hash)
            .compose(account -> account.isEmpty() ? Future.succeededFuture(Optional.<UUID>empty())
                : accounts.setPassword(connection, account.get(), passwordHash)
                    .compose(done -> audit.record(connection, tenant, "invitation", "user.password-chosen",
                        "account-id:" + account.get(), new JsonObject(), request.get(RequestLog.REQUEST_ID_KEY)))
                    .map(account))))
        .onSuccess(account -> {
          if (account.isEmpty()) {
            render(request, 404, false, null);
          } else {
            Redirect.seeOther(request, "/t/" + tenant + "/connexion?bienvenue=1");
          }
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private Future<Void> render(RoutingContext request, int status, boolean valid, String error) {
    Map<String, Object> model = new HashMap<>();
    model.put("valid", valid);
    model.put("error", error == null ? "" : error);
    model.put("minLength", MIN_PASSWORD_LENGTH);
    request.response().setStatusCode(status);
    return layout.render(request, "invitation", "Choisir son mot de passe", model)
        .onFailure(failure -> FailureHandler.respond(request, failure));
  }

}
