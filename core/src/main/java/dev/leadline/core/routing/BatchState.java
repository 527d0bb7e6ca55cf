package dev.leadline.core.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing state for a batch of decisions made in one transaction: each queue's fair-share
 * state, tallies and members' loads are read once, and every lead the batch hands out is laid over
 * them in memory, so that each decision sees the ones before it exactly as if they had been stored.
 * The turns taken are stored once, at the end ({@link #taken()}).
 */
final class BatchState implements RoutingState {
    private final RoutingState stored;
    private final Map<Long, FairShare.State> shares = new HashMap<>();
    private final Map<List<Object>, Map<Long, Map<String, Integer>>> tallies = new HashMap<>();
    private final Map<Long, Integer> loads = new HashMap<>();
    private final List<RoutingDecision.Taken> taken = new ArrayList<>();

    BatchState(RoutingState stored) {
        this.stored = stored;
    }

    /** Lays a decision's turns over the state, for the decisions after it. */
    void count(List<RoutingDecision.Taken> turns) {
        taken.addAll(turns);
    }

    /** Every turn the batch took, in order. */
    List<RoutingDecision.Taken> taken() {
        return List.copyOf(taken);
    }

    @Override
    public FairShare.State fairShare(long queueId, boolean lock) {
        FairShare.State base = shares.computeIfAbsent(queueId, q -> stored.fairShare(q, lock));
        double clock = base.clock();
        Map<Long, FairShare.Member> members = new HashMap<>(base.members());
        for (RoutingDecision.Taken t : taken) {
            if (t.queueId() == queueId) {
                clock = t.clock();
                if (t.repId() != 0) {
                    members.put(t.repId(), t.member());
                }
            }
        }
        return new FairShare.State(clock, members);
    }

    @Override
    public Map<Long, Map<String, Integer>> tallies(long queueId, List<String> periods) {
        Map<Long, Map<String, Integer>> base = tallies.computeIfAbsent(List.of(queueId, periods), k -> stored.tallies(queueId, periods));
        Map<Long, Map<String, Integer>> now = new HashMap<>();
        base.forEach((rep, counts) -> now.put(rep, new HashMap<>(counts)));
        for (RoutingDecision.Taken t : taken) {
            if (t.queueId() != queueId) {
                continue;
            }
            for (String period : t.periods().all()) {
                if (periods.contains(period)) {
                    now.computeIfAbsent(0L, r -> new HashMap<>()).merge(period, 1, Integer::sum);
                    if (t.repId() != 0) {
                        now.computeIfAbsent(t.repId(), r -> new HashMap<>()).merge(period, 1, Integer::sum);
                    }
                }
            }
        }
        return now;
    }

    @Override
    public Map<Long, Integer> openLeads(Collection<Long> repIds) {
        List<Long> unknown = repIds.stream().filter(r -> !loads.containsKey(r)).toList();
        if (!unknown.isEmpty()) {
            Map<Long, Integer> read = stored.openLeads(unknown);
            unknown.forEach(r -> loads.put(r, read.getOrDefault(r, 0)));
        }
        Map<Long, Integer> now = new HashMap<>();
        repIds.forEach(r -> now.put(r, loads.get(r)));
        taken.stream().filter(t -> t.repId() != 0 && now.containsKey(t.repId())).forEach(t -> now.merge(t.repId(), 1, Integer::sum));
        return now;
    }

    @Override
    public Optional<AccountMatch> account(RoutingFacts facts) {
        return stored.account(facts);
    }
}
