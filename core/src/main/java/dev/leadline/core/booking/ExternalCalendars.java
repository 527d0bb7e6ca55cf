package dev.leadline.core.booking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Busy times from reps' own calendars (a CalDAV calendar, or a free/busy ICS address), which booking
 * keeps slots clear of. Answers come from a cache kept fresh in the background, so asking is cheap.
 */
public interface ExternalCalendars {
    /** For installations where no rep has a calendar. */
    ExternalCalendars NONE = (repIds, from, to) -> Map.of();

    /**
     * The busy intervals overlapping {@code [from, to)} by rep id; reps without a calendar, or whose calendar
     * has never been read, are absent.
     */
    Map<Long, List<Interval>> busy(Collection<Long> repIds, Instant from, Instant to);
}
