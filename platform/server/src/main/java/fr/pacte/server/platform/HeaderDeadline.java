package fr.pacte.server.platform;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the time a client takes to send a request's headers. The idle timeout alone lets a client that sends one
 * header byte every few seconds hold a connection for ever; here, on an HTTP/1.x connection, the headers of each
 * request must all have arrived within {@link RequestLimits#HEADERS} of the connection's opening or of the end of the
 * previous answer, or the connection is closed. (Once the headers are in, {@code web.RequestDeadline} bounds the body
 * and the answer.) One per HTTP server, on its event loop.
 */
final class HeaderDeadline {

  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
  private static final long TICK_MS = 500;

  private final Vertx vertx;
  private final long limitNanos;
  private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();
  private long timer = -1;

  /** A connection: since when it waits for headers (or -1 while a request is being served), and that request. */
  private static final class Watch {
    long waitingSince;
    HttpServerRequest current;

    Watch(long since) {
      waitingSince = since;
    }
  }

  HeaderDeadline(Vertx vertx, Duration limit) {
    this.vertx = vertx;
    this.limitNanos = limit.toNanos();
  }

  /** A new connection: its first request's headers are due within the limit. */
  void opened(HttpConnection connection) {
    if (!UnsupportedVersions.http1(connection)) {
      return;
    }
    watched.put(connection, new Watch(System.nanoTime()));
    connection.closeHandler(closed -> watched.remove(connection));
    if (timer < 0) {
      timer = vertx.setPeriodic(TICK_MS, id -> tick());
    }
  }

  /** A request's headers have arrived: no deadline for this connection until its answer has ended. */
  void received(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.version() == HttpVersion.HTTP_2) {
      watched.remove(connection); // streams of one connection, each with its own request deadline
      return;
    }
    Watch watch = watched.get(connection);
    if (watch != null) {
      watch.current = request;
      watch.waitingSince = -1;
    }
  }

  private void tick() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, Watch>> it = watched.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<HttpConnection, Watch> entry = it.next();
      Watch watch = entry.getValue();
      if (watch.current != null && (watch.current.response().ended() || watch.current.response().closed())) {
        watch.current = null;
        watch.waitingSince = now;
      }
      if (!UnsupportedVersions.http1(entry.getKey())) {
        it.remove(); // upgraded to HTTP/2 (h2c): its streams have their own deadlines
      } else if (watch.waitingSince >= 0 && now - watch.waitingSince > limitNanos) {
        it.remove();
        LOG.debug("Closed a connection whose request headers did not arrive within {} s", limitNanos / 1_000_000_000L);
        entry.getKey().close();
      }
    }
    if (watched.isEmpty()) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
