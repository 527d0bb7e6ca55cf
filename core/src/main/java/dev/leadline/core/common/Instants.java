package dev.leadline.core.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The times Leadline accepts: from the year 1900 to the year 9999 (UTC). Anything outside is a
 * typing mistake or a probe, and no database column takes it; every edge where a time comes in
 * (JSON bodies, query parameters, view filters) checks it here and names the field.
 */
public final class Instants {
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 9999;
    public static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant LATEST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);

    private Instants() {}

    public static boolean inRange(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }

    public static boolean inRange(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    /** The sentence that explains a refused time. */
    public static String outOfRange() {
        return "must be between the years " + FIRST_YEAR + " and " + LAST_YEAR;
    }

    /**
     * @throws ValidationException naming {@code field} when the time lies outside the years 1900-9999
     */
    public static Instant checked(String field, Instant at) {
        if (at != null && !inRange(at)) {
            throw new ValidationException(field, outOfRange());
        }
        return at;
    }
}
