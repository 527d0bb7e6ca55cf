package dev.leadline.core.claim;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who has a lead: claiming from a queue (first claim wins, atomically, across any number of
 * servers), releasing back to the queue, and managers assigning to a rep or a queue.
 */
public final class ClaimService {
    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final TeamService team;
    private final Clock clock;

    public ClaimService(Transactor transactor, LeadRepository leads, LeadJournal journal, TeamService team, Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.team = team;
        this.clock = clock;
    }

    public LeadOutcome claim(LeadId id, ActingRep by) {
        Rep rep = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            if (lead.ownerRepId() != null) {
                return lead.ownerRepId() == rep.id() ? new LeadOutcome.Done(lead) : alreadyClaimed(lead);
            }
            if (!lead.stage().isOpen()) {
                return new LeadOutcome.WrongState(lead.id() + " is " + lead.status().inWords() + " and cannot be claimed");
            }
            if (lead.queueId() == null) {
                return new LeadOutcome.WrongState(lead.id() + " is not offered to a queue; a manager can assign it");
            }
            LeadQueue queue = team.queue(lead.queueId()).orElseThrow(() -> new NotFoundException("queue", lead.queueId()));
            Optional<String> refusal = Permissions.mayClaim(rep, queue);
            if (refusal.isPresent()) {
                return new LeadOutcome.NotAllowed(refusal.get());
            }
            Instant now = clock.instant();
            if (!leads.claim(id, queue.id(), rep.id(), now)) {
                return alreadyClaimed(load(id));
            }
            Lead after = load(id);
            journal.changed(lead, after, ActivityType.CLAIMED, by.actor(),
                    "Claimed by " + rep.name() + waited(lead.stage().offeredAt(), now), null, now);
            return new LeadOutcome.Done(after);
        });
    }

    public LeadOutcome release(LeadId id, ActingRep by) {
        Rep rep = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            if (lead.ownerRepId() == null) {
                return new LeadOutcome.WrongState(lead.id() + " has no owner to release it");
            }
            Optional<String> refusal = Permissions.mayWork(rep, lead);
            if (refusal.isPresent()) {
                return new LeadOutcome.NotAllowed(refusal.get());
            }
            if (lead.queueId() == null) {
                return new LeadOutcome.WrongState(lead.id() + " did not come through a queue; a manager can assign it");
            }
            Instant now = clock.instant();
            Lead after = leads.updateStage(lead, lead.stage().released(now), now);
            String queue = team.queue(lead.queueId()).map(LeadQueue::name).orElse("its queue");
            journal.changed(lead, after, ActivityType.RELEASED, by.actor(), "Released back to " + queue + " by " + rep.name(),
                    null, now);
            return new LeadOutcome.Done(after);
        });
    }

    /** A manager gives the lead to a rep, with a reason. */
    public LeadOutcome assign(LeadId id, ActingRep by, Rep assignee, String reason) {
        Rep manager = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            Optional<LeadOutcome> refused = refuseAssignment(lead, manager);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (!assignee.active()) {
                return new LeadOutcome.WrongState(assignee.name() + " is not an active rep");
            }
            Instant now = clock.instant();
            Lead after = leads.updateStage(lead, lead.stage().ownedBy(assignee.id(), now), now);
            journal.changed(lead, after, ActivityType.ASSIGNED, by.actor(),
                    "Assigned to " + assignee.name() + " by " + manager.name() + because(reason), reason, now);
            return new LeadOutcome.Done(after);
        });
    }

    /** A manager offers the lead to a queue (taking it from its owner, if any), with a reason. */
    public LeadOutcome offer(LeadId id, ActingRep by, LeadQueue queue, String reason) {
        Rep manager = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            Optional<LeadOutcome> refused = refuseAssignment(lead, manager);
            if (refused.isPresent()) {
                return refused.get();
            }
            Instant now = clock.instant();
            Lead after = leads.updateStage(lead, lead.stage().offeredTo(queue.id(), now), now);
            journal.changed(lead, after, ActivityType.OFFERED, by.actor(),
                    "Offered to " + queue.name() + " by " + manager.name() + because(reason), reason, now);
            return new LeadOutcome.Done(after);
        });
    }

    private static Optional<LeadOutcome> refuseAssignment(Lead lead, Rep manager) {
        if (!Permissions.isManager(manager)) {
            return Optional.of(new LeadOutcome.NotAllowed("only managers assign leads"));
        }
        if (!lead.stage().isOpen()) {
            return Optional.of(new LeadOutcome.WrongState(lead.id() + " is " + lead.status().inWords() + " and cannot be assigned"));
        }
        return Optional.empty();
    }

    private LeadOutcome alreadyClaimed(Lead lead) {
        if (lead.ownerRepId() == null) {
            return new LeadOutcome.WrongState(lead.id() + " is no longer offered to this queue");
        }
        String owner = team.rep(lead.ownerRepId()).map(Rep::name).orElse("rep " + lead.ownerRepId());
        return new LeadOutcome.AlreadyClaimed(lead, lead.ownerRepId(), owner, lead.stage().assignedAt());
    }

    private Lead load(LeadId id) {
        return leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
    }

    static String waited(Instant offeredAt, Instant claimedAt) {
        if (offeredAt == null) {
            return "";
        }
        return " after " + dev.leadline.core.common.Durations.words(Duration.between(offeredAt, claimedAt));
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
