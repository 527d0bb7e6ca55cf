package dev.leadline.core.lead;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A filter over leads, newest first, with keyset pagination. {@code now} and {@code zone} fix the
 * moment and the time zone that time-based views (overdue, due today, idle, ...) are judged in.
 */
public record LeadQuery(
        LeadView view,
        Optional<Long> ownerRepId,
        Optional<Long> queueId,
        Optional<LeadStatus> status,
        Optional<String> text,
        int limit,
        Optional<LeadCursor> after,
        Instant now,
        ZoneId zone) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 200;
    public static final int IDLE_DAYS = 30;

    public static LeadQuery all() {
        return new LeadQuery(LeadView.ALL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                Optional.empty(), Instant.now(), ZoneId.of("UTC"));
    }

    public LeadQuery withView(LeadView newView) {
        return new LeadQuery(newView, ownerRepId, queueId, status, text, limit, after, now, zone);
    }

    public LeadQuery withText(String newText, int newLimit, Optional<LeadCursor> newAfter) {
        return new LeadQuery(view, ownerRepId, queueId, status, Optional.ofNullable(newText), newLimit, newAfter, now, zone);
    }
}
