package fr.pacte.bench.load;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's command line (run by {@code bench/run}): each route alone, then the mixed scenario, in rounds that
 * alternate Pacte and the raw baseline, then the node's memory and {@code /metrics} size, written as Markdown.
 *
 * <pre>
 * Benchmark --pacte=127.0.0.1:8080 --raw=127.0.0.1:8081 [--tenant=somme] [--agent=agent.amiens] [--rounds=3]
 *           [--seconds=10] [--concurrency=16] [--routes=capacity-check,login] [--mixed=true] [--pacte-pid=…]
 *           [--startup-ms=…] [--tenants=3] [--out=results.md]
 * </pre>
 */
public final class Benchmark {

  private Benchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    LoadDriver.Target pacte = target("Pacte", options.get("pacte"));
    LoadDriver.Target raw = target("raw", options.get("raw"));
    String tenant = options.getOrDefault("tenant", "somme");
    String agent = options.getOrDefault("agent", "agent.amiens");
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    List<String> only = options.getOrDefault("routes", "").isBlank() ? List.of()
        : Arrays.asList(options.get("routes").split(","));
    boolean mixed = Boolean.parseBoolean(options.getOrDefault("mixed", "true"));
    Long pid = options.containsKey("pacte-pid") ? Long.valueOf(options.get("pacte-pid")) : null;
    Long startup = options.containsKey("startup-ms") ? Long.valueOf(options.get("startup-ms")) : null;
    int tenants = Integer.parseInt(options.getOrDefault("tenants", "0"));
    Path out = Path.of(options.getOrDefault("out", "results.md"));

    Vertx vertx = Vertx.vertx();
    try (LoadDriver driver = new LoadDriver(vertx, concurrency, 17)) {
      Scenario scenario = Scenario.discover(driver, pacte, tenant, "none".equals(agent) ? null : agent);
      Map<String, String> pacteCookies = driver.signIn(pacte, scenario.accounts());
      Map<String, String> rawCookies = driver.signIn(raw, scenario.accounts());
      Duration round = Duration.ofSeconds(seconds);
      log("warming up both sides (JIT, pools, caches)");
      driver.run(pacte, pacteCookies, scenario.routes(), concurrency, round);
      driver.run(raw, rawCookies, scenario.routes(), concurrency, round);

      ResultsReport report = new ResultsReport();
      for (Route route : scenario.only(only)) {
        report.alone(alternate(driver, route.name(), List.of(route), pacte, pacteCookies, raw, rawCookies, rounds,
            concurrency, round, null));
      }
      NodeSample sample = new NodeSample(pacte, pid);
      if (mixed) {
        report.mixed(alternate(driver, "mixed", scenario.routes(), pacte, pacteCookies, raw, rawCookies, rounds,
            concurrency, round, sample));
      } else {
        sample.take();
      }
      ResultsReport.Node node = new ResultsReport.Node(startup, sample.heapUsed, sample.heapMax, sample.rssKb,
          sample.rssPeakKb, sample.metricsBytes, tenants);
      Files.writeString(out, report.markdown(node, concurrency, rounds, seconds));
      log("results written to " + out);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** Rounds of Pacte then raw, merged per side; the node is sampled in the middle of Pacte's first round. */
  static ResultsReport.Case alternate(LoadDriver driver, String name, List<Route> routes, LoadDriver.Target pacte,
                                      Map<String, String> pacteCookies, LoadDriver.Target raw,
                                      Map<String, String> rawCookies, int rounds, int concurrency, Duration round,
                                      NodeSample sample) {
    Map<String, RouteResults> pacteTotal = new LinkedHashMap<>();
    Map<String, RouteResults> rawTotal = new LinkedHashMap<>();
    for (int i = 1; i <= rounds; i++) {
      log(name + ": round " + i + "/" + rounds + " Pacte");
      Thread sampler = null;
      if (sample != null && i == 1) {
        sampler = new Thread(() -> {
          sleep(round.dividedBy(2));
          sample.take();
        }, "node-sample");
        sampler.setDaemon(true);
        sampler.start();
      }
      merge(pacteTotal, driver.run(pacte, pacteCookies, routes, concurrency, round));
      if (sampler != null) {
        join(sampler);
      }
      log(name + ": round " + i + "/" + rounds + " raw");
      merge(rawTotal, driver.run(raw, rawCookies, routes, concurrency, round));
    }
    return new ResultsReport.Case(name, pacteTotal, rawTotal);
  }

  private static void merge(Map<String, RouteResults> total, Map<String, RouteResults> round) {
    round.forEach((route, results) -> total.merge(route, results, (a, b) -> {
      a.add(b);
      return a;
    }));
  }

  /** Heap (from {@code /metrics}), RSS (from {@code /proc}) and the size of {@code /metrics}, taken under load. */
  static final class NodeSample {
    private final LoadDriver.Target pacte;
    private final Long pid;
    volatile Long heapUsed;
    volatile Long heapMax;
    volatile Long rssKb;
    volatile Long rssPeakKb;
    volatile Long metricsBytes;

    NodeSample(LoadDriver.Target pacte, Long pid) {
      this.pacte = pacte;
      this.pid = pid;
    }

    void take() {
      try {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + pacte.host() + ":" + pacte.port() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        metricsBytes = (long) metrics.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        heapUsed = sum(metrics.body(), "jvm_memory_used_bytes{area=\"heap\"");
        heapMax = sum(metrics.body(), "jvm_memory_max_bytes{area=\"heap\"");
        if (pid != null) {
          for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
              rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
              rssPeakKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
          }
        }
      } catch (IOException e) {
        log("could not sample the node: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static Long sum(String metrics, String prefix) {
      double total = 0;
      boolean found = false;
      for (String line : metrics.split("\n")) {
        if (line.startsWith(prefix.substring(0, prefix.indexOf('{'))) && line.contains(prefix.substring(prefix.indexOf('{') + 1))) {
          double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          if (value > 0) {
            total += value;
            found = true;
          }
        }
      }
      return found ? (long) total : null;
    }
  }

  private static LoadDriver.Target target(String name, String hostPort) {
    if (hostPort == null) {
      throw new IllegalArgumentException("--" + name.toLowerCase() + "=host:port is required");
    }
    String[] parts = hostPort.replaceFirst("^https?://", "").replaceAll("/$", "").split(":");
    return new LoadDriver.Target(name, parts[0], Integer.parseInt(parts[1]));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void log(String message) {
    System.out.println(java.time.LocalTime.now().withNano(0) + " " + message);
  }
}
