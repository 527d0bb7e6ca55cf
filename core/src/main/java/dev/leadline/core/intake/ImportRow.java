package dev.leadline.core.intake;

import java.util.List;
import java.util.Optional;

/**
 * One data row of an import, with the line of the file it starts on; or, with a {@code problem}, a
 * line the source could not read as a row, its text as the one value (it counts as a row and is
 * rejected with that reason).
 */
public record ImportRow(long line, List<String> values, Optional<String> problem) {

    public ImportRow(long line, List<String> values) {
        this(line, values, Optional.empty());
    }

    /** Why the row cannot be imported as a row of a file with {@code width} columns, before its values are judged. */
    public Optional<String> problemFor(int width) {
        if (problem.isPresent() || values.size() == width) {
            return problem;
        }
        return Optional.of("has " + values.size() + " fields but the header has " + width);
    }

    public static ImportRow unreadable(long line, String text, String problem) {
        return new ImportRow(line, List.of(text), Optional.of(problem));
    }
}
