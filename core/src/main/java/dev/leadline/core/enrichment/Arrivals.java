package dev.leadline.core.enrichment;

import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Leads that just arrived on this node, handed to the enrichment loop so that they are enriched and
 * scored at once rather than at its next look for waiting leads. Only a shortcut: a lead still waits
 * in the database until it is enriched, so one that is never handed over here (another node's, one
 * dropped from a full hand-over) is enriched at a later look.
 */
public final class Arrivals {
    /** More than a few seconds' worth at any intake rate the server keeps up with; beyond it leads wait for the loop's look. */
    private static final int CAPACITY = 10_000;
    private final LinkedBlockingQueue<LeadId> leads = new LinkedBlockingQueue<>(CAPACITY);

    /** Hands a committed lead over; when the hand-over is full the lead waits for the loop's next look. */
    public void arrived(LeadId lead) {
        leads.offer(lead);
    }

    /** Up to {@code max} arrived leads, waiting at most {@code most} for the first; empty when none came. */
    public List<LeadId> take(int max, Duration most) throws InterruptedException {
        LeadId first = leads.poll(most.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<LeadId> taken = new ArrayList<>(List.of(first));
        leads.drainTo(taken, max - 1);
        return taken;
    }
}
