package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as a Salesforce Lead. The first push looks the email up with SOQL among unconverted Leads and creates one
 * ({@code POST /sobjects/Lead}) when there is none; later pushes read the Lead and {@code PATCH /sobjects/Lead/{id}},
 * unless Salesforce changed its owner or status after Leadline last changed the lead: then it is a
 * {@link CrmResult.Kind#CONFLICT} with Salesforce's values.
 */
record SalesforceLeads(SalesforceApi api) {
    static final String SELECT = "SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate, IsConverted FROM Lead WHERE ";
    /** Leadline's lead fields and the Lead fields they are written to. */
    static final Map<String, String> FIELDS = fields();
    private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    CrmResult push(CrmLead lead) throws IOException, InterruptedException {
        Optional<String> ownerId = api.owner(lead.ownerCrmId(), lead.ownerEmail());
        ObjectNode fields = fields(lead, ownerId);
        String email = lead.field("email");
        Optional<JsonNode> record = !lead.isNew() ? Optional.of(api.first(SELECT + "Id = " + Soql.string(lead.crmId()) + " LIMIT 1")
                .orElseThrow(() -> new SalesforceApi.Refused(CrmResult.rejected("Salesforce has no Lead " + lead.crmId() + " (deleted or merged there)"))))
                : email == null ? Optional.empty()
                : api.first(SELECT + "Email = " + Soql.string(email) + " AND IsConverted = false ORDER BY CreatedDate LIMIT 1");
        if (record.isEmpty()) {
            if (!fields.hasNonNull("LastName")) {
                fields.put("LastName", lastNameFor(email));
            }
            if (!fields.hasNonNull("Company")) {
                fields.put("Company", lead.field("domain") != null ? lead.field("domain") : api.settings().company());
            }
            return CrmResult.done(ids(api.post("/sobjects/Lead", fields).path("id").asText(), ownerId));
        }
        String id = record.get().path("Id").asText();
        if (record.get().path("IsConverted").asBoolean()) {
            return CrmResult.rejected("Lead " + id + " is converted in Salesforce and can no longer be updated");
        }
        Optional<CrmResult> conflict = conflict(lead, id, record.get(), fields);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        api.patch("/sobjects/Lead/" + id, fields);
        return CrmResult.done(ids(id, ownerId));
    }

    private ObjectNode fields(CrmLead lead, Optional<String> ownerId) {
        ObjectNode fields = SalesforceApi.JSON.createObjectNode();
        FIELDS.forEach((field, name) -> {
            String value = lead.field(field);
            if (value != null && !value.isBlank()) {
                fields.put(name, value);
            }
        });
        String employees = lead.field("employeeCount");
        if (employees != null && employees.strip().matches("\\d{1,9}")) {
            fields.put("NumberOfEmployees", Integer.parseInt(employees.strip()));
        }
        api.settings().statuses().toSalesforce(lead.status(), lead.statusCategory()).ifPresent(status -> fields.put("Status", status));
        ownerId.ifPresent(id -> fields.put("OwnerId", id));
        return fields;
    }

    /** A conflict when Salesforce changed the Lead after Leadline's change and its owner or status differs from ours. */
    private Optional<CrmResult> conflict(CrmLead lead, String id, JsonNode crm, ObjectNode ours) {
        Instant changedAt = instant(crm.path("LastModifiedDate").asText(""));
        if (changedAt == null || lead.updatedAt() == null || !changedAt.isAfter(lead.updatedAt())) {
            return Optional.empty();
        }
        boolean ownerDiffers = ours.has("OwnerId") && !ours.path("OwnerId").asText().equals(crm.path("OwnerId").asText(""));
        boolean statusDiffers = ours.has("Status") && api.settings().statuses().differ(ours.path("Status").asText(), crm.path("Status").asText(""));
        if (!ownerDiffers && !statusDiffers) {
            return Optional.empty();
        }
        return Optional.of(CrmResult.conflict(Map.of("lead", id), values(crm, api.settings().statuses()), changedAt));
    }

    /** A Lead's owner ({@code owner} as an email, {@code ownerCrmId}) and status in Leadline's terms (when one status writes it). */
    static Map<String, String> values(JsonNode lead, SalesforceStatuses statuses) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("owner", lead.path("Owner").path("Email").asText(""));
        values.put("ownerCrmId", lead.path("OwnerId").asText(""));
        statuses.toLeadline(lead.path("Status").asText("")).ifPresent(status -> values.put("status", status));
        return values;
    }

    /** A LastName, which Salesforce requires, for someone known only by email: the address's local part. */
    static String lastNameFor(String email) {
        return email == null || email.indexOf('@') < 1 ? "[not provided]" : email.substring(0, email.indexOf('@'));
    }

    /** Salesforce's dateTime in JSON ({@code 2026-12-06T18:40:00.000+0000}); null when it is not one. */
    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value, SALESFORCE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> ids(String leadId, Optional<String> ownerId) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("lead", leadId);
        ownerId.ifPresent(id -> ids.put("owner", id));
        return ids;
    }

    private static Map<String, String> fields() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("email", "Email");
        map.put("firstName", "FirstName");
        map.put("lastName", "LastName");
        map.put("company", "Company");
        map.put("title", "Title");
        map.put("phone", "Phone");
        map.put("website", "Website");
        map.put("industry", "Industry");
        map.put("city", "City");
        map.put("state", "State");
        map.put("country", "Country");
        return java.util.Collections.unmodifiableMap(map);
    }
}
