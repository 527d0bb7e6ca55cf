package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An activity as a HubSpot engagement object associated with the lead's contact: a call attempt as a call
 * ({@code /crm/v3/objects/calls}, association type 194), a meeting as a meeting ({@code /meetings}, 200), a note or
 * an attempt on any other channel as a note ({@code /notes}, 202). A retry finds the engagement it made already: one
 * of that type associated with the contact at the same {@code hs_timestamp}.
 */
final class HubSpotEngagements {
    /** One engagement type: its object path, the {@code HUBSPOT_DEFINED} association type to a contact, its property prefix. */
    record Type(String objects, int toContact, String prefix) {}

    static final Type CALL = new Type("calls", 194, "hs_call_");
    static final Type MEETING = new Type("meetings", 200, "hs_meeting_");
    static final Type NOTE = new Type("notes", 202, "hs_note_");

    private final HubSpotApi api;

    HubSpotEngagements(HubSpotApi api) {
        this.api = api;
    }

    static Type type(CrmActivity activity) {
        return switch (activity.kind()) {
            case MEETING -> MEETING;
            case CONTACT_ATTEMPT -> "call".equalsIgnoreCase(activity.channel()) || "phone".equalsIgnoreCase(activity.channel()) ? CALL : NOTE;
            case NOTE -> NOTE;
        };
    }

    CrmResult push(CrmActivity activity) throws IOException, InterruptedException {
        if (activity.leadCrmId() == null) {
            return CrmResult.rejected("the activity's lead has no HubSpot contact yet");
        }
        Type type = type(activity);
        long timestamp = activity.at().toEpochMilli();
        Optional<String> ownerId = api.owner(activity.ownerCrmId(), activity.ownerEmail());
        String id = existing(type, activity.leadCrmId(), timestamp).orElse(null);
        if (id == null) {
            ObjectNode create = HubSpotApi.object();
            ObjectNode properties = create.putObject("properties");
            properties.put("hs_timestamp", timestamp);
            ownerId.ifPresent(owner -> properties.put("hubspot_owner_id", owner));
            describe(type, activity, properties);
            create.putArray("associations").addObject().<ObjectNode>set("to", HubSpotApi.object().put("id", activity.leadCrmId()))
                    .putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", type.toContact());
            id = HubSpotApi.createdId(api.post("/crm/v3/objects/" + type.objects(), create));
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("activity", id);
        ids.put("lead", activity.leadCrmId());
        ownerId.ifPresent(owner -> ids.put("owner", owner));
        return CrmResult.done(ids);
    }

    private static void describe(Type type, CrmActivity activity, ObjectNode properties) {
        String subject = activity.subject() == null ? "" : activity.subject();
        String body = activity.body() == null ? "" : activity.body();
        if (type == CALL) {
            properties.put("hs_call_title", subject).put("hs_call_body", body).put("hs_call_direction", "OUTBOUND")
                    .put("hs_call_status", "COMPLETED");
        } else if (type == MEETING) {
            long start = activity.at().toEpochMilli();
            long end = activity.endsAt() == null ? start + Duration.ofMinutes(30).toMillis() : activity.endsAt().toEpochMilli();
            properties.put("hs_meeting_title", subject).put("hs_meeting_body", body).put("hs_meeting_start_time", start)
                    .put("hs_meeting_end_time", end);
        } else {
            String channel = activity.channel() == null ? "" : "(" + activity.channel() + ") ";
            properties.put("hs_note_body", channel + subject + (body.isEmpty() ? "" : "\n\n" + body));
        }
    }

    /** An engagement of this type already associated with the contact at this timestamp: the one an earlier try made. */
    private Optional<String> existing(Type type, String contactId, long timestamp) throws IOException, InterruptedException {
        ObjectNode search = HubSpotApi.object();
        var filters = search.putArray("filterGroups").addObject().putArray("filters");
        filters.addObject().put("propertyName", "associations.contact").put("operator", "EQ").put("value", contactId);
        filters.addObject().put("propertyName", "hs_timestamp").put("operator", "EQ").put("value", Long.toString(timestamp));
        search.put("limit", 1);
        JsonNode found = api.post("/crm/v3/objects/" + type.objects() + "/search", search).path("results").path(0).path("id");
        return found.isMissingNode() ? Optional.empty() : Optional.of(found.asText());
    }
}
