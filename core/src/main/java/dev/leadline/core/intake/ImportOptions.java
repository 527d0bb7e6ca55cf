package dev.leadline.core.intake;

import dev.leadline.core.common.ValidationException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to read an import.
 *
 * @param mapping    explicit column targets (see {@link ColumnMapping}); other columns map themselves
 * @param nullValues values that mean "not given" in this file (e.g. {@code Select})
 * @param dryRun     report what would happen without storing anything
 * @param notifyReps whether reps hear about the imported leads
 */
public record ImportOptions(Map<String, String> mapping, Set<String> nullValues, boolean dryRun, boolean notifyReps) {
    /** The longest list of values that mean "not given", as written (comma-separated). */
    public static final int MAX_NULL_VALUES_CHARS = 500;

    public ImportOptions {
        mapping = Map.copyOf(mapping);
        nullValues = Set.copyOf(nullValues);
    }

    /**
     * The values that mean "not given" from their comma-separated list, e.g. {@code Select, N/A}.
     *
     * @throws ValidationException if the list is longer than {@value #MAX_NULL_VALUES_CHARS} characters
     */
    public static Set<String> nullValues(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        if (commaSeparated.length() > MAX_NULL_VALUES_CHARS) {
            throw new ValidationException("nullValues", "the values that mean empty may be at most " + MAX_NULL_VALUES_CHARS
                    + " characters long, not " + commaSeparated.length());
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), Set.of(), false, true);
    }
}
