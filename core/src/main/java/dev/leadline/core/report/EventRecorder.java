package dev.leadline.core.report;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadFacts;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns each journaled change into the facts reports count: what the change did, read from the lead before and after it. */
public final class EventRecorder implements LeadFacts {
    private final LeadEvents events;

    public EventRecorder(LeadEvents events) {
        this.events = events;
    }

    @Override
    public void created(List<Lead> leads, Actor actor) {
        events.appendCreated(leads.stream().map(l -> new LeadHistory(l.id().value(), l.data().getOrNull(LeadField.SOURCE),
                l.data().getOrNull(LeadField.CAMPAIGN), List.of(new LeadEvent(l.id().value(), EventKind.CREATED, l.createdAt(), l.ownerRepId(),
                        l.queueId(), null)), null)).toList());
    }

    @Override
    public void changed(List<LeadJournal.Change> changes, Actor actor) {
        List<LeadEvent> out = new ArrayList<>();
        java.util.Set<Long> regrouped = new java.util.TreeSet<>();
        for (LeadJournal.Change c : changes) {
            List<LeadEvent> added = of(c.before(), c.after(), c.type(), actor, c.at());
            out.addAll(added);
            if (added.isEmpty() && regrouped(c.before(), c.after())) {
                regrouped.add(c.after().id().value());
            }
        }
        if (!out.isEmpty()) {
            events.append(out);
        }
        out.forEach(e -> regrouped.remove(e.leadId()));
        if (!regrouped.isEmpty()) {
            events.refresh(regrouped);
        }
    }

    @Override
    public void updated(Lead before, Lead after) {
        if (regrouped(before, after)) {
            events.refresh(List.of(after.id().value()));
        }
    }

    /** Whether the lead's source or campaign changed: the groups reports count it in. */
    private static boolean regrouped(Lead before, Lead after) {
        return !java.util.Objects.equals(before.data().getOrNull(LeadField.SOURCE), after.data().getOrNull(LeadField.SOURCE))
                || !java.util.Objects.equals(before.data().getOrNull(LeadField.CAMPAIGN), after.data().getOrNull(LeadField.CAMPAIGN));
    }

    @Override
    public void slaStep(Lead lead, String step, Instant at) {
        events.append(List.of(new LeadEvent(lead.id().value(), EventKind.SLA, at, lead.ownerRepId(), lead.queueId(), step)));
    }

    /** The facts one change adds, in the order they happened. */
    static List<LeadEvent> of(Lead before, Lead after, ActivityType type, Actor actor, Instant at) {
        List<EventKind> kinds = new ArrayList<>();
        String detail = null;
        boolean bySla = actor.kind().equals("system") && actor.name().equals("sla");
        switch (type) {
            case OFFERED -> kinds.add(EventKind.OFFERED);
            case ASSIGNED -> {
                kinds.add(EventKind.ASSIGNED);
                detail = bySla ? "sla" : actor.kind().equals("system") ? "routed" : "manager";
            }
            case CLAIMED -> kinds.add(EventKind.CLAIMED);
            case CONTACT_ATTEMPT -> kinds.add(EventKind.CONTACT_ATTEMPT);
            case MEETING_SCHEDULED -> kinds.add(EventKind.ENGAGED);
            default -> { }
        }
        if (before.stage().firstTouchedAt() == null && after.stage().firstTouchedAt() != null) {
            kinds.add(0, EventKind.TOUCHED);
        }
        LeadStatus was = before.status();
        LeadStatus is = after.status();
        if (was != is) {
            switch (is) {
                case ENGAGED -> kinds.add(EventKind.ENGAGED);
                case QUALIFIED -> kinds.add(EventKind.QUALIFIED);
                case DISQUALIFIED -> {
                    kinds.add(EventKind.DISQUALIFIED);
                    detail = after.stage().statusReason();
                }
                case CONVERTED -> kinds.add(EventKind.CONVERTED);
                case MERGED -> {
                    kinds.add(EventKind.MERGED);
                    detail = after.stage().statusReason();
                }
                default -> { }
            }
            if (was == LeadStatus.CONVERTED) {
                kinds.add(EventKind.UNCONVERTED);
            } else if (was == LeadStatus.MERGED) {
                kinds.add(EventKind.UNMERGED);
            }
        }
        Long rep = after.ownerRepId() != null || after.status() != LeadStatus.MERGED ? after.ownerRepId() : before.ownerRepId();
        Long queue = after.queueId() != null ? after.queueId() : before.queueId();
        List<LeadEvent> out = new ArrayList<>();
        for (EventKind kind : kinds) {
            out.add(new LeadEvent(after.id().value(), kind, at, rep, queue, kind == EventKind.ASSIGNED || kind == EventKind.DISQUALIFIED
                    || kind == EventKind.MERGED ? detail : null));
        }
        if (bySla && (type == ActivityType.ASSIGNED || type == ActivityType.OFFERED)) {
            out.add(new LeadEvent(after.id().value(), EventKind.SLA, at, rep, queue, "reassign"));
        }
        return out;
    }
}
