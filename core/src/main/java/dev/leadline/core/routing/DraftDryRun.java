package dev.leadline.core.routing;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.routing.RoutingDecision.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tries a draft rule set on the last leads its purpose's rules routed, storing nothing: each lead is
 * decided again by the draft as if it arrived now, oldest first, with the queues' turns laid over
 * their stored state in memory (as a batch of the router does), so a round robin spreads the leads
 * as it would.
 */
final class DraftDryRun {
    static final int MAX_LEADS = 1000;
    private final LeadRepository leads;
    private final RoutingStore store;
    private final RulesService rules;
    private final RoutingEngine engine;
    private final Clock clock;

    DraftDryRun(LeadRepository leads, RoutingStore store, RulesService rules, RoutingEngine engine, Clock clock) {
        this.leads = leads;
        this.store = store;
        this.rules = rules;
        this.engine = engine;
        this.clock = clock;
    }

    DraftTrial tryDraft(String purpose, Map<String, Object> document, int last) {
        if (last < 1 || last > MAX_LEADS) {
            throw new ValidationException("last", "must be from 1 to " + MAX_LEADS + " leads; was " + last);
        }
        RuleSet draft = rules.draft(purpose, document);
        String decidedBy = rules.forPurpose(purpose).map(RuleSet::purpose).orElse(purpose);
        List<RoutingStore.Decision> decisions = store.lastDecidedBy(decidedBy, last);
        Map<LeadId, Lead> found = new HashMap<>();
        leads.findAll(decisions.stream().map(RoutingStore.Decision::lead).toList()).forEach(l -> found.put(l.id(), l));
        Instant now = clock.instant();
        BatchState state = engine.newBatch();
        RoutingEngine batch = engine.forBatch(state);
        List<DraftTrial.Row> rows = new ArrayList<>();
        for (int i = decisions.size() - 1; i >= 0; i--) {
            RoutingStore.Decision got = decisions.get(i);
            Lead lead = found.get(got.lead());
            if (lead == null) {
                continue;
            }
            RoutingDecision would = batch.decide(draft, request(purpose, lead, now), false);
            state.count(would.taken());
            rows.add(new DraftTrial.Row(lead, new DraftTrial.Place(got.outcome(), got.queueId(), got.repId(), got.explanation().entry()),
                    place(would, lead)));
        }
        java.util.Collections.reverse(rows);
        return new DraftTrial(draft, decidedBy, last, rows);
    }

    /** As the lead arrived; reassignment rules see who has it now, and do not give it back to them. */
    private static RoutingRequest request(String purpose, Lead lead, Instant now) {
        RoutingFacts facts = RoutingFacts.of(lead, now);
        if (RoutingService.REASSIGNMENT.equals(purpose)) {
            return new RoutingRequest(purpose, facts, lead.ownerRepId(), lead.queueId(),
                    lead.ownerRepId() == null ? Set.of() : Set.of(lead.ownerRepId()), true);
        }
        return new RoutingRequest(purpose, facts, null, null, Set.of());
    }

    private static DraftTrial.Place place(RoutingDecision decision, Lead lead) {
        Outcome outcome = decision.outcome();
        String entry = decision.explanation().entry();
        String kind = RoutedLeads.kind(outcome);
        if (outcome instanceof Outcome.Assign a) {
            return new DraftTrial.Place(kind, a.queueId(), a.repId(), entry);
        } else if (outcome instanceof Outcome.Offer o) {
            return new DraftTrial.Place(kind, o.queueId(), null, entry);
        } else if (outcome instanceof Outcome.Hold h) {
            return new DraftTrial.Place(kind, h.queueId(), null, entry);
        } else if (outcome instanceof Outcome.Keep k) {
            return new DraftTrial.Place(kind, lead.queueId(), k.repId(), entry);
        }
        return new DraftTrial.Place(kind, null, null, entry);
    }
}
