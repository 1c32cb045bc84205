package fr.pacte.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one run measured on one route: the latency of every answer (HdrHistogram, microseconds, 3 significant
 * digits), how many answers were 2xx and which other statuses came back. Latencies of non-2xx answers are kept
 * apart so that a fast error never flatters the figures.
 */
public final class RouteResults {

  private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

  private final String route;
  private final Histogram latencies = new Histogram(MAX_MICROS, 3);
  private final Map<String, Integer> failures = new TreeMap<>();
  private long millis = 1;

  public RouteResults(String route) {
    this.route = route;
  }

  public String route() {
    return route;
  }

  void record(long micros, int status) {
    if (status >= 200 && status < 300) {
      latencies.recordValue(Math.min(Math.max(micros, 1), MAX_MICROS));
    } else {
      failures.merge(status == 0 ? "connection error" : String.valueOf(status), 1, Integer::sum);
    }
  }

  void over(Duration duration) {
    this.millis = Math.max(1, duration.toMillis());
  }

  /** Answers with a 2xx. */
  public long ok() {
    return latencies.getTotalCount();
  }

  /** Statuses other than 2xx (and connection errors) with their counts. */
  public Map<String, Integer> failures() {
    return failures;
  }

  public long failed() {
    return failures.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** 2xx answers per second over the run. */
  public double perSecond() {
    return ok() * 1000.0 / millis;
  }

  /** A percentile of 2xx latencies, in milliseconds. */
  public double percentileMillis(double percentile) {
    return latencies.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return latencies.getMaxValue() / 1000.0;
  }

  public Histogram histogram() {
    return latencies;
  }

  /** Adds another round of the same route (e.g. the next alternation). */
  public void add(RouteResults other) {
    latencies.add(other.latencies);
    other.failures.forEach((status, count) -> failures.merge(status, count, Integer::sum));
    millis += other.millis;
  }
}
