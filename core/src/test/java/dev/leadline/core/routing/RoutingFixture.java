package dev.leadline.core.routing;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.testing.DirectTransactor;
import dev.leadline.core.testing.InMemoryJournal;
import dev.leadline.core.testing.InMemoryRoutingState;
import dev.leadline.core.testing.InMemoryTeam;
import dev.leadline.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A team, its queues and an engine over in-memory state; {@link #route} decides and stores like the database does. */
final class RoutingFixture {
    final InMemoryTeam repository = new InMemoryTeam();
    final InMemoryRoutingState state = new InMemoryRoutingState();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    final TeamService team = new TeamService(new DirectTransactor(), repository.reps, repository.queues, new InMemoryJournal(), clock);
    final RoutingEngine engine = new RoutingEngine(team, state);
    final RuleSetParser parser = new RuleSetParser(team);

    void apply(List<RepSpec> reps, List<QueueSpec> queues) {
        team.apply(reps, queues, Actor.SYSTEM);
    }

    static RepSpec rep(String email, String hours, String zone) {
        return new RepSpec(email, email.substring(0, email.indexOf('@')), zone, hours, null, true, "REP", Map.of());
    }

    Rep rep(String email) {
        return team.repByEmail(email).orElseThrow();
    }

    LeadQueue queue(String name) {
        return team.queueByName(name).orElseThrow();
    }

    RuleSet rules(Map<String, Object> document) {
        return parser.parse("api", document, 1, clock.instant(), "test");
    }

    /** Routes a lead into the queue (no rules) and stores the decision's state moves. */
    RoutingDecision distribute(String queue, LeadData lead, Set<Long> hadIt) {
        RoutingRequest request = new RoutingRequest("api", RoutingFacts.of(lead, Map.of(), null, clock.instant()), null, null, hadIt);
        RoutingDecision decision = engine.distribute(queue(queue).id(), request, "test", true, false);
        state.store(decision);
        return decision;
    }

    RoutingDecision route(RuleSet rules, LeadData lead) {
        RoutingDecision decision = engine.decide(rules, new RoutingRequest("api", RoutingFacts.of(lead, Map.of(), null, clock.instant()),
                null, null, Set.of()), true);
        state.store(decision);
        return decision;
    }

    static Long assignee(RoutingDecision decision) {
        return decision.outcome() instanceof RoutingDecision.Outcome.Assign a ? a.repId() : null;
    }
}
