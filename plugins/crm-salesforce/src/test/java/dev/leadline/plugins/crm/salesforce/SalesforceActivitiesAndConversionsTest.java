package dev.leadline.plugins.crm.salesforce;

import static dev.leadline.plugins.crm.salesforce.SalesforceSamples.lead;
import static dev.leadline.plugins.crm.salesforce.SalesforceStub.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceActivitiesAndConversionsTest {
    private SalesforceStub salesforce;
    private TestContext context;
    private final SalesforceConnector connector = new SalesforceConnector();
    private String leadId;

    @BeforeEach
    void start() throws Exception {
        salesforce = new SalesforceStub();
        context = TestContext.withConfig(SalesforceSamples.settings(salesforce));
        leadId = connector.pushLead(lead(null, "ENGAGED", "omar@leadline.example"), context).ids().get("lead");
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void aCallIsACompletedCallTaskOnTheLead() throws Exception {
        CrmResult result = connector.pushActivity(SalesforceSamples.call(leadId), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        assertThat(result.ids()).containsEntry("lead", leadId).containsEntry("owner", "005Dn000000OmarAAA");
        assertThat(result.ids().get("activity")).startsWith("00T");
        assertThat(salesforce.seen("POST", DATA + "/sobjects/Task").get(0).json().toString()).isEqualTo("{\"WhoId\":\"" + leadId
                + "\",\"Subject\":\"Call\",\"Description\":\"Left a voicemail\",\"OwnerId\":\"005Dn000000OmarAAA\",\"ActivityDate\":\"2026-12-01\","
                + "\"Status\":\"Completed\",\"TaskSubtype\":\"Call\",\"CallObject\":\"activity:812\"}");
    }

    @Test
    void aRetriedTaskIsFoundByLeadlinesIdAndARetriedEventByLeadStartAndSubject() throws Exception {
        String task = connector.pushActivity(SalesforceSamples.call(leadId), context).ids().get("activity");
        String event = connector.pushActivity(SalesforceSamples.meeting(leadId), context).ids().get("activity");

        assertThat(connector.pushActivity(SalesforceSamples.call(leadId), context).ids()).containsEntry("activity", task);
        assertThat(connector.pushActivity(SalesforceSamples.meeting(leadId), context).ids()).containsEntry("activity", event);
        assertThat(salesforce.records("Task")).hasSize(1);
        assertThat(salesforce.records("Event")).hasSize(1);
        assertThat(salesforce.queries()).contains("SELECT Id FROM Task WHERE CallObject = 'activity:812' LIMIT 1",
                "SELECT Id FROM Event WHERE WhoId = '" + leadId + "' AND StartDateTime = 2026-12-03T15:00:00Z AND Subject = 'Pilot walkthrough' LIMIT 1");
    }

    @Test
    void aMeetingIsAnEventAndANoteATask() throws Exception {
        connector.pushActivity(SalesforceSamples.meeting(leadId), context);
        connector.pushActivity(SalesforceSamples.note(leadId), context);

        ObjectNode event = salesforce.records("Event").values().iterator().next();
        assertThat(event.path("WhoId").asText()).isEqualTo(leadId);
        assertThat(event.path("StartDateTime").asText()).isEqualTo("2026-12-03T15:00:00Z");
        assertThat(event.path("EndDateTime").asText()).isEqualTo("2026-12-03T15:45:00Z");
        ObjectNode note = salesforce.records("Task").values().iterator().next();
        assertThat(note.path("TaskSubtype").asText()).isEqualTo("Task");
        assertThat(note.path("Description").asText()).isEqualTo("Budget approved for Q1");
        assertThat(note.path("OwnerId").asText()).isEqualTo(SalesforceStub.API_USER);
    }

    @Test
    void aConversionIsOneAllOrNoneCompositeOfAccountContactOpportunityAndRole() throws Exception {
        CrmResult result = connector.pushConversion(SalesforceSamples.conversion(leadId, null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        String account = result.ids().get("account");
        String contact = result.ids().get("contact");
        String opportunity = result.ids().get("opportunity");
        assertThat(account).startsWith("001");
        assertThat(contact).startsWith("003");
        assertThat(opportunity).startsWith("006");
        assertThat(result.ids()).containsEntry("lead", leadId).containsEntry("owner", "005Dn000000OmarAAA");
        JsonNode composite = salesforce.seen("POST", DATA + "/composite").get(0).json();
        assertThat(composite.path("allOrNone").asBoolean()).isTrue();
        assertThat(context.requests()).filteredOn(request -> request.url().endsWith("/composite")).singleElement()
                .satisfies(request -> assertThat(request.timeout()).isEqualTo(java.time.Duration.ofSeconds(30)));
        assertThat(composite.path("compositeRequest")).extracting(request -> request.path("referenceId").asText())
                .containsExactly("account", "contact", "opportunity", "role");
        assertThat(composite.path("compositeRequest").path(1).path("body").path("AccountId").asText()).isEqualTo("@{account.id}");
        assertThat(salesforce.seen("POST", DATA + "/composite").get(0).body()).as("the request as sent").contains("{\"Name\":\"Acme Robotics – pilot\","
                + "\"AccountId\":\"@{account.id}\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-01-04\",\"Amount\":12000.00,"
                + "\"OwnerId\":\"005Dn000000OmarAAA\"}");
        assertThat(salesforce.records("Contact").get(contact).path("AccountId").asText()).isEqualTo(account);
        assertThat(salesforce.records("OpportunityContactRole").values()).singleElement().satisfies(role -> {
            assertThat(role.path("OpportunityId").asText()).isEqualTo(opportunity);
            assertThat(role.path("ContactId").asText()).isEqualTo(contact);
        });
    }

    @Test
    void aRetriedConversionFindsWhatTheFirstMade() throws Exception {
        CrmResult first = connector.pushConversion(SalesforceSamples.conversion(leadId, null), context);
        CrmResult again = connector.pushConversion(SalesforceSamples.conversion(leadId, null), context);

        assertThat(again.ids()).isEqualTo(first.ids());
        assertThat(salesforce.seen("POST", DATA + "/composite")).hasSize(1);
    }

    @Test
    void aConversionIntoAKnownAccountMakesOnlyTheRest() throws Exception {
        CrmResult result = connector.pushConversion(SalesforceSamples.conversion(leadId, "001Dn0000000042AAA"), context);

        assertThat(result.ids()).containsEntry("account", "001Dn0000000042AAA");
        JsonNode composite = salesforce.seen("POST", DATA + "/composite").get(0).json();
        assertThat(composite.path("compositeRequest")).extracting(request -> request.path("referenceId").asText())
                .containsExactly("contact", "opportunity", "role");
    }

    @Test
    void aFailedSubrequestRollsTheConversionBackAndIsRejectedWithItsError() throws Exception {
        var conversion = SalesforceSamples.conversion(leadId, null);
        var badStage = new dev.leadline.plugin.CrmConversion(conversion.lead(), leadId, "Acme Robotics", null, "acme.example",
                "Acme Robotics – pilot", "12000.00", "Signed", null, null, conversion.at());

        CrmResult result = connector.pushConversion(badStage, context);

        assertThat(result).isEqualTo(CrmResult.rejected("Salesforce rejected it (HTTP 400): INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: "
                + "Stage: bad value for restricted picklist field: Signed [\"StageName\"]"));
        assertThat(salesforce.records("Account")).isEmpty();
        assertThat(salesforce.records("Contact")).isEmpty();
        assertThat(salesforce.records("Opportunity")).isEmpty();
    }
}
