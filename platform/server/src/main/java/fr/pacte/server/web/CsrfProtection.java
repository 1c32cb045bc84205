package fr.pacte.server.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Cross-site request forgery protection for every change.
 *
 * <ul>
 *   <li>Forms must echo, in a {@code _csrf} field, the token of the browser's {@code pacte_csrf} cookie
 *       (SameSite=Strict, HttpOnly); pages receive it as {@code csrfToken}.</li>
 *   <li>JSON requests must say {@code application/json}: a cross-site page cannot send that content type
 *       without a CORS preflight, which Pacte never grants.</li>
 *   <li>Any other body type on a change is refused.</li>
 * </ul>
 */
public final class CsrfProtection implements Handler<RoutingContext> {

  public static final String CONTEXT_KEY = "pacte.csrf";
  public static final String FORM_FIELD = "_csrf";
  static final String COOKIE = "pacte_csrf";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void handle(RoutingContext request) {
    Cookie cookie = request.request().getCookie(COOKIE);
    String token = cookie == null ? null : cookie.getValue();
    if (token == null || token.length() < 32) {
      token = newToken();
      request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT).setSecure(request.request().isSSL()));
    }
    request.put(CONTEXT_KEY, token);
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
      if (cookie != null && sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
          cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
        request.next();
      } else {
        request.fail(403, Problem.forbidden(
            "Le formulaire a expiré ou ne vient pas de Pacte (jeton de sécurité absent ou invalide). Rechargez la page et recommencez."));
      }
    } else {
      request.fail(415);
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
