package dev.leadline.core.scheduling;

import dev.leadline.core.common.ValidationException;
import java.util.Locale;

/** How a meeting went. */
public enum MeetingOutcome {
    HELD, NO_SHOW, DECLINED, CANCELLED;

    public static MeetingOutcome parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException("outcome", "must be one of held, no-show, declined, cancelled");
        }
    }
}
