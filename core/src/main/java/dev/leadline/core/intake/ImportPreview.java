package dev.leadline.core.intake;

import java.util.List;
import java.util.Map;

/**
 * What a file would import as, before anything is stored: its header, the lead field each column
 * feeds (recognised Salesforce and HubSpot names, or the explicit mapping), its first rows and how
 * many rows it has.
 *
 * @param mapping    each column's target, as {@link ColumnMapping#describe()} gives it
 * @param firstRows  the first rows as they are in the file (a line that cannot be read as a row: its text as the one value)
 * @param malformed  those of the first rows the import would reject before judging their values, with the import's reason
 * @param rows       the rows of the file, the unreadable ones included
 * @param importable whether any column feeds a standard lead field, without which an import is refused
 */
public record ImportPreview(List<String> header, Map<String, String> mapping, List<List<String>> firstRows, List<Malformed> malformed,
                            long rows, boolean importable) {
    public ImportPreview {
        header = List.copyOf(header);
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        firstRows = firstRows.stream().map(List::copyOf).toList();
        malformed = List.copyOf(malformed);
    }

    /** Row {@code row} of the first rows (from 0), starting on {@code line} of the file, would be rejected for {@code reason}. */
    public record Malformed(int row, long line, String reason) {}

    /** Why row {@code row} of the first rows would be rejected unread, or empty if it is well-formed. */
    public java.util.Optional<Malformed> malformed(int row) {
        return malformed.stream().filter(m -> m.row() == row).findFirst();
    }
}
