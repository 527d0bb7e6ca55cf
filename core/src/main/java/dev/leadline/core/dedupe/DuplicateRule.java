package dev.leadline.core.dedupe;

import dev.leadline.core.common.ValidationException;
import java.util.Locale;

/** What intake does with a new lead that looks like one already stored. */
public enum DuplicateRule {
    /** Store it; do not look. */
    ALLOW,
    /** Store it, and say which leads it looks like (answer and timeline). */
    FLAG,
    /** Do not store it; answer with the lead it looks like. */
    BLOCK;

    /** {@code allow}, {@code flag} or {@code block}; {@code where} names the setting in the error. */
    public static DuplicateRule parse(String text, String where) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(where, "must be allow, flag or block, got '" + text + "'");
        }
    }
}
