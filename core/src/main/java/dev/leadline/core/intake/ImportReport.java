package dev.leadline.core.intake;

import java.util.List;

/**
 * What an import did with every row: {@code imported + updated + duplicates + merged + rejected = rows}.
 *
 * @param updated    rows whose external id matched a stored lead that they changed
 * @param duplicates rows that matched a stored lead (or an earlier row) and were skipped: the same
 *                   row again, or a duplicate rule that blocks
 * @param flagged    of the imported rows, those stored and flagged as looking like a stored lead or contact
 * @param merged     rows stored and merged at once into the lead they duplicate (a rule that merges)
 * @param rejected   rows that could not be read or validated, each with its line and reason
 */
public record ImportReport(long rows, long imported, long updated, long duplicates, long flagged, long merged, List<Rejection> rejected,
                           long rejectedCount) {

    public ImportReport {
        rejected = List.copyOf(rejected);
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
