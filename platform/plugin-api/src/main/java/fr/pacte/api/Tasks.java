package fr.pacte.api;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Timers and blocking work of a module, run by the host on the module's behalf. It replaces the raw
 * {@code Vertx} of {@link PluginContext#vertx()}: a module gets what it needs to schedule and offload work, and
 * nothing that reaches the host's event bus, its timers or its worker pool.
 *
 * <p>Everything registered here belongs to the plugin and is cancelled when the platform stops it, so
 * {@link PacteModule#stop()} has nothing to undo. An exception thrown by a timer's action is logged on the
 * plugin's logger and does not cancel a periodic timer.
 *
 * @since 1.3.0
 */
public interface Tasks {

  /**
   * Runs {@code action} once, on an event loop, after {@code delay} (at least one millisecond). It must not block.
   *
   * @return the timer's id, for {@link #cancel(long)}
   */
  long setTimer(Duration delay, Runnable action);

  /**
   * Runs {@code action} every {@code period} (at least one millisecond), on an event loop, until cancelled or the
   * plugin stops. It must not block.
   *
   * @return the timer's id, for {@link #cancel(long)}
   */
  long setPeriodic(Duration period, Runnable action);

  /**
   * Cancels a timer this module set; the ids of other plugins' and the host's timers are ignored.
   *
   * @return true if the timer was pending and is now cancelled
   */
  boolean cancel(long timerId);

  /**
   * Runs blocking {@code work} (file or network I/O, heavy computation) on the plugin's own small worker pool,
   * never on the event loop and never on the host's workers, so a slow plugin cannot starve the platform.
   *
   * @return a future completed with {@code work}'s result, or failed with what it threw
   */
  <T> Future<T> executeBlocking(Callable<T> work);
}
