package dev.leadline.plugins.crm.salesforce;

import static dev.leadline.plugins.crm.salesforce.SalesforceSamples.UPDATED;
import static dev.leadline.plugins.crm.salesforce.SalesforceSamples.lead;
import static dev.leadline.plugins.crm.salesforce.SalesforceStub.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.TestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceConnectorTest {
    private SalesforceStub salesforce;
    private TestContext context;
    private final SalesforceConnector connector = new SalesforceConnector();

    @BeforeEach
    void start() throws Exception {
        salesforce = new SalesforceStub();
        context = TestContext.withConfig(SalesforceSamples.settings(salesforce));
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void theFirstPushGrantsASessionWithAnRs256JwtAndCreatesTheLead() throws Exception {
        Instant before = Instant.now();
        CrmResult result = connector.pushLead(lead(null, "ATTEMPTED", "omar@leadline.example"), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        String leadId = result.ids().get("lead");
        assertThat(leadId).startsWith("00Q");
        assertThat(result.ids()).containsEntry("owner", "005Dn000000OmarAAA");
        SalesforceStub.Seen grant = salesforce.seen("POST", "/services/oauth2/token").get(0);
        assertThat(grant.headers()).containsEntry("content-type", "application/x-www-form-urlencoded");
        Map<String, String> form = form(grant.body());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        JsonNode[] jwt = SalesforceSamples.verified(form.get("assertion"));
        assertThat(jwt[0].toString()).isEqualTo("{\"alg\":\"RS256\"}");
        assertThat(jwt[1].path("iss").asText()).isEqualTo(SalesforceSamples.CLIENT_ID);
        assertThat(jwt[1].path("sub").asText()).isEqualTo(SalesforceSamples.USERNAME);
        assertThat(jwt[1].path("aud").asText()).isEqualTo(salesforce.url());
        assertThat(jwt[1].path("exp").asLong()).isBetween(before.getEpochSecond() + 179, Instant.now().getEpochSecond() + 181);

        assertThat(salesforce.queries()).containsExactly(
                "SELECT Id FROM User WHERE Email = 'omar@leadline.example' AND IsActive = true LIMIT 1",
                "SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate, IsConverted FROM Lead WHERE Email = 'jane.doe@acme.example' "
                        + "AND IsConverted = false ORDER BY CreatedDate LIMIT 1");
        JsonNode created = salesforce.seen("POST", DATA + "/sobjects/Lead").get(0).json();
        assertThat(created.toString()).isEqualTo("{\"Email\":\"jane.doe@acme.example\",\"FirstName\":\"Jane\",\"LastName\":\"Doe\","
                + "\"Company\":\"Acme Robotics\",\"Title\":\"VP Operations\",\"Phone\":\"+447700900123\",\"NumberOfEmployees\":250,"
                + "\"Status\":\"Working - Contacted\",\"OwnerId\":\"005Dn000000OmarAAA\"}");
        assertThat(salesforce.seen()).filteredOn(seen -> seen.path().startsWith(DATA)).allSatisfy(seen ->
                assertThat(seen.headers()).containsEntry("authorization", "Bearer 00DDn00000A1b2C!AQ0AQFz.session-1"));
        assertThat(salesforce.grants()).isEqualTo(1);
    }

    @Test
    void theAudienceSettingIsTheJwtsAudWhenTheLoginUrlIsAMyDomain() throws Exception {
        Map<String, String> myDomain = new HashMap<>(SalesforceSamples.settings(salesforce));
        myDomain.put("audience", "https://login.salesforce.com");

        connector.pushLead(lead(null, "NEW", null), TestContext.withConfig(myDomain));

        String assertion = form(salesforce.seen("POST", "/services/oauth2/token").get(0).body()).get("assertion");
        assertThat(SalesforceSamples.verified(assertion)[1].path("aud").asText()).isEqualTo("https://login.salesforce.com");
    }

    @Test
    void theSessionIsKeptAcrossCalls() throws Exception {
        String id = connector.pushLead(lead(null, "NEW", null), context).ids().get("lead");
        connector.pushLead(lead(id, "ENGAGED", null), context);

        assertThat(salesforce.grants()).isEqualTo(1);
    }

    @Test
    void anExpiredSessionGetsOneNewGrantAndTheCallGoesAgain() throws Exception {
        String id = connector.pushLead(lead(null, "NEW", null), context).ids().get("lead");
        salesforce.expireSessions();

        CrmResult result = connector.pushLead(lead(id, "ENGAGED", null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        assertThat(salesforce.grants()).isEqualTo(2);
        assertThat(salesforce.seen("GET", DATA + "/query")).last().satisfies(seen ->
                assertThat(seen.headers()).containsEntry("authorization", "Bearer 00DDn00000A1b2C!AQ0AQFz.session-2"));
        assertThat(salesforce.seen("PATCH", DATA + "/sobjects/Lead/" + id)).singleElement().satisfies(seen ->
                assertThat(seen.headers()).containsEntry("authorization", "Bearer 00DDn00000A1b2C!AQ0AQFz.session-2"));
    }

    @Test
    void aRefusedGrantFailsSayingWhatSalesforceSaid() throws Exception {
        salesforce.refuseGrants("user hasn't approved this consumer");

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(result.message()).contains("Salesforce refused the JWT bearer grant for " + SalesforceSamples.USERNAME)
                .contains("invalid_grant user hasn't approved this consumer").doesNotContain("PRIVATE KEY");
    }

    @Test
    void aSessionRefusedAgainAfterANewGrantFails() throws Exception {
        connector.pushLead(lead(null, "NEW", null), context);
        String invalid = SalesforceStub.errors("INVALID_SESSION_ID", "Session expired or invalid");
        salesforce.answerNext(DATA + "/query", 401, Map.of(), invalid);
        salesforce.answerNext(DATA + "/query", 401, Map.of(), invalid);

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(result.message()).startsWith("Salesforce refused the session (HTTP 401)").contains("INVALID_SESSION_ID");
        assertThat(salesforce.grants()).isEqualTo(2);
    }

    @Test
    void aKnownEmailIsUpdatedNotCreatedAgain() throws Exception {
        String existing = salesforce.lead("jane.doe@acme.example", "005Dn000000AnaXAAA", "Open - Not Contacted", UPDATED.minusSeconds(60));

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.ids()).containsEntry("lead", existing);
        assertThat(salesforce.seen("POST", DATA + "/sobjects/Lead")).isEmpty();
        assertThat(salesforce.seen("PATCH", DATA + "/sobjects/Lead/" + existing)).hasSize(1);
    }

    @Test
    void aPushWithTheLeadsIdPatchesIt() throws Exception {
        String id = connector.pushLead(lead(null, "NEW", null), context).ids().get("lead");

        CrmResult result = connector.pushLead(lead(id, "DISQUALIFIED", "ana@leadline.example"), context);

        assertThat(result).isEqualTo(CrmResult.done(Map.of("lead", id, "owner", "005Dn000000AnaXAAA")));
        JsonNode patch = salesforce.seen("PATCH", DATA + "/sobjects/Lead/" + id).get(0).json();
        assertThat(patch.path("Status").asText()).isEqualTo("Closed - Not Converted");
        assertThat(patch.path("OwnerId").asText()).isEqualTo("005Dn000000AnaXAAA");
        assertThat(salesforce.queries()).contains("SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate, IsConverted FROM Lead WHERE Id = '"
                + id + "' LIMIT 1");
    }

    @Test
    void aLeadSalesforceGaveAnotherOwnerAfterLeadlinesChangeIsAConflict() throws Exception {
        Instant later = UPDATED.plusSeconds(600);
        String id = salesforce.lead("jane.doe@acme.example", "005Dn000000AnaXAAA", "Closed - Not Converted", later);

        CrmResult result = connector.pushLead(lead(id, "ENGAGED", "omar@leadline.example"), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
        assertThat(result.crmValues()).isEqualTo(Map.of("owner", "ana@leadline.example", "ownerCrmId", "005Dn000000AnaXAAA", "status", "DISQUALIFIED"));
        assertThat(result.crmChangedAt()).isEqualTo(later);
        assertThat(salesforce.seen("PATCH", DATA)).isEmpty();
    }

    @Test
    void anOwnerSalesforceDoesNotKnowIsLeftOutAndLogged() throws Exception {
        CrmResult result = connector.pushLead(lead(null, "NEW", "new.rep@leadline.example"), context);

        assertThat(result.ids()).doesNotContainKey("owner");
        assertThat(salesforce.seen("POST", DATA + "/sobjects/Lead").get(0).json().has("OwnerId")).isFalse();
        assertThat(context.logged()).containsExactly("WARN Salesforce has no active user with the email new.rep@leadline.example: written without an owner");
    }

    @Test
    void anOwnersEmailIsQuotedSafelyInSoql() throws Exception {
        CrmResult result = connector.pushLead(lead(null, "NEW", "o'brien@leadline.example"), context);

        assertThat(result.ids()).containsEntry("owner", "005Dn000000OBriAAA");
        assertThat(salesforce.queries().get(0)).isEqualTo("SELECT Id FROM User WHERE Email = 'o\\'brien@leadline.example' AND IsActive = true LIMIT 1");
    }

    @Test
    void theRequestLimitAndBusyAnswersAreRateLimited() throws Exception {
        salesforce.answerNext(DATA + "/query", 403, Map.of(), SalesforceStub.errors("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        CrmResult limit = connector.pushLead(lead(null, "NEW", null), context);
        assertThat(limit.kind()).isEqualTo(CrmResult.Kind.RATE_LIMITED);
        assertThat(limit.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(limit.message()).contains("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");

        salesforce.answerNext(DATA + "/query", 429, Map.of("Retry-After", "7"), SalesforceStub.errors("REQUEST_LIMIT_EXCEEDED", "Too many requests"));
        assertThat(connector.pushLead(lead(null, "NEW", null), context).retryAfter()).isEqualTo(Duration.ofSeconds(7));

        salesforce.answerNext(DATA + "/query", 503, Map.of(), SalesforceStub.errors("SERVER_UNAVAILABLE", "Server is busy"));
        CrmResult busy = connector.pushLead(lead(null, "NEW", null), context);
        assertThat(busy.kind()).isEqualTo(CrmResult.Kind.RATE_LIMITED);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(salesforce.records("Lead")).isEmpty();
    }

    @Test
    void validationErrorsAreRejectedWithSalesforcesMessage() throws Exception {
        salesforce.answerNext(DATA + "/sobjects/Lead", 400, Map.of(),
                SalesforceStub.errors("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone must be in E.164 format", "Phone"));

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result).isEqualTo(CrmResult.rejected(
                "Salesforce rejected it (HTTP 400): FIELD_CUSTOM_VALIDATION_EXCEPTION: Phone must be in E.164 format [\"Phone\"]"));
    }

    @Test
    void aNewLeadWithoutCompanyOrLastNameGetsSalesforcesRequiredFieldsFilled() throws Exception {
        var bare = new dev.leadline.plugin.CrmLead(dev.leadline.plugin.testkit.TestLeads.lead(Map.of("email", "kim@startup.example")), null, "NEW",
                null, null, null, null, UPDATED);

        assertThat(connector.pushLead(bare, context).kind()).isEqualTo(CrmResult.Kind.DONE);

        JsonNode created = salesforce.seen("POST", DATA + "/sobjects/Lead").get(0).json();
        assertThat(created.path("LastName").asText()).isEqualTo("kim");
        assertThat(created.path("Company").asText()).isEqualTo("[not provided]");
    }

    @Test
    void aServerErrorOrNoSalesforceFails() throws Exception {
        salesforce.answerNext(DATA + "/query", 500, Map.of(), SalesforceStub.errors("UNKNOWN_EXCEPTION", "An unexpected error occurred."));
        assertThat(connector.pushLead(lead(null, "NEW", null), context).kind()).isEqualTo(CrmResult.Kind.FAILED);

        Map<String, String> nowhere = new HashMap<>(SalesforceSamples.settings(salesforce));
        nowhere.put("loginUrl", "http://127.0.0.1:9");
        CrmResult result = connector.pushLead(lead(null, "NEW", null), TestContext.withConfig(nowhere));
        assertThat(result.kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(result.message()).startsWith("cannot reach Salesforce (http://127.0.0.1:9)");
    }

    @Test
    void aDeletedLeadIsRejected() throws Exception {
        assertThat(connector.pushLead(lead("00QDn0000009999AAA", "NEW", null), context))
                .isEqualTo(CrmResult.rejected("Salesforce has no Lead 00QDn0000009999AAA (deleted or merged there)"));
    }

    @Test
    void missingOrUnreadableSettingsAreProblems() {
        assertThat(connector.problems(TestContext.withConfig(Map.of()))).containsExactly("set plugins.crm-salesforce.clientId (the connected app's consumer key)",
                "set plugins.crm-salesforce.username (the Salesforce user the connector acts as)",
                "set plugins.crm-salesforce.privateKey (PEM, PKCS#8) or plugins.crm-salesforce.privateKeyFile: the key whose certificate the connected app has");
        Map<String, String> pkcs1 = new HashMap<>(SalesforceSamples.settings(salesforce));
        pkcs1.put("privateKey", "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----");
        assertThat(connector.problems(TestContext.withConfig(pkcs1))).singleElement().asString().contains("openssl pkcs8 -topk8 -nocrypt");
        assertThat(connector.problems(context)).isEmpty();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
