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
import java.util.Set;

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
    private static final Set<String> CONTACT_FIELDS = Set.of("Email", "FirstName", "LastName", "Title", "Phone");

    /** What an earlier try (or the host) made already; null for what is still to make. */
    private record Made(String account, String contact, String opportunity) {}

    CrmResult push(CrmConversion conversion) throws IOException, InterruptedException {
        if (conversion.leadCrmId() == null) {
            return CrmResult.rejected("the converted lead has no Salesforce Lead yet");
        }
        Optional<String> ownerId = api.owner(conversion.ownerCrmId(), conversion.ownerEmail());
        Made before = made(conversion);
        ArrayNode requests = requests(conversion, before, ownerId);
        Map<String, JsonNode> now = requests.isEmpty() ? Map.of() : api.composite(requests);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("lead", conversion.leadCrmId());
        ids.put("account", before.account() != null ? before.account() : now.get("account").path("id").asText());
        ids.put("contact", before.contact() != null ? before.contact() : now.get("contact").path("id").asText());
        if (conversion.opportunityName() != null) {
            ids.put("opportunity", before.opportunity() != null ? before.opportunity() : now.get("opportunity").path("id").asText());
        }
        ownerId.ifPresent(owner -> ids.put("owner", owner));
        return CrmResult.done(ids);
    }

    private Made made(CrmConversion conversion) throws IOException, InterruptedException {
        String email = conversion.lead().field("email");
        Optional<JsonNode> contact = email == null ? Optional.empty()
                : api.first("SELECT Id, AccountId FROM Contact WHERE Email = " + Soql.string(email) + " ORDER BY CreatedDate DESC LIMIT 1")
                        .filter(found -> conversion.accountCrmId() == null || conversion.accountCrmId().equals(found.path("AccountId").asText()));
        String account = conversion.accountCrmId() != null ? conversion.accountCrmId()
                : contact.map(found -> found.path("AccountId").asText(null)).orElse(null);
        String opportunity = account == null || conversion.opportunityName() == null ? null
                : api.first("SELECT Id FROM Opportunity WHERE AccountId = " + Soql.string(account) + " AND Name = "
                        + Soql.string(conversion.opportunityName()) + " LIMIT 1").map(found -> found.path("Id").asText()).orElse(null);
        return new Made(account, contact.map(found -> found.path("Id").asText()).orElse(null), opportunity);
    }

    /** The subrequests for what is still to make, later ones referring to earlier ones' ids ({@code @{account.id}}). */
    private ArrayNode requests(CrmConversion conversion, Made made, Optional<String> ownerId) {
        ArrayNode requests = SalesforceApi.JSON.createArrayNode();
        if (made.account() == null) {
            ObjectNode account = create(requests, "Account", "account").put("Name", conversion.accountName());
            if (conversion.accountDomain() != null) {
                account.put("Website", conversion.accountDomain());
            }
            ownerId.ifPresent(owner -> account.put("OwnerId", owner));
        }
        String account = made.account() != null ? made.account() : "@{account.id}";
        if (made.contact() == null) {
            contact(conversion, create(requests, "Contact", "contact").put("AccountId", account), ownerId);
        }
        if (conversion.opportunityName() != null && made.opportunity() == null) {
            SalesforceSettings settings = api.settings();
            ObjectNode opportunity = create(requests, "Opportunity", "opportunity").put("Name", conversion.opportunityName())
                    .put("AccountId", account)
                    .put("StageName", conversion.opportunityStage() == null ? settings.opportunityStage() : conversion.opportunityStage())
                    .put("CloseDate", conversion.at().atZone(ZoneOffset.UTC).toLocalDate().plusDays(settings.closeDays()).toString());
            if (conversion.opportunityAmount() != null) {
                opportunity.put("Amount", new BigDecimal(conversion.opportunityAmount()));
            }
            ownerId.ifPresent(owner -> opportunity.put("OwnerId", owner));
            create(requests, "OpportunityContactRole", "role").put("OpportunityId", "@{opportunity.id}")
                    .put("ContactId", made.contact() != null ? made.contact() : "@{contact.id}").put("IsPrimary", true);
        }
        return requests;
    }

    private static void contact(CrmConversion conversion, ObjectNode fields, Optional<String> ownerId) {
        SalesforceLeads.FIELDS.forEach((field, name) -> {
            String value = conversion.lead().field(field);
            if (value != null && !value.isBlank() && CONTACT_FIELDS.contains(name)) {
                fields.put(name, value);
            }
        });
        if (!fields.has("LastName")) {
            fields.put("LastName", SalesforceLeads.lastNameFor(conversion.lead().field("email")));
        }
        ownerId.ifPresent(owner -> fields.put("OwnerId", owner));
    }

    /** Adds a create subrequest and gives its body to fill. */
    private ObjectNode create(ArrayNode requests, String sObject, String referenceId) {
        return requests.addObject().put("method", "POST").put("url", api.settings().data() + "/sobjects/" + sObject)
                .put("referenceId", referenceId).putObject("body");
    }
}
