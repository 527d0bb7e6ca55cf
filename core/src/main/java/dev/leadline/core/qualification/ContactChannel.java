package dev.leadline.core.qualification;

import dev.leadline.core.common.ValidationException;
import java.util.Locale;

/** How a rep tried to reach a lead. */
public enum ContactChannel {
    CALL, EMAIL, LINKEDIN, OTHER;

    public static ContactChannel parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("channel", "'" + text + "' is not one of call, email, linkedin, other");
        }
    }

    public String label() {
        return this == LINKEDIN ? "LinkedIn" : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
