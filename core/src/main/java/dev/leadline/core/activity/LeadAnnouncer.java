package dev.leadline.core.activity;

import dev.leadline.core.lead.Lead;
import java.time.Instant;

/** Hears about every lead change as it is journaled, inside its transaction (the notification outbox). */
public interface LeadAnnouncer {
    LeadAnnouncer NONE = (before, after, type, summary, at) -> { };

    void announce(Lead before, Lead after, ActivityType type, String summary, Instant at);

    /** Tells each of these, in order. */
    static LeadAnnouncer all(LeadAnnouncer... announcers) {
        return (before, after, type, summary, at) -> {
            for (LeadAnnouncer announcer : announcers) {
                announcer.announce(before, after, type, summary, at);
            }
        };
    }
}
