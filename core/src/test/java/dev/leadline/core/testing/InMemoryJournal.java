package dev.leadline.core.testing;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.lead.LeadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timeline and audit log kept in lists, for core tests. */
public final class InMemoryJournal implements ActivityRepository, AuditLog {
    public final List<Activity> activities = new ArrayList<>();
    public final List<AuditEntry> audit = new ArrayList<>();

    @Override
    public synchronized void appendAll(List<Activity> entries) {
        activities.addAll(entries);
    }

    @Override
    public synchronized List<Activity> forLead(LeadId leadId, int limit) {
        return activities.stream().filter(a -> a.leadId().equals(leadId))
                .sorted(Comparator.comparing(Activity::occurredAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized void record(List<AuditEntry> entries) {
        audit.addAll(entries);
    }

    @Override
    public synchronized List<AuditEntry> forEntity(String entityType, String entityId) {
        return audit.stream().filter(e -> e.entityType().equals(entityType) && e.entityId().equals(entityId)).toList();
    }
}
