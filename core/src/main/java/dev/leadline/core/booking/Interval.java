package dev.leadline.core.booking;

import java.time.Instant;

/** A stretch of time, start inclusive, end exclusive. */
public record Interval(Instant start, Instant end) {
    public Interval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + start + " - " + end);
        }
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
