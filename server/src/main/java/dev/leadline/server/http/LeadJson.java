package dev.leadline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Leads to and from the JSON of the REST API. Input is strict: unknown fields and wrong types are errors. */
public final class LeadJson {
    private LeadJson() {}

    static LeadDraft read(ObjectMapper json, byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new HttpProblem(400, "malformed_json", "the body must be a JSON object describing one lead");
        }
        LeadDraft draft = new LeadDraft();
        root.fields().forEachRemaining(entry -> readField(draft, entry.getKey(), entry.getValue()));
        return draft;
    }

    private static void readField(LeadDraft draft, String name, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (name.equals("customFields")) {
            if (!value.isObject()) {
                draft.reject(name, "must be an object of names to strings");
                return;
            }
            value.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    draft.custom(e.getKey(), e.getValue().asText());
                } else if (!e.getValue().isNull()) {
                    draft.reject("customFields." + e.getKey(), "must be a string, number or boolean");
                }
            });
            return;
        }
        LeadField.byName(name).ifPresentOrElse(field -> {
            if (field == LeadField.EMPLOYEE_COUNT ? value.isIntegralNumber() || value.isTextual() : value.isTextual()) {
                draft.set(field, value.asText());
            } else {
                draft.reject(name, field == LeadField.EMPLOYEE_COUNT ? "must be a whole number" : "must be a string");
            }
        }, () -> draft.reject(name, "unknown field"));
    }

    /** A time as stored (microseconds): the same whether the lead was just changed in memory or read back. */
    private static String text(java.time.Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    /** The lead with the account it matched ({@code "account": null} when none). */
    static Map<String, Object> write(Lead lead, Optional<AccountMatch> account) {
        Map<String, Object> out = write(lead);
        out.put("account", account.map(LeadJson::account).orElse(null));
        return out;
    }

    private static Map<String, Object> account(AccountMatch match) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", match.accountId());
        out.put("name", match.name());
        out.put("ownerRepId", match.ownerRepId());
        out.put("confidence", match.confidence());
        out.put("matchedBy", match.matchedBy());
        return out;
    }

    public static Map<String, Object> write(Lead lead) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", lead.id().toString());
        out.put("name", lead.data().displayName());
        for (LeadField field : LeadField.values()) {
            lead.data().get(field).ifPresent(v -> out.put(field.jsonName(),
                    field == LeadField.EMPLOYEE_COUNT ? Integer.valueOf(v) : v));
        }
        out.put("customFields", lead.data().customFields());
        out.put("status", lead.status().name());
        out.put("statusCategory", lead.status().salesforceCategory());
        out.put("statusReason", lead.stage().statusReason());
        out.put("ownerRepId", lead.ownerRepId());
        out.put("queueId", lead.queueId());
        out.put("offeredAt", text(lead.stage().offeredAt()));
        out.put("claimedAt", text(lead.stage().claimedAt()));
        out.put("firstTouchedAt", text(lead.stage().firstTouchedAt()));
        out.put("assignedAt", text(lead.stage().assignedAt()));
        out.put("score", lead.score());
        out.put("enrichment", lead.enrichment());
        out.put("createdAt", text(lead.createdAt()));
        out.put("updatedAt", text(lead.updatedAt()));
        out.put("version", lead.version());
        return out;
    }
}
