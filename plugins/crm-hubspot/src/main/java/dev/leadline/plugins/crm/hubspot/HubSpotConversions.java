package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A conversion in HubSpot, which has no lead conversion of its own: the company (the known one, else the one with the
 * account's domain, else a new one), the contact associated with it ({@code PUT /crm/v4/objects/contact/{id}/associations/
 * default/company/{id}}), and a deal in the {@code pipeline} setting's pipeline associated with both (association types
 * 3, deal to contact, and 5, deal to primary company). The contact stays the lead's record: {@code contact} and
 * {@code lead} are the same id. A retry reuses the company by domain and the deal by name on the contact.
 */
record HubSpotConversions(HubSpotApi api, HubSpotSettings settings) {
    CrmResult push(CrmConversion conversion) throws IOException, InterruptedException {
        String contactId = conversion.leadCrmId();
        if (contactId == null) {
            return CrmResult.rejected("the converted lead has no HubSpot contact yet");
        }
        Optional<String> ownerId = api.owner(conversion.ownerCrmId(), conversion.ownerEmail());
        String companyId = conversion.accountCrmId() != null ? conversion.accountCrmId()
                : first("companies", filter("domain", conversion.accountDomain())).orElse(null);
        if (companyId == null) {
            ObjectNode properties = HubSpotApi.object().put("name", conversion.accountName());
            if (conversion.accountDomain() != null) {
                properties.put("domain", conversion.accountDomain());
            }
            ownerId.ifPresent(owner -> properties.put("hubspot_owner_id", owner));
            companyId = HubSpotApi.createdId(api.post("/crm/v3/objects/companies", HubSpotApi.object().set("properties", properties)));
        }
        api.put("/crm/v4/objects/contact/" + contactId + "/associations/default/company/" + companyId, null);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("lead", contactId);
        ids.put("contact", contactId);
        ids.put("account", companyId);
        ownerId.ifPresent(owner -> ids.put("owner", owner));
        if (conversion.opportunityName() != null) {
            ids.put("opportunity", deal(conversion, contactId, companyId, ownerId));
        }
        return CrmResult.done(ids);
    }

    private String deal(CrmConversion conversion, String contactId, String companyId, Optional<String> ownerId)
            throws IOException, InterruptedException {
        ArrayNode filters = filter("associations.contact", contactId);
        filters.addObject().put("propertyName", "dealname").put("operator", "EQ").put("value", conversion.opportunityName());
        Optional<String> existing = first("deals", filters);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode deal = HubSpotApi.object();
        ObjectNode properties = deal.putObject("properties").put("dealname", conversion.opportunityName())
                .put("pipeline", settings.pipeline())
                .put("dealstage", conversion.opportunityStage() == null ? settings.dealStage() : conversion.opportunityStage());
        if (conversion.opportunityAmount() != null) {
            properties.put("amount", conversion.opportunityAmount());
        }
        ownerId.ifPresent(owner -> properties.put("hubspot_owner_id", owner));
        ArrayNode associations = deal.putArray("associations");
        associate(associations, contactId, 3);
        associate(associations, companyId, 5);
        return HubSpotApi.createdId(api.post("/crm/v3/objects/deals", deal));
    }

    private static void associate(ArrayNode associations, String id, int type) {
        ObjectNode association = associations.addObject();
        association.putObject("to").put("id", id);
        association.putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", type);
    }

    private static ArrayNode filter(String property, String value) {
        ArrayNode filters = HubSpotApi.JSON.createArrayNode();
        if (value != null && !value.isBlank()) {
            filters.addObject().put("propertyName", property).put("operator", "EQ").put("value", value);
        }
        return filters;
    }

    /** The first record of this type matching all the filters ({@code POST /crm/v3/objects/{type}/search}); none without filters. */
    private Optional<String> first(String objects, ArrayNode filters) throws IOException, InterruptedException {
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode search = HubSpotApi.object();
        search.putArray("filterGroups").addObject().set("filters", filters);
        search.put("limit", 1);
        JsonNode id = api.post("/crm/v3/objects/" + objects + "/search", search).path("results").path(0).path("id");
        return id.isMissingNode() ? Optional.empty() : Optional.of(id.asText());
    }
}
