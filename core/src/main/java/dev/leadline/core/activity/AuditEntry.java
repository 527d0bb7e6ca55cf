package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import java.time.Instant;
import java.util.Map;

/** One change to one entity: who, what, when, and the state before and after. Never edited. */
public record AuditEntry(
        String entityType,
        String entityId,
        String action,
        Actor actor,
        Instant occurredAt,
        Map<String, String> before,
        Map<String, String> after) {

    public AuditEntry {
        before = before == null ? Map.of() : Map.copyOf(before);
        after = after == null ? Map.of() : Map.copyOf(after);
    }
}
