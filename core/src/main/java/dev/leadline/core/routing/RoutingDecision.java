package dev.leadline.core.routing;

import java.util.List;

/**
 * Where a lead goes, why, and what the queues' fair-share state becomes once it is stored.
 * {@code entry} is the rule entry that decided (its options apply), or null.
 */
public record RoutingDecision(Outcome outcome, Explanation explanation, List<Taken> taken, RuleEntry entry) {
    public RoutingDecision {
        taken = List.copyOf(taken);
    }

    /** What happens to the lead. */
    public sealed interface Outcome {
        /** Owned by the rep; {@code queueId} is the queue it came through, or null. */
        record Assign(long repId, Long queueId) implements Outcome {}

        /** Offered to every member of the queue; the first claim wins. */
        record Offer(long queueId) implements Outcome {}

        /** Nobody could take it: kept in the queue, unassigned, and the managers are told. */
        record Hold(long queueId, String why) implements Outcome {}

        /** Stays with its owner. */
        record Keep(long repId) implements Outcome {}

        /** No rules apply to it; it stays where it is. */
        record Unrouted(String why) implements Outcome {}
    }

    /**
     * A lead counted against a queue: the member's new fair-share place (for {@code repId} 0, an offer to
     * everyone, only the queue's tally moves) and the periods its caps count in.
     */
    public record Taken(long queueId, long repId, FairShare.Member member, double clock, Periods periods) {}
}
