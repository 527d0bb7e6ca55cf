package dev.leadline.core.report;

import java.util.Locale;

/** The funnel's steps, in order; a lead that reached a step counts as having reached every earlier one. */
public enum FunnelStep {
    CREATED, CONTACTED, ENGAGED, QUALIFIED, CONVERTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The step a fact shows the lead reached, or null when it shows none (a conversion counts only while it stands). */
    static FunnelStep reachedBy(EventKind kind) {
        switch (kind) {
            case CREATED: return CREATED;
            case CONTACT_ATTEMPT: return CONTACTED;
            case ENGAGED: return ENGAGED;
            case QUALIFIED: return QUALIFIED;
            default: return null;
        }
    }
}
