package dev.leadline.core.routing;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Leads waiting to be routed, the decisions made, and the queues' fair-share state. Calls join the caller's transaction. */
public interface RoutingStore {
    void enqueue(List<LeadId> leads, String purpose, Instant at);

    /**
     * Waiting leads not leased at {@code now}, oldest first: all of them when {@code enrichedOrBefore}
     * is null, else those enriched already or waiting since before {@code enrichedOrBefore}.
     */
    List<Pending> due(int limit, Instant now, Instant enrichedOrBefore);

    /** Leases a waiting lead until {@code until}; false when it is not waiting or another holds a lease on it now. */
    boolean lease(LeadId lead, Instant now, Instant until);

    /** Leases those of these waiting leads that nobody holds now, until {@code until}; returns them. */
    List<LeadId> leaseAll(List<LeadId> leads, Instant now, Instant until);

    /**
     * Ends the leases on these leads at {@code until} at the latest (never later than they end now): a
     * batch that could not be stored is tried again then, not when its lease would have ended.
     */
    void release(List<LeadId> leads, Instant until);

    /** Takes the lead off the waiting list; false when it was not (or no longer) on it. */
    boolean take(LeadId lead);

    /** Takes these leads off the waiting list; returns those that were on it (and are now taken by this transaction). */
    List<LeadId> takeAll(List<LeadId> leads);

    void record(Decision decision);

    void recordAll(List<Decision> decisions);

    /**
     * Moves the queues' fair-share state and caps' tallies for leads handed out, in order: each
     * member's and queue's last state stands, tallies add up.
     */
    void count(List<RoutingDecision.Taken> taken);

    /**
     * Sets these members' fair-share places in the queue (a lead moved from one member to another: the
     * first gets their turn back, the second is charged it), leaving tallies as they are.
     */
    void placeMembers(long queueId, java.util.Map<Long, FairShare.Member> members);

    Optional<Decision> latest(LeadId lead);

    /**
     * The leads most recently routed by the rules of this purpose ({@code default} for those the default
     * rules routed), each with its newest decision by them, newest first, at most {@code limit}.
     */
    List<Decision> lastDecidedBy(String purpose, int limit);

    /** A lead waiting to be routed. */
    record Pending(LeadId lead, String purpose, Instant since) {}

    /** A decision as stored with the lead. */
    record Decision(LeadId lead, String outcome, Long queueId, Long repId, boolean doNotReassign, Explanation explanation) {}
}
