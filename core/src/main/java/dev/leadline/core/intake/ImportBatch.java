package dev.leadline.core.intake;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.dedupe.Checkpoint;
import dev.leadline.core.dedupe.DuplicateAction;
import dev.leadline.core.dedupe.DuplicateGuard;
import dev.leadline.core.dedupe.DuplicatePolicy;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.routing.LeadArrivals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Decides, for one batch of rows, which to insert, update, skip as duplicate or reject. */
final class ImportBatch {
    private final ColumnMapping mapping;
    private final ImportOptions options;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final Actor actor;
    private final Clock clock;
    private final Set<String> previewSeen = new HashSet<>();
    private final LeadArrivals arrivals;
    private final DuplicateGuard guard;
    private final AccountMatching accounts;
    private static final int MAX_ROUNDS = 4;

    ImportBatch(ColumnMapping mapping, ImportOptions options, LeadRepository leads, LeadJournal journal,
                Actor actor, Clock clock, LeadArrivals arrivals, DuplicateGuard guard, AccountMatching accounts) {
        this.arrivals = arrivals;
        this.guard = guard;
        this.accounts = accounts;
        this.mapping = mapping;
        this.options = options;
        this.leads = leads;
        this.journal = journal;
        this.actor = actor;
        this.clock = clock;
    }

    record Result(ImportCounts counts, List<ImportReport.Rejection> rejections, List<ImportReport.DuplicateRow> duplicateRows) {}

    private record Candidate(long line, LeadData data, String intakeKey, List<String> values) {}

    /** Stores the batch; must run inside a transaction. */
    Result store(List<ImportRow> rows) {
        return decide(rows, true);
    }

    /** Says what {@link #store} would do, storing nothing. */
    Result preview(List<ImportRow> rows) {
        return decide(rows, false);
    }

    private Result decide(List<ImportRow> rows, boolean write) {
        List<ImportReport.Rejection> rejections = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (ImportRow row : rows) {
            read(row, rejections, candidates);
        }
        Map<String, Lead> known = leads.findByIntakeKeys(candidates.stream().map(Candidate::intakeKey).toList());
        // without duplicate rules, a stored lead with the same email is the same lead
        Map<String, LeadId> knownEmails = guard.isOff() ? leads.findByEmailKeys(
                candidates.stream().map(c -> c.data().emailKey()).filter(Objects::nonNull).toList()) : Map.of();
        Set<String> seenKeys = write ? new HashSet<>() : previewSeen;
        Set<String> seenEmails = new HashSet<>();
        Instant now = clock.instant();
        List<Candidate> fresh = new ArrayList<>();
        Tally tally = new Tally();
        for (Candidate c : candidates) {
            String email = c.data().emailKey();
            Lead existing = known.get(c.intakeKey());
            if (!seenKeys.add(c.intakeKey()) || existing != null && existing.status() == LeadStatus.MERGED) {
                tally.duplicates++; // the same row again, or a row of a lead merged since: its survivor has it
            } else if (existing != null) {
                LeadData merged = existing.data().overlaidWith(c.data());
                if (merged.equals(existing.data())) {
                    tally.duplicates++;
                } else {
                    tally.updated++;
                    if (write) {
                        Lead after = leads.updateData(existing, merged, now);
                        journal.updated(existing, after, actor, "Updated by import", now);
                    }
                }
            } else if (email != null && (knownEmails.containsKey(email) || !seenEmails.add(email))) {
                tally.duplicates++;
            } else {
                fresh.add(c);
            }
        }
        for (List<Candidate> round : rounds(fresh)) {
            insert(round, write, now, tally);
        }
        ImportCounts counts = new ImportCounts(rows.size(), tally.imported, tally.updated, tally.duplicates, rejections.size(), tally.flagged,
                tally.merged);
        return new Result(counts, rejections, tally.duplicateRows);
    }

    private static final class Tally {
        long imported;
        long updated;
        long duplicates;
        long flagged;
        long merged;
        final List<ImportReport.DuplicateRow> duplicateRows = new ArrayList<>();

        /** Counts a new row by what the duplicate rules do with it; a blocked or merged one is listed with what it matched. */
        void count(Candidate row, DuplicateAction action, Optional<DuplicatePolicy.Verdict> verdict) {
            if (action == DuplicateAction.BLOCK || action == DuplicateAction.MERGE) {
                duplicateRows.add(ImportReport.DuplicateRow.of(row.line(), action, verdict.get().lookalike(), row.values()));
            }
            switch (action) {
                case BLOCK -> duplicates++;
                case MERGE -> merged++;
                case ALLOW -> imported++;
                default -> {
                    imported++;
                    flagged++;
                }
            }
        }
    }

