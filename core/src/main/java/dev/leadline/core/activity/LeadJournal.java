package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what happened to leads to both the timeline (for people) and the audit log (for the
 * record), inside the caller's transaction.
 */
public final class LeadJournal {
    public static final String ENTITY = "lead";

    private final ActivityRepository activities;
    private final AuditLog audit;
    private final LeadAnnouncer announcer;

    public LeadJournal(ActivityRepository activities, AuditLog audit) {
        this(activities, audit, LeadAnnouncer.NONE);
    }

    public LeadJournal(ActivityRepository activities, AuditLog audit, LeadAnnouncer announcer) {
        this.activities = activities;
        this.audit = audit;
        this.announcer = announcer;
    }

    public void created(List<Lead> leads, ActivityType type, Actor actor, String summary) {
        List<Activity> entries = new ArrayList<>(leads.size());
        List<AuditEntry> changes = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            entries.add(new Activity(lead.id(), type, actor, lead.createdAt(), summary));
            changes.add(new AuditEntry(ENTITY, lead.id().toString(), "created", actor, lead.createdAt(), null, LeadSnapshot.of(lead)));
        }
        activities.appendAll(entries);
        audit.record(changes);
    }

    /** A change to where the lead stands (claim, status, ...), with an optional longer text. */
    public void changed(Lead before, Lead after, ActivityType type, Actor actor, String summary, String details, Instant at) {
        activities.appendAll(List.of(new Activity(after.id(), type, actor, at, summary, details)));
        audit.record(List.of(new AuditEntry(ENTITY, after.id().toString(), type.name().toLowerCase(java.util.Locale.ROOT), actor, at,
                LeadSnapshot.of(before), LeadSnapshot.of(after))));
        announcer.announce(before, after, type, summary, at);
    }

    public void updated(Lead before, Lead after, Actor actor, String summary, Instant at) {
        activities.appendAll(List.of(new Activity(after.id(), ActivityType.UPDATED, actor, at, summary)));
        audit.record(List.of(new AuditEntry(ENTITY, after.id().toString(), "updated", actor, at,
                LeadSnapshot.of(before), LeadSnapshot.of(after))));
    }
}
