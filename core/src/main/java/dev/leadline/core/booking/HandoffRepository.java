package dev.leadline.core.booking;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Live hand-offs. Calls join the caller's transaction. */
public interface HandoffRepository {
    Handoff insert(LeadId lead, long queueId, long requestedBy, List<Long> offered, Instant expiresAt, Instant at);

    /** The lead's open hand-off, held for this transaction. */
    Optional<Handoff> openFor(LeadId lead, boolean lock);

    /**
     * Ends the hand-off ({@code TAKEN} by a rep with a meeting, or {@code EXPIRED}) if it is still at {@code handoff.version()}.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed it meanwhile
     */
    Handoff end(Handoff handoff, Handoff.State state, Long takenBy, Long meetingId, Instant at);

    /** Open hand-offs whose offers ran out by {@code now}. */
    List<Handoff> expired(Instant now, int limit);
}
