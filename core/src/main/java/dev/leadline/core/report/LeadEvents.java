package dev.leadline.core.report;

import java.time.Instant;
import java.util.List;

/** The store of lead facts: only ever added to. */
public interface LeadEvents {
    void append(List<LeadEvent> events);

    /** Every lead with a fact in {@code [from, to)}, with its whole history (facts before and after the period too). */
    List<LeadHistory> historiesBetween(Instant from, Instant to);

    /** Meetings booked or due to start in {@code [from, to)}. */
    List<MeetingFact> meetingsBetween(Instant from, Instant to);
}
