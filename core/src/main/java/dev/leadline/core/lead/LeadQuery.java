package dev.leadline.core.lead;

import java.util.Optional;

/** A filter over leads, newest first, with keyset pagination. */
public record LeadQuery(
        LeadView view,
        Optional<Long> ownerRepId,
        Optional<LeadStatus> status,
        Optional<String> text,
        int limit,
        Optional<LeadCursor> after) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 200;

    public static LeadQuery all() {
        return new LeadQuery(LeadView.ALL, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT, Optional.empty());
    }
}
