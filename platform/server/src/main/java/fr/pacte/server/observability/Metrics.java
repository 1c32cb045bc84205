package fr.pacte.server.observability;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Prometheus registry of one node: Vert.x HTTP server requests (count and latency histogram, by route and
 * tenant), the database pool, and the JVM.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

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

  /**
   * Vert.x options that report into this registry.
   *
   * @param knownTenant tells whether a slug is a tenant, so that unknown paths cannot explode the tag values
   */
  public VertxOptions vertxOptions(Predicate<String> knownTenant) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(false)
        // Database connections are measured by the pool; raw TCP client meters would only duplicate them.
        .setDisabledMetricsCategories(Set.of(MetricsDomain.NET_CLIENT.name()))
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .setServerRequestTagsProvider(request -> {
          String tenant = TenantOfRequest.of(request.uri() == null ? null : request.uri().split("\\?")[0]);
          return List.of(Tag.of("tenant", knownTenant.test(tenant) ? tenant : TenantOfRequest.NONE));
        })
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true));
    return new VertxOptions().setMetricsOptions(metrics);
  }

}
