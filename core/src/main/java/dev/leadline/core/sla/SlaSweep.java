package dev.leadline.core.sla;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on SLA steps that are due: each due lead, in its own transaction, gets the step's action and
 * its clock moves to the next step (or stops after the last). Managers are alerted once per breach:
 * by a reassignment that found nobody, or by an alert step, whichever comes first. Runs on one node at a time (a
 * recurring persistent job), and is safe to run again: a step is done once because the clock
 * advances in the same transaction.
 */
public final class SlaSweep {
    private static final Logger log = LoggerFactory.getLogger(SlaSweep.class);
    private final Transactor transactor;
    private final LeadRepository leads;
    private final SlaClocks clocks;
    private final SlaPolicies policies;
    private final SlaActions actions;
    private final Clock clock;

    public SlaSweep(Transactor transactor, LeadRepository leads, SlaClocks clocks, SlaPolicies policies, SlaActions actions,
                    Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.clocks = clocks;
        this.policies = policies;
        this.actions = actions;
        this.clock = clock;
    }

    /** Handles what is due now; returns how many steps were taken. */
    public int run(int limit) {
        Instant now = clock.instant();
        int done = 0;
        for (SlaClocks.Due due : clocks.due(now, limit)) {
            if (transactor.inTransaction(() -> step(due, now))) {
                done++;
            }
        }
        return done;
    }

    private boolean step(SlaClocks.Due due, Instant now) {
        Optional<Lead> found = leads.find(due.lead());
        Optional<SlaPolicy> policy = found.map(Lead::queueId).flatMap(policies::forQueue);
        Optional<SlaPolicy.Step> step = policy.flatMap(p -> p.step(due.step()));
        if (found.isEmpty() || step.isEmpty() || !found.get().stage().isOpen()) {
            clocks.stop(due.lead());
            return false;
        }
        Lead lead = found.get();
        SlaPolicy rules = policy.get();
        Untouched untouched = new Untouched(rules.untouched(first(lead.stage().offeredAt(), due.startedAt()), now),
                rules.untouched(first(lead.stage().assignedAt(), due.startedAt()), now));
        log.info("SLA step {} ({}) for lead {}: {}", due.step() + 1, step.get().action(), lead.id(), untouched.words(null));
        boolean restarted = false;
        boolean alerted = rules.alertedBefore(due.step());
        switch (step.get().action()) {
            case REMIND -> actions.remind(lead, untouched, now);
            case REASSIGN -> restarted = actions.reassign(lead, untouched, !alerted, now);
            case ALERT_MANAGER -> {
                if (!alerted) {
                    actions.alertManagers(lead, untouched, now);
                }
            }
        }
        if (!restarted) {
            Optional<SlaPolicy.Step> next = policy.get().step(due.step() + 1);
            if (next.isPresent()) {
                clocks.advance(lead.id(), due.step() + 1, policy.get().deadline(due.startedAt(), next.get().after()));
            } else {
                clocks.stop(lead.id());
            }
        }
        return true;
    }

    private static Instant first(Instant fact, Instant clockStart) {
        return fact != null && fact.isBefore(clockStart) ? fact : clockStart;
    }
}
