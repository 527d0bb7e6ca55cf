package dev.leadline.core.sla;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.routing.RoutingService;
import java.time.Duration;
import java.time.Instant;

/**
 * SLA steps done through the outbox and routing: reminders and manager alerts are new cards;
 * reassignment asks routing for someone who has not had the lead yet.
 */
public final class QueueSlaActions implements SlaActions {
    static final Actor SLA = new Actor("system", "sla");
    private final Alerts alerts;
    private final RoutingService routing;

    public QueueSlaActions(Alerts alerts, RoutingService routing) {
        this.alerts = alerts;
        this.routing = routing;
    }

    @Override
    public void remind(Lead lead, Duration untouched, Instant at) {
        Destination to = lead.ownerRepId() != null ? Destination.rep(lead.ownerRepId()) : Destination.queue(lead.queueId());
        alerts.post(lead, to, "Reminder: untouched for " + words(untouched), "remind-" + at.toEpochMilli(), at);
    }

    @Override
    public boolean reassign(Lead lead, Duration untouched, Instant at) {
        return routing.reassign(lead.id(), SLA, "untouched for " + words(untouched));
    }

    @Override
    public void alertManagers(Lead lead, Duration untouched, Instant at) {
        alerts.managers(lead, "SLA alert: untouched for " + words(untouched), "alert-" + at.toEpochMilli(), at);
    }

    static String words(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? d.toHours() + " h " + (minutes % 60) + " m" : minutes + " m";
    }
}
