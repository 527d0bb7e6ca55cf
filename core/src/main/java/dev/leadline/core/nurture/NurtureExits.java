package dev.leadline.core.nurture;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Takes a lead out of its cadence when sales act on it: claimed, assigned or offered, contacted,
 * qualified or disqualified, a meeting booked, converted or merged; the change's own summary ("Claimed
 * by Jane Rivera") says why on the timeline.
 */
public final class NurtureExits implements LeadAnnouncer {
    private static final Set<ActivityType> EXITS = EnumSet.of(ActivityType.CLAIMED, ActivityType.ASSIGNED, ActivityType.OFFERED,
            ActivityType.CONTACT_ATTEMPT, ActivityType.QUALIFIED, ActivityType.DISQUALIFIED, ActivityType.MEETING_SCHEDULED,
            ActivityType.CONVERTED, ActivityType.MERGED);
    private final NurtureService nurture;

    public NurtureExits(NurtureService nurture) {
        this.nurture = nurture;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        if (EXITS.contains(type)) {
            nurture.exit(after.id(), Actor.SYSTEM, summary == null ? type.name().toLowerCase(java.util.Locale.ROOT) : summary, at);
        }
    }

    /** A batch (routing, an import) looks its leads up in one query; only those in a cadence are taken out one by one. */
    @Override
    public void announceAll(java.util.List<dev.leadline.core.activity.LeadJournal.Change> changes) {
        java.util.List<dev.leadline.core.activity.LeadJournal.Change> exits = changes.stream().filter(c -> EXITS.contains(c.type())).toList();
        if (exits.isEmpty()) {
            return;
        }
        Set<dev.leadline.core.lead.LeadId> enrolled = nurture.enrolled(exits.stream().map(c -> c.after().id()).toList());
        exits.stream().filter(c -> enrolled.contains(c.after().id())).forEach(c -> announce(c.before(), c.after(), c.type(), c.summary(), c.at()));
    }
}
