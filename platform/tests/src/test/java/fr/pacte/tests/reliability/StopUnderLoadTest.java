package fr.pacte.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Sessions;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.tests.TenantFolders;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A node of a cluster stopped under load (what SIGTERM does: {@code Pacte.close}, as its shutdown hook calls it, while
 * Vert.x's own hook removes its file cache) answers every request it took with a success or a 503 that a load balancer passes to another node, never a 500;
 * and every write it acknowledged is in the database the other node reads.
 */
class StopUnderLoadTest {

  private static final Duration BEFORE_THE_STOP = Duration.ofSeconds(3);

  @Test
  void aNodeStoppedWhilePagesAndApiRequestsFlowAnswersOnlySuccessOrA503AndKeepsEveryAcknowledgedWrite()
      throws Exception {
    try (TestPlatform platform = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()))
        .withoutDemoPeople().start()) {
      TestPlatform stopped = platform.startSecondNode();
      String cookie = Sessions.cookieName("somme");
      String referent = cookie + "=" + stopped.login("somme", "referent").cookie(cookie);
      String pilot = cookie + "=" + stopped.login("somme", "pilotage").cookie(cookie);
      platform.forgiveBlockedThreads();

      Map<String, Integer> statuses = new TreeMap<>();
      ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      AtomicInteger answers = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger names = new AtomicInteger();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER).build();
      String base = stopped.url();
      List<Caller> callers = List.of(
          new Caller("dashboard page", () -> page(base + "/t/somme/tableaux-de-bord", pilot)),
          new Caller("dashboard page", () -> page(base + "/t/somme/tableaux-de-bord", pilot)),
          new Caller("public offer page", () -> page(base + "/t/somme/offre", null)),
          new Caller("data·inclusion export", () -> HttpRequest.newBuilder(URI.create(base
              + "/api/tenants/somme/offer/data-inclusion")).timeout(Duration.ofSeconds(60)).GET().build()),
          new Caller("person created", () -> created(base, referent, names.incrementAndGet())),
          new Caller("person created", () -> created(base, referent, names.incrementAndGet())));
      CountDownLatch done = new CountDownLatch(callers.size());
      for (Caller caller : callers) {
        new Thread(() -> {
          try {
            while (running.get()) {
              try {
                HttpResponse<String> answer = http.send(caller.request().get(), HttpResponse.BodyHandlers.ofString());
                answers.incrementAndGet();
                int status = answer.statusCode();
                synchronized (statuses) {
                  statuses.merge(caller.name() + " " + status, 1, Integer::sum);
                }
                if (status == 201) {
                  acknowledged.add(new JsonObject(answer.body()).getString("id"));
                } else if (status >= 400 && status != 503) {
                  unexpected.add(caller.name() + " " + status + ": "
                      + answer.body().substring(0, Math.min(300, answer.body().length())));
                } else if (status == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                  unexpected.add(caller.name() + " 503 without Retry-After");
                }
              } catch (IOException refused) {
                // Not accepted (the node stopped listening): a load balancer sends it to another node.
                Thread.sleep(20);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        }, "caller " + caller.name()).start();
      }

      try (LogCapture log = new LogCapture()) {
        Thread.sleep(BEFORE_THE_STOP.toMillis());
        int beforeTheStop = answers.get();
        // SIGTERM runs every shutdown hook at once: Vert.x's own removes its file cache (class-path files served from
        // a folder) while Pacte's lets the requests under way finish. Both, as the JVM does them.
        ((VertxInternal) stopped.pacte().node().vertx()).fileResolver().close();
        stopped.pacte().close();
        Thread.sleep(500);
        running.set(false);
        assertTrue(done.await(120, TimeUnit.SECONDS), "the callers end");

        assertTrue(beforeTheStop > 0, "requests were answered before the stop: " + statuses);
        assertEquals(List.of(), List.copyOf(unexpected), "answers other than a success or a 503 with Retry-After: "
            + statuses + "\nlog: " + log.errors());
        // The 503 is the last resort: the pages under way finish, rendered whatever the shutdown hooks removed.
        assertTrue(statuses.keySet().stream().noneMatch(key -> key.contains("page 503")),
            "pages refused while the node stopped: " + statuses + "\nlog: " + log.errors());
      }
      assertTrue(!acknowledged.isEmpty(), "writes acknowledged: " + statuses);

      Set<String> stored = platform.pacte().node().transactions().inTenant("somme", sql -> sql.preparedQuery(
              "SELECT id::text AS id FROM platform.person WHERE id::text = ANY($1)")
          .execute(Tuple.of(acknowledged.toArray(String[]::new)))).await()
          .stream().map((Row row) -> row.getString("id")).collect(Collectors.toSet());
      List<String> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
      assertEquals(List.of(), lost, "writes acknowledged with a 201 and missing from the database ("
          + acknowledged.size() + " acknowledged)");
      // A loaded machine may hold an event loop while three callers hammer a node: what this test checks is the stop.
      platform.forgiveBlockedThreads();
    }
  }

  private record Caller(String name, java.util.function.Supplier<HttpRequest> request) {
  }

  private static HttpRequest page(String url, String cookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Accept", "text/html");
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request.GET().build();
  }

  private static HttpRequest created(String base, String cookie, int number) {
    String name = "Arret " + letters(number);
    return HttpRequest.newBuilder(URI.create(base + "/api/tenants/somme/persons")).timeout(Duration.ofSeconds(60))
        .header("Cookie", cookie).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("familyName", name)
            .put("firstNames", "Camille").put("birthDate", "1981-03-14").put("commune", "Amiens")
            .put("territory", "amiens").put("rsaRecipient", true).put("rsaCheckedOn", "2026-01-05")
            .put("referent", new JsonObject().put("organisationKind", "departement")
                .put("organisation", "Département de la Somme")).encode())).build();
  }

  /** 1 → "b", 27 → "bb": names made of letters only, one per person. */
  private static String letters(int number) {
    StringBuilder name = new StringBuilder();
    for (int n = number; n > 0; n /= 26) {
      name.append((char) ('a' + n % 26));
    }
    return name.toString();
  }
}
