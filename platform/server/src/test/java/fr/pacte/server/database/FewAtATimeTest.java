package fr.pacte.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant work (seeding a hundred départements, a timer's round) runs a few tenants per pool connection at once,
 * never all of them: the pool's queue stays short and no transaction gives up waiting for a connection.
 */
class FewAtATimeTest {

  @Test
  void aHundredAndOneTenantsOnAPoolOfTwoRunFourAtATimeAndAnswerInTheirOrder() {
    TenantTransactions transactions = new TenantTransactions(null, 2);
    List<String> tenants = IntStream.rangeClosed(1, 101).mapToObj(n -> "d" + n).toList();
    List<Promise<String>> underWay = new ArrayList<>();
    int[] most = {0};
    Future<List<String>> all = transactions.fewAtATime(tenants, slug -> {
      Promise<String> work = Promise.promise();
      underWay.add(work);
      most[0] = Math.max(most[0], (int) underWay.stream().filter(p -> !p.future().isComplete()).count());
      return work.future();
    });

    assertEquals(4, underWay.size(), "started before any finished");
    // Finishing them one by one (the last started first) starts the next of the same lane each time.
    while (underWay.stream().anyMatch(p -> !p.future().isComplete())) {
      List<Promise<String>> pending = underWay.stream().filter(p -> !p.future().isComplete()).toList();
      Promise<String> last = pending.get(pending.size() - 1);
      last.complete("done " + underWay.indexOf(last));
    }

    assertEquals(101, underWay.size());
    assertTrue(most[0] <= 4, most[0] + " at once");
    assertTrue(all.succeeded());
    assertEquals(101, all.result().size());
    assertEquals(tenants.size(), all.result().stream().distinct().count());
  }

  @Test
  void threeTenantsAllRunAtOnce() {
    TenantTransactions transactions = new TenantTransactions(null, 16);
    List<Promise<Integer>> underWay = new ArrayList<>();
    Future<List<Integer>> all = transactions.fewAtATime(List.of(1, 2, 3), n -> {
      Promise<Integer> work = Promise.promise();
      underWay.add(work);
      return work.future().map(done -> n * 10);
    });
    assertEquals(3, underWay.size());
    underWay.get(2).complete(0);
    underWay.get(0).complete(0);
    underWay.get(1).complete(0);
    assertEquals(List.of(10, 20, 30), all.result());
  }

  @Test
  void theFirstFailureFailsTheWhole() {
    TenantTransactions transactions = new TenantTransactions(null, 1);
    Future<List<Integer>> all = transactions.fewAtATime(List.of(1, 2, 3, 4, 5),
        n -> n == 3 ? Future.failedFuture(new IllegalStateException("tenant 3")) : Future.succeededFuture(n));
    assertTrue(all.failed());
    assertEquals("tenant 3", all.cause().getMessage());
  }
}
