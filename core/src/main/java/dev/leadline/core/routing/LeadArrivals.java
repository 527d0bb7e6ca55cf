package dev.leadline.core.routing;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;

/**
 * Where intake hands new leads to routing: they are put on the waiting list in intake's own
 * transaction (so none is lost), and the router is woken once that transaction has committed.
 */
public final class LeadArrivals {
    /** For intake without routing (tests of intake alone). */
    public static final LeadArrivals NONE = new LeadArrivals(null, () -> { });

    private final RoutingStore store;
    private final Runnable wake;

    public LeadArrivals(RoutingStore store, Runnable wake) {
        this.store = store;
        this.wake = wake;
    }

    /** Puts the leads on the waiting list; call inside the transaction that stored them. */
    public void arrived(List<LeadId> leads, String purpose, Instant at) {
        if (store != null && !leads.isEmpty()) {
            store.enqueue(leads, purpose, at);
        }
    }

    /** Wakes the router; call after the transaction committed. */
    public void committed() {
        wake.run();
    }
}
