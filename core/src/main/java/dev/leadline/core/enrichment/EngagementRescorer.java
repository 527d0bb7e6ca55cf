package dev.leadline.core.enrichment;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.lead.Lead;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Has a lead scored again when a rep engages with it (a contact attempt, a meeting booked or held),
 * since scores may weigh what has happened with a lead; the background loop picks it up within a second.
 */
public final class EngagementRescorer implements LeadAnnouncer {
    private static final Set<ActivityType> ENGAGEMENT = EnumSet.of(ActivityType.CONTACT_ATTEMPT, ActivityType.MEETING_SCHEDULED,
            ActivityType.MEETING_RESCHEDULED, ActivityType.MEETING_OUTCOME);
    private final EnrichmentStore store;

    public EngagementRescorer(EnrichmentStore store) {
        this.store = store;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        if (ENGAGEMENT.contains(type)) {
            store.due(java.util.List.of(after.id()), at);
        }
    }
}
