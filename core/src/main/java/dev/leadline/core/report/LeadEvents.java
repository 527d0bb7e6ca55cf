package dev.leadline.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store of lead facts: only ever added to. */
public interface LeadEvents {
    void append(List<LeadEvent> events);

    /** Works out again what reports read of these leads, after a change that added no fact (a new source or campaign). */
    default void refresh(java.util.Collection<Long> leadIds) {
    }

    /** Every lead with a fact in {@code [from, to)}, with its whole history (facts before and after the period too). */
    List<LeadHistory> historiesBetween(Instant from, Instant to);

    /**
     * The leads created in {@code [from, to)} and not merged away, as the funnel and conversion reports read
     * them, narrowed to the queue and the rep they count for when asked. Worked out here from the histories;
     * a store that keeps each lead's summary with its facts answers from those.
     */
    default List<CohortLead> createdBetween(Instant from, Instant to, Optional<Long> queueId, Optional<Long> repId) {
        return historiesBetween(from, to).stream().map(CohortLead::of)
                .filter(l -> !l.mergedAway() && !l.createdAt().isBefore(from) && l.createdAt().isBefore(to))
                .filter(l -> queueId.map(q -> q.equals(l.queueId())).orElse(true) && repId.map(r -> r.equals(l.repId())).orElse(true))
                .toList();
    }

    /** Meetings booked or due to start in {@code [from, to)}. */
    List<MeetingFact> meetingsBetween(Instant from, Instant to);
}
