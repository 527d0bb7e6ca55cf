package dev.leadline.core.rooms;

import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.routing.Explanation;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.core.routing.RulesService;
import java.util.List;
import java.util.Optional;

/** The reps named by the room of the rule entry (in the version that decided) that last routed the lead. */
public final class RuleRoomMembers implements RuleMembers {
    private final RoutingStore routing;
    private final RulesService rules;

    public RuleRoomMembers(RoutingStore routing, RulesService rules) {
        this.routing = routing;
        this.rules = rules;
    }

    @Override
    public List<Long> named(LeadId lead) {
        Optional<Explanation> why = routing.latest(lead).map(d -> d.explanation()).filter(e -> e.entry() != null && e.ruleSetVersion() != null);
        if (why.isEmpty()) {
            return List.of();
        }
        try {
            return rules.version(why.get().purpose(), why.get().ruleSetVersion()).entries().stream()
                    .filter(e -> e.name().equals(why.get().entry()) && e.room() != null)
                    .findFirst().map(e -> e.room().invite()).orElse(List.of());
        } catch (NotFoundException e) {
            return List.of(); // the version was deleted since
        }
    }
}
