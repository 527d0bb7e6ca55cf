package dev.leadline.core.lead;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lead flattened to named values, as the audit log keeps it: whole when it is created, and for a
 * change only the values that changed, before and after ({@link #changes}).
 */
public final class LeadSnapshot {
    private LeadSnapshot() {}

    /** What a change changed: each side holds only the names whose values differ; a value cleared or newly set is "" on the side without it. */
    public record Delta(Map<String, String> before, Map<String, String> after) {}

    public static Delta changes(Lead before, Lead after) {
        // most changes leave the data as it was (a claim, a merge's tombstone): then only the stages are compared
        boolean sameData = before.data().equals(after.data());
        Map<String, String> was = sameData ? stageOf(before, new LinkedHashMap<>()) : of(before);
        Map<String, String> now = sameData ? stageOf(after, new LinkedHashMap<>()) : of(after);
        Map<String, String> changedFrom = new LinkedHashMap<>();
        Map<String, String> changedTo = new LinkedHashMap<>();
        now.forEach((name, value) -> {
            String old = was.getOrDefault(name, "");
            if (!old.equals(value)) {
                changedFrom.put(name, old);
                changedTo.put(name, value);
            }
        });
        was.forEach((name, value) -> {
            if (!now.containsKey(name) && !value.isEmpty()) {
                changedFrom.put(name, value);
                changedTo.put(name, "");
            }
        });
        return new Delta(changedFrom, changedTo);
    }

    public static Map<String, String> of(Lead lead) {
        Map<String, String> values = new LinkedHashMap<>();
        lead.data().fields().forEach((field, value) -> values.put(field.jsonName(), value));
        lead.data().customFields().forEach((name, value) -> values.put("customFields." + name, value));
        return stageOf(lead, values);
    }

    /** The lead's stage and version, added to {@code values}. */
    private static Map<String, String> stageOf(Lead lead, Map<String, String> values) {
        LeadStage stage = lead.stage();
        values.put("status", stage.status().name());
        put(values, "statusReason", stage.statusReason());
        put(values, "ownerRepId", stage.ownerRepId());
        put(values, "queueId", stage.queueId());
        put(values, "offeredAt", stage.offeredAt());
        put(values, "claimedAt", stage.claimedAt());
        put(values, "firstTouchedAt", stage.firstTouchedAt());
        put(values, "assignedAt", stage.assignedAt());
        values.put("version", Integer.toString(lead.version()));
        return values;
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
    }
}
