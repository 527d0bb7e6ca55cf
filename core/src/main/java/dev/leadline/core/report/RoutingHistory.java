package dev.leadline.core.report;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.routing.Explanation;
import java.time.Instant;
import java.util.List;

/** Routing's decisions as they were stored, each with the members it considered: only ever added to. */
public interface RoutingHistory {
    /** The decisions made in {@code [from, to)}, oldest first. */
    List<Decided> decisionsBetween(Instant from, Instant to);

    /** A decision about a lead and its explanation (when, which queues, every member considered and why one was skipped). */
    record Decided(LeadId lead, Explanation explanation) {}
}
