package dev.leadline.core.routing;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.routing.RoutingDecision.Outcome;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.HashMap;
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
    private final RoomOpener rooms;

    RoutedLeads(LeadRepository leads, LeadJournal journal, RoutingStore store, Alerts alerts, RoomOpener rooms) {
        this.leads = leads;
        this.journal = journal;
        this.store = store;
        this.alerts = alerts;
        this.rooms = rooms;
    }

    /** {@code countTaken}: also move the queues' fair-share state (false when the caller did so already). */
    Lead apply(Lead lead, RoutingDecision decision, Actor actor, String reason, Instant at, boolean countTaken) {
        Lead after = stageFor(lead, decision.outcome(), at).map(stage -> leads.updateStage(lead, stage, at)).orElse(lead);
        List<LeadJournal.Change> changes = new ArrayList<>();
        RoutingStore.Decision record = noted(lead, after, decision, reason, at, changes);
        if (countTaken) {
            store.count(decision.taken());
        }
        journal.changedAll(changes, actor);
        store.record(record);
        return after;
    }

    /**
     * Applies each lead's decision (the turns already counted): the leads' new places, their
     * timelines, audit records, cards and decisions each in one write for all of them.
     */
    int applyAll(List<Lead> placed, Map<LeadId, RoutingDecision> decisions, Actor actor, Instant at) {
        List<Lead> moving = new ArrayList<>();
        List<LeadStage> stages = new ArrayList<>();
        for (Lead lead : placed) {
            stageFor(lead, decisions.get(lead.id()).outcome(), at).ifPresent(stage -> {
                moving.add(lead);
                stages.add(stage);
            });
        }
        Map<LeadId, Lead> moved = new HashMap<>();
        leads.updateStages(moving, stages, at).forEach(l -> moved.put(l.id(), l));
        List<LeadJournal.Change> changes = new ArrayList<>();
        List<RoutingStore.Decision> records = new ArrayList<>();
        for (Lead lead : placed) {
            records.add(noted(lead, moved.getOrDefault(lead.id(), lead), decisions.get(lead.id()), null, at, changes));
        }
        journal.changedAll(changes, actor);
        store.recordAll(records);
        return records.size();
    }

    /** Where the decision puts the lead; empty when it stays where it is. */
    private static Optional<LeadStage> stageFor(Lead lead, Outcome outcome, Instant at) {
        if (outcome instanceof Outcome.Assign a) {
            LeadStage stage = a.queueId() == null ? lead.stage() : lead.stage().offeredTo(a.queueId(), at);
            return Optional.of(stage.ownedBy(a.repId(), at));
        } else if (outcome instanceof Outcome.Offer o) {
            return Optional.of(lead.stage().offeredTo(o.queueId(), at));
        } else if (outcome instanceof Outcome.Hold h) {
            return Optional.of(lead.stage().offeredTo(h.queueId(), at));
        }
        return Optional.empty();
    }

    /** Notes the move in {@code changes} (for the caller to journal), sends the alerts it calls for, and returns the decision to store. */
    private RoutingStore.Decision noted(Lead lead, Lead after, RoutingDecision decision, String reason, Instant at,
                                        List<LeadJournal.Change> changes) {
        Outcome outcome = decision.outcome();
        String why = capital(decision.explanation().outcome() + by(decision) + (reason == null || reason.isBlank() ? "" : ": " + reason));
        if (outcome instanceof Outcome.Assign) {
            changes.add(new LeadJournal.Change(lead, after, ActivityType.ASSIGNED, why, null, at));
        } else if (outcome instanceof Outcome.Offer) {
            changes.add(new LeadJournal.Change(lead, after, ActivityType.OFFERED, why, null, at));
        } else if (outcome instanceof Outcome.Hold h) {
            changes.add(new LeadJournal.Change(lead, after, ActivityType.OFFERED, why, null, at));
            alerts.managers(after, "Held: " + h.why(), "held-" + at.toEpochMilli(), at);
        } else if (outcome instanceof Outcome.Keep) {
            changes.add(new LeadJournal.Change(lead, lead, ActivityType.ROUTED, why, null, at));
        }
        RuleEntry entry = decision.entry();
        if (entry != null && entry.notifyQueueId() != null && !(outcome instanceof Outcome.Unrouted)) {
            alerts.post(after, Destination.queue(entry.notifyQueueId()), capital(decision.explanation().outcome()), "routed-" + at.toEpochMilli(), at);
        }
        if (entry != null && entry.room() != null && !(outcome instanceof Outcome.Unrouted)) {
            rooms.openForRule(after, entry.room().invite(), at);
        }
        return new RoutingStore.Decision(lead.id(), kind(outcome), after.queueId(), after.ownerRepId(),
                entry != null && entry.doNotReassign(), decision.explanation());
    }

    private static String by(RoutingDecision decision) {
        Explanation e = decision.explanation();
        if (e.entry() == null) {
            return "";
        }
        String rules = " the " + e.purpose() + " rules (version " + e.ruleSetVersion() + ")";
        return "default".equals(e.entry()) ? " by the default of" + rules : " by rule '" + e.entry() + "' of" + rules;
    }

    static String kind(Outcome outcome) {
        return outcome.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
