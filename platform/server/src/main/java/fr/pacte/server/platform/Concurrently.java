package fr.pacte.server.platform;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Work done for each of many items (tenants, most often) a few at a time: one after another, 101 tenants' start-up
 * checks add up their round trips to the database; all at once, they queue on the pool until its wait times out.
 */
public final class Concurrently {

  /** How many tenants a node prepares at once at start: a few per core keeps the pool and the cores busy. */
  public static final int TENANTS_AT_ONCE = 4;

  private Concurrently() {
  }

  /**
   * Runs {@code work} for every item, at most {@code atOnce} at a time, in the items' order of starting. Fails with
   * the first failure once the work under way has ended; no new item starts after a failure.
   */
  public static <T> Future<Void> each(Collection<T> items, int atOnce, Function<T, Future<?>> work) {
    if (atOnce < 1) {
      throw new IllegalArgumentException("atOnce must be at least 1: " + atOnce);
    }
    Deque<T> waiting = new ArrayDeque<>(items);
    List<Future<Void>> lanes = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int i = 0; i < Math.min(atOnce, items.size()); i++) {
      Promise<Void> lane = Promise.promise();
      next(waiting, work, failure, lane);
      lanes.add(lane.future());
    }
    return Future.join(lanes).transform(done -> failure[0] == null ? Future.succeededFuture()
        : Future.failedFuture(failure[0]));
  }

  private static <T> void next(Deque<T> waiting, Function<T, Future<?>> work, Throwable[] failure, Promise<Void> lane) {
    T item;
    synchronized (waiting) {
      item = failure[0] == null ? waiting.poll() : null;
    }
    if (item == null) {
      lane.complete();
      return;
    }
    Future<?> started;
    try {
      started = work.apply(item);
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(result -> {
      if (result.failed()) {
        synchronized (waiting) {
          if (failure[0] == null) {
            failure[0] = result.cause();
          }
        }
      }
      next(waiting, work, failure, lane);
    });
  }
}
