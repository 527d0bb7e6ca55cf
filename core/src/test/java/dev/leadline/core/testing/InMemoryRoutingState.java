package dev.leadline.core.testing;

import dev.leadline.core.routing.FairShare;
import dev.leadline.core.routing.RoutingDecision;
import dev.leadline.core.routing.RoutingFacts;
import dev.leadline.core.routing.RoutingState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routing's state in maps, for core tests and the in-process benchmark: {@link #store} does what the
 * database store does with a decision (fair-share moves, cap tallies, the new owner's load).
 */
public final class InMemoryRoutingState implements RoutingState {
    private final Map<Long, Double> clocks = new HashMap<>();
    private final Map<Long, Map<Long, FairShare.Member>> members = new HashMap<>();
    private final Map<Long, Map<Long, Map<String, Integer>>> tallies = new HashMap<>();
    public final Map<Long, Integer> openLeads = new HashMap<>();
    public final Map<String, AccountMatch> accountsByDomain = new HashMap<>();

    @Override
    public FairShare.State fairShare(long queueId, boolean lock) {
        return new FairShare.State(clocks.getOrDefault(queueId, 0.0), members.getOrDefault(queueId, Map.of()));
    }

    @Override
    public Map<Long, Map<String, Integer>> tallies(long queueId, List<String> periods) {
        return tallies.getOrDefault(queueId, Map.of());
    }

    @Override
    public Map<Long, Integer> openLeads(Collection<Long> repIds) {
        Map<Long, Integer> loads = new HashMap<>();
        repIds.forEach(id -> loads.put(id, openLeads.getOrDefault(id, 0)));
        return loads;
    }

    @Override
    public Optional<AccountMatch> account(RoutingFacts facts) {
        return facts.get("domain").map(accountsByDomain::get);
    }

    public void store(RoutingDecision decision) {
        for (RoutingDecision.Taken t : decision.taken()) {
            clocks.put(t.queueId(), t.clock());
            if (t.repId() != 0) {
                members.computeIfAbsent(t.queueId(), k -> new HashMap<>()).put(t.repId(), t.member());
            }
            for (String period : t.periods().all()) {
                Map<Long, Map<String, Integer>> byRep = tallies.computeIfAbsent(t.queueId(), k -> new HashMap<>());
                byRep.computeIfAbsent(0L, k -> new HashMap<>()).merge(period, 1, Integer::sum);
                if (t.repId() != 0) {
                    byRep.computeIfAbsent(t.repId(), k -> new HashMap<>()).merge(period, 1, Integer::sum);
                }
            }
        }
        if (decision.outcome() instanceof RoutingDecision.Outcome.Assign a) {
            openLeads.merge(a.repId(), 1, Integer::sum);
        }
    }
}
