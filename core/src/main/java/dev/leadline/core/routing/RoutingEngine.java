package dev.leadline.core.routing;

import dev.leadline.core.routing.Explanation.QueueStep;
import dev.leadline.core.routing.RoutingDecision.Outcome;
import dev.leadline.core.routing.RoutingDecision.Taken;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where a lead goes, storing nothing: the first matching entry of its rule set picks a
 * target; a queue hands the lead to an available member by its strategy, or to its fallback; the
 * decision carries its explanation and the fair-share moves to store with it.
 */
public final class RoutingEngine {
    private static final int MAX_FALLBACKS = 8;
    private final TeamService team;
    private final RoutingState state;

    public RoutingEngine(TeamService team, RoutingState state) {
        this.team = team;
        this.state = state;
    }

    /** The same engine deciding on a batch's state (see {@link BatchState}). */
    RoutingEngine forBatch(BatchState batch) {
        return new RoutingEngine(team, batch);
    }

    BatchState newBatch() {
        return new BatchState(state);
    }

    /** Who could take a lead now, by the checks {@link #decide} skips queue members with. */
    public AvailableNow availableNow(java.time.Instant now) {
        return AvailableNow.read(team, state, now);
    }

    /** Routes by the rule set ({@code lock}: hold the chosen queue's state for this transaction). */
    public RoutingDecision decide(RuleSet rules, RoutingRequest request, boolean lock) {
        Trail trail = new Trail(request, lock, false);
        List<RuleEntry> entries = new ArrayList<>(rules.entries());
        entries.add(rules.fallthrough());
        for (int i = 0; i < entries.size(); i++) {
            RuleEntry entry = entries.get(i);
            if (!entry.when().matches(request.facts())) {
                continue;
            }
            Optional<Outcome> outcome = resolve(entry, trail, i == entries.size() - 1);
            if (outcome.isPresent()) {
                List<String> because = new ArrayList<>(trail.notes);
                entry.when().explain(request.facts(), because);
                return trail.decision(rules.purpose(), rules.version(), entry, because, i, outcome.get());
            }
        }
        throw new IllegalStateException("the default entry always decides");
    }

    /**
     * Hands the lead out by the queue's strategy, without rules (a manager's or reassignment's choice
     * of queue); with {@code mustAssign}, a claim-first queue gives it to one member in turn instead.
     */
    public RoutingDecision distribute(long queueId, RoutingRequest request, String because, boolean lock, boolean mustAssign) {
        Trail trail = new Trail(request, lock, mustAssign);
        Outcome outcome = queue(queueId, trail, new HashSet<>());
        return trail.decision(request.purpose(), null, null, List.of(because), 0, outcome);
    }

    private Optional<Outcome> resolve(RuleEntry entry, Trail trail, boolean last) {
        RoutingRequest request = trail.request;
        if (entry.target() instanceof Target.ToQueue q) {
            return Optional.of(queue(q.queueId(), trail, new HashSet<>()));
        } else if (entry.target() instanceof Target.ToRep r) {
            Optional<Rep> rep = team.rep(r.repId());
            Optional<String> away = rep.map(x -> awayNow(x, request.facts().now())).orElse(Optional.of("no longer exists"));
            if (away.isEmpty() || last && rep.isPresent() && rep.get().active()) {
                return Optional.of(new Outcome.Assign(r.repId(), entry.slaQueueId()));
            }
            trail.notes.add("entry '" + entry.name() + "' names " + rep.map(Rep::name).orElse("rep " + r.repId()) + ", who is " + away.get()
                    + "; went on");
            return Optional.empty();
        } else if (entry.target() instanceof Target.KeepOwner) {
            if (request.currentOwner() != null) {
                return Optional.of(new Outcome.Keep(request.currentOwner()));
            }
            trail.notes.add("entry '" + entry.name() + "' keeps the owner, but nobody owns the lead; went on");
            return Optional.empty();
        } else {
            Optional<RoutingState.AccountMatch> account = state.account(request.facts());
            Optional<Rep> owner = account.map(RoutingState.AccountMatch::ownerRepId).flatMap(team::rep);
            Optional<String> away = owner.flatMap(o -> awayNow(o, request.facts().now()));
            if (owner.isPresent() && away.isEmpty()) {
                trail.notes.add("matched account " + account.get().name() + " by " + account.get().matchedBy()
                        + (account.get().confidence() < 1 ? " (confidence " + account.get().confidence() + ")" : "") + ", owned by " + owner.get().name());
                return Optional.of(new Outcome.Assign(owner.get().id(), entry.slaQueueId()));
            }
            trail.notes.add("entry '" + entry.name() + "' routes to the account owner, but " + account.map(a -> owner
                    .map(o -> a.name() + "'s owner " + o.name() + " is " + away.get()).orElse(a.name() + " has no owner"))
                    .orElse("the lead matches no account") + "; went on");
            return Optional.empty();
        }
    }

    /** Why a rep named directly cannot take a lead now (caps and capacity are queue matters). */
    private static Optional<String> awayNow(Rep rep, java.time.Instant now) {
        Availability.Subject subject = new Availability.Subject(rep, now, 0, Map.of(), QueueRouting.Caps.NONE,
                Periods.of(now, java.time.ZoneOffset.UTC));
        return Availability.inactive(subject).or(() -> Availability.paused(subject)).or(() -> Availability.outOfOffice(subject))
                .or(() -> Availability.outsideHours(subject));
    }

