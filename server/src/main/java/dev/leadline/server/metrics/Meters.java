package dev.leadline.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * One server's metrics, in Prometheus's text format at {@code /metrics} (docs/operations.md lists them).
 * Counters and timers count what this node did; the backlog gauges read the database every node shares.
 */
public final class Meters implements AutoCloseable {
    /** Buckets for latencies people wait on: from a quick answer to a lead left for minutes. */
    static final Duration[] WAITS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A registry with the JVM's and the process's own meters, and the build's version. */
    public Meters(String version) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("leadline.version", () -> 1).tag("version", String.valueOf(version))
                .description("Always 1; the version of the running build is its label").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter, in Prometheus's text format (version 0.0.4). */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Runs before each scrape: registers meters for things that come and go (plugins). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** A timer with buckets for {@link #WAITS}, so that Prometheus can work out percentiles over all nodes. */
    public static Timer.Builder waits(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(WAITS)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
