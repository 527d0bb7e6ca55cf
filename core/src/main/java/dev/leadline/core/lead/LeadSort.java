package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.util.Optional;

/**
 * The order of a list: by a field, ascending or descending, ties broken by lead id; leads without a
 * value come last. {@link #NEWEST} (no field) is newest first.
 */
public record LeadSort(Optional<FilterField> field, boolean descending) {
    public static final LeadSort NEWEST = new LeadSort(Optional.empty(), true);

    /** Reads {@code updatedAt} (ascending) or {@code -updatedAt} (descending). */
    public static LeadSort parse(String text, String where) {
        if (text == null || text.isBlank()) {
            return NEWEST;
        }
        String value = text.strip();
        boolean descending = value.startsWith("-");
        FilterField field = FilterField.parse(descending || value.startsWith("+") ? value.substring(1) : value, where);
        if (descending && field.name().equals("createdAt")) {
            return NEWEST;
        }
        if (field.isCustom() || field.kind() == FilterField.Kind.STATUS || field.kind() == FilterField.Kind.REP
                || field.kind() == FilterField.Kind.QUEUE) {
            throw new ValidationException(where, "cannot sort by " + field.name() + "; sort by a standard text, number or time field");
        }
        return new LeadSort(Optional.of(field), descending);
    }

    public String label() {
        return field.map(f -> (descending ? "-" : "") + f.name()).orElse("-createdAt");
    }
}
