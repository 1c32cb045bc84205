package fr.pacte.server.identity.keycloak;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Principal;
import fr.pacte.server.identity.Sessions;
import fr.pacte.server.observability.RequestLog;
import fr.pacte.server.identity.TenantDirectory;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Redirect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Browser login against a tenant's Keycloak realm (or the platform realm): OpenID Connect authorization code flow
 * with PKCE (S256), a single-use {@code state} kept in the database (any node may receive the callback) and a
 * {@code nonce} checked in the ID token. The access token is verified like any bearer token; the session keeps the
 * ID token only to end the Keycloak session at logout.
 */
public final class OidcLogin {

  private static final String CALLBACK = "/connexion/retour";

  private final KeycloakRealms realms;
  private final TokenVerifier verifier;
  private final Sessions sessions;
  private final TenantTransactions transactions;
  private final LoginAttemptStore attempts;
  private final AuditStore audit;
  private final TenantDirectory tenants;
  private final String webBaseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public OidcLogin(KeycloakRealms realms, TokenVerifier verifier, Sessions sessions, TenantTransactions transactions,
                   LoginAttemptStore attempts, AuditStore audit, TenantDirectory tenants, String webBaseUrl) {
    this.realms = realms;
    this.verifier = verifier;
    this.sessions = sessions;
    this.transactions = transactions;
    this.attempts = attempts;
    this.audit = audit;
    this.tenants = tenants;
    this.webBaseUrl = webBaseUrl;
  }

  public void mount(Router router) {
    router.get("/t/:tenant" + CALLBACK).handler(this::callback);
    router.get(CALLBACK).handler(this::callback);
  }

  /** Sends the browser to the realm's login page. */
  public Future<Void> start(RoutingContext request, String tenant, String returnTo) {
    String state = Sessions.newToken();
    String verifierValue = Sessions.newToken() + Sessions.newToken();
    String nonce = Sessions.newToken();
    LoginAttemptStore.Attempt attempt = new LoginAttemptStore.Attempt(verifierValue, nonce, returnTo);
    return transactions.inTenantOrPlatform(tenant, connection ->
            attempts.insert(connection, Sessions.hash(state), tenant, attempt))
        .onSuccess(done -> Redirect.seeOther(request, realms.publicRealmUrl(tenant) + "/protocol/openid-connect/auth?"
            + form(Map.of(
                "client_id", RealmProvisioner.WEB_CLIENT,
                "response_type", "code",
                "scope", "openid",
                "redirect_uri", redirectUri(tenant),
                "state", state,
                "nonce", nonce,
                "code_challenge", challenge(verifierValue),
                "code_challenge_method", "S256"))));
  }

  /** Where the browser goes to end its Keycloak session too, coming back to {@code home}. */
  public String logoutUrl(String tenant, String idToken, String home) {
    return realms.publicRealmUrl(tenant) + "/protocol/openid-connect/logout?" + form(Map.of(
        "client_id", RealmProvisioner.WEB_CLIENT,
        "id_token_hint", idToken,
        "post_logout_redirect_uri", webBaseUrl + home));
  }

  private void callback(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    String state = request.queryParams().get("state");
    String code = request.queryParams().get("code");
    if (state == null || code == null) {
      request.fail(failed("Keycloak n'a pas confirmé la connexion (" + request.queryParams().get("error") + ")."));
      return;
    }
    transactions.inTenantOrPlatform(tenant, connection -> attempts.take(connection, Sessions.hash(state)))
        .compose(attempt -> attempt.isEmpty()
            ? Future.failedFuture(failed("Cette tentative de connexion a expiré ou a déjà servi."))
            : login(request, tenant, code, attempt.get()))
        .onSuccess(location -> Redirect.seeOther(request, location))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  private record Tokens(String accessToken, String idToken, JsonObject idClaims) {
  }

  private record SignedIn(Principal principal, String idToken) {
  }

  /** Code → tokens at the realm's token endpoint, checks, session, audit; returns where to send the browser. */
  private Future<String> login(RoutingContext request, String tenant, String code, LoginAttemptStore.Attempt attempt) {
    return tokens(tenant, code, attempt)
        .compose(tokens -> signedIn(tenant, tokens))
        .compose(signedIn -> sessions.open(request, signedIn.principal(), "keycloak", signedIn.idToken()).map(signedIn))
        .compose(signedIn -> audited(request, tenant, signedIn.principal()))
        .map(done -> attempt.returnTo());
  }

  /** The access token gets the same checks as any bearer token: this tenant's realm, Pacte's audience, not expired. */
  private Future<SignedIn> signedIn(String tenant, Tokens tokens) {
    Future<VerifiedToken> verified = tenant == null ? verifier.verifyPlatform(tokens.accessToken())
        : verifier.verify(tokens.accessToken(), tenant);
    return verified
        .map(token -> new SignedIn(token.principal(tokens.idClaims().getString("name")), tokens.idToken()))
        .recover(error -> Future.failedFuture(failed("Le jeton remis par Keycloak n'est pas valide pour ce département.")));
  }

  private Future<Void> audited(RoutingContext request, String tenant, Principal principal) {
    if (tenant == null) {
      return Future.succeededFuture();
    }
    return transactions.inTenant(tenant, connection -> audit.record(connection, tenant, principal.actor().audited(),
        "login.succeeded", "account:" + principal.username(), new JsonObject().put("method", "keycloak")
            .put("address", request.request().remoteAddress() == null ? null : request.request().remoteAddress().hostAddress()),
        request.get(RequestLog.REQUEST_ID_KEY)));
  }

  private Future<Tokens> tokens(String tenant, String code, LoginAttemptStore.Attempt attempt) {
    String displayName = tenant == null ? null : tenants.displayName(tenant).orElse(tenant);
    return realms.webSecret(tenant, displayName).compose(secret -> {
      HttpRequest post = HttpRequest.newBuilder(URI.create(realms.internalRealmUrl(tenant)
              + "/protocol/openid-connect/token"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (RealmProvisioner.WEB_CLIENT + ":" + secret).getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
              "grant_type", "authorization_code",
              "code", code,
              "redirect_uri", redirectUri(tenant),
              "code_verifier", attempt.codeVerifier()))))
          .build();
      return Future.fromCompletionStage(http.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
    }).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(failed("Keycloak a refusé l'échange du code de connexion."));
      }
      JsonObject body = new JsonObject(response.body());
      JsonObject idClaims = claims(body.getString("id_token"));
      if (!attempt.nonce().equals(idClaims.getString("nonce"))) {
        return Future.failedFuture(failed("La réponse de Keycloak ne correspond pas à cette connexion."));
      }
      return Future.succeededFuture(new Tokens(body.getString("access_token"), body.getString("id_token"), idClaims));
    });
  }

  private String redirectUri(String tenant) {
    return webBaseUrl + (tenant == null ? "" : "/t/" + tenant) + CALLBACK;
  }

  /** The claims of an ID token received directly from the token endpoint (OIDC Core 3.1.3.7: TLS-authenticated). */
  private static JsonObject claims(String jwt) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
    if (parts.length != 3) {
      throw failed("Keycloak n'a pas renvoyé de jeton d'identité.");
    }
    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static Problem failed(String detail) {
    return new Problem(400, "connexion-echouee", "La connexion n'a pas abouti", detail + " Recommencez depuis la page "
        + "de connexion.", List.of());
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> values) {
    return new LinkedHashMap<>(values).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
