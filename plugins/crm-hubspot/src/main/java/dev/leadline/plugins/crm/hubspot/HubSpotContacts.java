package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as a HubSpot contact. The first push looks the email up ({@code POST /crm/v3/objects/contacts/search}) and
 * creates the contact with a batch upsert keyed by email ({@code /crm/v3/objects/contacts/batch/upsert}, so a retry
 * cannot make a second one); later pushes read the contact and {@code PATCH} it, unless HubSpot changed its owner or
 * status after Leadline last changed the lead: then it is a {@link CrmResult.Kind#CONFLICT} with HubSpot's values.
 */
record HubSpotContacts(HubSpotApi api, HubSpotSettings settings) {
    static final String PATH = "/crm/v3/objects/contacts";
    static final String READ = "email,hubspot_owner_id,hs_lead_status,lastmodifieddate";
    private static final List<String> READ_LIST = List.of(READ.split(","));
    /** Leadline's lead fields and the HubSpot contact properties they are written to. */
    static final Map<String, String> PROPERTIES = properties();

    CrmResult push(CrmLead lead) throws IOException, InterruptedException {
        Optional<String> ownerId = api.owner(lead.ownerCrmId(), lead.ownerEmail());
        ObjectNode properties = properties(lead, ownerId);
        Optional<JsonNode> contact = lead.isNew() ? findByEmail(lead.field("email")) : Optional.of(read(lead.crmId()));
        if (contact.isEmpty()) {
            return CrmResult.done(ids(create(lead.field("email"), properties), ownerId));
        }
        String id = contact.get().path("id").asText();
        Optional<CrmResult> conflict = conflict(lead, id, contact.get().path("properties"), properties);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        api.patch(PATH + "/" + id, HubSpotApi.object().set("properties", properties));
        return CrmResult.done(ids(id, ownerId));
    }

    private ObjectNode properties(CrmLead lead, Optional<String> ownerId) {
        ObjectNode properties = HubSpotApi.object();
        PROPERTIES.forEach((field, property) -> {
            String value = lead.field(field);
            if (value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        });
        HubSpotStatuses.toHubSpot(lead.status()).ifPresent(status -> properties.put("hs_lead_status", status));
        ownerId.ifPresent(id -> properties.put("hubspot_owner_id", id));
        if (settings.scoreProperty() != null && lead.score() != null) {
            properties.put(settings.scoreProperty(), lead.score());
        }
        return properties;
    }

    private Optional<JsonNode> findByEmail(String email) throws IOException, InterruptedException {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        ObjectNode search = HubSpotApi.object();
        search.putArray("filterGroups").addObject().putArray("filters").addObject()
                .put("propertyName", "email").put("operator", "EQ").put("value", email);
        READ_LIST.forEach(search.putArray("properties")::add);
        search.put("limit", 1);
        JsonNode found = api.post(PATH + "/search", search).path("results").path(0);
        return found.isMissingNode() ? Optional.empty() : Optional.of(found);
    }

    private JsonNode read(String id) throws IOException, InterruptedException {
        return api.find(PATH + "/" + id + "?properties=" + READ).orElseThrow(() -> new HubSpotApi.Refused(
                CrmResult.rejected("HubSpot has no contact " + id + " (deleted or merged there)")));
    }

    /** Creates the contact: a batch upsert keyed by email when there is one, else a plain create. */
    private String create(String email, ObjectNode properties) throws IOException, InterruptedException {
        if (email == null || email.isBlank()) {
            return HubSpotApi.createdId(api.post(PATH, HubSpotApi.object().set("properties", properties)));
        }
        ObjectNode upsert = HubSpotApi.object();
        ObjectNode input = upsert.putArray("inputs").addObject().put("idProperty", "email").put("id", email);
        input.set("properties", properties.deepCopy().without("email"));
        JsonNode answer = api.post(PATH + "/batch/upsert", upsert);
        JsonNode created = answer.path("results").path(0);
        if (created.isMissingNode()) {
            throw new HubSpotApi.Refused(CrmResult.rejected("HubSpot did not upsert the contact: "
                    + answer.path("errors").path(0).path("message").asText(answer.toString())));
        }
        return created.path("id").asText();
    }

    /** A conflict when HubSpot changed the contact after Leadline's change and its owner or status differs from ours. */
    private Optional<CrmResult> conflict(CrmLead lead, String id, JsonNode crm, ObjectNode ours) {
        Instant changedAt = HubSpotChanges.instant(crm.path("lastmodifieddate").asText(""));
        if (changedAt == null || lead.updatedAt() == null || !changedAt.isAfter(lead.updatedAt())) {
            return Optional.empty();
        }
        String crmOwner = crm.path("hubspot_owner_id").asText("");
        String crmStatus = crm.path("hs_lead_status").asText("");
        boolean ownerDiffers = ours.has("hubspot_owner_id") && !ours.path("hubspot_owner_id").asText().equals(crmOwner);
        boolean statusDiffers = ours.has("hs_lead_status") && HubSpotStatuses.differ(ours.path("hs_lead_status").asText(), crmStatus);
        if (!ownerDiffers && !statusDiffers) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("owner", api.ownerEmail(crmOwner));
        values.put("ownerCrmId", crmOwner);
        HubSpotStatuses.toLeadline(crmStatus).ifPresent(status -> values.put("status", status));
        return Optional.of(CrmResult.conflict(Map.of("lead", id), values, changedAt));
    }

    private static Map<String, String> ids(String contactId, Optional<String> ownerId) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("lead", contactId);
        ownerId.ifPresent(id -> ids.put("owner", id));
        return ids;
    }

    private static Map<String, String> properties() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("email", "email");
        map.put("firstName", "firstname");
        map.put("lastName", "lastname");
        map.put("company", "company");
        map.put("title", "jobtitle");
        map.put("phone", "phone");
        map.put("website", "website");
        map.put("city", "city");
        map.put("state", "state");
        map.put("country", "country");
        return java.util.Collections.unmodifiableMap(map);
    }
}
