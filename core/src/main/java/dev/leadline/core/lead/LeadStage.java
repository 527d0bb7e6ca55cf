package dev.leadline.core.lead;

import java.time.Instant;

/**
 * Where a lead stands: its status (and why, e.g. the disqualification reason), the queue it is
 * offered to, the rep who owns it, and when it was offered, claimed and first touched.
 */
public record LeadStage(
        LeadStatus status,
        String statusReason,
        Long queueId,
        Long ownerRepId,
        Instant offeredAt,
        Instant claimedAt,
        Instant firstTouchedAt) {

    public static LeadStage fresh() {
        return new LeadStage(LeadStatus.NEW, null, null, null, null, null, null);
    }

    /**
     * Whether the lead has ever been offered to a queue or given an owner: its own card is posted only
     * then (alerts post theirs apart), so a lead never placed has no card of its own to edit.
     */
    public boolean everPlaced() {
        return queueId != null || ownerRepId != null || offeredAt != null || claimedAt != null;
    }

    public boolean isOpen() {
        return status != LeadStatus.DISQUALIFIED && status != LeadStatus.CONVERTED && status != LeadStatus.MERGED;
    }

    public LeadStage withStatus(LeadStatus newStatus, String reason) {
        return new LeadStage(newStatus, reason, queueId, ownerRepId, offeredAt, claimedAt, firstTouchedAt);
    }

    public LeadStage offeredTo(long queue, Instant at) {
        return new LeadStage(status, statusReason, queue, null, at, null, firstTouchedAt);
    }

    public LeadStage ownedBy(long rep, Instant at) {
        return new LeadStage(status, statusReason, queueId, rep, offeredAt, at, firstTouchedAt);
    }

    public LeadStage released() {
        return new LeadStage(status, statusReason, queueId, null, offeredAt, null, firstTouchedAt);
    }

    public LeadStage touched(Instant at) {
        return firstTouchedAt != null ? this
                : new LeadStage(status, statusReason, queueId, ownerRepId, offeredAt, claimedAt, at);
    }
}
