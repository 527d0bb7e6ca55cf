package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new lead goes from {@code POST /leads} to its card in Slack by wake-ups alone, with the bundled
 * plugins on: enriched and scored on arrival, routed as soon as its providers have answered, its card
 * handed to Slack as soon as the routing commits. The server's loops look for work by themselves only
 * once an hour, and a lead may wait ten minutes for enrichment, so a lead whose card arrives within the
 * test's patience was neither found by a look nor routed because its wait ran out.
 */
class FastPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static SlackStub slack;
    private static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UOMAR", "omar@example.com"));
        Path config = dir.resolve("leadline.yml");
        Files.writeString(config, "routing:\n  enrichmentWait: 10m\n");
        server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString(), "SLACK_BOT_TOKEN", "xoxb-test-token",
                "SLACK_SIGNING_SECRET", "test-signing-secret-0123456789", "SLACK_API_URL", slack.apiUrl()),
                Clock.systemUTC(), new Leadline.Looks(HOUR, HOUR, HOUR));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Nurture", null, List.of("omar@example.com"), Map.of("slack", "CNURTURE")),
                        new QueueSpec("Inbound", null, List.of("jane@example.com"), Map.of("slack", "CINBOUND"))),
                Actor.cli("test"));
        server.services().rules().save("api", Map.of(
                "entries", List.of(Map.of("name", "Webmail goes to nurture",
                        "when", Map.of("field", "enrichment.emailType", "op", "eq", "value", "webmail"), "to", Map.of("queue", "Nurture"))),
                "default", Map.of("queue", "Inbound")), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
    }

    @Test
    void aNewLeadIsEnrichedScoredRoutedAndPostedWithoutWaitingForALookOrItsEnrichmentWait() throws Exception {
        var created = server.postJson("/api/v1/leads", "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"email\":\"ada.byron@gmail.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode lead = JSON.readTree(created.body());
        String id = lead.path("id").asText();
        assertThat(lead.path("queueId").isNumber()).as("left to enrichment, not routed in the request").isFalse();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !posts(id).isEmpty());

        assertThat(posts(id)).singleElement().satisfies(post -> assertThat(post.params().get("channel"))
                .as("routed by what enrichment found").isEqualTo("CNURTURE"));
        JsonNode decision = JSON.readTree(server.get("/api/v1/leads/" + id + "/routing").body());
        assertThat(decision.path("explanation").path("entry").asText()).isEqualTo("Webmail goes to nurture");
        Instant decided = Instant.parse(decision.path("explanation").path("decidedAt").asText());
        JsonNode scores = JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body()).path("scores");
        assertThat(scores).as("the bundled scoring plugins scored it").isNotEmpty();
        for (JsonNode score : scores) {
            assertThat(Instant.parse(score.path("at").asText())).as("scored before it was routed").isBeforeOrEqualTo(decided);
        }
        assertThat(decided).as("routed long before its wait ran out")
                .isBefore(Instant.parse(lead.path("createdAt").asText()).plus(Duration.ofMinutes(10)));
    }

    private static List<SlackStub.Call> posts(String lead) {
        return slack.calls("chat.postMessage").stream().filter(c -> c.params().getOrDefault("blocks", "").contains(lead)).toList();
    }
}
