package dev.leadline.core.intake;

import dev.leadline.core.dedupe.ContactMatch;
import dev.leadline.core.dedupe.DuplicateAction;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.Lookalike;
import dev.leadline.core.lead.LeadId;
import java.util.List;
import java.util.Optional;

/**
 * What an import did with every row: {@code imported + updated + duplicates + merged + rejected = rows}.
 *
 * @param updated    rows whose external id matched a stored lead that they changed
 * @param duplicates rows that matched a stored lead (or an earlier row) and were skipped: the same
 *                   row again, or a duplicate rule that blocks
 * @param flagged    of the imported rows, those stored and flagged as looking like a stored lead or contact
 * @param merged     rows stored and merged at once into the lead they duplicate (a rule that merges)
 * @param rejected   rows that could not be read or validated, each with its line and reason
 * @param duplicateRows the first rows that a duplicate rule blocked or merged, each with what it matched
 */
public record ImportReport(long rows, long imported, long updated, long duplicates, long flagged, long merged, List<Rejection> rejected,
                           long rejectedCount, List<DuplicateRow> duplicateRows) {

    public ImportReport {
        rejected = List.copyOf(rejected);
        duplicateRows = List.copyOf(duplicateRows);
    }

    /**
     * A row that a duplicate rule blocked (not stored) or merged (stored and merged at once into the
     * lead it matched), with the lead or contact it matched, how (its {@code reference} and the fields
     * that matched), and the values the row held.
     */
    public record DuplicateRow(long line, DuplicateAction action, Optional<LeadId> lead, Optional<Long> contact, String reference,
                               List<String> matched, List<String> values) {
        public DuplicateRow {
            matched = List.copyOf(matched);
            values = List.copyOf(values);
        }

        public static DuplicateRow of(long line, DuplicateAction action, Lookalike like, List<String> values) {
            Optional<LeadId> lead = like instanceof DuplicateService.Duplicate d ? Optional.of(d.lead().id()) : Optional.empty();
            Optional<Long> contact = like instanceof ContactMatch c ? Optional.of(c.contact().id()) : Optional.empty();
            return new DuplicateRow(line, action, lead, contact, like.reference(), like.matched(), values);
        }
    }

    /** A row that was not imported, and why, with the values it held (the line's text if it could not be read). */
    public record Rejection(long line, String reason, List<String> values) {
        public Rejection {
            values = List.copyOf(values);
        }

        public Rejection(long line, String reason) {
            this(line, reason, List.of());
        }
    }
}
