package dev.leadline.core.activity;

import java.util.List;

/** The append-only audit log: there is no way to change or remove an entry. */
public interface AuditLog {
    void record(List<AuditEntry> entries);

    /** Entries about one entity, oldest first. */
    List<AuditEntry> forEntity(String entityType, String entityId);
}
