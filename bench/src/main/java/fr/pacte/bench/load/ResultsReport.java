package fr.pacte.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures as Markdown: per route and for the mixed scenario, Pacte and the raw baseline side by side,
 * with Pacte ÷ raw for requests per second and for p99 (the figures that count on a shared machine), then the targets
 * of the issue, met or missed.
 */
public final class ResultsReport {

  /** One measured case: a route alone, or the mix; each side's results merged over its rounds. */
  public record Case(String name, Map<String, RouteResults> pacte, Map<String, RouteResults> raw) {

    RouteResults pacteTotal() {
      return total(pacte);
    }

    RouteResults rawTotal() {
      return total(raw);
    }

    private RouteResults total(Map<String, RouteResults> routes) {
      if (routes.size() == 1) {
        return routes.values().iterator().next();
      }
      RouteResults total = new RouteResults(name);
      long millis = 0;
      for (RouteResults route : routes.values()) {
        total.histogram().add(route.histogram());
        route.failures().forEach((status, count) -> total.failures().merge(status, count, Integer::sum));
        millis = Math.max(millis, Math.round(route.ok() * 1000.0 / Math.max(route.perSecond(), 1e-9)));
      }
      total.over(java.time.Duration.ofMillis(Math.max(millis, 1)));
      return total;
    }
  }

  /** Facts about the node measured outside the load driver. */
  public record Node(Long startupMillis, Long heapUsedBytes, Long heapMaxBytes, Long rssKb, Long rssPeakKb,
                     Long metricsBytes, int tenants) {
  }

  private final List<Case> alone = new ArrayList<>();
  private Case mixed;

  public void alone(Case result) {
    alone.add(result);
  }

  public void mixed(Case result) {
    this.mixed = result;
  }

  public String markdown(Node node, int concurrency, int rounds, int secondsPerRound) {
    StringBuilder out = new StringBuilder();
    out.append("Each case ran ").append(rounds).append(" rounds of ").append(secondsPerRound)
        .append(" s per side, alternating Pacte and raw, with ").append(concurrency)
        .append(" simulated users (closed loop). Latencies of 2xx answers in milliseconds.\n\n");
    out.append("### Each route alone\n\n");
    header(out);
    for (Case c : alone) {
      row(out, c.name(), c.pacteTotal(), c.rawTotal());
    }
    if (mixed != null) {
      out.append("\n### Mixed month-end scenario\n\n");
      header(out);
      row(out, "**all routes**", mixed.pacteTotal(), mixed.rawTotal());
      for (String route : mixed.pacte().keySet()) {
        row(out, route, mixed.pacte().get(route), mixed.raw().get(route));
      }
    }
    out.append("\n### The node\n\n");
    out.append("| what | value |\n|---|---|\n");
    out.append("| tenants | ").append(node.tenants()).append(" |\n");
    out.append("| start-up to `/health/ready` (after PostgreSQL was up) | ").append(value(node.startupMillis(), " ms")).append(" |\n");
    out.append("| JVM heap used / max under load (`/metrics`) | ").append(mib(node.heapUsedBytes())).append(" / ")
        .append(mib(node.heapMaxBytes())).append(" |\n");
    out.append("| RSS under load / peak (`/proc/<pid>/status`) | ").append(node.rssKb() == null ? "not measured"
        : node.rssKb() / 1024 + " MiB").append(" / ").append(node.rssPeakKb() == null ? "not measured" : node.rssPeakKb() / 1024 + " MiB")
        .append(" |\n");
    out.append("| `/metrics` size | ").append(node.metricsBytes() == null ? "not measured"
        : String.format(Locale.ROOT, "%.1f KiB", node.metricsBytes() / 1024.0)).append(" |\n");
    out.append("\n### Targets of the issue\n\n");
    out.append("| target | measured | met |\n|---|---|---|\n");
    for (Case c : alone) {
      double ratio = ratio(c.pacteTotal().perSecond(), c.rawTotal().perSecond());
      target(out, c.name() + ": Pacte ≥ 0.8 × raw requests/s", format(ratio), ratio >= 0.8);
    }
    if (mixed != null) {
      RouteResults all = mixed.pacteTotal();
      target(out, "mixed scenario ≥ 500 requests/s", format(all.perSecond()) + " req/s", all.perSecond() >= 500);
      target(out, "mixed scenario p99 < 50 ms", format(all.percentileMillis(99)) + " ms", all.percentileMillis(99) < 50);
    }
    for (Case c : alone) {
      if (c.name().startsWith("dashboard")) {
        double p99 = c.pacteTotal().percentileMillis(99);
        target(out, c.name() + " p99 < 200 ms", format(p99) + " ms", p99 < 200);
      }
      if (c.name().equals(Scenario.CAPACITY)) {
        double p99 = c.pacteTotal().percentileMillis(99);
        target(out, "live capacity check p99 < 20 ms", format(p99) + " ms", p99 < 20);
      }
    }
    if (node.startupMillis() != null) {
      target(out, "start-up < 5 s beyond PostgreSQL's start", node.startupMillis() + " ms", node.startupMillis() < 5000);
    }
    if (node.metricsBytes() != null) {
      target(out, "`/metrics` < 1 MB", node.metricsBytes() + " bytes", node.metricsBytes() < 1_000_000);
    }
    return out.toString();
  }

  private static void header(StringBuilder out) {
    out.append("| route | Pacte req/s | raw req/s | **req/s ratio** | Pacte p50 / p90 / p99 / max | raw p50 / p90 / p99 / max | "
        + "**p99 ratio** | non-2xx (Pacte; raw) |\n|---|---:|---:|---:|---|---|---:|---|\n");
  }

  private static void row(StringBuilder out, String name, RouteResults pacte, RouteResults raw) {
    out.append("| ").append(name).append(" | ").append(format(pacte.perSecond())).append(" | ")
        .append(raw == null ? "–" : format(raw.perSecond())).append(" | **")
        .append(raw == null ? "–" : format(ratio(pacte.perSecond(), raw.perSecond()))).append("** | ")
        .append(percentiles(pacte)).append(" | ").append(raw == null ? "–" : percentiles(raw)).append(" | **")
        .append(raw == null ? "–" : format(ratio(pacte.percentileMillis(99), raw.percentileMillis(99)))).append("** | ")
        .append(failures(pacte)).append("; ").append(raw == null ? "–" : failures(raw)).append(" |\n");
  }

  private static String percentiles(RouteResults r) {
    return format(r.percentileMillis(50)) + " / " + format(r.percentileMillis(90)) + " / "
        + format(r.percentileMillis(99)) + " / " + format(r.maxMillis());
  }

  private static String failures(RouteResults r) {
    if (r.failures().isEmpty()) {
      return "0";
    }
    Map<String, Integer> sorted = new LinkedHashMap<>(r.failures());
    return sorted.toString();
  }

  private static void target(StringBuilder out, String what, String measured, boolean met) {
    out.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
  }

  static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String value(Long v, String unit) {
    return v == null ? "not measured" : v + unit;
  }

  private static String mib(Long bytes) {
    return bytes == null ? "not measured" : bytes / (1024 * 1024) + " MiB";
  }
}
