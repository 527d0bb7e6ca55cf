package dev.leadline.db;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A lead's stage and data as JSON text, for records that keep how a lead was (conversions, merges). */
final class StoredLeads {
    private static final String CUSTOM = "custom.";

    private StoredLeads() {}

    static String stage(LeadStage s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", s.status().name());
        put(values, "statusReason", s.statusReason());
        put(values, "queueId", s.queueId());
        put(values, "ownerRepId", s.ownerRepId());
        put(values, "offeredAt", s.offeredAt());
        put(values, "claimedAt", s.claimedAt());
        put(values, "firstTouchedAt", s.firstTouchedAt());
        put(values, "assignedAt", s.assignedAt());
        return Json.write(values);
    }

    static LeadStage stage(String json) {
        Map<String, String> v = Json.read(json);
        return new LeadStage(LeadStatus.valueOf(v.get("status")), v.get("statusReason"), longOrNull(v.get("queueId")),
                longOrNull(v.get("ownerRepId")), instantOrNull(v.get("offeredAt")), instantOrNull(v.get("claimedAt")),
                instantOrNull(v.get("firstTouchedAt")), instantOrNull(v.get("assignedAt")));
    }

    /** Standard fields by their JSON names, custom fields as {@code custom.<name>}. */
    static String data(LeadData data) {
        Map<String, String> values = new LinkedHashMap<>();
        data.fields().forEach((field, value) -> values.put(field.jsonName(), value));
        data.customFields().forEach((name, value) -> values.put(CUSTOM + name, value));
        return Json.write(values);
    }

    static LeadData data(String json) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        Map<String, String> custom = new LinkedHashMap<>();
        Json.read(json).forEach((name, value) -> {
            if (name.startsWith(CUSTOM)) {
                custom.put(name.substring(CUSTOM.length()), value);
            } else {
                fields.put(LeadField.byName(name).orElseThrow(() -> new IllegalStateException("stored lead field " + name + " is unknown")),
                        value);
            }
        });
        return new LeadData(fields, custom);
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
    }

    private static Long longOrNull(String text) {
        return text == null ? null : Long.valueOf(text);
    }

    private static Instant instantOrNull(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
