package fr.pacte.server.plugins;

import fr.pacte.api.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * A plugin's timers and blocking work. The plugin sees only its own timers (it cannot cancel the host's) and gets
 * a small worker pool of its own, so a slow plugin cannot take the workers the host needs; both end with the plugin.
 */
final class PluginTasks implements Tasks, AutoCloseable {

  /** Threads of one plugin's worker pool: enough for a few blocking calls at a time, few enough to stay bounded. */
  static final int WORKERS = 4;

  private final Vertx vertx;
  private final String pluginId;
  private final Logger logger;
  private final Set<Long> timers = ConcurrentHashMap.newKeySet();
  private WorkerExecutor workers;
  private boolean closed;

  PluginTasks(Vertx vertx, String pluginId, Logger logger) {
    this.vertx = vertx;
    this.pluginId = pluginId;
    this.logger = logger;
  }

  /** The name of the plugin's worker pool, and the prefix of its threads' names. */
  static String poolName(String pluginId) {
    return "pacte-plugin-" + pluginId;
  }

  @Override
  public long setTimer(Duration delay, Runnable action) {
    ensureOpen();
    long id = vertx.setTimer(millis(delay), fired -> {
      timers.remove(fired);
      run(action);
    });
    timers.add(id);
    return id;
  }

  @Override
  public long setPeriodic(Duration period, Runnable action) {
    ensureOpen();
    long id = vertx.setPeriodic(millis(period), fired -> run(action));
    timers.add(id);
    return id;
  }

  @Override
  public boolean cancel(long timerId) {
    return timers.remove(timerId) && vertx.cancelTimer(timerId);
  }

  @Override
  public <T> Future<T> executeBlocking(Callable<T> work) {
    try {
      return workers().executeBlocking(work, false);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
  }

  private synchronized WorkerExecutor workers() {
    ensureOpen();
    if (workers == null) {
      workers = vertx.createSharedWorkerExecutor(poolName(pluginId), WORKERS);
    }
    return workers;
  }

  private synchronized void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the plugin " + pluginId + " is stopped");
    }
  }

  private void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      logger.error("A timer of plugin {} failed", pluginId, e);
    }
  }

  private static long millis(Duration duration) {
    return Math.max(1, duration.toMillis());
  }

  /** Cancels the plugin's timers and closes its worker pool. */
  @Override
  public void close() {
    WorkerExecutor pool;
    synchronized (this) {
      closed = true;
      pool = workers;
      workers = null;
    }
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    if (pool != null) {
      pool.close();
    }
  }
}
