package dev.leadline.core.intake;

import java.util.List;

/**
 * What an import did with every row: {@code imported + updated + duplicates + rejected = rows}.
 *
 * @param updated    rows whose external id matched a stored lead that they changed
 * @param duplicates rows that matched a stored lead (or an earlier row) and changed nothing
 * @param rejected   rows that could not be read or validated, each with its line and reason
 */
public record ImportReport(long rows, long imported, long updated, long duplicates, List<Rejection> rejected,
                           long rejectedCount) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    /** A row that was not imported, and why. */
    public record Rejection(long line, String reason) {}
}
