package dev.leadline.server.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/** At most N events per key per minute (fixed one-minute windows), in this server's memory. */
final class RateLimiter {
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, long[]> windows = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts one event; returns the seconds to wait if it is over the limit, else 0. */
    long acquire(String key) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue()[0] < minute);
        }
        long[] window = windows.compute(key, (k, w) -> w == null || w[0] != minute ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
        return window[1] <= perMinute ? 0 : 60 - (clock.millis() / 1000) % 60;
    }
}
