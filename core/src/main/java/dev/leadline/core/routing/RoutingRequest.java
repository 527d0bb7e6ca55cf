package dev.leadline.core.routing;

import java.util.Set;

/**
 * A lead to route: the purpose its rule set is chosen by, what criteria see, who has it now, and
 * the reps who already had it (never given it again while someone else can take it; with
 * {@code newOwnerOnly}, as for SLA reassignment, not at all, so a lead nobody touches does not go
 * round in circles).
 */
public record RoutingRequest(String purpose, RoutingFacts facts, Long currentOwner, Long currentQueue, Set<Long> hadIt,
                             boolean newOwnerOnly) {
    public RoutingRequest {
        hadIt = Set.copyOf(hadIt);
    }

    public RoutingRequest(String purpose, RoutingFacts facts, Long currentOwner, Long currentQueue, Set<Long> hadIt) {
        this(purpose, facts, currentOwner, currentQueue, hadIt, false);
    }

    RoutingRequest forNewOwnerOnly() {
        return new RoutingRequest(purpose, facts, currentOwner, currentQueue, hadIt, true);
    }
}