    /**
     * New rows judged by the duplicate rules and stored. Rows that look alike within the batch go in
     * later rounds, so that each is judged against the ones stored before it. A row that a rule merges
     * into the lead it duplicates is stored as merged into it from the start (no check finds it, it is
     * matched to no account), and its merge recorded in the same transaction.
     */
    private void insert(List<Candidate> round, boolean write, Instant now, Tally tally) {
        List<Optional<DuplicatePolicy.Verdict>> verdicts = guard.judge(round.stream().map(Candidate::data).toList(), Checkpoint.IMPORT);
        if (write) {
            guard.note(Checkpoint.IMPORT, round.stream().map(Candidate::data).toList(), verdicts, now);
        }
        List<NewLead> staying = new ArrayList<>();
        List<NewLead> merging = new ArrayList<>();
        List<LeadId> into = new ArrayList<>();
        List<Optional<DuplicatePolicy.Verdict>> stayingVerdicts = new ArrayList<>();
        List<Optional<DuplicatePolicy.Verdict>> mergingVerdicts = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            Candidate row = round.get(i);
            Optional<DuplicatePolicy.Verdict> verdict = verdicts.get(i);
            DuplicateAction action = verdict.map(DuplicatePolicy.Verdict::action).orElse(DuplicateAction.ALLOW);
            tally.count(row, action, verdict);
            NewLead lead = new NewLead(row.data(), row.intakeKey(), null, now);
            if (action == DuplicateAction.MERGE && verdict.get().lookalike() instanceof DuplicateService.Duplicate d) {
                merging.add(lead);
                into.add(d.lead().id());
                mergingVerdicts.add(verdict);
            } else if (action != DuplicateAction.BLOCK) {
                staying.add(lead);
                stayingVerdicts.add(verdict);
            }
        }
        if (write && !(staying.isEmpty() && merging.isEmpty())) {
            List<Lead> stored = leads.insertAll(staying);
            List<Lead> all = new ArrayList<>(stored);
            all.addAll(leads.insertAllMerged(merging, into));
            List<Optional<DuplicatePolicy.Verdict>> allVerdicts = new ArrayList<>(stayingVerdicts);
            allVerdicts.addAll(mergingVerdicts);
            journal.created(all, ActivityType.IMPORTED, actor, allVerdicts.stream().map(v -> "Imported by " + actor + DuplicateGuard.flagText(v))
                    .toList());
            accounts.matchAll(stored);
            guard.settleAll(all, allVerdicts, actor, now);
            arrivals.arrived(stored.stream().map(Lead::id).toList(), "import", now);
        }
    }

    /**
     * The new rows in rounds: a row sharing a blocking key with an earlier row of its round waits for
     * the next. After a few rounds the rest go together (a file of look-alikes should not cost a
     * round per row).
     */
    private List<List<Candidate>> rounds(List<Candidate> fresh) {
        if (guard.isOff()) {
            return List.of(fresh);
        }
        List<List<Candidate>> rounds = new ArrayList<>();
        List<Candidate> pending = fresh;
        while (!pending.isEmpty()) {
            if (rounds.size() == MAX_ROUNDS - 1) {
                rounds.add(pending);
                break;
            }
            Set<String> taken = new HashSet<>();
            List<Candidate> now = new ArrayList<>();
            List<Candidate> later = new ArrayList<>();
            for (Candidate c : pending) {
                Set<String> keys = guard.blockingKeys(c.data());
                if (keys.stream().anyMatch(taken::contains)) {
                    later.add(c);
                } else {
                    taken.addAll(keys);
                    now.add(c);
                }
            }
            rounds.add(now);
            pending = later;
        }
        return rounds;
    }

    private void read(ImportRow row, List<ImportReport.Rejection> rejections, List<Candidate> candidates) {
        Optional<String> problem = row.problemFor(mapping.header().size());
        if (problem.isPresent()) {
            rejections.add(new ImportReport.Rejection(row.line(), problem.get(), row.values()));
            return;
        }
        LeadDraft.Validated validated = mapping.apply(row.values(), options.nullValues()).build();
        if (validated instanceof LeadDraft.Validated.Invalid invalid) {
            rejections.add(new ImportReport.Rejection(row.line(), FieldError.describe(invalid.errors()), row.values()));
            return;
        }
        LeadData data = ((LeadDraft.Validated.Valid) validated).data();
        String key = data.get(LeadField.EXTERNAL_ID).map(IntakeKeys::external).orElseGet(() -> IntakeKeys.row(row.values()));
        candidates.add(new Candidate(row.line(), data, key, row.values()));
    }
}
