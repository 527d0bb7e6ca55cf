package dev.leadline.plugins.crm.hubspot;

import static dev.leadline.plugins.crm.hubspot.HubSpotSamples.lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotActivitiesAndConversionsTest {
    private static final long CALL_AT = java.time.Instant.parse("2026-12-01T11:00:00Z").toEpochMilli();
    private HubSpotStub hubspot;
    private final HubSpotConnector connector = new HubSpotConnector();
    private TestContext context;
    private String contactId;

    @BeforeEach
    void start() throws Exception {
        hubspot = new HubSpotStub();
        context = TestContext.withConfig(hubspot.settings());
        contactId = connector.pushLead(lead(null, "ENGAGED", "omar@leadline.example"), context).ids().get("lead");
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void aCallAttemptIsACallAssociatedWithTheContact() throws Exception {
        CrmResult result = connector.pushActivity(HubSpotSamples.call(contactId), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        assertThat(result.ids()).containsEntry("lead", contactId).containsEntry("owner", "41629779").containsKey("activity");
        JsonNode call = hubspot.seen("POST", "/crm/v3/objects/calls").stream().filter(s -> s.path().equals("/crm/v3/objects/calls"))
                .findFirst().orElseThrow().body();
        assertThat(call.path("properties").toString()).isEqualTo("{\"hs_timestamp\":" + CALL_AT + ",\"hubspot_owner_id\":\"41629779\","
                + "\"hs_call_title\":\"Call\",\"hs_call_body\":\"Left a voicemail\",\"hs_call_direction\":\"OUTBOUND\",\"hs_call_status\":\"COMPLETED\"}");
        assertThat(call.path("associations").toString()).isEqualTo("[{\"to\":{\"id\":\"" + contactId + "\"},\"types\":"
                + "[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":194}]}]");
    }

    @Test
    void aRetriedActivityFindsTheOneItMadeInsteadOfMakingAnother() throws Exception {
        String first = connector.pushActivity(HubSpotSamples.call(contactId), context).ids().get("activity");
        String again = connector.pushActivity(HubSpotSamples.call(contactId), context).ids().get("activity");

        assertThat(again).isEqualTo(first);
        assertThat(hubspot.records("calls")).hasSize(1);
        JsonNode search = hubspot.seen("POST", "/crm/v3/objects/calls/search").get(1).body();
        assertThat(search.path("filterGroups").path(0).path("filters").toString()).isEqualTo("[{\"propertyName\":\"associations.contact\","
                + "\"operator\":\"EQ\",\"value\":\"" + contactId + "\"},{\"propertyName\":\"hs_timestamp\",\"operator\":\"EQ\",\"value\":\"" + CALL_AT + "\"}]");
    }

    @Test
    void aMeetingIsAMeetingAndANoteANoteEachWithItsAssociationType() throws Exception {
        connector.pushActivity(HubSpotSamples.meeting(contactId), context);
        connector.pushActivity(HubSpotSamples.note(contactId), context);

        HubSpotStub.Rec meeting = hubspot.records("meetings").values().iterator().next();
        assertThat(meeting.contacts()).isEqualTo(Map.of(contactId, 200));
        assertThat(meeting.properties().path("hs_meeting_title").asText()).isEqualTo("Pilot walkthrough");
        assertThat(meeting.properties().path("hs_meeting_start_time").asLong()).isEqualTo(java.time.Instant.parse("2026-12-03T15:00:00Z").toEpochMilli());
        assertThat(meeting.properties().path("hs_meeting_end_time").asLong()).isEqualTo(java.time.Instant.parse("2026-12-03T15:45:00Z").toEpochMilli());
        HubSpotStub.Rec note = hubspot.records("notes").values().iterator().next();
        assertThat(note.contacts()).isEqualTo(Map.of(contactId, 202));
        assertThat(note.properties().path("hs_note_body").asText()).isEqualTo("Note\n\nBudget approved for Q1");
        assertThat(note.properties().has("hubspot_owner_id")).isFalse();
    }

    @Test
    void anActivityOfALeadHubSpotDoesNotHaveYetIsRejected() throws Exception {
        assertThat(connector.pushActivity(HubSpotSamples.note(null), context).kind()).isEqualTo(CrmResult.Kind.REJECTED);
    }

    @Test
    void aConversionMakesTheCompanyAssociatesTheContactAndMakesTheDeal() throws Exception {
        CrmResult result = connector.pushConversion(HubSpotSamples.conversion(contactId, null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        String companyId = result.ids().get("account");
        String dealId = result.ids().get("opportunity");
        assertThat(result.ids()).containsEntry("lead", contactId).containsEntry("contact", contactId).containsEntry("owner", "41629779");
        assertThat(hubspot.records("companies").get(companyId).properties().path("domain").asText()).isEqualTo("acme.example");
        assertThat(hubspot.records("contacts").get(contactId).companies()).containsEntry(companyId, 279);
        assertThat(hubspot.seen("PUT", "/crm/v4/objects/contact/" + contactId + "/associations/default/company/" + companyId)).hasSize(1);
        HubSpotStub.Rec deal = hubspot.records("deals").get(dealId);
        assertThat(deal.properties().path("dealname").asText()).isEqualTo("Acme Robotics – pilot");
        assertThat(deal.properties().path("amount").asText()).isEqualTo("12000.00");
        assertThat(deal.properties().path("pipeline").asText()).isEqualTo("default");
        assertThat(deal.properties().path("dealstage").asText()).isEqualTo("appointmentscheduled");
        assertThat(deal.contacts()).isEqualTo(Map.of(contactId, 3));
        assertThat(deal.companies()).isEqualTo(Map.of(companyId, 5));
    }

    @Test
    void aRetriedConversionReusesTheCompanyByDomainAndTheDealByName() throws Exception {
        CrmResult first = connector.pushConversion(HubSpotSamples.conversion(contactId, null), context);
        CrmResult again = connector.pushConversion(HubSpotSamples.conversion(contactId, null), context);

        assertThat(again.ids()).isEqualTo(first.ids());
        assertThat(hubspot.records("companies")).hasSize(1);
        assertThat(hubspot.records("deals")).hasSize(1);
    }

    @Test
    void aConversionIntoAKnownAccountUsesIt() throws Exception {
        String known = connector.pushConversion(HubSpotSamples.conversion(contactId, null), context).ids().get("account");
        int searches = hubspot.seen("POST", "/crm/v3/objects/companies/search").size();

        CrmResult result = connector.pushConversion(HubSpotSamples.conversion(contactId, known), context);

        assertThat(result.ids()).containsEntry("account", known);
        assertThat(hubspot.seen("POST", "/crm/v3/objects/companies/search")).hasSize(searches);
    }
}
