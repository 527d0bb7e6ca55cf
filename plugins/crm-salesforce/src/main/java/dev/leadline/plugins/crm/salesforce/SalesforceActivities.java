package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An activity on the Lead ({@code WhoId}): a meeting is an Event ({@code StartDateTime}, {@code EndDateTime}, 30 minutes
 * when no end); a contact attempt or a note a completed Task ({@code ActivityDate}, {@code Status} Completed,
 * {@code TaskSubtype} Call for calls, Email for emails, else Task). A Task carries Leadline's activity id in
 * {@code CallObject}, and a retry finds it there; a retried Event is found by Lead, start and subject.
 */
record SalesforceActivities(SalesforceApi api) {
    CrmResult push(CrmActivity activity) throws IOException, InterruptedException {
        if (activity.leadCrmId() == null) {
            return CrmResult.rejected("the activity's lead has no Salesforce Lead yet");
        }
        Optional<String> ownerId = api.owner(activity.ownerCrmId(), activity.ownerEmail());
        boolean meeting = activity.kind() == CrmActivity.Kind.MEETING;
        String subject = activity.subject() == null || activity.subject().isBlank() ? "Activity" : activity.subject();
        Optional<JsonNode> existing = meeting
                ? api.first("SELECT Id FROM Event WHERE WhoId = " + Soql.string(activity.leadCrmId()) + " AND StartDateTime = "
                        + Soql.dateTime(activity.at()) + " AND Subject = " + Soql.string(subject) + " LIMIT 1")
                : api.first("SELECT Id FROM Task WHERE CallObject = " + Soql.string(activity.id()) + " LIMIT 1");
        String id = existing.map(record -> record.path("Id").asText()).orElse(null);
        if (id == null) {
            ObjectNode fields = SalesforceApi.JSON.createObjectNode().put("WhoId", activity.leadCrmId()).put("Subject", subject);
            if (activity.body() != null) {
                fields.put("Description", activity.body());
            }
            ownerId.ifPresent(owner -> fields.put("OwnerId", owner));
            id = meeting ? api.post("/sobjects/Event", event(activity, fields)).path("id").asText()
                    : api.post("/sobjects/Task", task(activity, fields)).path("id").asText();
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("activity", id);
        ids.put("lead", activity.leadCrmId());
        ownerId.ifPresent(owner -> ids.put("owner", owner));
        return CrmResult.done(ids);
    }

    private static ObjectNode event(CrmActivity activity, ObjectNode fields) {
        Instant end = activity.endsAt() == null ? activity.at().plus(Duration.ofMinutes(30)) : activity.endsAt();
        return fields.put("StartDateTime", activity.at().toString()).put("EndDateTime", end.toString());
    }

    private static ObjectNode task(CrmActivity activity, ObjectNode fields) {
        String channel = activity.channel() == null ? "" : activity.channel().toLowerCase(java.util.Locale.ROOT);
        String subtype = activity.kind() == CrmActivity.Kind.NOTE ? "Task"
                : channel.equals("call") || channel.equals("phone") ? "Call" : channel.equals("email") ? "Email" : "Task";
        return fields.put("ActivityDate", activity.at().atZone(ZoneOffset.UTC).toLocalDate().toString()).put("Status", "Completed")
                .put("TaskSubtype", subtype).put("CallObject", activity.id());
    }
}
