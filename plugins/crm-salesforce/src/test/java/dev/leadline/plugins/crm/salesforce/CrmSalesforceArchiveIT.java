package dev.leadline.plugins.crm.salesforce;

import static dev.leadline.plugins.crm.salesforce.SalesforceSamples.lead;
import static dev.leadline.plugins.crm.salesforce.SalesforceStub.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmChanges;
import dev.leadline.plugin.CrmConnector;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built zip, loaded in a real pf4j host: its descriptor (SPI 1.4.0), extension index and Jackson in lib/, against the stub org. */
class CrmSalesforceArchiveIT {
    @Test
    void theArchivesConnectorKeepsTheStubOrgInStepBothWays() throws Exception {
        try (SalesforceStub salesforce = new SalesforceStub();
             PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            assertThat(plugin.pluginId()).isEqualTo("crm-salesforce");
            assertThat(plugin.scoringProviders()).isEmpty();
            assertThat(plugin.crmConnectors()).hasSize(1);
            CrmConnector connector = plugin.crmConnectors().get(0);
            assertThat(connector.id()).isEqualTo("salesforce");
            assertThat(connector.getClass().getClassLoader()).as("the plugin's own class loader").isNotSameAs(getClass().getClassLoader());
            TestContext context = TestContext.withConfig(SalesforceSamples.settings(salesforce));
            String cursor = connector.pullChanges(null, 100, context).nextCursor();

            // create through a JWT grant whose RS256 signature verifies, then update by id
            CrmResult created = connector.pushLead(lead(null, "NEW", "omar@leadline.example"), context);
            String id = created.ids().get("lead");
            assertThat(created).isEqualTo(CrmResult.done(Map.of("lead", id, "owner", "005Dn000000OmarAAA")));
            JsonNode[] jwt = SalesforceSamples.verified(SalesforceConnectorTest.form(salesforce.seen("POST", "/services/oauth2/token").get(0).body())
                    .get("assertion"));
            assertThat(jwt[1].path("iss").asText()).isEqualTo(SalesforceSamples.CLIENT_ID);
            assertThat(jwt[1].path("sub").asText()).isEqualTo(SalesforceSamples.USERNAME);
            assertThat(connector.pushLead(lead(id, "DISQUALIFIED", "omar@leadline.example"), context).kind()).isEqualTo(CrmResult.Kind.DONE);
            assertThat(salesforce.seen("PATCH", DATA + "/sobjects/Lead/" + id)).singleElement()
                    .satisfies(seen -> assertThat(seen.json().path("Status").asText()).isEqualTo("Closed - Not Converted"));

            // the session expires: one new grant, and the call goes through
            salesforce.expireSessions();
            assertThat(connector.pushActivity(SalesforceSamples.call(id), context).kind()).isEqualTo(CrmResult.Kind.DONE);
            assertThat(salesforce.grants()).isEqualTo(2);

            // a rep reassigns the Lead in Salesforce: the pull brings the owner's email, once
            Instant reassigned = Instant.parse(cursor.split("\\|")[0]).plusSeconds(5);
            salesforce.edit("Lead", id, "OwnerId", "005Dn000000AnaXAAA", reassigned);
            CrmChanges changes = connector.pullChanges(cursor, 100, context);
            assertThat(changes.changes()).singleElement().satisfies(change -> {
                assertThat(change.crmId()).isEqualTo(id);
                assertThat(change.values()).containsEntry("owner", "ana@leadline.example").containsEntry("status", "DISQUALIFIED");
                assertThat(change.changedAt()).isEqualTo(reassigned);
            });
            assertThat(connector.pullChanges(changes.nextCursor(), 100, context).changes()).isEmpty();

            // pushing the older owner now is a conflict, not an overwrite
            CrmResult conflict = connector.pushLead(lead(id, "DISQUALIFIED", "omar@leadline.example"), context);
            assertThat(conflict.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
            assertThat(conflict.crmValues()).containsEntry("owner", "ana@leadline.example");

            // the conversion, in one composite request
            CrmResult converted = connector.pushConversion(SalesforceSamples.conversion(id, null), context);
            assertThat(converted.ids()).containsKeys("account", "contact", "opportunity");
            assertThat(salesforce.records("Opportunity").get(converted.ids().get("opportunity")).path("AccountId").asText())
                    .isEqualTo(converted.ids().get("account"));

            // Salesforce's refusals
            salesforce.answerNext(DATA + "/query", 403, Map.of(), SalesforceStub.errors("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
            CrmResult limited = connector.pushLead(lead(id, "DISQUALIFIED", null), context);
            assertThat(limited.kind()).isEqualTo(CrmResult.Kind.RATE_LIMITED);
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofHours(1));
            salesforce.answerNext(DATA + "/sobjects/Lead", 400, Map.of(),
                    SalesforceStub.errors("REQUIRED_FIELD_MISSING", "Required fields are missing: [Company]", "Company"));
            var another = new dev.leadline.plugin.CrmLead(dev.leadline.plugin.testkit.TestLeads.lead(Map.of("email", "new@other.example")), null,
                    "NEW", null, null, null, null, SalesforceSamples.UPDATED);
            assertThat(connector.pushLead(another, context).kind()).isEqualTo(CrmResult.Kind.REJECTED);
        }
    }
}
