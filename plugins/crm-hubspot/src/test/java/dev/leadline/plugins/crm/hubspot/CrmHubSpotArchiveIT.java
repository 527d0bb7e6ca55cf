package dev.leadline.plugins.crm.hubspot;

import static dev.leadline.plugins.crm.hubspot.HubSpotSamples.UPDATED;
import static dev.leadline.plugins.crm.hubspot.HubSpotSamples.lead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.CrmChanges;
import dev.leadline.plugin.CrmConnector;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built zip, loaded in a real pf4j host: its descriptor (SPI 1.4.0), extension index and Jackson in lib/, against the stub. */
class CrmHubSpotArchiveIT {
    @Test
    void theArchivesConnectorKeepsTheStubInStepBothWays() throws Exception {
        try (HubSpotStub hubspot = new HubSpotStub();
             PluginArchive plugin = PluginArchive.load(java.nio.file.Path.of(System.getProperty("plugin.archive")))) {
            assertThat(plugin.pluginId()).isEqualTo("crm-hubspot");
            assertThat(plugin.enrichmentProviders()).isEmpty();
            assertThat(plugin.messageDrafters()).isEmpty();
            CrmConnector connector = plugin.crmConnectors().get(0);
            assertThat(plugin.crmConnectors()).hasSize(1);
            assertThat(connector.id()).isEqualTo("hubspot");
            assertThat(connector.getClass().getClassLoader()).as("the plugin's own class loader").isNotSameAs(getClass().getClassLoader());
            TestContext context = TestContext.withConfig(hubspot.settings());
            String cursor = connector.pullChanges(null, 100, context).nextCursor();

            // create, then update by id
            CrmResult created = connector.pushLead(lead(null, "NEW", "omar@leadline.example"), context);
            String id = created.ids().get("lead");
            assertThat(created).isEqualTo(CrmResult.done(Map.of("lead", id, "owner", "41629779")));
            assertThat(hubspot.seen("POST", "/crm/v3/objects/contacts/batch/upsert")).singleElement()
                    .satisfies(seen -> assertThat(seen.body().path("inputs").path(0).path("properties").path("hs_lead_status").asText()).isEqualTo("NEW"));
            assertThat(connector.pushLead(lead(id, "ENGAGED", "omar@leadline.example"), context).kind()).isEqualTo(CrmResult.Kind.DONE);
            assertThat(hubspot.seen("PATCH", "/crm/v3/objects/contacts/" + id)).singleElement()
                    .satisfies(seen -> assertThat(seen.body().path("properties").path("hs_lead_status").asText()).isEqualTo("CONNECTED"));

            // a rep reassigns the contact in HubSpot: the pull brings the owner's email, once
            java.time.Instant reassigned = java.time.Instant.ofEpochMilli(Long.parseLong(cursor.split(":")[0]) + 5000);
            hubspot.edit("contacts", id, "hubspot_owner_id", "52550153", reassigned);
            CrmChanges changes = connector.pullChanges(cursor, 100, context);
            assertThat(changes.changes()).singleElement().satisfies(change -> {
                assertThat(change.crmId()).isEqualTo(id);
                assertThat(change.values()).containsEntry("owner", "ana@leadline.example").containsEntry("status", "ENGAGED");
                assertThat(change.changedAt()).isEqualTo(reassigned);
            });
            assertThat(connector.pullChanges(changes.nextCursor(), 100, context).changes()).isEmpty();

            // pushing the older owner now is a conflict, not an overwrite
            CrmResult conflict = connector.pushLead(lead(id, "ENGAGED", "omar@leadline.example"), context);
            assertThat(conflict.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
            assertThat(conflict.crmValues()).containsEntry("owner", "ana@leadline.example");
            assertThat(reassigned).isAfter(UPDATED);

            // an activity and the conversion
            assertThat(connector.pushActivity(HubSpotSamples.call(id), context).kind()).isEqualTo(CrmResult.Kind.DONE);
            assertThat(hubspot.records("calls").values()).singleElement().satisfies(call -> assertThat(call.contacts()).containsEntry(id, 194));
            CrmResult converted = connector.pushConversion(HubSpotSamples.conversion(id, null), context);
            assertThat(converted.ids()).containsKeys("account", "contact", "opportunity");
            assertThat(hubspot.records("deals").get(converted.ids().get("opportunity")).companies()).containsKey(converted.ids().get("account"));

            // HubSpot's refusals
            hubspot.answerNext("/crm/v3/objects/contacts", 429, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
                    HubSpotConnectorTest.rateLimit("TEN_SECONDLY_ROLLING"));
            CrmResult limited = connector.pushLead(lead(id, "ENGAGED", null), context);
            assertThat(limited.kind()).isEqualTo(CrmResult.Kind.RATE_LIMITED);
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            hubspot.answerNext("/crm/v3/objects/contacts", 400, Map.of(), HubSpotStub.error("Property values were not valid", "VALIDATION_ERROR"));
            assertThat(connector.pushLead(lead(id, "ENGAGED", null), context).kind()).isEqualTo(CrmResult.Kind.REJECTED);
            CrmResult refused = connector.pushLead(lead(id, "ENGAGED", null),
                    TestContext.withConfig(Map.of("token", "pat-expired", "baseUrl", hubspot.baseUrl())));
            assertThat(refused.kind()).isEqualTo(CrmResult.Kind.FAILED);
            assertThat(refused.message()).contains("HubSpot refused the token");
        }
    }
}
