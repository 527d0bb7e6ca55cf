package dev.leadline.core.sla;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
/**
 * Starts a lead's SLA clock when it is offered to a queue or assigned (with the queue's policy), and
 * stops it when the lead is closed or the policy's touches happen.
 */
public final class SlaClockStarter implements LeadAnnouncer {
    private final SlaClocks clocks;
    private final SlaPolicies policies;

    public SlaClockStarter(SlaClocks clocks, SlaPolicies policies) {
        this.clocks = clocks;
        this.policies = policies;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        announceAll(List.of(new LeadJournal.Change(before, after, type, summary, null, at)));
    }

    /** Clocks started at one moment with one deadline, and clocks stopped, each in one write. */
    @Override
    public void announceAll(List<LeadJournal.Change> changes) {
        Map<List<Instant>, List<LeadId>> starts = new LinkedHashMap<>();
        List<LeadId> stops = new ArrayList<>();
        SlaPolicies batch = policies.lookingUpOnce();
        for (LeadJournal.Change c : changes) {
            Lead after = c.after();
            Optional<SlaPolicy> policy = Optional.ofNullable(after.queueId()).flatMap(batch::forQueue);
            if (!after.stage().isOpen()) {
                stops.add(after.id());
            } else if (c.type() == ActivityType.OFFERED || c.type() == ActivityType.ASSIGNED) {
                policy.flatMap(p -> p.step(0)).ifPresentOrElse(first -> starts.computeIfAbsent(List.of(c.at(), policy.get().deadline(c.at(),
                        first.after())), k -> new ArrayList<>()).add(after.id()), () -> stops.add(after.id()));
            } else if (policy.map(p -> p.touchedBy(c.type())).orElse(false)) {
                stops.add(after.id());
            }
        }
        starts.forEach((times, leads) -> clocks.startAll(leads, times.get(0), times.get(1)));
        clocks.stopAll(stops);
    }
}
