package dev.leadline.core.lead;

import java.time.Instant;

/**
 * Where a lead stands: its status (and why, e.g. the disqualification reason), the queue it is
 * offered to, the rep who owns it, and since when it is with them ({@code assignedAt}). Three facts
 * of its history stay as they first happened, whatever moves come later, since reports count from
 * them: when it first reached a queue or a rep ({@code offeredAt}), when a rep first claimed it
 * ({@code claimedAt}; an assignment is not a claim), and when it was first touched.
 */
public record LeadStage(
        LeadStatus status,
        String statusReason,
        Long queueId,
        Long ownerRepId,
        Instant offeredAt,
        Instant claimedAt,
        Instant firstTouchedAt,
        Instant assignedAt) {

    public static LeadStage fresh() {
        return new LeadStage(LeadStatus.NEW, null, null, null, null, null, null, null);
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
        return new LeadStage(newStatus, reason, queueId, ownerRepId, offeredAt, claimedAt, firstTouchedAt, assignedAt);
    }

    /** Offered to a queue for its members to claim, from its owner if it had one. */
    public LeadStage offeredTo(long queue, Instant at) {
        return new LeadStage(status, statusReason, queue, null, first(offeredAt, at), claimedAt, firstTouchedAt, at);
    }

    /** Given to a rep (by routing or a manager): the rep owns it, without having claimed it. */
    public LeadStage ownedBy(long rep, Instant at) {
        return new LeadStage(status, statusReason, queueId, rep, first(offeredAt, at), claimedAt, firstTouchedAt, at);
    }

    /** Claimed by a rep of its queue. */
    public LeadStage claimedBy(long rep, Instant at) {
        return new LeadStage(status, statusReason, queueId, rep, first(offeredAt, at), first(claimedAt, at), firstTouchedAt, at);
    }

    /** Back with its queue, without an owner. */
    public LeadStage released(Instant at) {
        return new LeadStage(status, statusReason, queueId, null, offeredAt, claimedAt, firstTouchedAt, at);
    }

    /** New again, on no queue and with no owner, for routing to place afresh; its history stays. */
    public LeadStage recycled() {
        return new LeadStage(LeadStatus.NEW, null, null, null, offeredAt, claimedAt, firstTouchedAt, null);
    }

    public LeadStage touched(Instant at) {
        return firstTouchedAt != null ? this
                : new LeadStage(status, statusReason, queueId, ownerRepId, offeredAt, claimedAt, at, assignedAt);
    }

    /** Merged into {@code survivor}: on no queue and with no owner; its history stays. */
    public LeadStage mergedInto(LeadId survivor) {
        return new LeadStage(LeadStatus.MERGED, survivor.toString(), null, null, offeredAt, claimedAt, firstTouchedAt, null);
    }

    private static Instant first(Instant was, Instant now) {
        return was != null ? was : now;
    }
}
