package dev.leadline.core.sla;

import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Instant;

/**
 * SLA steps done through the outbox and routing: reminders and manager alerts are new cards;
 * reassignment asks routing for someone who has not had the lead yet. Each step that acted is a
 * timeline entry by {@code system:sla} (a successful reassignment is routing's own entry).
 */
public final class QueueSlaActions implements SlaActions {
    static final Actor SLA = new Actor("system", "sla");
    private final Alerts alerts;
    private final RoutingService routing;
    private final LeadJournal journal;
    private final TeamService team;

    public QueueSlaActions(Alerts alerts, RoutingService routing, LeadJournal journal, TeamService team) {
        this.alerts = alerts;
        this.routing = routing;
        this.journal = journal;
        this.team = team;
    }

    @Override
    public void remind(Lead lead, Untouched untouched, Instant at) {
        Destination to = lead.ownerRepId() != null ? Destination.rep(lead.ownerRepId()) : Destination.queue(lead.queueId());
        String words = untouched.words(where(lead));
        alerts.post(lead, to, "Reminder: " + words, "remind-" + at.toEpochMilli(), at);
        journal.slaStep(lead, "remind", SLA, "SLA reminder to " + who(lead) + ": " + words, at);
    }

    @Override
    public boolean reassign(Lead lead, Untouched untouched, boolean andAlert, Instant at) {
        String words = untouched.words(where(lead));
        if (routing.reassign(lead.id(), SLA, words)) {
            return true;
        }
        if (andAlert) {
            alerts.managers(lead, "SLA alert: nobody else could take it; " + words, "alert-" + at.toEpochMilli(), at);
        }
        journal.slaStep(lead, "reassign", SLA, "SLA reassignment found nobody else to take it" + (andAlert ? "; managers alerted" : "")
                + ": " + words, at);
        return false;
    }

    @Override
    public void alertManagers(Lead lead, Untouched untouched, Instant at) {
        String words = untouched.words(where(lead));
        alerts.managers(lead, "SLA alert: " + words, "alert-" + at.toEpochMilli(), at);
        journal.slaStep(lead, "alert-manager", SLA, "SLA alert to managers: " + words, at);
    }

    /** Where the lead is now, as the second half of "untouched ...; 1 m with Bob". */
    private String where(Lead lead) {
        return lead.ownerRepId() != null ? "with " + who(lead) : lead.queueId() != null ? "in " + who(lead) : null;
    }

    private String who(Lead lead) {
        if (lead.ownerRepId() != null) {
            return team.rep(lead.ownerRepId()).map(Rep::name).orElse("rep " + lead.ownerRepId());
        }
        return lead.queueId() == null ? "nobody" : team.queue(lead.queueId()).map(LeadQueue::name).orElse("its queue");
    }
}
