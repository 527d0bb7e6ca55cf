package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.INTEGRATION_DELIVERY;
import static dev.leadline.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A receiver that keeps failing: retried with backoff, given up after 24 h, and after 3 days the subscription is disabled and admins told. */
class WebhookDisableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSubscriptionFailingForThreeDaysIsDisabledAndTheAdminsAreTold() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        Path dir = Files.createTempDirectory("leadline-webhook-disable");
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - {email: ana@example.com, name: Ana Admin, role: ADMIN}
                  - {email: jane@example.com, name: Jane Rivera}
                """);
        try (WebhookReceiver receiver = new WebhookReceiver();
             TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                     "LEADLINE_WEBHOOKS_ALLOW_HTTP", "true", "LEADLINE_WEBHOOKS_ALLOW_PRIVATE", "true"), clock)) {
            Integer[] failures = new Integer[60];
            java.util.Arrays.fill(failures, 503);
            receiver.answer(failures);
            JsonNode hook = JSON.readTree(server.postJson("/api/v1/webhooks",
                    "{\"url\":\"" + receiver.url("/down") + "\",\"events\":[\"lead.created\"]}").body());
            long id = hook.path("id").asLong();
            server.postJson("/api/v1/leads", "{\"lastName\":\"Down\",\"email\":\"down@example.com\"}");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> json(server.get("/api/v1/webhooks/" + id).body())
                    .path("failingSince").asText().equals("2026-12-07T09:00:00Z"));

            clock.advance(Duration.ofSeconds(6));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            JsonNode retried = json(server.get("/api/v1/webhooks/" + id + "/deliveries").body()).path("deliveries").get(0);
            assertThat(retried.path("status").asText()).isEqualTo("pending");
            assertThat(retried.path("attempts").asInt()).isEqualTo(2);
            assertThat(retried.path("responseCode").asInt()).isEqualTo(503);
            assertThat(Instant.parse(retried.path("nextAttemptAt").asText())).isEqualTo(clock.instant().plusSeconds(30).truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
            assertThat(json(server.get("/api/v1/webhooks/" + id).body()).path("status").asText()).isEqualTo("active");

            clock.advance(Duration.ofDays(3));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> json(server.get("/api/v1/webhooks/" + id).body())
                    .path("status").asText().equals("disabled"));
            JsonNode disabled = json(server.get("/api/v1/webhooks/" + id).body());
            assertThat(disabled.path("disabledReason").asText()).contains("2026-12-07T09:00:00Z");
            JsonNode gaveUp = json(server.get("/api/v1/webhooks/" + id + "/deliveries").body()).path("deliveries").get(0);
            assertThat(gaveUp.path("status").asText()).isEqualTo("failed");
            assertThat(gaveUp.path("error").asText()).contains("given up after 24 h");
            assertThat(server.database().dsl().fetchCount(OUTBOX, OUTBOX.CARD_KEY.eq("webhook-disabled:" + id)))
                    .as("the admin is told, in chat").isGreaterThanOrEqualTo(1);

            server.postJson("/api/v1/leads", "{\"lastName\":\"Later\",\"email\":\"later@example.com\"}");
            assertThat(server.database().dsl().fetchCount(INTEGRATION_DELIVERY, INTEGRATION_DELIVERY.TARGET.eq("webhook:" + id)))
                    .as("a disabled subscription gets no new events").isEqualTo(1);

            HttpResponse<String> resumed = server.send(server.request("/api/v1/webhooks/" + id).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"active\"}")).build());
            assertThat(json(resumed.body()).path("status").asText()).isEqualTo("active");
            assertThat(json(resumed.body()).path("failingSince").isNull()).isTrue();

            // the log keeps 30 days: then the settled delivery and its event are forgotten
            assertThat(server.services().integrations().purge(clock)).as("nothing is 30 days old yet").isZero();
            clock.advance(Duration.ofDays(31));
            assertThat(server.services().integrations().purge(clock)).isEqualTo(2);
            assertThat(json(server.get("/api/v1/webhooks/" + id + "/deliveries").body()).path("deliveries")).isEmpty();
            assertThat(server.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.INTEGRATION_EVENT))
                    .as("no event was kept for the lead made while nobody listened").isZero();
        } finally {
            dev.leadline.db.TestDatabases.deleteQuietly(dir);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
