package fr.pacte.server.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The body handler of every route, with one exception so that nothing typed on a page is lost: a page's form
 * (URL-encoded, outside the API) larger than the body limit is not refused with a bare "too large" page. Its first
 * {@code limit} bytes are kept and read as the form's fields (the field cut short and those after it are partial or
 * missing), so the page's own validation answers on the form: the over-long field gets its limit stated next to it,
 * with what was typed kept. The API keeps its 413 problem+json, given once the body has been read and dropped:
 * answered earlier, the connection would be closed with bytes still unread and the client could lose the answer to a
 * reset.
 */
public final class PageFormBody implements Handler<RoutingContext> {

  /** A declared body larger than this is not read at all: 413 at once and the connection closed. */
  static final long DRAINED_AT_MOST = 16L * 1024 * 1024;

  /** Set on a request whose form was cut at the body limit. */
  public static final String TRUNCATED_KEY = "pacte.formTruncated";

  private final long limit;
  private final BodyHandler bodies;

  public PageFormBody(long limit) {
    this.limit = limit;
    this.bodies = BodyHandler.create(false).setBodyLimit(limit);
  }

  @Override
  public void handle(RoutingContext request) {
    long declared = declaredLength(request);
    if (declared <= limit) {
      bodies.handle(request);
    } else if (isPageForm(request)) {
      keepTheFormsStart(request);
    } else {
      refuseAfterReading(request, declared);
    }
  }

  private void refuseAfterReading(RoutingContext request, long declared) {
    if (declared > DRAINED_AT_MOST) {
      RequestDeadline.closeAfterAnswer(request);
      request.fail(413);
      return;
    }
    request.request().handler(chunk -> { });
    failOnBrokenBody(request);
    request.request().endHandler(done -> request.fail(413));
    request.request().resume();
  }

  private void failOnBrokenBody(RoutingContext request) {
    request.request().exceptionHandler(error -> {
      if (!request.failed() && !request.response().ended()) {
        request.fail(400, error);
      }
    });
  }

  private void keepTheFormsStart(RoutingContext request) {
    Buffer kept = Buffer.buffer();
    request.request().handler(chunk -> {
      int room = (int) Math.min(Integer.MAX_VALUE, limit - kept.length());
      if (room > 0) {
        kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
      }
    });
    failOnBrokenBody(request);
    request.request().endHandler(done -> {
      decode(kept.toString(StandardCharsets.ISO_8859_1), request.request().formAttributes());
      request.put(TRUNCATED_KEY, true);
      request.next();
    });
    request.request().resume();
  }

  private static boolean isPageForm(RoutingContext request) {
    String type = String.valueOf(request.request().getHeader("Content-Type")).toLowerCase();
    return type.startsWith("application/x-www-form-urlencoded") && !request.request().path().startsWith("/api/");
  }

  /** The body's declared length, or -1 when none is declared or it was already read (uploads, by their own route). */
  private static long declaredLength(RoutingContext request) {
    String length = request.request().getHeader("Content-Length");
    if (length == null || request.body().available() || request.request().isEnded()) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reads {@code body} (ASCII, as URL-encoded forms are) into {@code form}; the last pair may be cut anywhere. */
  static void decode(String body, MultiMap form) {
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decodePart(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decodePart(pair.substring(equals + 1));
      if (name != null && !name.isEmpty() && value != null) {
        form.add(name, value);
      }
    }
  }

  private static String decodePart(String encoded) {
    // A cut in the middle of an escape ("%", "%C") leaves an incomplete one at the end: drop it.
    String whole = encoded.replaceFirst("%[0-9A-Fa-f]?$", "");
    try {
      String decoded = URLDecoder.decode(whole, StandardCharsets.UTF_8);
      // A cut in the middle of a character's bytes leaves a replacement character at the end: drop it.
      return decoded.endsWith("\uFFFD") ? decoded.substring(0, decoded.length() - 1) : decoded;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
