package dev.leadline.core.lead;

import dev.leadline.core.common.Ids;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;

/** A lead's number, shown to people as {@code L-1042}. */
public record LeadId(long value) {
    private static final String PREFIX = "L-";

    /** Reads {@code L-1042}, {@code l-1042} or {@code 1042}. */
    public static LeadId parse(String text) {
        return parse(text, "id");
    }

    /**
     * Reads {@code L-1042}, {@code l-1042} or {@code 1042} given in {@code field}.
     *
     * @throws ValidationException naming the field when the text is not a lead id that fits in a long
     */
    public static LeadId parse(String text, String field) {
        String digits = text == null ? "" : text.strip();
        if (digits.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            digits = digits.substring(PREFIX.length());
        }
        if (Ids.looksNumeric(digits)) {
            try {
                return new LeadId(Ids.parse(field, digits));
            } catch (ValidationException e) {
                // reported below in the lead id's own words
            }
        }
        throw new ValidationException(field, "'" + Text.abbreviate(String.valueOf(text)) + "' is not a lead id (expected e.g. L-1042)");
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
