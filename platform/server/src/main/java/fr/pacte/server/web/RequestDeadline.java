package fr.pacte.server.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * Bounds a request in time, from its headers to the end of its answer. A body that stops arriving for
 * {@link #BODY_STALL} (a client that announced more than it sends), or that is still not complete at the deadline, is
 * the client's doing: {@code 408}, its temporary files removed and the connection closed, as the rest of the body
 * cannot be told apart from a next request. A request whose body arrived but whose answer is late gets {@code 503}.
 * The first deadline mounted on a request wins, so a route can set a longer one (uploads) before the general one.
 */
public final class RequestDeadline implements Handler<RoutingContext> {

  /** Most requests: from the headers to the end of the answer. */
  public static final Duration REQUEST = Duration.ofSeconds(30);
  /** A body from which no byte arrives for this long is abandoned. */
  public static final Duration BODY_STALL = Duration.ofSeconds(10);
  private static final String KEY = "pacte.deadline";
  private static final long TICK_MS = 500;

  private final Duration total;

  private RequestDeadline(Duration total) {
    this.total = total;
  }

  public static RequestDeadline of(Duration total) {
    return new RequestDeadline(total);
  }

  @Override
  public void handle(RoutingContext request) {
    if (request.get(KEY) != null) {
      request.next();
      return;
    }
    request.put(KEY, total);
    long start = System.nanoTime();
    long[] progress = {request.request().bytesRead(), start};
    long timer = request.vertx().setPeriodic(TICK_MS, id -> {
      if (request.response().ended() || request.response().closed()) {
        request.vertx().cancelTimer(id);
        return;
      }
      long now = System.nanoTime();
      boolean bodyDone = request.request().isEnded();
      long read = request.request().bytesRead();
      if (read != progress[0]) {
        progress[0] = read;
        progress[1] = now;
      }
      boolean stalled = !bodyDone && now - progress[1] > BODY_STALL.toNanos();
      if (stalled || now - start > total.toNanos()) {
        request.vertx().cancelTimer(id);
        expire(request, bodyDone);
      }
    });
    request.addEndHandler(done -> request.vertx().cancelTimer(timer));
    request.next();
  }

  private static void expire(RoutingContext request, boolean bodyDone) {
    if (request.response().headWritten()) {
      // Too late to answer: an answer is being streamed. Drop it rather than hold the connection.
      request.cancelAndCleanupFileUploads();
      request.response().reset();
      return;
    }
    if (bodyDone) {
      request.fail(503, new Problem(503, "delai-depasse", "Délai dépassé",
          "La réponse a pris trop de temps. Réessayez dans quelques instants.", List.of()));
      return;
    }
    closeAfterAnswer(request);
    // Removed once answered: cancelling the file first would fail the request with a broken-pipe error of its own.
    request.addEndHandler(done -> request.cancelAndCleanupFileUploads());
    request.fail(408, new Problem(408, "delai-depasse", "Délai dépassé",
        "Le corps de la requête n'est pas arrivé en entier à temps. Renvoyez-la.", List.of()));
  }

  /**
   * For a request whose body was not read to its end: over HTTP/1.x the rest of it would be taken for a next request,
   * so the connection is closed after the answer. Over HTTP/2 the connection carries other requests: the rest of this
   * stream's body is let through and dropped, as a paused stream would block its sender.
   */
  public static void closeAfterAnswer(RoutingContext request) {
    if (request.request().version() != HttpVersion.HTTP_2) {
      request.response().putHeader("Connection", "close");
      request.addEndHandler(done -> request.request().connection().close());
    } else {
      request.request().resume();
    }
  }
}
