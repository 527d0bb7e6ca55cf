package dev.leadline.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of changes from a CRM's feed.
 *
 * @param changes    oldest first
 * @param nextCursor where the next pull starts (the host stores it once it has applied these changes)
 * @param more       true when more changes are waiting now (the host pulls again at once)
 * @param retryAfter when the CRM asked to slow down: how long to wait before the next pull, else {@code null}
 */
public record CrmChanges(List<Change> changes, String nextCursor, boolean more, java.time.Duration retryAfter) {
    public CrmChanges {
        changes = List.copyOf(changes);
    }

    public CrmChanges(List<Change> changes, String nextCursor, boolean more) {
        this(changes, nextCursor, more, null);
    }

    /**
     * One record changed in the CRM.
     *
     * @param crmId     the CRM's id of the lead's record
     * @param values    what changed, by name: {@code owner} (the owner's email; empty string: nobody),
     *                  {@code status} (in Leadline's terms: {@code NEW}, {@code ATTEMPTED}, {@code ENGAGED}, {@code QUALIFIED},
     *                  {@code DISQUALIFIED}), {@code ownerCrmId} (the CRM's id of the owner)
     * @param changedAt when the CRM says the change was made
     */
    public record Change(String crmId, Map<String, String> values, Instant changedAt) {
        public Change {
            values = Map.copyOf(values);
        }
    }
}
