package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;

/** A lead's number, shown to people as {@code L-1042}. */
public record LeadId(long value) {
    private static final String PREFIX = "L-";

    /** Reads {@code L-1042}, {@code l-1042} or {@code 1042}. */
    public static LeadId parse(String text) {
        String digits = text.strip();
        if (digits.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            digits = digits.substring(PREFIX.length());
        }
        try {
            long value = Long.parseLong(digits);
            if (value > 0) {
                return new LeadId(value);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ValidationException("id", "'" + text + "' is not a lead id (expected e.g. L-1042)");
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
