package dev.leadline.core.booking;

import java.time.Instant;

/**
 * How reading a rep's calendar last went: when it was last read well and how many busy times it held
 * then, and the last failure (kept until a read succeeds again).
 */
public record CalendarStatus(Instant readAt, Integer busyCount, String error, Instant errorAt) {
    public static final CalendarStatus NEVER_READ = new CalendarStatus(null, null, null, null);
}
