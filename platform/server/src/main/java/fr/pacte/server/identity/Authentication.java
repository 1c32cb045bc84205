package fr.pacte.server.identity;

import fr.pacte.server.identity.keycloak.TokenRefused;
import fr.pacte.server.identity.keycloak.TokenVerifier;
import fr.pacte.server.identity.keycloak.VerifiedToken;
import fr.pacte.server.observability.TenantOfRequest;
import fr.pacte.server.web.FailureHandler;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out who is calling, before any route runs: from a bearer token (checked locally against the signing keys of
 * the tenant's realm, never by a remote call) or from the session cookie of the URL's tenant (or of the platform).
 * It only attaches a {@link Principal}; {@link Access} decides. A bearer token that fails its checks is refused at
 * once rather than treated as anonymous, so that an integration sees why.
 */
public final class Authentication implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private final Sessions sessions;
  private final Optional<TokenVerifier> tokens;

  public Authentication(Sessions sessions, Optional<TokenVerifier> tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext request) {
    String tenant = tenantOf(request);
    String authorization = request.request().getHeader("Authorization");
    Future<Optional<Principal>> principal = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? fromToken(authorization.substring(7).trim(), tenant).map(Optional::of)
        : sessions.resolve(request, tenant).map(session -> session.map(SessionStore.StoredSession::principal));
    principal
        .onSuccess(found -> {
          found.ifPresent(who -> attach(request, who));
          request.next();
        })
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  static void attach(RoutingContext request, Principal principal) {
    request.put(Access.PRINCIPAL_KEY, principal);
    request.put(Actor.CONTEXT_KEY, principal.actor());
  }

  private Future<Principal> fromToken(String token, String tenant) {
    if (tokens.isEmpty()) {
      return Future.failedFuture(unauthorized("Cette plateforme n'accepte pas de jeton : elle utilise son propre "
          + "fournisseur d'identité. Ouvrez une session avec POST /api/tenants/{département}/session."));
    }
    Future<VerifiedToken> verified = tenant == null ? tokens.get().verifyPlatform(token) : tokens.get().verify(token, tenant);
    return verified
        .map(accepted -> accepted.principal(null))
        .recover(error -> {
          String reason = error instanceof TokenRefused refused ? refused.reason().name() : error.toString();
          LOG.info("Bearer token refused for {}: {}", tenant == null ? "the platform" : tenant, reason);
          return Future.failedFuture(unauthorized("Jeton refusé : il n'est pas valide pour cette adresse."));
        });
  }

  private static Problem unauthorized(String detail) {
    return new Problem(401, "non-authentifie", "Authentification requise", detail, List.of());
  }

  private static String tenantOf(RoutingContext request) {
    String tenant = TenantOfRequest.of(request.normalizedPath());
    return TenantOfRequest.NONE.equals(tenant) ? null : tenant;
  }
}
