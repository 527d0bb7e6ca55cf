package dev.leadline.core.intake;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.routing.LeadArrivals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final AccountMatching accounts;

    ImportBatch(ColumnMapping mapping, ImportOptions options, LeadRepository leads, LeadJournal journal,
                Actor actor, Clock clock, LeadArrivals arrivals, AccountMatching accounts) {
        this.arrivals = arrivals;
        this.accounts = accounts;
        this.mapping = mapping;
        this.options = options;
        this.leads = leads;
        this.journal = journal;
        this.actor = actor;
        this.clock = clock;
    }

    record Result(ImportCounts counts, List<ImportReport.Rejection> rejections) {}

    private record Candidate(long line, LeadData data, String intakeKey) {}

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
        Map<String, LeadId> knownEmails = leads.findByEmailKeys(
                candidates.stream().map(c -> c.data().emailKey()).filter(Objects::nonNull).toList());
        Set<String> seenKeys = write ? new HashSet<>() : previewSeen;
        Set<String> seenEmails = new HashSet<>();
        Instant now = clock.instant();
        List<NewLead> inserts = new ArrayList<>();
        long updated = 0;
        long duplicates = 0;
        for (Candidate c : candidates) {
            String email = c.data().emailKey();
            Lead existing = known.get(c.intakeKey());
            if (!seenKeys.add(c.intakeKey())) {
                duplicates++;
            } else if (existing != null) {
                LeadData merged = existing.data().overlaidWith(c.data());
                if (merged.equals(existing.data())) {
                    duplicates++;
                } else {
                    updated++;
                    if (write) {
                        Lead after = leads.updateData(existing, merged, now);
                        journal.updated(existing, after, actor, "Updated by import", now);
                    }
                }
            } else if (email != null && (knownEmails.containsKey(email) || !seenEmails.add(email))) {
                duplicates++;
            } else {
                inserts.add(new NewLead(c.data(), c.intakeKey(), null, now));
            }
        }
        if (write && !inserts.isEmpty()) {
            List<Lead> stored = leads.insertAll(inserts);
            journal.created(stored, ActivityType.IMPORTED, actor, "Imported by " + actor);
            accounts.matchAll(stored);
            arrivals.arrived(stored.stream().map(Lead::id).toList(), "import", now);
        }
        ImportCounts counts = new ImportCounts(rows.size(), inserts.size(), updated, duplicates, rejections.size());
        return new Result(counts, rejections);
    }

    private void read(ImportRow row, List<ImportReport.Rejection> rejections, List<Candidate> candidates) {
        int expected = mapping.header().size();
        if (row.values().size() != expected) {
            rejections.add(new ImportReport.Rejection(row.line(),
                    "has " + row.values().size() + " fields but the header has " + expected));
            return;
        }
        LeadDraft.Validated validated = mapping.apply(row.values(), options.nullValues()).build();
        if (validated instanceof LeadDraft.Validated.Invalid invalid) {
            rejections.add(new ImportReport.Rejection(row.line(), FieldError.describe(invalid.errors())));
            return;
        }
        LeadData data = ((LeadDraft.Validated.Valid) validated).data();
        String key = data.get(LeadField.EXTERNAL_ID).map(IntakeKeys::external).orElseGet(() -> IntakeKeys.row(row.values()));
        candidates.add(new Candidate(row.line(), data, key));
    }
}
