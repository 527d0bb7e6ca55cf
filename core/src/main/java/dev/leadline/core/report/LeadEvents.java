package dev.leadline.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store of lead facts: only ever added to. */
public interface LeadEvents {
    void append(List<LeadEvent> events);

    /**
     * Adds the first facts of leads created in the caller's transaction: their histories are whole as
     * given (no earlier fact, conversion or enrichment), so what reports read of them needs nothing read back.
     */
    default void appendCreated(List<LeadHistory> histories) {
        append(histories.stream().flatMap(h -> h.events().stream()).toList());
    }

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

    /** Each rep's meetings in {@code [from, to)}, counted as the rep report counts them; reps with none left out. */
    default java.util.Map<Long, MeetingFact.Counts> meetingCounts(Instant from, Instant to) {
        java.util.Map<Long, long[]> counts = new java.util.HashMap<>();
        for (MeetingFact m : meetingsBetween(from, to)) {
            long[] c = counts.computeIfAbsent(m.repId(), r -> new long[3]);
            c[0] += !m.bookedAt().isBefore(from) && m.bookedAt().isBefore(to) ? 1 : 0;
            boolean due = !m.startsAt().isBefore(from) && m.startsAt().isBefore(to);
            c[1] += due && "HELD".equals(m.outcome()) ? 1 : 0;
            c[2] += due && "NO_SHOW".equals(m.outcome()) ? 1 : 0;
        }
        java.util.Map<Long, MeetingFact.Counts> out = new java.util.HashMap<>();
        counts.forEach((rep, c) -> out.put(rep, new MeetingFact.Counts(c[0], c[1], c[2])));
        return out;
    }
}
