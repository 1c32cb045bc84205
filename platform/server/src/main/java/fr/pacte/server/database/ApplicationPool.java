package fr.pacte.server.database;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.concurrent.TimeUnit;

/**
 * The pool of the application account that serves every request. When the database goes away, its connections fail
 * and are dropped; new ones are opened on demand once it is back (restarted, failed over), so nothing needs
 * restarting. Every wait is bounded so that a request fails fast rather than hanging while the database is away.
 */
public final class ApplicationPool {

  /** Opening a connection gives up after this long. */
  public static final int CONNECT_TIMEOUT_MS = 5_000;
  /** A request waiting for a free connection gives up after this long. */
  public static final int WAIT_TIMEOUT_MS = 10_000;
  /** Requests waiting for a connection at most; more are refused at once. */
  public static final int MAX_WAITING = 256;

  private ApplicationPool() {
  }

  /**
   * A connection lost while a transaction holds it fails that transaction, which answers its request; without a
   * handler the client library would also print the error on standard error.
   */
  static void quietOnLoss(io.vertx.sqlclient.SqlConnection connection) {
    connection.exceptionHandler(error -> { });
  }

  /** @param maxSize connections at most per node ({@code PACTE_DB_POOL_SIZE}) */
  public static Pool create(Vertx vertx, SqlConnectOptions connectTo, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName("pacte-app")
            .setConnectionTimeout(WAIT_TIMEOUT_MS).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxWaitQueueSize(MAX_WAITING))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpKeepAlive(true))
        .connectingTo(connectTo)
        .using(vertx)
        .build();
  }
}
