package fr.pacte.server.identity;

import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.keycloak.OidcLogin;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out in a browser, for a tenant ({@code /t/{tenant}/connexion}) or the platform ({@code /connexion}).
 * With Keycloak configured, the login page hands over to the realm's login (OpenID Connect code flow with PKCE) and
 * logout also ends the Keycloak session; without it, the built-in provider checks the password here.
 */
public final class LoginPages {

  private final Sessions sessions;
  private final PasswordLogin passwords;
  private final Optional<OidcLogin> oidc;
  private final PageLayout layout;

  public LoginPages(Sessions sessions, PasswordLogin passwords, Optional<OidcLogin> oidc, PageLayout layout) {
    this.sessions = sessions;
    this.passwords = passwords;
    this.oidc = oidc;
    this.layout = layout;
  }

  public void mount(Router router) {
    for (String base : List.of("/t/:tenant", "")) {
      router.get(base + "/connexion").handler(this::loginPage);
      router.post(base + "/connexion").handler(this::loginForm);
      router.post(base + "/deconnexion").handler(this::logoutForm);
    }
    oidc.ifPresent(login -> login.mount(router));
  }

  private void loginPage(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String back = returnTo(tenant, request.queryParams().get("retour"));
    if (oidc.isPresent()) {
      oidc.get().start(request, tenant, back).onFailure(error -> FailureHandler.respond(request, error));
      return;
    }
    renderLogin(request, 200, "", back, null);
  }

  private void loginForm(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String username = request.request().getFormAttribute("username");
    String back = returnTo(tenant, request.request().getFormAttribute("retour"));
    if (oidc.isPresent()) {
      request.fail(404);
      return;
    }
    passwords.login(tenant, username, request.request().getFormAttribute("password"), address(request),
            request.get(RequestLog.REQUEST_ID_KEY))
        .compose(principal -> sessions.open(request, principal, "builtin", null))
        .onSuccess(done -> Redirect.seeOther(request, back))
        .onFailure(error -> {
          if (error instanceof Problem problem && problem.status() < 500) {
            renderLogin(request, problem.status(),
                username != null && username.length() > PasswordLogin.MAX_USERNAME ? "" : username, back, problem.detail());
          } else {
            FailureHandler.respond(request, error);
          }
        });
  }

  private void logoutForm(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String home = tenant == null ? "/" : "/t/" + tenant + "/";
    sessions.close(request, tenant)
        .compose(idToken -> idToken.isPresent() && oidc.isPresent()
            ? Future.succeededFuture(oidc.get().logoutUrl(tenant, idToken.get(), home)) : Future.succeededFuture(home))
        .onSuccess(location -> Redirect.seeOther(request, location))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private void renderLogin(RoutingContext request, int status, String username, String back, String error) {
    String tenant = request.pathParam("tenant");
    Map<String, Object> model = new HashMap<>();
    model.put("action", tenant == null ? "/connexion" : "/t/" + tenant + "/connexion");
    model.put("username", username == null ? "" : username);
    model.put("retour", back);
    model.put("error", error == null ? "" : error);
    model.put("platformLogin", tenant == null);
    model.put("welcome", "1".equals(request.queryParams().get("bienvenue")));
    request.response().setStatusCode(status);
    layout.render(request, "login", "Connexion", model).onFailure(failure -> FailureHandler.respond(request, failure));
  }

  /** Only a path of the same tenant (or of the platform) is followed after login: no open redirect. */
  static String returnTo(String tenant, String wanted) {
    String home = tenant == null ? "/" : "/t/" + tenant + "/";
    if (wanted == null || !wanted.startsWith(home) || wanted.startsWith("//") || wanted.contains("\\")
        || wanted.contains("/..") || wanted.chars().anyMatch(c -> c < 0x20)) {
      return home;
    }
    return wanted;
  }

  static String address(RoutingContext request) {
    return request.request().remoteAddress() == null ? "unknown" : request.request().remoteAddress().hostAddress();
  }
}
