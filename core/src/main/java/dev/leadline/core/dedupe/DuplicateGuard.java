package dev.leadline.core.dedupe;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Duplicate rules at intake: judges new leads before they are stored (so a blocked duplicate is never
 * created), and after storing them carries out what the rule asked for (flag the look-alike, alert its
 * owner as well, or merge the new lead into it).
 */
public final class DuplicateGuard {
    /** No checks at all: every lead is stored as it comes. */
    public static final DuplicateGuard OFF = new DuplicateGuard(null, null, null, DuplicateFlags.NONE);
    private final DuplicateService duplicates;
    private final MergeService merges;
    private final Alerts alerts;
    private final DuplicateFlags flags;

    public DuplicateGuard(DuplicateService duplicates, MergeService merges, Alerts alerts, DuplicateFlags flags) {
        this.duplicates = duplicates;
        this.merges = merges;
        this.alerts = alerts;
        this.flags = flags;
    }

    public boolean isOff() {
        return duplicates == null;
    }

    /**
     * Makes concurrent intake of the same person (same mailbox or phone) take turns: the first
     * statement of the caller's transaction, before it reads anything.
     */
    public void serialise(LeadData data) {
        if (duplicates != null) {
            duplicates.serialise(data);
        }
    }

    /** The keys under which the lead's look-alikes are found; none when the checks are off. */
    public java.util.Set<String> blockingKeys(LeadData data) {
        return duplicates == null ? java.util.Set.of() : duplicates.blockingKeys(data);
    }

    /** What the rules say about each lead's data at the checkpoint, in order; one lookup for all. */
    public List<Optional<DuplicatePolicy.Verdict>> judge(List<LeadData> data, Checkpoint checkpoint) {
        return duplicates == null ? data.stream().map(d -> Optional.<DuplicatePolicy.Verdict>empty()).toList()
                : duplicates.checkAll(data, checkpoint, flags::dismissedAmong);
    }

    /** Keeps the verdicts acted on at the checkpoint as facts (see {@link DuplicateService#note}). */
    public void note(Checkpoint checkpoint, List<LeadData> data, List<Optional<DuplicatePolicy.Verdict>> verdicts, Instant at) {
        if (duplicates != null) {
            duplicates.note(checkpoint, data, verdicts, at);
        }
    }

    /**
     * Carries out the verdict for a lead just stored, in the caller's transaction.
     *
     * @return the merge, when the rule merged the new lead into the look-alike
     */
    public Optional<MergeOutcome.Merged> settle(Lead stored, DuplicatePolicy.Verdict verdict, Actor actor, Instant at) {
        flag(List.of(stored), List.of(Optional.of(verdict)), at);
        if (verdict.action() == DuplicateAction.ALERT) {
            alert(stored, verdict.lookalike(), at);
        }
        if (verdict.action() == DuplicateAction.MERGE && verdict.lookalike() instanceof DuplicateService.Duplicate d) {
            return Optional.of(merges.absorb(d.lead(), stored, actor));
        }
        return Optional.empty();
    }

    /**
     * Carries out the verdicts for leads just stored ({@code verdicts.get(i)} for {@code stored.get(i)}),
     * in the caller's transaction: the flags in one write, the merges together.
     *
     * @return the leads merged into their look-alikes
     */
    public Set<LeadId> settleAll(List<Lead> stored, List<Optional<DuplicatePolicy.Verdict>> verdicts, Actor actor, Instant at) {
        flag(stored, verdicts, at);
        List<Lead> survivors = new ArrayList<>();
        List<Lead> newcomers = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            Lead lead = stored.get(i);
            verdicts.get(i).filter(v -> v.action() == DuplicateAction.ALERT).ifPresent(v -> alert(lead, v.lookalike(), at));
            verdicts.get(i).filter(v -> v.action() == DuplicateAction.MERGE).map(DuplicatePolicy.Verdict::lookalike)
                    .filter(DuplicateService.Duplicate.class::isInstance).ifPresent(d -> {
                        survivors.add(((DuplicateService.Duplicate) d).lead());
                        newcomers.add(lead);
                    });
        }
        Set<LeadId> merged = new HashSet<>();
        if (!newcomers.isEmpty()) {
            merges.absorbAll(survivors, newcomers, actor).forEach(m -> merged.addAll(m.merged()));
        }
        return merged;
    }

    private void flag(List<Lead> stored, List<Optional<DuplicatePolicy.Verdict>> verdicts, Instant at) {
        List<DuplicateFlags.Flag> flagged = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            LeadId lead = stored.get(i).id();
            verdicts.get(i).filter(v -> v.action() == DuplicateAction.FLAG || v.action() == DuplicateAction.ALERT)
                    .ifPresent(v -> flagged.add(new DuplicateFlags.Flag(lead, v.lookalike(), at)));
        }
        if (!flagged.isEmpty()) {
            flags.flag(flagged);
        }
    }

    private void alert(Lead stored, Lookalike existing, Instant at) {
        String status = "Possible duplicate of " + existing.reference() + " (" + String.join(", ", existing.matched()) + ")";
        String suffix = "duplicate";
        if (existing.ownerRepId() != null) {
            alerts.post(stored, Destination.rep(existing.ownerRepId()), status, suffix, at);
        } else if (existing instanceof DuplicateService.Duplicate d && d.lead().queueId() != null) {
            alerts.post(stored, Destination.queue(d.lead().queueId()), status, suffix, at);
        } else {
            alerts.managers(stored, status, suffix, at);
        }
    }

    /** How a verdict reads on the new lead's timeline: {@code ; looks like L-42 (email)}. */
    public static String flagText(Optional<DuplicatePolicy.Verdict> verdict) {
        return verdict.filter(v -> v.action() != DuplicateAction.ALLOW)
                .map(v -> "; looks like " + v.lookalike().reference() + " (" + String.join(", ", v.lookalike().matched()) + ")").orElse("");
    }
}
