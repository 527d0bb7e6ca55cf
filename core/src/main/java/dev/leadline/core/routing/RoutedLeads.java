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
        Applied applied = applyUnrecorded(lead, decision, actor, reason, at, countTaken);
        store.record(applied.decision());
        return applied.lead();
    }

    /** The lead as the decision left it, and the decision to store with it. */
    record Applied(Lead lead, RoutingStore.Decision decision) {}

    /** As {@link #apply}, leaving the decision for the caller to store (with others, in one statement). */
    Applied applyUnrecorded(Lead lead, RoutingDecision decision, Actor actor, String reason, Instant at, boolean countTaken) {
        Outcome outcome = decision.outcome();
        String why = decision.explanation().outcome() + by(decision) + (reason == null || reason.isBlank() ? "" : ": " + reason);
        Lead after = lead;
        if (outcome instanceof Outcome.Assign a) {
            LeadStage stage = a.queueId() == null ? lead.stage() : lead.stage().offeredTo(a.queueId(), at);
            after = leads.updateStage(lead, stage.ownedBy(a.repId(), at), at);
            journal.changed(lead, after, ActivityType.ASSIGNED, actor, capital(why), null, at);
        } else if (outcome instanceof Outcome.Offer o) {
            after = leads.updateStage(lead, lead.stage().offeredTo(o.queueId(), at), at);
            journal.changed(lead, after, ActivityType.OFFERED, actor, capital(why), null, at);
        } else if (outcome instanceof Outcome.Hold h) {
            after = leads.updateStage(lead, lead.stage().offeredTo(h.queueId(), at), at);
            journal.changed(lead, after, ActivityType.OFFERED, actor, capital(why), null, at);
            alerts.managers(after, "Held: " + h.why(), "held-" + at.toEpochMilli(), at);
        } else if (outcome instanceof Outcome.Keep) {
            journal.changed(lead, lead, ActivityType.ROUTED, actor, capital(why), null, at);
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
