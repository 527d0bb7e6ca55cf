package dev.leadline.core.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then every 4 h (a
 * listener's own {@code Retry-After} when it is longer, at most 1 h past the schedule), for 24 h after the
 * event's first delivery was created; after that it is given up.
 */
public final class Backoff {
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

    private Backoff() {}

    /** The next try after attempt number {@code attempts} (1 for the first) failed, or empty to give up. */
    public static Optional<Instant> next(int attempts, Instant created, Instant now, Duration retryAfter) {
        Duration wait = STEPS.get(Math.min(Math.max(attempts, 1), STEPS.size()) - 1);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(wait.plusHours(1)) > 0 ? wait.plusHours(1) : retryAfter;
        }
        Instant next = now.plus(wait);
        return next.isAfter(created.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
