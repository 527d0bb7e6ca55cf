package dev.leadline.core.lead;

import java.util.LinkedHashMap;
import java.util.Map;

/** A lead flattened to named values, as the audit log keeps it before and after a change. */
public final class LeadSnapshot {
    private LeadSnapshot() {}

    public static Map<String, String> of(Lead lead) {
        Map<String, String> values = new LinkedHashMap<>();
        lead.data().fields().forEach((field, value) -> values.put(field.jsonName(), value));
        lead.data().customFields().forEach((name, value) -> values.put("customFields." + name, value));
        LeadStage stage = lead.stage();
        values.put("status", stage.status().name());
        put(values, "statusReason", stage.statusReason());
        put(values, "ownerRepId", stage.ownerRepId());
        put(values, "queueId", stage.queueId());
        put(values, "offeredAt", stage.offeredAt());
        put(values, "claimedAt", stage.claimedAt());
        put(values, "firstTouchedAt", stage.firstTouchedAt());
        values.put("version", Integer.toString(lead.version()));
        return values;
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
    }
}
