package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.svix.Webhook;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks out, through a running server to a receiver on loopback: signatures checked with Svix's
 * implementation of the Standard Webhooks scheme, retries, order per lead, the delivery log and replays,
 * pausing, and the API's answers to bad input.
 */
class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static WebhookReceiver receiver;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("leadline-webhooks");
        Path config = dir.resolve("leadline.yml");
        Files.writeString(config, """
                reps:
                  - {email: jane@example.com, name: Jane Rivera}
                queues:
                  - {name: Inbound, members: [jane@example.com]}
                """);
        server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString(), "LEADLINE_WEBHOOKS_ALLOW_HTTP", "true",
                "LEADLINE_WEBHOOKS_ALLOW_PRIVATE", "true"));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
        dev.leadline.db.TestDatabases.deleteQuietly(dir);
    }

    @BeforeEach
    void freshSubscriptions() throws Exception {
        for (JsonNode hook : JSON.readTree(server.get("/api/v1/webhooks").body()).path("webhooks")) {
            server.send(server.request("/api/v1/webhooks/" + hook.path("id").asLong()).DELETE().build());
        }
        receiver.clear();
    }

    private static JsonNode subscribe(String path, String... events) throws Exception {
        String body = JSON.writeValueAsString(Map.of("url", receiver.url(path), "events", List.of(events), "description", "CRM sync"));
        HttpResponse<String> made = server.postJson("/api/v1/webhooks", body);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return JSON.readTree(made.body());
    }

    private static String newLead(String email) throws Exception {
        HttpResponse<String> lead = server.postJson("/api/v1/leads", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"" + email
                + "\",\"company\":\"Analytical\"}");
        assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
        return JSON.readTree(lead.body()).path("id").asText();
    }

    private static HttpResponse<String> patch(String path, String body) {
        return server.send(server.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void eventsArriveInOrderSignedSoThatTheStandardWebhooksLibraryVerifiesThem() throws Exception {
        JsonNode hook = subscribe("/hooks/crm", "lead.created", "lead.claimed", "lead.status_changed");
        String secret = hook.path("secret").asText();
        assertThat(secret).startsWith("whsec_");

        String lead = newLead("ada.order@example.com");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !json(server.get("/api/v1/leads/" + lead).body()).path("queueId").isNull());
        HttpResponse<String> claimed = server.postJson("/api/v1/leads/" + lead + "/claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        HttpResponse<String> qualified = server.postJson("/api/v1/leads/" + lead + "/qualify", "{\"rep\":\"jane@example.com\",\"note\":\"budget\"}");
        assertThat(qualified.statusCode()).as(qualified.body()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.received().stream()
                .filter(r -> r.body().contains("\"id\":\"" + lead + "\"")).map(r -> json(r.body()).path("type").asText()))
                .containsExactly("lead.created", "lead.claimed", "lead.status_changed"));
        List<WebhookReceiver.Received> mine = receiver.received().stream().filter(r -> r.body().contains("\"id\":\"" + lead + "\"")).toList();
        Webhook verifier = new Webhook(secret);
        for (WebhookReceiver.Received r : mine) {
            Map<String, List<String>> headers = r.headers().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
            assertThatCode(() -> verifier.verify(r.body(), headers)).as("signature of %s", r.body()).doesNotThrowAnyException();
            assertThat(r.header("webhook-id")).startsWith("msg_");
            assertThat(r.header("content-type")).startsWith("application/json");
        }
        List<String> types = mine.stream().map(r -> json(r.body()).path("type").asText()).toList();
        assertThat(types).containsExactly("lead.created", "lead.claimed", "lead.status_changed");
        JsonNode created = json(mine.get(0).body());
        assertThat(created.path("data").path("lead").path("email").asText()).isEqualTo("ada.order@example.com");
        assertThat(created.path("data").path("previous").isNull()).isTrue();
        assertThat(Instant.parse(created.path("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode qualifiedEvent = json(mine.get(2).body());
        assertThat(qualifiedEvent.path("data").path("lead").path("status").asText()).isEqualTo("QUALIFIED");
        assertThat(qualifiedEvent.path("data").path("actor").asText()).contains("jane@example.com");
        assertThat(qualifiedEvent.path("data").path("previous").path("status").asText()).isEqualTo("NEW");
        assertThat(mine.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(3);

        // a body changed on the way, or another secret, does not verify
        WebhookReceiver.Received first = mine.get(0);
        Map<String, List<String>> headers = first.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        assertThatCode(() -> verifier.verify(first.body().replace("Lovelace", "Byron"), headers)).isInstanceOf(Exception.class);
    }

    @Test
    void aTargetAnswering500GetsTheEventAgainWithTheSameIdAndTheLogSaysSo() throws Exception {
        JsonNode hook = subscribe("/hooks/flaky", "lead.created");
        receiver.answer(500);
        String lead = newLead("ada.retry@example.com");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("lead.created").stream()
                .anyMatch(r -> r.answered() == 200 && r.body().contains(lead + "\"")));
        List<WebhookReceiver.Received> tries = receiver.received("lead.created").stream().filter(r -> r.body().contains(lead + "\"")).toList();
        assertThat(tries).extracting(WebhookReceiver.Received::answered).containsExactly(500, 200);
        assertThat(tries.get(1).header("webhook-id")).isEqualTo(tries.get(0).header("webhook-id"));
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());

        JsonNode log = json(server.get("/api/v1/webhooks/" + hook.path("id").asLong() + "/deliveries").body()).path("deliveries");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("status").asText()).isEqualTo("delivered");
        assertThat(log.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(log.get(0).path("responseCode").asInt()).isEqualTo(200);
        assertThat(log.get(0).path("response").asText()).isEqualTo("{\"ok\":true}");
        assertThat(log.get(0).path("eventId").asText()).isEqualTo(tries.get(0).header("webhook-id"));
        assertThat(log.get(0).path("leadId").asText()).isEqualTo(lead);
        assertThat(log.get(0).path("latencyMs").isInt()).isTrue();
    }

    @Test
    void aDeliveryAndARangeAreReplayedWithTheirEventIds() throws Exception {
        JsonNode hook = subscribe("/hooks/replay", "lead.created");
        long id = hook.path("id").asLong();
        Instant before = Instant.now().minusSeconds(1);
        String lead = newLead("ada.replay@example.com");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("lead.created").size() == 1);
        String eventId = receiver.received("lead.created").get(0).header("webhook-id");
        long delivery = json(server.get("/api/v1/webhooks/" + id + "/deliveries?status=delivered").body()).path("deliveries").get(0)
                .path("id").asLong();

        HttpResponse<String> one = server.postJson("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/replay", "");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
        assertThat(json(one.body()).path("delivery").path("replayOf").asLong()).isEqualTo(delivery);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("lead.created").size() == 2);

        HttpResponse<String> range = server.postJson("/api/v1/webhooks/" + id + "/replay",
                "{\"from\":\"" + before + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"}");
        assertThat(range.statusCode()).as(range.body()).isEqualTo(202);
        assertThat(json(range.body()).path("replayed").asInt()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("lead.created").size() == 3);
        assertThat(receiver.received("lead.created")).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
        assertThat(receiver.received("lead.created")).allMatch(r -> r.body().contains(lead));

        assertThat(server.postJson("/api/v1/webhooks/" + id + "/deliveries/999999/replay", "").statusCode()).isEqualTo(404);
        assertThat(server.postJson("/api/v1/webhooks/" + id + "/replay", "{\"from\":\"yesterday\",\"to\":\"now\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPausedSubscriptionHoldsItsEventsUntilResumedAndADeletedOneIsGone() throws Exception {
        JsonNode hook = subscribe("/hooks/paused", "lead.created");
        long id = hook.path("id").asLong();
        HttpResponse<String> paused = patch("/api/v1/webhooks/" + id, "{\"status\":\"paused\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused.body()).path("status").asText()).isEqualTo("paused");
        String held = newLead("ada.paused@example.com");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> json(server.get("/api/v1/webhooks/" + id + "/deliveries").body())
                .path("deliveries").size() == 1);
        assertThat(receiver.received("lead.created")).as("nothing is sent while paused").isEmpty();

        HttpResponse<String> resumed = patch("/api/v1/webhooks/" + id, "{\"status\":\"active\",\"events\":[\"lead.created\",\"lead.routed\"]}");
        assertThat(json(resumed.body()).path("events")).hasSize(2);
        String after = newLead("ada.resumed@example.com");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("lead.created").size() == 2);
        assertThat(receiver.received("lead.created")).as("the held event went on resuming, with the new one")
                .anyMatch(r -> r.body().contains("\"" + held + "\"")).anyMatch(r -> r.body().contains("\"" + after + "\""));

        assertThat(server.get("/api/v1/webhooks").body()).doesNotContain("whsec_").contains(receiver.url("/hooks/paused"));
        assertThat(server.send(server.request("/api/v1/webhooks/" + id).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/webhooks/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aLookAlikeIsToldAsDuplicateFlaggedNamingTheLeadItLooksLike() throws Exception {
        subscribe("/hooks/dupes", "duplicate.flagged");
        String grace = "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace.hopper@navy.example\"}";
        String first = json(server.postJson("/api/v1/leads", grace).body()).path("id").asText();
        String second = json(server.postJson("/api/v1/leads", grace).body()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("duplicate.flagged").stream()
                .anyMatch(r -> r.body().contains("\"id\":\"" + second + "\"")));
        JsonNode flagged = receiver.received("duplicate.flagged").stream().map(r -> json(r.body()))
                .filter(e -> e.path("data").path("lead").path("id").asText().equals(second)).findFirst().orElseThrow();
        assertThat(flagged.path("data").path("duplicate").path("of").asText()).isEqualTo(first);
        assertThat(flagged.path("data").path("duplicate").path("kind").asText()).isEqualTo("lead");
        assertThat(flagged.path("data").path("duplicate").path("matched").toString()).contains("email");
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> unknown = server.postJson("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"lead.eaten\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("events").contains("lead.eaten");
        assertThat(server.postJson("/api/v1/webhooks", "{\"events\":[\"lead.created\"]}").body()).contains("url");
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\",\"events\":[\"lead.created\"]}").statusCode())
                .isEqualTo(400);
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"http://u:p@127.0.0.1/x\",\"events\":[\"lead.created\"]}").statusCode())
                .isEqualTo(400);
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"lead.created\"],\"secret\":\"mine\"}")
                .statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"lead.created\"],\"description\":123}")
                .body()).contains("description").contains("must be a string");
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:99999/x\",\"events\":[\"lead.created\"]}").body())
                .contains("port");
        assertThat(server.postJson("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":\"lead.created\"}").statusCode())
                .isEqualTo(400);
        long made = json(server.postJson("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"lead.created\"]}").body())
                .path("id").asLong();
        assertThat(patch("/api/v1/webhooks/" + made, "{\"url\":null}").body()).contains("must not be null");
        assertThat(server.postJson("/api/v1/webhooks", "null").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/webhooks", "[1]").statusCode()).isEqualTo(400);
        assertThat(patch("/api/v1/webhooks/12345", "{\"status\":\"paused\"}").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/webhooks/abc").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/webhooks/1/deliveries?limit=0").statusCode()).isIn(400, 404);
        HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/api/v1/webhooks")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).doesNotContain("dev.leadline").doesNotContain("Exception");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
