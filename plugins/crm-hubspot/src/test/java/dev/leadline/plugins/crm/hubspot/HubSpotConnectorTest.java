package dev.leadline.plugins.crm.hubspot;

import static dev.leadline.plugins.crm.hubspot.HubSpotSamples.UPDATED;
import static dev.leadline.plugins.crm.hubspot.HubSpotSamples.lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmChanges;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.testkit.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubSpotConnectorTest {
    private final HubSpotStub hubspot = newStub();
    private final HubSpotConnector connector = new HubSpotConnector();
    private final TestContext context = TestContext.withConfig(hubspot.settings());

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void theFirstPushLooksTheEmailUpAndUpsertsTheContactByEmail() throws Exception {
        CrmResult result = connector.pushLead(lead(null, "ATTEMPTED", "omar@leadline.example"), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.DONE);
        String contactId = result.ids().get("lead");
        assertThat(result.ids()).containsEntry("owner", "41629779");
        assertThat(hubspot.records("contacts")).containsKey(contactId);
        assertThat(hubspot.seen("GET", "/crm/v3/owners")).singleElement()
                .satisfies(seen -> assertThat(seen.path()).contains("email=omar%40leadline.example"));
        assertThat(hubspot.seen("POST", "/crm/v3/objects/contacts/search")).singleElement().satisfies(seen ->
                assertThat(seen.body().path("filterGroups").path(0).path("filters").path(0).toString())
                        .isEqualTo("{\"propertyName\":\"email\",\"operator\":\"EQ\",\"value\":\"jane.doe@acme.example\"}"));
        JsonNode upsert = hubspot.seen("POST", "/crm/v3/objects/contacts/batch/upsert").get(0).body().path("inputs").path(0);
        assertThat(upsert.path("idProperty").asText()).isEqualTo("email");
        assertThat(upsert.path("id").asText()).isEqualTo("jane.doe@acme.example");
        assertThat(upsert.path("properties").toString()).isEqualTo("{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"company\":\"Acme Robotics\","
                + "\"jobtitle\":\"VP Operations\",\"phone\":\"+447700900123\",\"hs_lead_status\":\"ATTEMPTED_TO_CONTACT\",\"hubspot_owner_id\":\"41629779\"}");
        assertThat(hubspot.seen()).allSatisfy(seen -> assertThat(seen.headers()).containsEntry("authorization", "Bearer " + HubSpotStub.TOKEN));
    }

    @Test
    void aFirstPushOfAnEmailHubSpotKnowsUpdatesThatContact() throws Exception {
        String existing = hubspot.contact("jane.doe@acme.example", "", "", UPDATED.minusSeconds(3600)).id();

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.ids()).containsEntry("lead", existing);
        assertThat(hubspot.seen("POST", "/crm/v3/objects/contacts/batch")).isEmpty();
        assertThat(hubspot.seen("PATCH", "/crm/v3/objects/contacts/" + existing)).hasSize(1);
        assertThat(hubspot.records("contacts")).hasSize(1);
    }

    @Test
    void anOwnerHubSpotDoesNotKnowIsLeftOutAndLogged() throws Exception {
        CrmResult result = connector.pushLead(lead(null, "NEW", "new.rep@leadline.example"), context);

        assertThat(result.ids()).doesNotContainKey("owner");
        assertThat(hubspot.records("contacts").values().iterator().next().properties().has("hubspot_owner_id")).isFalse();
        assertThat(context.logged()).containsExactly("WARN HubSpot has no owner with the email new.rep@leadline.example: written without an owner");
    }

    @Test
    void aFirstPushOfAContactARepOwnsInHubSpotSinceIsAConflictThatNamesIt() throws Exception {
        String existing = hubspot.contact("jane.doe@acme.example", "52550153", "CONNECTED", UPDATED.plusSeconds(30)).id();

        CrmResult result = connector.pushLead(lead(null, "NEW", "omar@leadline.example"), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
        assertThat(result.ids()).isEqualTo(Map.of("lead", existing));
        assertThat(result.crmValues()).containsEntry("owner", "ana@leadline.example").containsEntry("status", "ENGAGED");
        assertThat(hubspot.seen("PATCH", "/crm/v3/objects/contacts")).isEmpty();
        assertThat(hubspot.seen("POST", "/crm/v3/objects/contacts/batch")).isEmpty();
    }

    @Test
    void aPushWithTheContactsIdPatchesIt() throws Exception {
        String id = connector.pushLead(lead(null, "NEW", null), context).ids().get("lead");

        CrmResult result = connector.pushLead(lead(id, "QUALIFIED", "ana@leadline.example"), context);

        assertThat(result).isEqualTo(CrmResult.done(Map.of("lead", id, "owner", "52550153")));
        JsonNode patch = hubspot.seen("PATCH", "/crm/v3/objects/contacts/" + id).get(0).body().path("properties");
        assertThat(patch.path("hs_lead_status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(patch.path("hubspot_owner_id").asText()).isEqualTo("52550153");
        assertThat(hubspot.records("contacts").get(id).properties().path("hs_lead_status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aContactHubSpotGaveAnotherOwnerAfterLeadlinesChangeIsAConflict() throws Exception {
        Instant later = UPDATED.plusSeconds(600);
        String id = hubspot.contact("jane.doe@acme.example", "52550153", "CONNECTED", later).id();

        CrmResult result = connector.pushLead(lead(id, "ATTEMPTED", "omar@leadline.example"), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
        assertThat(result.crmValues()).isEqualTo(Map.of("owner", "ana@leadline.example", "ownerCrmId", "52550153", "status", "ENGAGED"));
        assertThat(result.crmChangedAt()).isEqualTo(later);
        assertThat(result.ids()).containsEntry("lead", id);
        assertThat(hubspot.seen("PATCH", "/crm/v3/objects/contacts")).isEmpty();
    }

    @Test
    void anOlderChangeInHubSpotOrTheSameValuesAreNoConflict() throws Exception {
        String older = hubspot.contact("a@acme.example", "52550153", "CONNECTED", UPDATED.minusSeconds(60)).id();
        String same = hubspot.contact("b@acme.example", "41629779", "ATTEMPTED_TO_CONTACT", UPDATED.plusSeconds(60)).id();

        assertThat(connector.pushLead(lead(older, "ATTEMPTED", "omar@leadline.example"), context).kind()).isEqualTo(CrmResult.Kind.DONE);
        assertThat(connector.pushLead(lead(same, "ATTEMPTED", "omar@leadline.example"), context).kind()).isEqualTo(CrmResult.Kind.DONE);
    }

    @Test
    void aNewerHubSpotValueThatMeansTheSameToLeadlineIsNoConflictButACustomOneIs() throws Exception {
        String open = hubspot.contact("a@acme.example", "41629779", "OPEN", UPDATED.plusSeconds(60)).id();
        String custom = hubspot.contact("b@acme.example", "41629779", "SPOKE_TO_CFO", UPDATED.plusSeconds(60)).id();

        assertThat(connector.pushLead(lead(open, "NEW", "omar@leadline.example"), context).kind()).isEqualTo(CrmResult.Kind.DONE);
        CrmResult conflict = connector.pushLead(lead(custom, "NEW", "omar@leadline.example"), context);
        assertThat(conflict.kind()).isEqualTo(CrmResult.Kind.CONFLICT);
        assertThat(conflict.crmValues()).doesNotContainKey("status").containsEntry("owner", "omar@leadline.example");
    }

    @Test
    void a429IsRateLimitedForTheWindowHubSpotsHeadersName() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts/search", 429, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                "X-HubSpot-RateLimit-Max", "100", "X-HubSpot-RateLimit-Remaining", "0"), rateLimit("TEN_SECONDLY_ROLLING"));

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(result.message()).contains("TEN_SECONDLY_ROLLING").contains("You have reached your ten_secondly_rolling limit.");
        assertThat(hubspot.records("contacts")).isEmpty();
    }

    @Test
    void aRetryAfterHeaderWinsAndTheDailyLimitWaitsAnHour() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts/search", 429, Map.of("Retry-After", "3"), rateLimit("SECONDLY"));
        assertThat(connector.pushLead(lead(null, "NEW", null), context).retryAfter()).isEqualTo(Duration.ofSeconds(3));

        hubspot.answerNext("/crm/v3/objects/contacts/search", 429, Map.of(), rateLimit("DAILY"));
        assertThat(connector.pushLead(lead(null, "NEW", null), context).retryAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRefusedTokenFailsSayingSoWithoutTheToken() throws Exception {
        TestContext wrongToken = TestContext.withConfig(Map.of("token", "pat-na1-revoked-token", "baseUrl", hubspot.baseUrl()));

        CrmResult result = connector.pushLead(lead(null, "NEW", null), wrongToken);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(result.message()).startsWith("HubSpot refused the token (HTTP 401): check plugins.crm-hubspot.token")
                .contains("Authentication credentials not found").doesNotContain("pat-na1-revoked-token");
        assertThat(hubspot.seen()).hasSize(1);
    }

    @Test
    void aValidationErrorIsRejectedWithHubSpotsMessage() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts/batch/upsert", 400, Map.of(), HubSpotStub.JSON.createObjectNode().put("status", "error")
                .put("message", "Property values were not valid: [{\"isValid\":false,\"message\":\"Email address jane.doe@acme is invalid\","
                        + "\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]")
                .put("correlationId", "3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd").put("category", "VALIDATION_ERROR").toString());

        CrmResult result = connector.pushLead(lead(null, "NEW", null), context);

        assertThat(result.kind()).isEqualTo(CrmResult.Kind.REJECTED);
        assertThat(result.message()).startsWith("HubSpot rejected it (HTTP 400 VALIDATION_ERROR): Property values were not valid")
                .contains("INVALID_EMAIL");
    }

    @Test
    void aServerErrorOrNoHubSpotAtAllFails() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts/search", 502, Map.of(), "<html>Bad gateway</html>");
        assertThat(connector.pushLead(lead(null, "NEW", null), context).kind()).isEqualTo(CrmResult.Kind.FAILED);

        Map<String, String> nowhere = new HashMap<>(hubspot.settings());
        nowhere.put("baseUrl", "http://127.0.0.1:9");
        CrmResult result = connector.pushLead(lead(null, "NEW", null), TestContext.withConfig(nowhere));
        assertThat(result.kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(result.message()).startsWith("cannot reach HubSpot at http://127.0.0.1:9");
    }

    @Test
    void aContactDeletedInHubSpotIsRejected() throws Exception {
        CrmResult result = connector.pushLead(lead("999999", "NEW", null), context);

        assertThat(result).isEqualTo(CrmResult.rejected("HubSpot has no contact 999999 (deleted or merged there)"));
    }

    @Test
    void withoutATokenItHasAProblemAndFailsEveryPush() throws Exception {
        TestContext none = TestContext.withConfig(Map.of());

        assertThat(connector.problems(none)).containsExactly(
                "set plugins.crm-hubspot.token (or LEADLINE_PLUGIN_CRM_HUBSPOT_TOKEN) to a HubSpot private app's access token");
        assertThat(connector.pushLead(lead(null, "NEW", null), none).kind()).isEqualTo(CrmResult.Kind.FAILED);
        assertThat(connector.problems(context)).isEmpty();
    }

    @Test
    void theFirstPullStartsNowAndLaterOnesReturnWhatChangedOnceOldestFirst() throws Exception {
        hubspot.contact("old@acme.example", "41629779", "NEW", Instant.parse("2026-11-01T00:00:00Z"));
        CrmChanges first = connector.pullChanges(null, 50, context);
        assertThat(first.changes()).isEmpty();
        long start = Long.parseLong(first.nextCursor().split(":")[0]);
        assertThat(start).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));

        Instant t1 = Instant.ofEpochMilli(start + 1000);
        Instant t2 = Instant.ofEpochMilli(start + 2000);
        String b = hubspot.contact("b@acme.example", "41629779", "NEW", t2).id();
        String a = hubspot.contact("a@acme.example", "41629779", "NEW", t1).id();
        hubspot.edit("contacts", a, "hubspot_owner_id", "52550153", t1);
        hubspot.edit("contacts", a, "hs_lead_status", "CONNECTED", t1);

        CrmChanges changes = connector.pullChanges(first.nextCursor(), 50, context);

        assertThat(changes.changes()).extracting(CrmChanges.Change::crmId).containsExactly(a, b);
        assertThat(changes.changes().get(0).values()).isEqualTo(Map.of("owner", "ana@leadline.example", "ownerCrmId", "52550153", "status", "ENGAGED"));
        assertThat(changes.changes().get(0).changedAt()).isEqualTo(t1);
        assertThat(changes.nextCursor()).isEqualTo(t2.toEpochMilli() + ":" + b);
        assertThat(changes.more()).isFalse();
        JsonNode search = hubspot.seen("POST", "/crm/v3/objects/contacts/search").get(0).body();
        assertThat(search.path("filterGroups").path(0).path("filters").path(0).toString())
                .isEqualTo("{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"" + start + "\"}");
        assertThat(search.path("sorts").path(0).path("direction").asText()).isEqualTo("ASCENDING");

        assertThat(connector.pullChanges(changes.nextCursor(), 50, context).changes()).isEmpty();
    }

    @Test
    void aPullPagesByTheMaxAndSaysMoreAreWaiting() throws Exception {
        Instant base = Instant.parse("2026-12-02T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            hubspot.contact(i + "@acme.example", "41629779", "NEW", base.plusSeconds(i + 1));
        }
        CrmChanges page = connector.pullChanges(base.toEpochMilli() + ":0", 2, context);
        assertThat(page.changes()).hasSize(2);
        assertThat(page.more()).isTrue();

        CrmChanges rest = connector.pullChanges(page.nextCursor(), 2, context);
        assertThat(rest.changes()).hasSize(1);
        assertThat(rest.more()).isFalse();
    }

    @Test
    void aRateLimitedPullIsAnEmptyPageWithTheWaitAndTheSameCursor() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts/search", 429, Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
                rateLimit("TEN_SECONDLY_ROLLING"));

        CrmChanges changes = connector.pullChanges("1764579600000:0", 50, context);

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.nextCursor()).isEqualTo("1764579600000:0");
        assertThat(changes.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    static String rateLimit(String policy) {
        return HubSpotStub.JSON.createObjectNode().put("status", "error")
                .put("message", "You have reached your " + policy.toLowerCase(java.util.Locale.ROOT) + " limit.").put("errorType", "RATE_LIMIT")
                .put("correlationId", "c033cdaa-2c40-4a64-ae48-b4cec88dad24").put("policyName", policy)
                .put("requestId", "3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd").toString();
    }

    private static HubSpotStub newStub() {
        try {
            return new HubSpotStub();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
