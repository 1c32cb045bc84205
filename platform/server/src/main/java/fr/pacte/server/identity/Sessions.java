package fr.pacte.server.identity;

import fr.pacte.server.database.TenantTransactions;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import fr.pacte.server.web.SessionCookies;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Sessions of signed-in people, in the database so that every node serves them and a logout on one node holds on
 * all. The browser holds a random token in an HttpOnly cookie (one per tenant, so being signed in to two
 * départements does not mix them); the database holds only its SHA-256.
 */
public final class Sessions {

  public static final Duration IDLE = Duration.ofHours(1);
  public static final Duration ABSOLUTE = Duration.ofHours(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TenantTransactions transactions;
  private final SessionStore store;

  public Sessions(TenantTransactions transactions, SessionStore store) {
    this.transactions = transactions;
    this.store = store;
  }

  /** Opens a session and sets its cookie on the response. */
  public Future<Void> open(RoutingContext request, Principal principal, String provider, String idToken) {
    String token = newToken();
    return transactions.inTenantOrPlatform(principal.tenant(), connection -> store.insert(connection, hash(token), principal, provider, idToken,
            SessionStore.utc(Instant.now().plus(IDLE))))
        .onSuccess(done -> request.response().addCookie(cookie(request, principal.tenant(), token)
            .setMaxAge(ABSOLUTE.toSeconds())));
  }

  /**
   * The session of the request's cookie for this tenant (or the platform when null), sliding its expiry. Most requests
   * only read it: its last-seen time is written at most once a minute.
   */
  public Future<Optional<SessionStore.StoredSession>> resolve(RoutingContext request, String tenant) {
    Cookie cookie = request.request().getCookie(cookieName(tenant));
    if (cookie == null || cookie.getValue().length() < 40) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] hash = hash(cookie.getValue());
    return transactions.inTenantOrPlatform(tenant, connection -> store.find(connection, hash, tenant)
        .compose(found -> found.isEmpty() || !found.get().stale() ? Future.succeededFuture(found)
            : store.touch(connection, hash, ABSOLUTE.toSeconds(), IDLE.toSeconds()).map(found)));
  }

  /** Ends the request's session, clears its cookie, and returns its ID token if it had one (for Keycloak logout). */
  public Future<Optional<String>> close(RoutingContext request, String tenant) {
    Cookie cookie = request.request().getCookie(cookieName(tenant));
    request.response().addCookie(cookie(request, tenant, "").setMaxAge(0));
    if (cookie == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return transactions.inTenantOrPlatform(tenant, connection -> store.delete(connection, hash(cookie.getValue())));
  }

  /** Ends every session of a person, e.g. when their roles change or their account is deactivated. */
  public Future<Integer> closeAllOf(String tenant, String subject) {
    return transactions.inTenantOrPlatform(tenant, connection -> store.deleteAllOf(connection, subject));
  }

  public static String cookieName(String tenant) {
    return SessionCookies.name(tenant);
  }

  /** Lax, not Strict: the return from Keycloak's login page is a cross-site navigation that must carry it. */
  private static Cookie cookie(RoutingContext request, String tenant, String value) {
    return Cookie.cookie(cookieName(tenant), value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(servedOverTls(request));
  }

  /** TLS here or at the proxy in front (which says so); marking the cookie Secure more often costs nothing. */
  static boolean servedOverTls(RoutingContext request) {
    return request.request().isSSL() || "https".equalsIgnoreCase(request.request().getHeader("X-Forwarded-Proto"));
  }

  /** 256 random bits, URL-safe. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
