package fr.pacte.server.platform;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits every HTTP connection and request is held to, and the answers to requests that cannot even be routed
 * (malformed request line, over-long address or headers, invalid header values, bad percent-escapes): a
 * problem+json, or a French page for a browser, never a bare status. These are the client's mistakes: logged at
 * DEBUG, never as errors.
 */
public final class RequestLimits {

  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
  /** Longest request line (method, address, version). */
  public static final int MAX_REQUEST_LINE = 4096;
  /** Largest set of headers. */
  public static final int MAX_HEADERS = 8192;
  /**
   * Largest single form field the HTTP decoder accepts: as large as the largest body a route accepts (the import's
   * uploads), so that a long text is never refused by the decoder, only by its field's declared limit
   * ({@code web.Fields}), on the form, with the input kept.
   */
  public static final int MAX_FORM_FIELD = 8 * 1024 * 1024;
  /**
   * A connection with no byte in either direction for this long is closed: a silent client, headers that stop
   * coming, a keep-alive connection left open. Longer than the body stall deadline of {@code web.RequestDeadline}, so that a stalled body
   * gets its answer first.
   */
  public static final Duration IDLE = Duration.ofSeconds(30);
  /**
   * A request's headers must all have arrived this long after the connection opened or the previous answer ended, however
   * slowly their bytes come (see {@link HeaderDeadline}); a keep-alive connection left waiting is closed as well.
   */
  public static final Duration HEADERS = Duration.ofSeconds(10);
  /** At stop, requests under way get this long to finish. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private RequestLimits() {
  }

  /** An HTTP server held to these limits, serving {@code handler} (the router); not listening yet. */
  public static HttpServer server(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
    // Cleartext HTTP/2 (h2c) is not offered: while it waits to tell an HTTP/2 preface from HTTP/1.x, a connection is
    // out of reach of the header deadline and of the version check below. Browsers never use it; a TLS proxy in
    // front may still speak HTTP/2 to them.
    options.setIdleTimeout((int) IDLE.toSeconds()).setMaxInitialLineLength(MAX_REQUEST_LINE)
        .setMaxHeaderSize(MAX_HEADERS).setHttp2ClearTextEnabled(false)
        .setMaxFormAttributeSize(MAX_FORM_FIELD);
    HeaderDeadline headers = new HeaderDeadline(vertx, HEADERS);
    return vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          UnsupportedVersions.watch(connection);
          headers.opened(connection);
        })
        .invalidRequestHandler(request -> {
          headers.received(request);
          invalid(request);
        })
        .requestHandler(request -> {
          headers.received(request);
          route(request, handler);
        });
  }

  private static void route(HttpServerRequest request, Handler<HttpServerRequest> handler) {
    // The router itself cannot decode such an address: it would log an error and answer a bare 400.
    if (BAD_ESCAPE.matcher(request.uri()).find()) {
      LOG.debug("Refused an address with a bad percent-escape: {}", request.uri());
      answer(request, 400, "adresse-invalide", "Adresse invalide",
          "L'adresse contient un caractère échappé invalide (« % » doit être suivi de deux chiffres hexadécimaux).");
      return;
    }
    handler.handle(request);
  }

  /** A request the HTTP decoder could not read whole; the connection is closed after the answer. */
  private static void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    LOG.debug("Malformed request refused: {}", String.valueOf(cause));
    request.response().putHeader("Connection", "close");
    Future<Void> answered;
    if (cause instanceof UnsupportedVersions.Refused refused) {
      answered = answer(request, 505, "version-http-non-prise-en-charge", "Version HTTP non prise en charge",
          "Pacte parle HTTP/1.1 (et 1.0) ; la requête annonçait " + refused.version() + ".");
    } else if (cause instanceof TooLongHttpLineException) {
      answered = answer(request, 414, "adresse-trop-longue", "Adresse trop longue",
          "L'adresse demandée dépasse " + MAX_REQUEST_LINE + " caractères.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      answered = answer(request, 431, "en-tetes-trop-volumineux", "En-têtes trop volumineux",
          "Les en-têtes de la requête dépassent " + MAX_HEADERS + " octets.");
    } else {
      answered = answer(request, 400, "requete-mal-formee", "Requête mal formée",
          "La requête HTTP est mal formée (ligne de requête ou en-tête invalide, par exemple un caractère de contrôle).");
    }
    answered.onComplete(done -> request.connection().close());
  }

  /** Answers before any route: problem+json, or a plain French page when a browser asks for HTML outside the API. */
  private static Future<Void> answer(HttpServerRequest request, int status, String type, String title, String detail) {
    String path = safePath(request);
    String accept = request.headers().get("Accept");
    boolean html = accept != null && accept.contains("text/html") && !path.startsWith("/api/");
    request.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
    if (html) {
      return request.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
          <!doctype html>
          <html lang="fr"><head><meta charset="utf-8"><title>%s — Pacte</title></head>
          <body><main><h1>%s</h1><p>%s</p><p><a href="/">Retour à l'accueil</a></p></main></body></html>
          """.formatted(title, title, detail.replace("<", "&lt;")));
    }
    // The shape of web.Problem, which this package below the web cannot use.
    return request.response().putHeader("Content-Type", "application/problem+json").end(new JsonObject()
        .put("type", "https://pacte.example/problemes/" + type).put("title", title).put("status", status)
        .put("detail", detail).put("instance", path).encode());
  }

  private static String safePath(HttpServerRequest request) {
    try {
      String path = request.path();
      return path == null || path.length() > 200 || BAD_ESCAPE.matcher(path).find() ? "/" : path;
    } catch (RuntimeException e) {
      return "/";
    }
  }
}
