package dev.leadline.server.http;

import dev.leadline.db.JooqRateBuckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most N submissions a minute for each (form, client): a token bucket of N that gets one back every
 * minute / N, so a burst spends the bucket and no window edge lets 2N through. The buckets are in the
 * database, so the limit holds across every server node.
 */
final class RateLimiter {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private final JooqRateBuckets buckets;
    private final int perMinute;
    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

    RateLimiter(JooqRateBuckets buckets, int perMinute, Clock clock) {
        this.buckets = buckets;
        this.perMinute = perMinute;
        this.interval = Duration.ofMinutes(1).dividedBy(perMinute);
        this.clock = clock;
    }

    /** Counts one submission; returns the seconds to wait if it is over the limit, else 0. */
    long acquire(String form, String client) {
        Instant now = clock.instant();
        sweep(now);
        Duration wait = buckets.take("form:" + form, client, perMinute, interval, now);
        return wait.isZero() ? 0 : (wait.toMillis() + 999) / 1000;
    }

    /** Forgets buckets that are full again, at most once a minute on this node. */
    private void sweep(Instant now) {
        Instant last = lastSweep.get();
        if (last.plus(SWEEP_EVERY).isBefore(now) && lastSweep.compareAndSet(last, now)) {
            buckets.expire(now);
        }
    }
}
