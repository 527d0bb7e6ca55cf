package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmChanges;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contacts changed in HubSpot since a cursor: {@code POST /crm/v3/objects/contacts/search} with {@code lastmodifieddate
 * GTE} the cursor's time, sorted by it ascending. The cursor is {@code <millis>:<contact id>} of the last change
 * returned; contacts at that same millisecond with an id up to it were returned already and are skipped. Each change
 * carries the contact's owner (as an email, from the owners API), its owner id and its status in Leadline's terms.
 * HubSpot moves {@code lastmodifieddate} on any change, so a change may repeat values Leadline has (its own pushes too).
 */
final class HubSpotChanges {
    /** The most the search API returns in one page. */
    static final int PAGE = 100;

    private final HubSpotApi api;

    HubSpotChanges(HubSpotApi api) {
        this.api = api;
    }

    CrmChanges pull(String cursor, int max, Instant now) throws IOException, InterruptedException {
        if (cursor == null || cursor.isBlank()) {
            return new CrmChanges(List.of(), now.toEpochMilli() + ":0", false);
        }
        String[] at = cursor.split(":", 2);
        long sinceMillis = Long.parseLong(at[0]);
        BigInteger sinceId = new BigInteger(at.length > 1 && !at[1].isEmpty() ? at[1] : "0");
        ObjectNode search = HubSpotApi.object();
        search.putArray("filterGroups").addObject().putArray("filters").addObject().put("propertyName", "lastmodifieddate")
                .put("operator", "GTE").put("value", Long.toString(sinceMillis));
        search.putArray("sorts").addObject().put("propertyName", "lastmodifieddate").put("direction", "ASCENDING");
        search.putArray("properties").add("email").add("hubspot_owner_id").add("hs_lead_status").add("lastmodifieddate");
        search.put("limit", Math.max(1, Math.min(max, PAGE)));
        JsonNode page = api.post(HubSpotContacts.PATH + "/search", search);
        List<CrmChanges.Change> changes = new ArrayList<>();
        String next = cursor;
        for (JsonNode contact : page.path("results")) {
            String id = contact.path("id").asText();
            Instant changedAt = instant(contact.path("properties").path("lastmodifieddate").asText(""));
            if (changedAt == null || seen(changedAt.toEpochMilli(), id, sinceMillis, sinceId)) {
                continue;
            }
            changes.add(new CrmChanges.Change(id, values(contact.path("properties")), changedAt));
            next = changedAt.toEpochMilli() + ":" + id;
        }
        return new CrmChanges(changes, next, page.path("paging").path("next").has("after"));
    }

    private Map<String, String> values(JsonNode properties) {
        String ownerId = properties.path("hubspot_owner_id").asText("");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("owner", api.ownerEmail(ownerId));
        values.put("ownerCrmId", ownerId);
        HubSpotStatuses.toLeadline(properties.path("hs_lead_status").asText("")).ifPresent(status -> values.put("status", status));
        return values;
    }

    private static boolean seen(long millis, String id, long sinceMillis, BigInteger sinceId) {
        if (millis != sinceMillis) {
            return millis < sinceMillis;
        }
        return !id.matches("\\d+") || new BigInteger(id).compareTo(sinceId) <= 0;
    }

    /** HubSpot's datetime: ISO-8601 ({@code 2019-10-30T03:30:17.883Z}) or epoch millis; null when neither. */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
