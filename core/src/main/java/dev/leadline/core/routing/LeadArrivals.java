package dev.leadline.core.routing;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.enrichment.Arrivals;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;

/**
 * Where intake hands new leads to routing: they are put on the waiting list in intake's own
 * transaction (so none is lost), and once that transaction has committed a single lead is routed
 * at once on the caller's thread, many leads (an import batch) by the router's own thread. While
 * enrichment providers are on, a single lead is handed to enrichment at once instead, which wakes the
 * router when it is done.
 */
public final class LeadArrivals {
    /** For intake without routing (tests of intake alone). */
    public static final LeadArrivals NONE = new LeadArrivals(null, null, null, null);

    private final RoutingStore store;
    private final Wakeup signal;
    private final RoutingService routing;
    private final Arrivals enrichment;

    public LeadArrivals(RoutingStore store, Wakeup signal, RoutingService routing, Arrivals enrichment) {
        this.store = store;
        this.signal = signal;
        this.routing = routing;
        this.enrichment = enrichment;
    }

    /**
     * Puts the leads on the waiting list, when there are rules to route them by; call inside the
     * transaction that stored them.
     */
    public void arrived(List<LeadId> leads, String purpose, Instant at) {
        if (store != null && !leads.isEmpty() && routing.hasRules(purpose)) {
            store.enqueue(leads, purpose, at);
        }
    }

    /**
     * Routes one committed lead now, and says whether it did; when it waits for enrichment it is
     * handed to enrichment, and when routing fails the router takes it.
     */
    public boolean committed(LeadId lead, String purpose) {
        if (routing == null) {
            return false;
        }
        if (routing.waitsForEnrichment()) {
            enrichment.arrived(lead);
            return false;
        }
        boolean routed = routing.routeNow(lead, purpose);
        if (!routed) {
            signal.wake();
        }
        return routed;
    }

    /** Wakes the router for leads committed in a batch. */
    public void committed() {
        if (signal != null) {
            signal.wake();
        }
    }
}
