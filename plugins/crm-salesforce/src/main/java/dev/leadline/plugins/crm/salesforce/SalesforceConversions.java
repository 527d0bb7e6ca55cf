package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A conversion as one composite request ({@code POST /composite}, {@code allOrNone}): the Account (unless known), a
 * Contact on it, and when an opportunity is named an Opportunity on it with the Contact as its primary contact role.
 * Salesforce's own {@code convertLead} is a SOAP API call and Apex method with no documented REST resource, so the
 * Lead itself is not converted here: it keeps its record, and its Status follows Leadline's (Closed - Converted) on
 * the next lead push. A retry first finds what an earlier try made: the newest Contact with the lead's email (and its
 * Account), and an Opportunity of that name on the Account.
 */
record SalesforceConversions(SalesforceApi api) {
    /** The Lead fields a Contact has too. */
    private static final java.util.Set<String> CONTACT_FIELDS = java.util.Set.of("Email", "FirstName", "LastName", "Title", "Phone");

    CrmResult push(CrmConversion conversion) throws IOException, InterruptedException {
        if (conversion.leadCrmId() == null) {
            return CrmResult.rejected("the converted lead has no Salesforce Lead yet");
        }
        SalesforceSettings settings = api.settings();
        Optional<String> ownerId = api.owner(conversion.ownerCrmId(), conversion.ownerEmail());
        String email = conversion.lead().field("email");
        Optional<JsonNode> contact = email == null ? Optional.empty()
                : api.first("SELECT Id, AccountId FROM Contact WHERE Email = " + Soql.string(email) + " ORDER BY CreatedDate DESC LIMIT 1")
                        .filter(found -> conversion.accountCrmId() == null || conversion.accountCrmId().equals(found.path("AccountId").asText()));
        String accountId = conversion.accountCrmId() != null ? conversion.accountCrmId()
                : contact.map(found -> found.path("AccountId").asText(null)).orElse(null);
        String contactId = contact.map(found -> found.path("Id").asText()).orElse(null);
        String opportunityId = accountId == null || conversion.opportunityName() == null ? null
                : api.first("SELECT Id FROM Opportunity WHERE AccountId = " + Soql.string(accountId) + " AND Name = "
                        + Soql.string(conversion.opportunityName()) + " LIMIT 1").map(found -> found.path("Id").asText()).orElse(null);

        ArrayNode requests = SalesforceApi.JSON.createArrayNode();
        if (accountId == null) {
            ObjectNode account = create(requests, "Account", "account").put("Name", conversion.accountName());
            if (conversion.accountDomain() != null) {
                account.put("Website", conversion.accountDomain());
            }
            ownerId.ifPresent(owner -> account.put("OwnerId", owner));
        }
        String account = accountId != null ? accountId : "@{account.id}";
        if (contactId == null) {
            ObjectNode fields = create(requests, "Contact", "contact").put("AccountId", account);
            SalesforceLeads.FIELDS.forEach((field, name) -> {
                String value = conversion.lead().field(field);
                if (value != null && !value.isBlank() && CONTACT_FIELDS.contains(name)) {
                    fields.put(name, value);
                }
            });
            if (!fields.has("LastName")) {
                fields.put("LastName", email == null ? "[not provided]" : email.substring(0, Math.max(1, email.indexOf('@'))));
            }
            ownerId.ifPresent(owner -> fields.put("OwnerId", owner));
        }
        if (conversion.opportunityName() != null && opportunityId == null) {
            ObjectNode opportunity = create(requests, "Opportunity", "opportunity").put("Name", conversion.opportunityName()).put("AccountId", account)
                    .put("StageName", conversion.opportunityStage() == null ? settings.opportunityStage() : conversion.opportunityStage())
                    .put("CloseDate", conversion.at().atZone(ZoneOffset.UTC).toLocalDate().plusDays(settings.closeDays()).toString());
            if (conversion.opportunityAmount() != null) {
                opportunity.put("Amount", new BigDecimal(conversion.opportunityAmount()));
            }
            ownerId.ifPresent(owner -> opportunity.put("OwnerId", owner));
            create(requests, "OpportunityContactRole", "role").put("OpportunityId", "@{opportunity.id}")
                    .put("ContactId", contactId != null ? contactId : "@{contact.id}").put("IsPrimary", true);
        }
        Map<String, JsonNode> made = requests.isEmpty() ? Map.of() : api.composite(requests);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("lead", conversion.leadCrmId());
        ids.put("account", accountId != null ? accountId : made.get("account").path("id").asText());
        ids.put("contact", contactId != null ? contactId : made.get("contact").path("id").asText());
        if (conversion.opportunityName() != null) {
            ids.put("opportunity", opportunityId != null ? opportunityId : made.get("opportunity").path("id").asText());
        }
        ownerId.ifPresent(owner -> ids.put("owner", owner));
        return CrmResult.done(ids);
    }

    /** Adds a create subrequest and gives its body to fill. */
    private ObjectNode create(ArrayNode requests, String sObject, String referenceId) {
        ObjectNode request = requests.addObject().put("method", "POST").put("url", api.settings().data() + "/sobjects/" + sObject)
                .put("referenceId", referenceId);
        return request.putObject("body");
    }
}
