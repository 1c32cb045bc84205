package fr.pacte.server.web;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means the database could not be reached (down, restarting, refusing connections), as opposed
 * to a fault of Pacte: the caller then gets {@code 503} and may retry, and nothing was written.
 */
final class DatabaseUnavailable {

  private DatabaseUnavailable() {
  }

  static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      // Refused, reset or broken connections (ConnectException is one).
      if (cause instanceof SocketException || cause instanceof ClosedConnectionException
          || cause instanceof TimeoutException) {
        return true;
      }
      // Every connection of the pool busy: its wait queue full, or no connection freed within the wait.
      if (cause instanceof ConnectionPoolTooBusyException
          || (cause instanceof VertxException || cause instanceof NoStackTraceThrowable)
          && String.valueOf(cause.getMessage()).startsWith("Timeout")) {
        return true;
      }
      // 08: connection exceptions; 57P01-57P03: shut down, crashed, starting up; 53300: too many connections.
      if (cause instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P") || pg.getSqlState().equals("53300"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
