package dev.leadline.core.sla;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.lead.Lead;
import java.time.Instant;
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
        Optional<SlaPolicy> policy = Optional.ofNullable(after.queueId()).flatMap(policies::forQueue);
        if (!after.stage().isOpen()) {
            clocks.stop(after.id());
        } else if (type == ActivityType.OFFERED || type == ActivityType.ASSIGNED) {
            policy.flatMap(p -> p.step(0)).ifPresentOrElse(first -> clocks.start(after.id(), at, policy.get().deadline(at, first.after())),
                    () -> clocks.stop(after.id()));
        } else if (policy.map(p -> p.touchedBy(type)).orElse(false)) {
            clocks.stop(after.id());
        }
    }
}
