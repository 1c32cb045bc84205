package fr.pacte.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load driver: {@code concurrency} simulated users each send a request, wait for its answer, and send
 * the next, for a fixed time. All of it runs on one Vert.x event loop, so the histograms need no locking and the
 * driver costs one core at most.
 */
public final class LoadDriver implements AutoCloseable {

  /** Where requests go: Pacte (a node, or a load balancer) or the raw baseline. */
  public record Target(String name, String host, int port) {
  }

  public static final String DEMO_PASSWORD = "pacte-demo";

  private final Vertx vertx;
  private final WebClient client;
  private final Random random;
  /** The first answer of each kind that is not a 2xx is printed, to say why without flooding. */
  private final Set<String> firstFailures = new java.util.HashSet<>();

  public LoadDriver(Vertx vertx, int connections, long seed) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setFollowRedirects(false)
        .setConnectTimeout(5000).setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(connections));
    this.random = new Random(seed);
  }

  /**
   * Signs each account ({@code tenant/username}, password {@code pacte-demo}) in at the target through its login API,
   * and answers the Cookie header each must send.
   */
  public Map<String, String> signIn(Target target, Set<String> accounts) {
    Map<String, String> cookies = new HashMap<>();
    for (String account : accounts) {
      String[] parts = account.split("/", 2);
      HttpResponse<Buffer> answer = await(client.post(target.port(), target.host(), "/api/tenants/" + parts[0] + "/session")
          .sendJsonObject(new JsonObject().put("username", parts[1]).put("password", DEMO_PASSWORD)));
      if (answer.statusCode() != 201) {
        throw new IllegalStateException(target.name() + ": login of " + account + " refused: " + answer.statusCode()
            + " " + answer.bodyAsString());
      }
      cookies.put(account, String.join("; ", answer.cookies().stream().map(c -> c.split(";", 2)[0]).toList()));
    }
    return cookies;
  }

  /** Sends one request as it would be sent under load, and answers its status and JSON (for discovering fixtures). */
  public HttpResponse<Buffer> send(Target target, Map<String, String> cookies, Route.Call call) {
    return await(request(target, cookies, call));
  }

  /**
   * Runs the routes (one alone, or several mixed by their weights) for {@code duration} with {@code concurrency}
   * users, and answers each route's results.
   */
  public Map<String, RouteResults> run(Target target, Map<String, String> cookies, List<Route> routes, int concurrency,
                                       Duration duration) {
    Map<String, RouteResults> results = new LinkedHashMap<>();
    routes.forEach(route -> results.put(route.name(), new RouteResults(route.name())));
    int totalWeight = routes.stream().mapToInt(Route::weight).sum();
    Context context = vertx.getOrCreateContext();
    Promise<Void> finished = Promise.promise();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    int[] running = {concurrency};
    context.runOnContext(go -> {
      for (int i = 0; i < concurrency; i++) {
        new User(target, cookies, routes, totalWeight, results, end, () -> {
          if (--running[0] == 0) {
            finished.complete();
          }
        }).next();
      }
    });
    await(finished.future());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    results.values().forEach(r -> r.over(elapsed));
    return results;
  }

  /** One simulated user: request, answer, next request, until the end of the run. */
  private final class User {
    private final Target target;
    private final Map<String, String> cookies;
    private final List<Route> routes;
    private final int totalWeight;
    private final Map<String, RouteResults> results;
    private final long end;
    private final Runnable done;

    User(Target target, Map<String, String> cookies, List<Route> routes, int totalWeight,
         Map<String, RouteResults> results, long end, Runnable done) {
      this.target = target;
      this.cookies = cookies;
      this.routes = routes;
      this.totalWeight = totalWeight;
      this.results = results;
      this.end = end;
      this.done = done;
    }

    void next() {
      if (System.nanoTime() >= end) {
        done.run();
        return;
      }
      Route route = pick();
      Route.Call call = route.next().apply(random);
      if (call == null) {
        vertx.setTimer(1, t -> next());
        return;
      }
      long sent = System.nanoTime();
      request(target, cookies, call).onComplete(answer -> {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
        int status = answer.succeeded() ? answer.result().statusCode() : 0;
        results.get(route.name()).record(micros, status);
        if (status >= 300 && firstFailures.add(target.name() + " " + route.name() + " " + status)) {
          System.err.println(target.name() + " " + route.name() + ": " + status + " to " + call.method() + " "
              + call.path() + " " + (call.body() == null ? "" : call.body().encode()) + " → "
              + answer.result().bodyAsString());
        }
        boolean ok = status >= 200 && status < 300;
        call.answered().accept(ok ? json(answer.result()) : null, ok);
        next();
      });
    }

    private Route pick() {
      if (routes.size() == 1) {
        return routes.get(0);
      }
      int draw = random.nextInt(totalWeight);
      for (Route route : routes) {
        draw -= route.weight();
        if (draw < 0) {
          return route;
        }
      }
      return routes.get(routes.size() - 1);
    }
  }

  private Future<HttpResponse<Buffer>> request(Target target, Map<String, String> cookies, Route.Call call) {
    HttpRequest<Buffer> request = client.request(call.method(), target.port(), target.host(), call.path());
    if (call.account() != null) {
      String cookie = cookies.get(call.account());
      if (cookie == null) {
        return Future.failedFuture("not signed in: " + call.account());
      }
      request.putHeader("Cookie", cookie);
    }
    request.putHeader("Accept", call.path().startsWith("/api/") ? "application/json" : "text/html");
    return call.body() == null || call.method() == HttpMethod.GET ? request.send() : request.sendJsonObject(call.body());
  }

  /** The answer as JSON when it is a JSON object, else null. */
  static JsonObject json(HttpResponse<Buffer> answer) {
    Buffer body = answer.body();
    if (body == null || body.length() == 0 || body.getByte(0) != '{') {
      return null;
    }
    try {
      return body.toJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
