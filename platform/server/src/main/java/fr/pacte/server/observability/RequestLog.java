package fr.pacte.server.observability;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (kept from a sane incoming {@code X-Request-Id}), returns it, and writes one
 * structured log line per request with the id, the tenant, the route, the status and the duration.
 */
public final class RequestLog implements Handler<RoutingContext> {

  public static final String REQUEST_ID_KEY = "pacte.requestId";
  private static final Logger ACCESS = LoggerFactory.getLogger("pacte.access");
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  private final String node;

  public RequestLog(String node) {
    this.node = node;
  }

  @Override
  public void handle(RoutingContext request) {
    String incoming = request.request().getHeader("X-Request-Id");
    String requestId = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    long start = System.nanoTime();
    request.put(REQUEST_ID_KEY, requestId);
    request.response().putHeader("X-Request-Id", requestId);
    request.addEndHandler(done -> {
      try (MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId);
           MDC.MDCCloseable nodeName = MDC.putCloseable("node", node);
           MDC.MDCCloseable tenant = MDC.putCloseable("tenant", TenantOfRequest.of(request.normalizedPath()));
           MDC.MDCCloseable status = MDC.putCloseable("status", String.valueOf(request.response().getStatusCode()));
           MDC.MDCCloseable duration = MDC.putCloseable("durationMs", String.valueOf((System.nanoTime() - start) / 1_000_000))) {
        ACCESS.info("{} {}", request.request().method(), request.normalizedPath());
      }
    });
    request.next();
  }

  /** Logs {@code message} about a request with its id and tenant in the structured fields. */
  public static void error(Logger logger, RoutingContext request, String message, Throwable error) {
    try (MDC.MDCCloseable id = MDC.putCloseable("requestId", request.get(REQUEST_ID_KEY));
         MDC.MDCCloseable tenant = MDC.putCloseable("tenant", TenantOfRequest.of(request.normalizedPath()))) {
      logger.error(message, error);
    }
  }

  /** Logs {@code message} about a request as a warning, without a stack trace, with its id and tenant. */
  public static void warn(Logger logger, RoutingContext request, String message) {
    try (MDC.MDCCloseable id = MDC.putCloseable("requestId", request.get(REQUEST_ID_KEY));
         MDC.MDCCloseable tenant = MDC.putCloseable("tenant", TenantOfRequest.of(request.normalizedPath()))) {
      logger.warn(message);
    }
  }
}