    private Outcome queue(long queueId, Trail trail, Set<Long> visited) {
        Optional<LeadQueue> found = team.queue(queueId);
        if (found.isEmpty()) {
            return new Outcome.Unrouted("queue " + queueId + " no longer exists");
        }
        LeadQueue queue = found.get();
        visited.add(queueId);
        QueueRouting routing = queue.routing();
        FairShare.State share = state.fairShare(queueId, trail.lock);
        Periods periods = Periods.of(trail.request.facts().now(), routing.caps().zone());
        Map<Long, Map<String, Integer>> tallies = routing.caps().any() ? state.tallies(queueId, periods.all()) : Map.of();
        Map<String, Integer> total = tallies.getOrDefault(0L, Map.of());
        Optional<String> queueCapped = Availability.queueCapped(total, routing.caps(), periods);
        if (queueCapped.isPresent()) {
            trail.steps.add(new QueueStep(queueId, queue.name(), routing.strategy().label(), List.of(), "queue " + queueCapped.get()));
            return fallback(queue, trail, visited, "the queue is " + queueCapped.get());
        }
        Candidates candidates = Candidates.consider(queue, team, state, trail.request, tallies, periods, routing);
        if (candidates.eligible().isEmpty()) {
            trail.steps.add(new QueueStep(queueId, queue.name(), routing.strategy().label(), candidates.notes(Map.of(), -1),
                    "nobody available"));
            return fallback(queue, trail, visited, candidates.summary());
        }
        if (routing.strategy() == QueueRouting.Strategy.CLAIM_FIRST && !trail.mustAssign) {
            trail.steps.add(new QueueStep(queueId, queue.name(), routing.strategy().label(), candidates.notes(Map.of(), -1),
                    "offered to " + candidates.eligible().size() + " available members"));
            trail.taken.add(new Taken(queueId, 0, null, share.clock(), periods));
            return new Outcome.Offer(queueId);
        }
        List<Rep> pool = candidates.eligible();
        if (routing.strategy() == QueueRouting.Strategy.LEAST_LOADED) {
            int least = pool.stream().mapToInt(r -> candidates.load(r.id())).min().orElseThrow();
            pool = pool.stream().filter(r -> candidates.load(r.id()) == least).toList();
        }
        FairShare.Pick pick = FairShare.pick(share, pool.stream().map(r -> new FairShare.Candidate(r.id(), routing.weight(r.id()))).toList(),
                trail.request.facts().now());
        Map<Long, FairShare.Tags> tags = new java.util.HashMap<>();
        FairShare.tags(share, candidates.eligible().stream().map(r -> new FairShare.Candidate(r.id(), routing.weight(r.id()))).toList())
                .forEach(t -> tags.put(t.repId(), t));
        Rep chosen = team.rep(pick.repId()).orElseThrow();
        trail.steps.add(new QueueStep(queueId, queue.name(), routing.strategy().label(), candidates.notes(tags, pick.repId()),
                chosen.name() + " had the earliest fair-share turn" + (routing.strategy() == QueueRouting.Strategy.LEAST_LOADED
                        ? " among those with the fewest open leads (" + candidates.load(chosen.id()) + ")" : "")));
        trail.taken.add(new Taken(queueId, pick.repId(), pick.member(), pick.clock(), periods));
        return new Outcome.Assign(pick.repId(), queueId);
    }

    private Outcome fallback(LeadQueue queue, Trail trail, Set<Long> visited, String why) {
        QueueRouting.Fallback fallback = queue.routing().fallback();
        if (fallback instanceof QueueRouting.Fallback.ToQueue next && !visited.contains(next.queueId()) && visited.size() < MAX_FALLBACKS) {
            trail.notes.add(queue.name() + ": " + why + "; its fallback is queue " + team.queue(next.queueId()).map(LeadQueue::name).orElse("?"));
            return queue(next.queueId(), trail, visited);
        }
        if (fallback instanceof QueueRouting.Fallback.ToRep to) {
            Optional<Rep> rep = team.rep(to.repId()).filter(Rep::active);
            if (rep.isPresent()) {
                trail.notes.add(queue.name() + ": " + why + "; its fallback is " + rep.get().name());
                return new Outcome.Assign(rep.get().id(), queue.id());
            }
        }
        long held = visited.stream().findFirst().orElse(queue.id());
        return new Outcome.Hold(held, why);
    }

    /** What one decision collects on its way. */
    private final class Trail {
        final RoutingRequest request;
        final boolean lock;
        final boolean mustAssign;
        final List<String> notes = new ArrayList<>();
        final List<QueueStep> steps = new ArrayList<>();
        final List<Taken> taken = new ArrayList<>();

        Trail(RoutingRequest request, boolean lock, boolean mustAssign) {
            this.request = request;
            this.lock = lock;
            this.mustAssign = mustAssign;
        }

        RoutingDecision decision(String purpose, Integer version, RuleEntry entry, List<String> because, int before, Outcome outcome) {
            Explanation explanation = new Explanation(purpose, version, entry == null ? null : entry.name(), because, before, steps,
                    sentence(outcome), request.facts().now());
            return new RoutingDecision(outcome, explanation, taken, entry);
        }
    }

    private String sentence(Outcome outcome) {
        if (outcome instanceof Outcome.Assign a) {
            return "assigned to " + repName(a.repId()) + (a.queueId() == null ? "" : " through " + queueName(a.queueId()));
        } else if (outcome instanceof Outcome.Offer o) {
            return "offered to " + queueName(o.queueId()) + "; the first to claim it wins";
        } else if (outcome instanceof Outcome.Hold h) {
            return "held in " + queueName(h.queueId()) + " for a manager: " + h.why();
        } else if (outcome instanceof Outcome.Keep k) {
            return "kept with " + repName(k.repId());
        }
        return "not routed: " + ((Outcome.Unrouted) outcome).why();
    }

    private String repName(long id) {
        return team.rep(id).map(Rep::name).orElse("rep " + id);
    }

    private String queueName(long id) {
        return team.queue(id).map(LeadQueue::name).orElse("queue " + id);
    }
}
