package dev.leadline.core.routing;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.routing.RoutingDecision.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a decision out inside the caller's transaction: the lead's new stage and timeline entry
 * (which post its card and start its SLA clock), the decision with its explanation, the queues'
 * fair-share moves, the entry's extra channel, and the managers' alert for a held lead.
 */
final class RoutedLeads {
    static final Actor ROUTING = new Actor("system", "routing");
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final RoutingStore store;
    private final Alerts alerts;

    RoutedLeads(LeadRepository leads, LeadJournal journal, RoutingStore store, Alerts alerts) {
        this.leads = leads;
        this.journal = journal;
        this.store = store;
        this.alerts = alerts;
    }

    /** {@code countTaken}: also move the queues' fair-share state (false when the caller did so already). */
    Lead apply(Lead lead, RoutingDecision decision, Actor actor, String reason, Instant at, boolean countTaken) {
        List<LeadJournal.Change> changes = new ArrayList<>();
        Applied applied = place(lead, decision, reason, at, countTaken, changes);
        journal.changedAll(changes, actor);
        store.record(applied.decision());
        return applied.lead();
    }

    /**
     * Applies each lead's decision (the turns already counted): the leads' new places one by one,
     * their timelines, audit records, cards and decisions each in one write for all of them.
     */
    int applyAll(List<Lead> placed, java.util.Map<dev.leadline.core.lead.LeadId, RoutingDecision> decisions, Actor actor, Instant at) {
        List<LeadJournal.Change> changes = new ArrayList<>();
        List<RoutingStore.Decision> records = new ArrayList<>();
        for (Lead lead : placed) {
            records.add(place(lead, decisions.get(lead.id()), null, at, false, changes).decision());
        }
        journal.changedAll(changes, actor);
        store.recordAll(records);
        return records.size();
    }

    /** The lead as the decision left it, and the decision to store with it. */
    private record Applied(Lead lead, RoutingStore.Decision decision) {}

    /** Moves the lead where the decision says and notes the change in {@code changes}, for the caller to journal. */
    private Applied place(Lead lead, RoutingDecision decision, String reason, Instant at, boolean countTaken, List<LeadJournal.Change> changes) {
        Outcome outcome = decision.outcome();
        String why = decision.explanation().outcome() + by(decision) + (reason == null || reason.isBlank() ? "" : ": " + reason);
        Lead after = lead;
        if (outcome instanceof Outcome.Assign a) {
            LeadStage stage = a.queueId() == null ? lead.stage() : lead.stage().offeredTo(a.queueId(), at);
            after = leads.updateStage(lead, stage.ownedBy(a.repId(), at), at);
            changes.add(new LeadJournal.Change(lead, after, ActivityType.ASSIGNED, capital(why), null, at));
        } else if (outcome instanceof Outcome.Offer o) {
            after = leads.updateStage(lead, lead.stage().offeredTo(o.queueId(), at), at);
            changes.add(new LeadJournal.Change(lead, after, ActivityType.OFFERED, capital(why), null, at));
        } else if (outcome instanceof Outcome.Hold h) {
            after = leads.updateStage(lead, lead.stage().offeredTo(h.queueId(), at), at);
            changes.add(new LeadJournal.Change(lead, after, ActivityType.OFFERED, capital(why), null, at));
            alerts.managers(after, "Held: " + h.why(), "held-" + at.toEpochMilli(), at);
        } else if (outcome instanceof Outcome.Keep) {
            changes.add(new LeadJournal.Change(lead, lead, ActivityType.ROUTED, capital(why), null, at));
        }
        RuleEntry entry = decision.entry();
        if (entry != null && entry.notifyQueueId() != null && !(outcome instanceof Outcome.Unrouted)) {
            alerts.post(after, Destination.queue(entry.notifyQueueId()), capital(decision.explanation().outcome()), "routed-" + at.toEpochMilli(), at);
        }
        if (countTaken) {
            store.count(decision.taken());
        }
        return new Applied(after, new RoutingStore.Decision(lead.id(), kind(outcome), after.queueId(), after.ownerRepId(),
                entry != null && entry.doNotReassign(), decision.explanation()));
    }

    private static String by(RoutingDecision decision) {
        Explanation e = decision.explanation();
        return e.entry() == null ? "" : " by rule '" + e.entry() + "' (" + e.purpose() + " v" + e.ruleSetVersion() + ")";
    }

    static String kind(Outcome outcome) {
        return outcome.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
