package dev.leadline.core.dedupe;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries out the merges {@link MergeService} checked, any number at once and each step one write for
 * all of them (an import round merges hundreds): belongings move, the merged leads become tombstones,
 * survivors take the chosen fields and the oldest creation date, and each merge is kept for undoing;
 * and undoes them.
 */
final class Merger {
    private final LeadRepository leads;
    private final MergeStore store;
    private final MatchKeyIndex keys;
    private final LeadJournal journal;
    private final Clock clock;
    private final AccountMatching accounts;

    Merger(LeadRepository leads, MergeStore store, MatchKeyIndex keys, LeadJournal journal, Clock clock, AccountMatching accounts) {
        this.leads = leads;
        this.store = store;
        this.keys = keys;
        this.journal = journal;
        this.clock = clock;
        this.accounts = accounts;
    }

    /** Leads merging into {@code principal}, with the lead each chosen field comes from. */
    record Group(Lead principal, List<Lead> merged, Map<String, LeadId> choices) {}

    /**
     * Merges each group, in the caller's transaction. {@code unseen}: the merged leads were stored in
     * this transaction (import rows), so nobody has a card of theirs to edit; those stored as
     * tombstones already ({@link LeadRepository#insertAllMerged}) stood as new leads before.
     */
    List<MergeOutcome.Merged> merge(List<Group> groups, Actor actor, boolean unseen) {
        Instant now = clock.instant();
        Map<LeadId, LeadId> survivorOf = new LinkedHashMap<>();
        groups.forEach(g -> g.merged().forEach(lead -> survivorOf.put(lead.id(), g.principal().id())));
        Map<LeadId, List<LeadMerge.Moved>> moved = (unseen ? store.moveTimelines(survivorOf) : store.moveBelongings(survivorOf)).stream()
                .collect(Collectors.groupingBy(m -> survivorOf.get(m.from()), LinkedHashMap::new, Collectors.toList()));
        List<MergeFields.Combined> taken = groups.stream().map(g -> MergeFields.combine(g.principal(), g.merged(), g.choices())).toList();
        List<LeadJournal.Change> tombChanges = entomb(groups, actor, now);
        keys.forget(survivorOf.keySet());
        List<LeadMerge> saved = store.saveAll(records(groups, taken, moved, tombChanges, actor, now));
        List<Lead> newData = takeData(groups, taken, now);
        Map<LeadId, Lead> survivors = survivorsNow(groups, newData, takeOldestDate(groups));
        accounts.matchAll(newData);
        // announced (cards edited, SLA clocks stopped) only where a card can be out: import rows had none
        List<LeadJournal.Change> told = new ArrayList<>(unseen ? List.of() : tombChanges);
        List<LeadJournal.Change> untold = new ArrayList<>(unseen ? tombChanges : List.of());
        List<MergeOutcome.Merged> outcomes = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Lead before = groups.get(i).principal();
            Lead survivor = survivors.get(before.id());
            List<LeadId> mergedIds = groups.get(i).merged().stream().map(Lead::id).toList();
            Map<String, LeadId> sources = taken.get(i).sources();
            LeadJournal.Change change = new LeadJournal.Change(before, survivor, ActivityType.MERGED, "Merged " + mergedIds.stream()
                    .map(LeadId::toString).collect(Collectors.joining(", ")) + " into this lead by " + actor, sourcesText(sources, survivor.id()), now);
            boolean cardsOut = before.stage().everPlaced() || saved.get(i).moved().stream().anyMatch(m -> m.kind() == LeadMerge.Kind.CARD);
            (cardsOut ? told : untold).add(change);
            outcomes.add(new MergeOutcome.Merged(survivor, mergedIds, sources, saved.get(i).moved().size(), saved.get(i).id()));
        }
        journal.changedUnseen(untold, actor);
        journal.changedAll(told, actor);
        return outcomes;
    }

    /** The survivors whose data the merge changed take their combined fields, in one write; those survivors as they are now. */
    private List<Lead> takeData(List<Group> groups, List<MergeFields.Combined> taken, Instant now) {
        List<Lead> changed = new ArrayList<>();
        List<LeadData> data = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!taken.get(i).data().equals(groups.get(i).principal().data())) {
                changed.add(groups.get(i).principal());
                data.add(taken.get(i).data());
            }
        }
        return leads.updateAllData(changed, data, now);
    }

    /** A survivor takes the oldest creation date of its group; those whose date moved back. */
    private Set<LeadId> takeOldestDate(List<Group> groups) {
        Set<LeadId> older = new HashSet<>();
        for (Group g : groups) {
            g.merged().stream().map(Lead::createdAt).min(Comparator.naturalOrder()).filter(t -> t.isBefore(g.principal().createdAt()))
                    .ifPresent(oldest -> {
                        store.setCreatedAt(g.principal().id(), oldest);
                        older.add(g.principal().id());
                    });
        }
        return older;
    }

    /**
     * Marks the merged leads as tombstones, in one write: status {@code MERGED} with the survivor's id as
     * reason, on no queue and with no owner (when each was offered, claimed and first touched stays).
     * A lead stored as this survivor's tombstone from the start ({@link LeadRepository#insertAllMerged})
     * stays as it is; it stood as a new lead before. Each one's change, from where it stood before.
     */
    private List<LeadJournal.Change> entomb(List<Group> groups, Actor actor, Instant now) {
        List<Lead> toMark = new ArrayList<>();
        List<LeadStage> tombs = new ArrayList<>();
        List<LeadJournal.Change> changes = new ArrayList<>();
        for (Group g : groups) {
            String survivor = g.principal().id().toString();
            for (Lead lead : g.merged()) {
                String summary = "Merged into " + survivor + " by " + actor;
                if (lead.status() == LeadStatus.MERGED && survivor.equals(lead.stage().statusReason())) {
                    changes.add(new LeadJournal.Change(lead.withStage(lead.stage().withStatus(LeadStatus.NEW, null)), lead, ActivityType.MERGED,
                            summary, null, now));
                    continue;
                }
                LeadStage tomb = lead.stage().mergedInto(g.principal().id());
                toMark.add(lead);
                tombs.add(tomb);
                changes.add(new LeadJournal.Change(lead, lead.withStage(tomb), ActivityType.MERGED, summary, null, now));
            }
        }
        Map<LeadId, Lead> marked = new HashMap<>();
        leads.updateStages(toMark, tombs, now).forEach(lead -> marked.put(lead.id(), lead));
        return changes.stream().map(c -> marked.containsKey(c.after().id())
                ? new LeadJournal.Change(c.before(), marked.get(c.after().id()), c.type(), c.summary(), c.details(), c.at()) : c).toList();
    }

    /** Each merge as kept for undoing it: the survivor before and after, and its merged leads as they stood before. */
    private static List<LeadMerge> records(List<Group> groups, List<MergeFields.Combined> taken, Map<LeadId, List<LeadMerge.Moved>> moved,
                                           List<LeadJournal.Change> tombChanges, Actor actor, Instant now) {
        Map<LeadId, LeadStage> stageBefore = new LinkedHashMap<>();
        tombChanges.forEach(c -> stageBefore.put(c.before().id(), c.before().stage()));
        List<LeadMerge> merges = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Lead principal = groups.get(i).principal();
            List<LeadMerge.Member> members = groups.get(i).merged().stream().map(l -> new LeadMerge.Member(l.id(), stageBefore.get(l.id()))).toList();
            merges.add(new LeadMerge(0, principal.id(), principal.data(), taken.get(i).data(), principal.createdAt(), members,
                    moved.getOrDefault(principal.id(), List.of()), actor.toString(), now, null));
        }
        return merges;
    }

    /** The survivors as they are now: those whose data changed as that write left them, those whose creation date moved back read again. */
    private Map<LeadId, Lead> survivorsNow(List<Group> groups, List<Lead> newData, Set<LeadId> older) {
        Map<LeadId, Lead> now = new LinkedHashMap<>();
        groups.forEach(g -> now.put(g.principal().id(), g.principal()));
        newData.forEach(lead -> now.put(lead.id(), lead));
        leads.findAll(older).forEach(lead -> now.put(lead.id(), lead));
        return now;
    }

    /**
     * Undoes {@code merge} into {@code lead}, in the caller's transaction: what moved goes back, the
     * merged leads stand where they stood, and the survivor's data is restored unless edited since.
     */
    MergeOutcome.Unmerged undo(LeadMerge merge, Lead lead, Actor actor) {
        Instant now = clock.instant();
        LeadId survivor = lead.id();
        store.moveBack(merge.moved(), survivor);
        store.setCreatedAt(survivor, merge.survivorCreatedBefore());
        List<String> kept = new ArrayList<>();
        if (lead.data().equals(merge.survivorAfter())) {
            leads.updateData(lead, merge.survivorBefore(), now);
        } else {
            kept.add(survivor + "'s data, edited since the merge");
        }
        Lead after = leads.find(survivor).orElseThrow();
        List<Lead> restored = new ArrayList<>();
        for (LeadMerge.Member member : merge.members()) {
            Lead tomb = leads.find(member.lead()).orElseThrow();
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
    }

    private static String sourcesText(Map<String, LeadId> sources, LeadId principal) {
        String from = sources.entrySet().stream().filter(e -> !e.getValue().equals(principal)).map(e -> e.getKey() + " from " + e.getValue())
                .collect(Collectors.joining(", "));
        return from.isEmpty() ? null : "Values taken: " + from;
    }
}
