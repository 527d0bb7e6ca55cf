package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmChanges;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Leads changed in Salesforce since a cursor, by SOQL: {@code WHERE LastModifiedDate > T OR (LastModifiedDate = T AND
 * Id > last) ORDER BY LastModifiedDate, Id LIMIT max + 1} (one more than asked, to know whether more are waiting).
 * The cursor is {@code <T>|<Lead id>} of the last change returned ({@code T} in UTC to the second, as Salesforce keeps
 * it); the first pull (no cursor) starts now. Each change carries the owner's email ({@code Owner.Email}), its id and
 * the status in Leadline's terms when one status writes it. {@code LastModifiedDate} moves on any change, Leadline's
 * own pushes included, so a change may repeat values Leadline has.
 */
record SalesforceChanges(SalesforceApi api) {
    /** The most one pull asks for (SOQL's own batch is 2,000 records). */
    static final int PAGE = 200;

    CrmChanges pull(String cursor, int max, Instant now) throws IOException, InterruptedException {
        if (cursor == null || cursor.isBlank()) {
            return new CrmChanges(List.of(), Soql.dateTime(now) + "|", false);
        }
        String[] at = cursor.split("\\|", 2);
        String since = Soql.dateTime(Instant.parse(at[0]));
        String afterId = at.length > 1 ? at[1] : "";
        String where = afterId.isEmpty() ? "LastModifiedDate > " + since
                : "(LastModifiedDate > " + since + " OR (LastModifiedDate = " + since + " AND Id > " + Soql.string(afterId) + "))";
        int limit = Math.max(1, Math.min(max, PAGE));
        List<JsonNode> records = api.query("SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate FROM Lead WHERE " + where
                + " ORDER BY LastModifiedDate, Id LIMIT " + (limit + 1));
        List<CrmChanges.Change> changes = new ArrayList<>();
        String next = cursor;
        for (JsonNode lead : records.subList(0, Math.min(limit, records.size()))) {
            Instant changedAt = SalesforceLeads.instant(lead.path("LastModifiedDate").asText(""));
            String id = lead.path("Id").asText();
            changes.add(new CrmChanges.Change(id, SalesforceLeads.values(lead, api.settings().statuses()), changedAt));
            next = Soql.dateTime(changedAt) + "|" + id;
        }
        return new CrmChanges(changes, next, records.size() > limit);
    }
}
