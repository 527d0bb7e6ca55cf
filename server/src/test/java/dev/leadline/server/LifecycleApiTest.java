package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                new RepSpec("zed@example.com", "Zed Outside", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLeadGoesFromQueueToClaimToContactToDisqualifiedWithEveryStepOnTheTimeline() throws Exception {
        String id = newLead();
        assertThat(post(id, "assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\",\"reason\":\"web lead\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> claimed = post(id, "claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(claimed.body()).path("claimedAt").asText()).isNotEmpty();

        HttpResponse<String> late = post(id, "claim", "{\"rep\":\"omar@example.com\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        JsonNode lost = JSON.readTree(late.body());
        assertThat(lost.path("error").asText()).isEqualTo("already_claimed");
        assertThat(lost.path("claimedBy").path("name").asText()).isEqualTo("Jane Rivera");

        JsonNode attempted = JSON.readTree(post(id, "contact-attempts",
                "{\"rep\":\"jane@example.com\",\"channel\":\"linkedin\",\"note\":\"sent InMail\"}").body());
        assertThat(attempted.path("status").asText()).isEqualTo("ATTEMPTED");

        HttpResponse<String> badReason = post(id, "disqualify", "{\"rep\":\"jane@example.com\",\"reason\":\"meh\"}");
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(badReason.body()).contains("No budget");
        JsonNode disqualified = JSON.readTree(post(id, "disqualify",
                "{\"rep\":\"jane@example.com\",\"reason\":\"Bad timing\",\"note\":\"Q3\"}").body());
        assertThat(disqualified.path("status").asText()).isEqualTo("DISQUALIFIED");
        assertThat(disqualified.path("statusCategory").asText()).isEqualTo("Unqualified");

        HttpResponse<String> requalify = post(id, "qualify", "{\"rep\":\"jane@example.com\"}");
        assertThat(requalify.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(requalify.body()).path("error").asText()).isEqualTo("wrong_state");

        List<String> types = new ArrayList<>();
        JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items").forEach(i -> types.add(i.path("type").asText()));
        assertThat(types).containsExactly("DISQUALIFIED", "CONTACT_ATTEMPT", "CLAIMED", "OFFERED", "CREATED");

        JsonNode speed = JSON.readTree(server.get("/api/v1/reports/speed-to-lead?by=queue").body());
        assertThat(speed.path("rows").toString()).contains("\"group\":\"Inbound\"").contains("medianSecondsToClaim");
        assertThat(server.get("/api/v1/reports/speed-to-lead?by=planet").statusCode()).isEqualTo(400);
    }

    @Test
    void refusalsSayWhy() throws Exception {
        String id = newLead();
        post(id, "assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");

        HttpResponse<String> outsider = post(id, "claim", "{\"rep\":\"zed@example.com\"}");
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(outsider.body()).contains("not a member of queue Inbound");
        assertThat(post(id, "assign", "{\"rep\":\"jane@example.com\",\"to\":\"omar@example.com\"}").statusCode()).isEqualTo(403);
        assertThat(post(id, "claim", "{\"rep\":\"nobody@example.com\"}").statusCode()).isEqualTo(400);
        assertThat(post(id, "claim", "{}").statusCode()).isEqualTo(400);
        assertThat(post(id, "claim", "{\"rep\":\"jane@example.com\",\"colour\":\"red\"}").statusCode()).isEqualTo(400);
        assertThat(post("L-999999", "claim", "{\"rep\":\"jane@example.com\"}").statusCode()).isEqualTo(404);
        assertThat(post(id, "notes", "{\"rep\":\"mia@example.com\",\"text\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(post(id, "notes", "{\"rep\":\"mia@example.com\",\"text\":\"VIP, handle with care\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void viewsListAndCountLeadsPerRepAndQueue() throws Exception {
        String offered = newLead();
        post(offered, "assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");
        String mine = newLead();
        post(mine, "assign", "{\"rep\":\"mia@example.com\",\"to\":\"omar@example.com\"}");

        JsonNode queue = JSON.readTree(server.get("/api/v1/leads?view=queue&queue=Inbound").body());
        List<String> inQueue = new ArrayList<>();
        queue.path("items").forEach(l -> inQueue.add(l.path("id").asText()));
        assertThat(inQueue).contains(offered).doesNotContain(mine);

        JsonNode counts = JSON.readTree(server.get("/api/v1/views/counts?owner=omar@example.com").body());
        assertThat(counts.path("mine").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(counts.path("not-contacted").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(counts.has("overdue")).isTrue();
        assertThat(server.get("/api/v1/leads?view=queue").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/leads?view=mine").statusCode()).isEqualTo(400);
    }

    @Test
    void aCustomViewIsSavedOverRestOpenedLikeABuiltInViewAndCounted() throws Exception {
        server.postJson("/api/v1/leads", "{\"lastName\":\"Big\",\"company\":\"Umbrella Holdings\",\"country\":\"DE\",\"employeeCount\":900}");
        server.postJson("/api/v1/leads", "{\"lastName\":\"Small\",\"company\":\"Umbrella Kiosk\",\"country\":\"DE\",\"employeeCount\":3}");
        String view = "{\"filters\":[{\"field\":\"company\",\"op\":\"starts-with\",\"value\":\"umbrella\"},"
                + "{\"field\":\"employeeCount\",\"op\":\"gt\",\"value\":\"100\"}],\"sort\":\"-employeeCount\"}";

        HttpResponse<String> created = server.send(server.request("/api/v1/views/umbrella-big")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(view)).header("Content-Type", "application/json").build());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("sort").asText()).isEqualTo("-employeeCount");

        JsonNode listed = JSON.readTree(server.get("/api/v1/leads?view=umbrella-big").body());
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").get(0).path("company").asText()).isEqualTo("Umbrella Holdings");
        assertThat(JSON.readTree(server.get("/api/v1/views/counts").body()).path("umbrella-big").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(server.get("/api/v1/views").body()).toString()).contains("umbrella-big");

        HttpResponse<String> bad = server.send(server.request("/api/v1/views/umbrella-bad")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"filters\":[{\"field\":\"employeeCount\",\"op\":\"gt\",\"value\":\"lots\"}]}"))
                .header("Content-Type", "application/json").build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("filters[0]").contains("not a whole number");
        assertThat(server.get("/api/v1/views/umbrella-bad").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/leads?view=umbrella-nope").statusCode()).isEqualTo(400);

        HttpResponse<String> janes = server.send(server.request("/api/v1/views/jane-only")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"owner\":\"jane@example.com\"}")).header("Content-Type", "application/json").build());
        assertThat(janes.statusCode()).isEqualTo(201);
        HttpResponse<String> takeover = server.send(server.request("/api/v1/views/jane-only")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"owner\":\"omar@example.com\"}")).header("Content-Type", "application/json").build());
        assertThat(takeover.statusCode()).as("another rep's view keeps its owner").isEqualTo(409);

        assertThat(server.send(server.request("/api/v1/views/umbrella-big").DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/leads?view=umbrella-big").statusCode()).isEqualTo(400);
    }

    @Test
    void aConversionCanBeUndone() throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads",
                "{\"lastName\":\"Convert\",\"company\":\"Convertible Ltd\",\"email\":\"c@convertible.example\"}").body()).path("id").asText();
        post(id, "assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}");
        post(id, "qualify", "{\"rep\":\"jane@example.com\"}");

        HttpResponse<String> converted = post(id, "convert", "{\"rep\":\"jane@example.com\",\"opportunity\":"
                + "{\"name\":\"Pilot\",\"amount\":5000,\"closeDate\":\"2027-03-31\"}}");
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(converted.body());
        assertThat(body.path("lead").path("status").asText()).isEqualTo("CONVERTED");
        assertThat(body.path("account").path("name").asText()).isEqualTo("Convertible Ltd");
        assertThat(post(id, "convert", "{\"rep\":\"jane@example.com\"}").statusCode()).isEqualTo(409);

        JsonNode undone = JSON.readTree(post(id, "unconvert", "{\"rep\":\"jane@example.com\"}").body());
        assertThat(undone.path("lead").path("status").asText()).isEqualTo("QUALIFIED");
        assertThat(undone.path("removed").size()).isEqualTo(3);
        assertThat(post(id, "convert", "{\"rep\":\"jane@example.com\",\"opportunity\":{\"name\":\"\"}}").statusCode()).isEqualTo(400);
    }

    @Test
    void theDisqualificationReasonsAreListed() throws Exception {
        JsonNode reasons = JSON.readTree(server.get("/api/v1/disqualify-reasons").body());
        assertThat(reasons.isArray()).isTrue();
        assertThat(reasons.toString()).contains("No budget");
    }

    private static String newLead() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"Lifecycle\",\"company\":\"Cycle Co\"}");
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static HttpResponse<String> post(String id, String action, String body) {
        return server.postJson("/api/v1/leads/" + id + "/" + action, body);
    }
}
