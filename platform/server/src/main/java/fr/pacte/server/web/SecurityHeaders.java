package fr.pacte.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response. The Content-Security-Policy allows no inline script or style: pages
 * load their scripts and styles from Pacte itself.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'");

  @Override
  public void handle(RoutingContext request) {
    request.response().headers()
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "same-origin")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        .set("Cross-Origin-Opener-Policy", "same-origin");
    request.next();
  }
}
