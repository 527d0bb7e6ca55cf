package dev.leadline.core.intake;

import java.util.Map;
import java.util.Set;

/**
 * How to read an import.
 *
 * @param mapping    explicit column targets (see {@link ColumnMapping}); other columns map themselves
 * @param nullValues values that mean "not given" in this file (e.g. {@code Select})
 * @param dryRun     report what would happen without storing anything
 * @param notifyReps whether reps hear about the imported leads
 */
public record ImportOptions(Map<String, String> mapping, Set<String> nullValues, boolean dryRun, boolean notifyReps) {
    public ImportOptions {
        mapping = Map.copyOf(mapping);
        nullValues = Set.copyOf(nullValues);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), Set.of(), false, true);
    }
}
