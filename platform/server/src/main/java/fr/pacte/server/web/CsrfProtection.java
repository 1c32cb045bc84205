package fr.pacte.server.web;

import fr.pacte.server.observability.TenantOfRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Cross-site request forgery protection for every change.
 *
 * <ul>
 *   <li>Forms must carry, in a {@code _csrf} field, the token the page was given ({@code csrfToken}). With a session
 *       (the session cookie of the URL's tenant, or of the platform), the token is derived from that session's secret
 *       cookie: {@link #tokenFor}. Another site can neither read the session cookie nor compute the token, and a
 *       {@code pacte_csrf} cookie planted in the victim's browser changes nothing. Every node derives the same token
 *       without sharing any state.</li>
 *   <li>Before a session exists (the login forms), the token is the random value of the browser's {@code pacte_csrf}
 *       cookie (SameSite=Strict, HttpOnly), echoed by the form.</li>
 *   <li>JSON requests must say {@code application/json}: a cross-site page cannot send that content type
 *       without a CORS preflight, which Pacte never grants.</li>
 *   <li>Any other body type on a change is refused.</li>
 * </ul>
 */
public final class CsrfProtection implements Handler<RoutingContext> {

  public static final String CONTEXT_KEY = "pacte.csrf";
  public static final String FORM_FIELD = "_csrf";
  static final String COOKIE = "pacte_csrf";
  /** Session tokens shorter than this are not sessions (they are ignored when signing in, too). */
  private static final int SESSION_TOKEN_LENGTH = 40;
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PURPOSE = "pacte-csrf\u0000".getBytes(StandardCharsets.UTF_8);

  @Override
  public void handle(RoutingContext request) {
    Cookie browserCookie = request.request().getCookie(COOKIE);
    String browserToken = browserCookie == null ? null : browserCookie.getValue();
    if (browserToken == null || browserToken.length() < 32) {
      browserToken = newToken();
      request.response().addCookie(Cookie.cookie(COOKIE, browserToken).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT).setSecure(request.request().isSSL()));
    }
    String session = sessionToken(request);
    String expected = session != null ? tokenFor(session) : browserToken;
    request.put(CONTEXT_KEY, expected);
    // A cross-site page cannot send DELETE without a CORS preflight, which Pacte never grants.
    if (SAFE.contains(request.request().method()) || request.request().method() == HttpMethod.DELETE) {
      request.next();
      return;
    }
    String contentType = String.valueOf(request.request().getHeader("Content-Type")).toLowerCase();
    if (contentType.startsWith("application/json")) {
      request.next();
    } else if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
      String sent = request.request().getFormAttribute(FORM_FIELD);
      boolean bound = session != null || browserCookie != null;
      if (bound && sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
          expected.getBytes(StandardCharsets.UTF_8))) {
        request.next();
      } else {
        request.fail(403, Problem.forbidden(
            "Le formulaire a expiré ou ne vient pas de Pacte (jeton de sécurité absent ou invalide). Rechargez la page et recommencez."));
      }
    } else {
      request.fail(415);
    }
  }

  /** The session cookie's value for the URL's tenant (or the platform), or null without a session. */
  private String sessionToken(RoutingContext request) {
    String tenant = TenantOfRequest.of(request.normalizedPath());
    Cookie cookie = request.request().getCookie(SessionCookies.name(TenantOfRequest.NONE.equals(tenant) ? null : tenant));
    return cookie == null || cookie.getValue().length() < SESSION_TOKEN_LENGTH ? null : cookie.getValue();
  }

  /**
   * The form token of a session: a one-way hash of its secret cookie value, under a purpose of its own (the
   * database keeps another hash of the same value, which therefore does not give this one away).
   */
  public static String tokenFor(String sessionToken) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(PURPOSE);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(digest.digest(sessionToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
