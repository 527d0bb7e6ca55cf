package dev.leadline.core.lead;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A filter over leads with keyset pagination: a named view, a scope (owner, queue, status, text,
 * flagged as a possible duplicate or not), the extra conditions and order of a custom view, and a
 * page. {@code now}, {@code zone} and {@code idleAfter} fix the moment, the time zone and the idle
 * period that time-based views (overdue, due today, idle, ...) are judged by.
 */
public record LeadQuery(
        LeadView view,
        Optional<Long> ownerRepId,
        Optional<Long> queueId,
        Optional<LeadStatus> status,
        Optional<String> text,
        Optional<Boolean> flagged,
        List<LeadFilter> filters,
        LeadSort sort,
        int limit,
        Optional<LeadCursor> after,
        Instant now,
        ZoneId zone,
        Duration idleAfter) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 200;
    public static final Duration DEFAULT_IDLE_AFTER = Duration.ofDays(30);

    public LeadQuery {
        filters = List.copyOf(filters);
    }

    /** Every lead, newest first, judged at {@code now} in {@code zone}. */
    public static LeadQuery at(Instant now, ZoneId zone) {
        return new LeadQuery(LeadView.ALL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), LeadSort.NEWEST, DEFAULT_LIMIT, Optional.empty(), now, zone, DEFAULT_IDLE_AFTER);
    }

    public static LeadQuery all() {
        return at(Instant.now(), ZoneId.of("UTC"));
    }

    public LeadQuery withView(LeadView newView) {
        return new LeadQuery(newView, ownerRepId, queueId, status, text, flagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    public LeadQuery withOwner(Optional<Long> newOwner) {
        return new LeadQuery(view, newOwner, queueId, status, text, flagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    public LeadQuery withQueue(Optional<Long> newQueue) {
        return new LeadQuery(view, ownerRepId, newQueue, status, text, flagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    public LeadQuery withStatus(Optional<LeadStatus> newStatus) {
        return new LeadQuery(view, ownerRepId, queueId, newStatus, text, flagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    public LeadQuery withText(Optional<String> newText) {
        return new LeadQuery(view, ownerRepId, queueId, status, newText, flagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    /** Only the leads with an open duplicate flag ({@code true}), only those without ({@code false}), or all. */
    public LeadQuery withFlagged(Optional<Boolean> newFlagged) {
        return new LeadQuery(view, ownerRepId, queueId, status, text, newFlagged, filters, sort, limit, after, now, zone, idleAfter);
    }

    /** The conditions and order of a custom view, added to this query's. */
    public LeadQuery withFilters(List<LeadFilter> newFilters, LeadSort newSort) {
        return new LeadQuery(view, ownerRepId, queueId, status, text, flagged, newFilters, newSort, limit, after, now, zone, idleAfter);
    }

    public LeadQuery withPage(int newLimit, Optional<LeadCursor> newAfter) {
        return new LeadQuery(view, ownerRepId, queueId, status, text, flagged, filters, sort, newLimit, newAfter, now, zone, idleAfter);
    }

    public LeadQuery withIdleAfter(Duration newIdleAfter) {
        return new LeadQuery(view, ownerRepId, queueId, status, text, flagged, filters, sort, limit, after, now, zone, newIdleAfter);
    }
}
