package dev.leadline.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.leadline.db.Database;
import dev.leadline.db.JooqBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Gauges read from the database at a scrape, at most every {@link #FRESH} however many ask: whether it
 * answers, the outbox's backlog and its oldest delivery's age per platform, routing's waiting list, and
 * this node's connection pool. The backlog is the cluster's: every node reports the same numbers, so
 * dashboards take their {@code max}.
 */
public final class BacklogGauges {
    static final Duration FRESH = Duration.ofSeconds(5);

    private final Database database;
    private final JooqBacklog backlog;
    private final Clock clock;
    private Snapshot last;

    private record Snapshot(Instant at, boolean up, Map<String, JooqBacklog.Waiting> outbox, JooqBacklog.Waiting routing) {}

    private BacklogGauges(Database database, Clock clock) {
        this.database = database;
        this.backlog = new JooqBacklog(database.dsl());
        this.clock = clock;
    }

    /** Registers the gauges; {@code platforms} are the configured chat platforms (the outbox's, e.g. {@code slack}). */
    public static void register(MeterRegistry registry, Database database, List<String> platforms, Clock clock) {
        BacklogGauges gauges = new BacklogGauges(database, clock);
        gauges.gauge(registry, "leadline.database.up", "1 when the database answered within 2 s, else 0", s -> s.up() ? 1 : 0);
        for (String platform : platforms) {
            Gauge.builder("leadline.outbox.backlog", gauges, g -> g.snapshot().outbox().containsKey(platform)
                    ? g.snapshot().outbox().get(platform).count() : 0).tag("platform", platform).strongReference(true)
                    .description("Chat deliveries not made yet (due or waiting to retry), all nodes").register(registry);
            Gauge.builder("leadline.outbox.age", gauges, g -> g.age(g.snapshot().outbox().get(platform))).tag("platform", platform).strongReference(true)
                    .baseUnit("seconds").description("How long the oldest delivery not made yet has waited, all nodes").register(registry);
        }
        gauges.gauge(registry, "leadline.routing.waiting", "Leads waiting to be routed (for enrichment, or a router), all nodes",
                s -> s.routing() == null ? 0 : s.routing().count());
        Gauge.builder("leadline.routing.waiting.age", gauges, g -> g.age(g.snapshot().routing())).baseUnit("seconds").strongReference(true)
                .description("How long the lead longest on routing's waiting list has waited, all nodes").register(registry);
        if (database.dataSource() instanceof HikariDataSource pool) {
            pool(registry, pool, "active", "Connections in use", p -> p.getActiveConnections());
            pool(registry, pool, "idle", "Connections open and free", p -> p.getIdleConnections());
            pool(registry, pool, "max", "The pool's size", p -> pool.getMaximumPoolSize());
            pool(registry, pool, "pending", "Threads waiting for a connection", p -> p.getThreadsAwaitingConnection());
        }
    }

    private static void pool(MeterRegistry registry, HikariDataSource pool, String what, String description,
                             ToDoubleFunction<com.zaxxer.hikari.HikariPoolMXBean> value) {
        Gauge.builder("leadline.db.pool." + what, pool, p -> p.getHikariPoolMXBean() == null ? 0 : value.applyAsDouble(p.getHikariPoolMXBean()))
                .description(description + " (this node's connection pool)").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.snapshot())).description(description).strongReference(true).register(registry);
    }

    private double age(JooqBacklog.Waiting waiting) {
        return waiting == null || waiting.oldestSince() == null ? 0
                : Math.max(0, Duration.between(waiting.oldestSince(), clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last != null && Duration.between(last.at(), now).compareTo(FRESH) < 0) {
            return last;
        }
        boolean up = database.isUp(Duration.ofSeconds(2));
        Map<String, JooqBacklog.Waiting> outbox = Map.of();
        JooqBacklog.Waiting routing = null;
        if (up) {
            try {
                outbox = backlog.outbox().stream().collect(Collectors.toMap(JooqBacklog.Waiting::name, w -> w));
                routing = backlog.routing();
            } catch (RuntimeException e) {
                up = false;
            }
        }
        last = new Snapshot(now, up, outbox, routing);
        return last;
    }
}
