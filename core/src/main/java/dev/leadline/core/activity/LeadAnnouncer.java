package dev.leadline.core.activity;

import dev.leadline.core.lead.Lead;
import java.time.Instant;

/** Hears about every lead change as it is journaled, inside its transaction (the notification outbox). */
public interface LeadAnnouncer {
    LeadAnnouncer NONE = (before, after, type, summary, at) -> { };

    void announce(Lead before, Lead after, ActivityType type, String summary, Instant at);

    /** Many changes at once (a batch routed together); announcers that can write them together do. */
    default void announceAll(java.util.List<LeadJournal.Change> changes) {
        changes.forEach(c -> announce(c.before(), c.after(), c.type(), c.summary(), c.at()));
    }

    /** Tells each of these, in order. */
    static LeadAnnouncer all(LeadAnnouncer... announcers) {
        return new LeadAnnouncer() {
            @Override
            public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
                for (LeadAnnouncer announcer : announcers) {
                    announcer.announce(before, after, type, summary, at);
                }
            }

            @Override
            public void announceAll(java.util.List<LeadJournal.Change> changes) {
                for (LeadAnnouncer announcer : announcers) {
                    announcer.announceAll(changes);
                }
            }
        };
    }
}
