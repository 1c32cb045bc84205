package fr.pacte.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void everyItemIsWorkedOnWithNeverMoreThanTheLimitUnderWay() {
    List<Promise<Void>> underWay = new ArrayList<>();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<Integer> started = new ArrayList<>();
    Future<Void> all = Concurrently.each(IntStream.range(0, 10).boxed().toList(), 3, item -> {
      Promise<Void> promise = Promise.promise();
      underWay.add(promise);
      started.add(item);
      mostAtOnce.accumulateAndGet((int) underWay.stream().filter(p -> !p.future().isComplete()).count(), Math::max);
      return promise.future();
    });
    assertEquals(3, started.size(), "three start at once");
    while (underWay.stream().anyMatch(p -> !p.future().isComplete())) {
      underWay.stream().filter(p -> !p.future().isComplete()).findFirst().orElseThrow().complete();
    }
    assertTrue(all.succeeded());
    assertEquals(IntStream.range(0, 10).boxed().toList(), started, "each item once, in order");
    assertEquals(3, mostAtOnce.get());
  }

  @Test
  void aFailureFailsTheWholeAndStartsNothingMore() {
    List<Integer> started = new ArrayList<>();
    Future<Void> all = Concurrently.each(IntStream.range(0, 10).boxed().toList(), 2, item -> {
      started.add(item);
      return item == 3 ? Future.failedFuture(new IllegalStateException("tenant " + item)) : Future.succeededFuture();
    });
    assertTrue(all.failed());
    assertEquals("tenant 3", all.cause().getMessage());
    assertTrue(started.size() <= 5, "at most the work already under way ends after the failure: " + started);
  }

  @Test
  void noItemsIsDoneAtOnce() {
    assertTrue(Concurrently.each(List.<String>of(), 4, item -> Future.succeededFuture()).succeeded());
  }
}
