package dev.leadline.core.booking;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;

/**
 * A live hand-off: {@code requestedBy} (on a call with the lead) offered it to {@code offered}, the members of
 * {@code queueId} free at that moment; the first to take it ({@code takenBy}) gets the lead and a meeting now.
 */
public record Handoff(long id, LeadId leadId, long queueId, long requestedBy, List<Long> offered, State state, Long takenBy, Long meetingId,
                      Instant createdAt, Instant expiresAt, int version) {
    /** Where a hand-off stands. */
    public enum State { OPEN, TAKEN, EXPIRED }

    public Handoff {
        offered = List.copyOf(offered);
    }
}
