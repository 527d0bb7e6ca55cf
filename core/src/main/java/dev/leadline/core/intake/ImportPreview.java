package dev.leadline.core.intake;

import java.util.List;
import java.util.Map;

/**
 * What a file would import as, before anything is stored: its header, the lead field each column
 * feeds (recognised Salesforce and HubSpot names, or the explicit mapping), its first rows and how
 * many rows it has.
 *
 * @param mapping    each column's target, as {@link ColumnMapping#describe()} gives it
 * @param rows       the rows of the file, the unreadable ones included
 * @param importable whether any column feeds a standard lead field, without which an import is refused
 */
public record ImportPreview(List<String> header, Map<String, String> mapping, List<List<String>> firstRows, long rows,
                            boolean importable) {
    public ImportPreview {
        header = List.copyOf(header);
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        firstRows = firstRows.stream().map(List::copyOf).toList();
    }
}
