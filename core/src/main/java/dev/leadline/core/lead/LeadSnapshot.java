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
        values.put("status", lead.status().name());
        if (lead.ownerRepId() != null) {
            values.put("ownerRepId", lead.ownerRepId().toString());
        }
        if (lead.queueId() != null) {
            values.put("queueId", lead.queueId().toString());
        }
        values.put("version", Integer.toString(lead.version()));
        return values;
    }
}
