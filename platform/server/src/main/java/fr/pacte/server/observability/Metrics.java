package fr.pacte.server.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Prometheus registry of one node: Vert.x HTTP server requests, the database pool, and the JVM.
 *
 * <p>A national instance serves about a hundred tenants, so the tenant tag is kept only where it is worth its cost:
 * the request count and the latency histogram, whose buckets are a few service-level thresholds. Sizes and the
 * other HTTP meters are per route only; nothing publishes quantiles.
 */
public final class Metrics {

  static final String TENANT = "tenant";
  private static final String HTTP_SERVER = "vertx.http.server.";
  private static final Set<String> BY_TENANT = Set.of(HTTP_SERVER + "requests", HTTP_SERVER + "response.time");
  private static final String LATENCY = HTTP_SERVER + "response.time";
  /** Service-level thresholds of the latency histogram. */
  static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(25), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500));

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile Predicate<String> knownTenant = slug -> false;

  public Metrics() {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getName().startsWith(HTTP_SERVER) && !BY_TENANT.contains(id.getName()) && id.getTag(TENANT) != null) {
          return id.replaceTags(Tags.of(id.getTags().stream().filter(tag -> !tag.getKey().equals(TENANT)).toList()));
        }
        return id;
      }

      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().equals(LATENCY)) {
          return DistributionStatisticConfig.builder().percentilesHistogram(false)
              .serviceLevelObjectives(LATENCY_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
              .build().merge(config);
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(false).build().merge(config);
      }
    });
  }

  /** JVM meters; bound after Vert.x has configured the registry, which must come before any meter exists. */
  public void bindJvmMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Tells which slugs are tenants, so that requests to unknown paths cannot add tag values. */
  public void countTenants(Predicate<String> knownTenant) {
    this.knownTenant = knownTenant;
  }

  /** Adds this registry to a Vert.x about to be built. */
  public VertxBuilder instrument(VertxBuilder builder) {
    return builder.with(vertxOptions()).withMetrics(new MicrometerMetricsFactory(registry));
  }

  private VertxOptions vertxOptions() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(false)
        // Database connections are measured by the pool; raw TCP client meters would only duplicate them.
        .setDisabledMetricsCategories(Set.of(MetricsDomain.NET_CLIENT.name()))
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .setServerRequestTagsProvider(request -> {
          String tenant = TenantOfRequest.of(request.uri() == null ? null : request.uri().split("\\?")[0]);
          return List.of(Tag.of(TENANT, knownTenant.test(tenant) ? tenant : TenantOfRequest.NONE));
        })
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(false));
    // A blocked event loop is logged with where it is blocked as soon as it is seen, not only past 5 s.
    return new VertxOptions().setMetricsOptions(metrics)
        .setWarningExceptionTime(VertxOptions.DEFAULT_MAX_EVENT_LOOP_EXECUTE_TIME)
        .setWarningExceptionTimeUnit(VertxOptions.DEFAULT_MAX_EVENT_LOOP_EXECUTE_TIME_UNIT);
  }
}
