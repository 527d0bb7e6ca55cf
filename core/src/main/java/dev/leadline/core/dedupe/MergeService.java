package dev.leadline.core.dedupe;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final Merger merger;

    /** {@code accounts} matches a survivor whose data changed (and, on undo, the leads coming back) to accounts again. */
    public MergeService(Transactor transactor, LeadRepository leads, MergeStore store, MatchKeyIndex keys, LeadJournal journal, Clock clock,
                        AccountMatching accounts) {
        this.transactor = transactor;
        this.leads = leads;
        this.store = store;
        this.merger = new Merger(leads, store, keys, journal, clock, accounts);
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
            return merger.merge(List.of(new Merger.Group(principal, merged, choices)), by.actor(), false).get(0);
        });
    }

    /** Merges a lead just stored into the one it duplicates (a duplicate rule's auto-merge); joins the caller's transaction. */
    public MergeOutcome.Merged absorb(Lead survivor, Lead newcomer, Actor actor) {
        return absorbAll(List.of(survivor), List.of(newcomer), actor).get(0);
    }

    /**
     * As {@link #absorb} for many leads at once (an import round): {@code newcomers.get(i)} into
     * {@code survivors.get(i)}, each survivor as read in the caller's transaction (by the duplicate
     * check that found it); the newcomers of one survivor go into it in one merge. Each step is one
     * write for all the merges, not one per merge.
     */
    public List<MergeOutcome.Merged> absorbAll(List<Lead> survivors, List<Lead> newcomers, Actor actor) {
        Map<LeadId, Lead> survivor = new LinkedHashMap<>();
        Map<LeadId, List<Lead>> into = new LinkedHashMap<>();
        for (int i = 0; i < newcomers.size(); i++) {
            survivor.putIfAbsent(survivors.get(i).id(), survivors.get(i));
            into.computeIfAbsent(survivors.get(i).id(), id -> new ArrayList<>()).add(newcomers.get(i));
        }
        List<Merger.Group> groups = new ArrayList<>();
        into.forEach((id, merged) -> groups.add(new Merger.Group(survivor.get(id), merged, Map.of())));
        return merger.merge(groups, actor, true);
    }

    /** Whether a merge into {@code survivor} is there to undo. */
    public boolean hasMergeToUndo(LeadId survivor) {
        return transactor.inTransaction(() -> store.latestInto(survivor).isPresent());
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
            return merger.undo(found.get(), lead, by.actor());
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

    private Lead load(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
    }
}
