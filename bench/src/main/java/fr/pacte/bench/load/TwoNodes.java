package fr.pacte.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-node deployment under load (run by {@code bench/two-nodes}): two Pacte nodes on one PostgreSQL behind a load
 * balancer. It checks that enabling a plugin and deactivating a tenant hold on both nodes at once (asked of each node
 * directly), then runs the mixed scenario through the load balancer while one node is stopped in the middle, and
 * checks that every write acknowledged with a 2xx is in the database and that the other node kept serving.
 *
 * <pre>
 * TwoNodes --lb=127.0.0.1:18582 --node-a=127.0.0.1:18580 --node-b=127.0.0.1:18581 --stop-pid=… [--signal=TERM|KILL]
 *          --db-url=jdbc:postgresql://127.0.0.1:…/postgres --db-user=postgres --db-password=postgres
 *          [--seconds=30] [--concurrency=16] [--out=two-nodes.md]
 * </pre>
 */
public final class TwoNodes {

  private TwoNodes() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      o.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    LoadDriver.Target lb = target("nginx", o.get("lb"));
    LoadDriver.Target nodeA = target("node A", o.get("node-a"));
    LoadDriver.Target nodeB = target("node B", o.get("node-b"));
    long stopPid = Long.parseLong(o.get("stop-pid"));
    boolean kill = "KILL".equals(o.getOrDefault("signal", "TERM"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
    StringBuilder out = new StringBuilder();
    boolean allHeld = true;

    Vertx vertx = Vertx.vertx();
    try (LoadDriver driver = new LoadDriver(vertx, concurrency, 23)) {
      out.append("#### Changes that must hold on both nodes at once\n\n")
          .append("| change (through nginx) | node A | node B |\n|---|---|---|\n");
      Map<String, String> admin = driver.signIn(lb, java.util.Set.of("somme/admin"));
      String plugin = "fse-plus";
      JsonObject state = findPlugin(driver.send(lb, admin, Route.Call.get("somme/admin", "/api/tenants/somme/plugins")), plugin);
      for (boolean enabled : new boolean[] {!state.getBoolean("enabled"), state.getBoolean("enabled")}) {
        JsonObject current = findPlugin(driver.send(lb, admin, Route.Call.get("somme/admin", "/api/tenants/somme/plugins")), plugin);
        HttpResponse<Buffer> changed = driver.send(lb, admin, new Route.Call("somme/admin", HttpMethod.PUT,
            "/api/tenants/somme/plugins/" + plugin, new JsonObject().put("enabled", enabled)
            .put("revision", current.getInteger("revision")), Route.Answered.NOTHING));
        long asked = System.nanoTime();
        List<String> seen = new ArrayList<>();
        for (LoadDriver.Target node : List.of(nodeA, nodeB)) {
          seen.add(awaitTrue(() -> findPlugin(driver.send(node, admin, Route.Call.get("somme/admin",
              "/api/tenants/somme/plugins")), plugin).getBoolean("enabled") == enabled, asked));
        }
        allHeld &= changed.statusCode() == 200 && !seen.contains("not seen");
        out.append("| plugin `").append(plugin).append("` ").append(enabled ? "enabled" : "disabled").append(" for somme (")
            .append(changed.statusCode()).append(") | ").append(seen.get(0)).append(" | ").append(seen.get(1)).append(" |\n");
      }
      Map<String, String> operator = new HashMap<>();
      HttpResponse<Buffer> signedIn = driver.send(lb, Map.of(), new Route.Call(null, HttpMethod.POST, "/api/session",
          new JsonObject().put("username", "operateur").put("password", LoadDriver.DEMO_PASSWORD), Route.Answered.NOTHING));
      operator.put("platform", String.join("; ", signedIn.cookies().stream().map(c -> c.split(";", 2)[0]).toList()));
      for (boolean active : new boolean[] {false, true}) {
        HttpResponse<Buffer> changed = driver.send(lb, operator, new Route.Call("platform", HttpMethod.PUT,
            "/api/platform/tenants/deux-sevres/status", new JsonObject().put("active", active), Route.Answered.NOTHING));
        long asked = System.nanoTime();
        List<String> seen = new ArrayList<>();
        int expected = active ? 200 : 404;
        for (LoadDriver.Target node : List.of(nodeA, nodeB)) {
          seen.add(awaitTrue(() -> driver.send(node, Map.of(), Route.Call.get(null, "/t/deux-sevres/offre")).statusCode()
              == expected, asked));
        }
        allHeld &= changed.statusCode() / 100 == 2 && !seen.contains("not seen");
        out.append("| tenant deux-sevres ").append(active ? "reactivated" : "deactivated").append(" (")
            .append(changed.statusCode()).append(") — its public offer answers ").append(expected).append(" | ")
            .append(seen.get(0)).append(" | ").append(seen.get(1)).append(" |\n");
      }

      Scenario scenario = Scenario.discover(driver, lb, "somme", "agent.amiens");
      Map<String, String> cookies = driver.signIn(lb, scenario.accounts());
      Duration third = Duration.ofSeconds(Math.max(3, seconds / 3));
      Benchmark.log("two nodes: mixed scenario through nginx, both nodes up");
      Map<String, RouteResults> before = driver.run(lb, cookies, scenario.routes(), concurrency, third);
      Thread stopper = new Thread(() -> {
        sleep(third.dividedBy(3));
        Benchmark.log("two nodes: stopping node B (pid " + stopPid + ", SIG" + (kill ? "KILL" : "TERM") + ")");
        ProcessHandle.of(stopPid).ifPresent(p -> {
          if (kill) {
            p.destroyForcibly();
          } else {
            p.destroy();
          }
        });
      }, "stopper");
      stopper.start();
      Benchmark.log("two nodes: mixed scenario through nginx, node B stopped during it");
      Map<String, RouteResults> during = driver.run(lb, cookies, scenario.routes(), concurrency, third);
      stopper.join();
      Benchmark.log("two nodes: mixed scenario through nginx, node A alone");
      Map<String, RouteResults> after = driver.run(lb, cookies, scenario.routes(), concurrency, third);

      List<String> acknowledged = List.copyOf(scenario.acknowledged());
      List<String> missing = missing(acknowledged, o.get("db-url"), o.get("db-user"), o.getOrDefault("db-password", ""));
      RouteResults afterTotal = total(after);
      boolean kept = afterTotal.ok() > 0 && afterTotal.failed() == 0;
      out.append("\n#### Mixed scenario through nginx, node B stopped (SIG").append(kill ? "KILL" : "TERM")
          .append(") in the middle\n\n| phase | 2xx | req/s | p99 ms | non-2xx |\n|---|---:|---:|---:|---|\n");
      phase(out, "both nodes (" + third.toSeconds() + " s)", total(before));
      phase(out, "node B stopped " + third.dividedBy(3).toSeconds() + " s into this phase (" + third.toSeconds() + " s)", total(during));
      phase(out, "node A alone (" + third.toSeconds() + " s)", afterTotal);
      out.append("\n| check | result |\n|---|---|\n")
          .append("| writes acknowledged with a 2xx (follow-ups, monthly reports) | ").append(acknowledged.size()).append(" |\n")
          .append("| of them missing from the database afterwards | ").append(missing.size())
          .append(missing.isEmpty() ? "" : " " + missing.subList(0, Math.min(5, missing.size()))).append(" |\n")
          .append("| the other node kept serving (only 2xx once node B was gone) | ").append(kept ? "yes" : "**no**").append(" |\n")
          .append("| plugin and tenant changes held on both nodes | ").append(allHeld ? "yes" : "**no**").append(" |\n");
      Files.writeString(Path.of(o.getOrDefault("out", "two-nodes.md")), out.toString());
      System.out.println(out);
      if (!missing.isEmpty() || !kept || !allHeld) {
        System.exit(1);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** Each acknowledged write ({@code …/orientations/<id>/fields#v} or {@code …/reports/<id>#v}) whose row is not at v or later. */
  static List<String> missing(List<String> acknowledged, String url, String user, String password) throws Exception {
    List<String> missing = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      for (String write : acknowledged) {
        String[] parts = write.split("#");
        String table = parts[0].contains("/orientations/") ? "orientation" : "monthly_report";
        String id = parts[0].replaceAll(".*/(orientations|reports)/([0-9a-f-]{36}).*", "$2");
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT version FROM platform." + table + " WHERE id = ?::uuid")) {
          query.setString(1, id);
          try (ResultSet row = query.executeQuery()) {
            if (!row.next() || row.getInt(1) < Integer.parseInt(parts[1])) {
              missing.add(write);
            }
          }
        }
      }
    }
    return missing;
  }

  private static String awaitTrue(java.util.function.BooleanSupplier condition, long since) {
    long deadline = since + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return "yes, after " + Duration.ofNanos(System.nanoTime() - since).toMillis() + " ms";
      }
      sleep(Duration.ofMillis(20));
    }
    return "not seen";
  }

  private static JsonObject findPlugin(HttpResponse<Buffer> answer, String id) {
    return answer.bodyAsJsonArray().stream().map(JsonObject.class::cast).filter(p -> id.equals(p.getString("id")))
        .findFirst().orElseThrow(() -> new IllegalStateException("no plugin " + id + ": " + answer.bodyAsString()));
  }

  private static RouteResults total(Map<String, RouteResults> routes) {
    return new ResultsReport.Case("all", routes, routes).pacteTotal();
  }

  private static void phase(StringBuilder out, String name, RouteResults r) {
    out.append("| ").append(name).append(" | ").append(r.ok()).append(" | ").append(ResultsReport.format(r.perSecond()))
        .append(" | ").append(ResultsReport.format(r.percentileMillis(99))).append(" | ")
        .append(r.failures().isEmpty() ? "0" : r.failures().toString()).append(" |\n");
  }

  private static LoadDriver.Target target(String name, String hostPort) {
    String[] parts = hostPort.split(":");
    return new LoadDriver.Target(name, parts[0], Integer.parseInt(parts[1]));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
