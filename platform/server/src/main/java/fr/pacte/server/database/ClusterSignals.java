package fr.pacte.server.database;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals between the nodes of a cluster through PostgreSQL LISTEN/NOTIFY: a node that changes shared state
 * (a tenant created, a plugin enabled) notifies in the same transaction; every node, itself included,
 * receives the signal after commit and refreshes its cache.
 */
public final class ClusterSignals implements AutoCloseable {

  public static final String CHANNEL = "pacte_signals";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSignals.class);

  private final PgSubscriber subscriber;
  private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();

  private ClusterSignals(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Connects to the database's own address: LISTEN needs a session of its own, which a transaction pooler cannot keep. */
  public static Future<ClusterSignals> connect(Vertx vertx, DatabaseSettings settings) {
    // The database may be away for a while (restarted, failed over): keep trying, never give up.
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, settings.appConnectOptions())
        .reconnectPolicy(retries -> Math.min(500L * (retries + 1), 5_000L));
    ClusterSignals signals = new ClusterSignals(subscriber);
    subscriber.channel(CHANNEL).handler(signals::dispatch)
        // On each (re)connection: a lost connection is reported in one line (the reconnection follows), not printed.
        .subscribeHandler(subscribed -> subscriber.actualConnection().exceptionHandler(error ->
            LOG.warn("Cluster signals connection lost: {}; reconnecting", error.toString())));
    return subscriber.connect().map(connected -> signals);
  }

  public void listen(Consumer<JsonObject> listener) {
    listeners.add(listener);
  }

  /** Sends a signal when the surrounding transaction commits. */
  public static Future<Void> notify(SqlConnection connection, JsonObject signal) {
    return connection.preparedQuery("SELECT pg_notify($1, $2)")
        .execute(Tuple.of(CHANNEL, signal.encode()))
        .mapEmpty();
  }

  private void dispatch(String payload) {
    JsonObject signal;
    try {
      signal = new JsonObject(payload);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring malformed cluster signal {}", payload);
      return;
    }
    for (Consumer<JsonObject> listener : listeners) {
      try {
        listener.accept(signal);
      } catch (RuntimeException e) {
        LOG.error("Cluster signal listener failed on {}", payload, e);
      }
    }
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
