package dev.leadline.core.dedupe;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Merges duplicate leads into one, any number at a time, and undoes merges. The survivor takes the
 * chosen field values and the oldest creation date; the others' timelines, meetings, tasks and chat
 * cards move to it; they stay as tombstones (status {@code MERGED}, the survivor's id as reason) so
 * that their ids still lead to the survivor.
 */
public final class MergeService {
    private final Transactor transactor;
    private final LeadRepository leads;
    private final MergeStore store;
    private final MatchKeyIndex keys;
    private final LeadJournal journal;
    private final Clock clock;
    private final AccountMatching accounts;

    /** {@code accounts} matches the survivor (and, on undo, the leads coming back) to accounts again: their data changed. */
    public MergeService(Transactor transactor, LeadRepository leads, MergeStore store, MatchKeyIndex keys, LeadJournal journal, Clock clock,
                        AccountMatching accounts) {
        this.accounts = accounts;
        this.transactor = transactor;
        this.leads = leads;
        this.store = store;
        this.keys = keys;
        this.journal = journal;
        this.clock = clock;
    }

    /** Merges {@code others} into {@code survivor}, as {@code rep} (who must be allowed to work every one of them). */
    public MergeOutcome merge(LeadId survivor, List<LeadId> others, Map<String, LeadId> choices, ActingRep by) {
        Rep rep = by.rep();
        if (others.isEmpty()) {
            throw new ValidationException("leads", "name at least one lead to merge into " + survivor);
        }
        if (new LinkedHashSet<>(others).size() != others.size() || others.contains(survivor)) {
            throw new ValidationException("leads", "each lead may be named once, and not the surviving lead " + survivor);
        }
        return transactor.inTransaction(() -> {
            Lead principal = load(survivor);
            List<Lead> merged = others.stream().map(this::load).toList();
            List<Lead> all = new ArrayList<>(merged);
            all.add(0, principal);
            for (Lead lead : all) {
                Optional<String> wrongState = unmergeable(lead);
                if (wrongState.isPresent()) {
                    return new MergeOutcome.Refused(new LeadOutcome.WrongState(wrongState.get()));
                }
                Optional<String> notAllowed = Permissions.mayWork(rep, lead);
                if (notAllowed.isPresent()) {
                    return new MergeOutcome.Refused(new LeadOutcome.NotAllowed(notAllowed.get()));
                }
            }
            return mergeLoaded(principal, merged, choices, by.actor());
        });
    }

    /** Merges a lead just stored into the one it duplicates (a duplicate rule's auto-merge); joins the caller's transaction. */
    public MergeOutcome.Merged absorb(Lead survivor, Lead newcomer, Actor actor) {
        // read again: the survivor may have absorbed another lead of the same import batch already
        return mergeLoaded(load(survivor.id()), List.of(newcomer), Map.of(), actor);
    }

    private MergeOutcome.Merged mergeLoaded(Lead principal, List<Lead> merged, Map<String, LeadId> choices, Actor actor) {
        Instant now = clock.instant();
        MergeFields.Combined combined = MergeFields.combine(principal, merged, choices);
        List<LeadId> mergedIds = merged.stream().map(Lead::id).toList();
        List<LeadMerge.Moved> moved = store.moveBelongings(mergedIds, principal.id());
        Instant oldest = merged.stream().map(Lead::createdAt).min(Comparator.naturalOrder()).filter(t -> t.isBefore(principal.createdAt()))
                .orElse(principal.createdAt());
        store.setCreatedAt(principal.id(), oldest);
        Lead updated = combined.data().equals(principal.data()) ? principal : leads.updateData(principal, combined.data(), now);
        List<LeadMerge.Member> members = new ArrayList<>();
        for (Lead lead : merged) {
            members.add(new LeadMerge.Member(lead.id(), lead.stage()));
            LeadStage tomb = lead.stage().mergedInto(principal.id());
            Lead after = leads.updateStage(lead, tomb, now);
            journal.changed(lead, after, ActivityType.MERGED, actor, "Merged into " + principal.id() + " by " + actor, null, now);
        }
        keys.forget(mergedIds);
        LeadMerge saved = store.save(new LeadMerge(0, principal.id(), principal.data(), combined.data(), principal.createdAt(), members,
                moved, actor.toString(), now, null));
        String names = mergedIds.stream().map(LeadId::toString).collect(Collectors.joining(", "));
        Lead survivor = load(updated.id());
        accounts.matchAll(List.of(survivor));
        journal.changed(principal, survivor, ActivityType.MERGED, actor, "Merged " + names + " into this lead by " + actor,
                sourcesText(combined.sources(), principal.id()), now);
        return new MergeOutcome.Merged(survivor, mergedIds, combined.sources(), moved.size(), saved.id());
    }

    /** Undoes the newest merge into {@code survivor}, as {@code rep}. */
    public MergeOutcome unmerge(LeadId survivor, ActingRep by) {
        Rep rep = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(survivor);
            Optional<String> refusal = Permissions.mayWork(rep, lead);
            if (refusal.isPresent()) {
                return new MergeOutcome.Refused(new LeadOutcome.NotAllowed(refusal.get()));
            }
            Optional<LeadMerge> found = store.latestInto(survivor);
            if (found.isEmpty()) {
                return new MergeOutcome.Refused(new LeadOutcome.WrongState(survivor + " has no merge to undo"));
            }
            LeadMerge merge = found.get();
            Instant now = clock.instant();
            Actor actor = by.actor();
            store.moveBack(merge.moved(), survivor);
            store.setCreatedAt(survivor, merge.survivorCreatedBefore());
            List<String> kept = new ArrayList<>();
            if (lead.data().equals(merge.survivorAfter())) {
                leads.updateData(lead, merge.survivorBefore(), now);
            } else {
                kept.add(survivor + "'s data, edited since the merge");
            }
            Lead after = load(survivor);
            List<Lead> restored = new ArrayList<>();
            for (LeadMerge.Member member : merge.members()) {
                Lead tomb = load(member.lead());
                Lead back = leads.updateStage(tomb, member.stageBefore(), now);
                journal.changed(tomb, back, ActivityType.UNMERGED, actor, "Merge into " + survivor + " undone by " + actor, null, now);
                restored.add(back);
            }
            keys.index(restored);
            List<Lead> rematch = new ArrayList<>(restored);
            rematch.add(after);
            accounts.matchAll(rematch);
            store.markUndone(merge.id(), now);
            journal.changed(lead, after, ActivityType.UNMERGED, actor, "Merge of " + merge.mergedIds().stream().map(LeadId::toString)
                    .collect(Collectors.joining(", ")) + " undone by " + actor, kept.isEmpty() ? null : "Kept: " + String.join("; ", kept), now);
            return new MergeOutcome.Unmerged(after, restored, kept);
        });
    }

    private static Optional<String> unmergeable(Lead lead) {
        if (lead.status() == LeadStatus.MERGED) {
            return Optional.of(lead.id() + " was merged into " + lead.stage().statusReason() + " already");
        }
        if (lead.status() == LeadStatus.CONVERTED) {
            return Optional.of(lead.id() + " is converted; undo the conversion before merging it");
        }
        return Optional.empty();
    }

    private static String sourcesText(Map<String, LeadId> sources, LeadId principal) {
        String taken = sources.entrySet().stream().filter(e -> !e.getValue().equals(principal)).map(e -> e.getKey() + " from " + e.getValue())
                .collect(Collectors.joining(", "));
        return taken.isEmpty() ? null : "Values taken: " + taken;
    }

    private Lead load(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
    }
}
