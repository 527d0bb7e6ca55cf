package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slack, Teams and Mattermost configured at once, each with its own deliveries: what one platform cannot deliver
 * holds nothing back on the other; a Teams connector that accepts a card without an id (the Agents
 * Playground) gets it once; a Slack post whose answer is lost is found again, not posted twice.
 */
class ChatDeliveryTest {
    private static final String APP_ID = TeamsBotTest.APP_ID;
    private static final String TENANT = TeamsBotTest.TENANT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static SlackStub slack;
    private static TeamsStub teams;
    private static MattermostStub mattermost;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UMIA", "mia@example.com"));
        teams = new TeamsStub(Map.of("29:omar", TeamsStub.member("29:omar", "Omar Haddad", "aad-omar", "omar@example.com")));
        mattermost = new MattermostStub(Map.of("miauserid", "mia@example.com"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token",
                "SLACK_SIGNING_SECRET", "test-signing-secret-0123456789",
                "SLACK_API_URL", slack.apiUrl(), "TEAMS_APP_ID", APP_ID, "TEAMS_APP_PASSWORD", "test-client-secret", "TEAMS_TENANT_ID", TENANT,
                "TEAMS_OPENID_METADATA_URL", teams.openIdUrl(), "TEAMS_LOGIN_URL", teams.url()));
        env.putAll(Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_BOT_TOKEN", "mm-bot-token", "MATTERMOST_COMMAND_TOKENS", "c",
                "MATTERMOST_CALLBACK_URL", "https://leadline.example.com"));
        server = TestServer.start(env);
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("slack", "CINBOUND"))),
                Actor.cli("test"));
        // Omar uses Teams only: his first message to the bot tells it where his personal chat is
        assertThat(sendToTeamsBot(personalMessage("29:omar", "aad-omar", "a:omar", "leads")).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:omar").isEmpty());
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
        teams.close();
        mattermost.close();
    }

    @Test
    void aQueueWithOnlyASlackChannelGetsItsSlackCardAndARepOnlyOnTeamsGetsHisTeamsCard() throws Exception {
        String offered = lead("Offered");
        assign(offered, "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");
        String forOmar = lead("ForOmar");
        assign(forOmar, "{\"rep\":\"mia@example.com\",\"to\":\"omar@example.com\"}");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slackPosts(offered).size() == 1 && teamsPosts("a:omar", forOmar).size() == 1);
        assertThat(slackPosts(offered).get(0).params().get("channel")).isEqualTo("CINBOUND");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(settled("PENDING")).isZero());
        assertThat(slackPosts(forOmar)).as("Omar is not on Slack").isEmpty();
        assertThat(deliveries("teams", "FAILED") + deliveries("slack", "FAILED") + deliveries("mattermost", "FAILED"))
                .as("nowhere to go is not a failure").isZero();
        assertThat(deliveries("mattermost", "SKIPPED")).as("neither the queue nor Omar is on Mattermost").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTeamsConnectorThatAcceptsACardWithoutAnIdGetsItExactlyOnce() throws Exception {
        teams.acceptPostsWithoutId = true;
        try {
            String lead = lead("Playground");
            assign(lead, "{\"rep\":\"mia@example.com\",\"to\":\"omar@example.com\"}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teamsPosts("a:omar", lead).size() == 1);
            server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":\"omar@example.com\",\"text\":\"called, no answer\"}");
            assertThat(server.postJson("/api/v1/leads/" + lead + "/qualify", "{\"rep\":\"omar@example.com\"}").statusCode()).isEqualTo(200);
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(settled("PENDING")).isZero());
            assertThat(teamsPosts("a:omar", lead)).as("one post, however the connector answered").hasSize(1);
        } finally {
            teams.acceptPostsWithoutId = false;
        }
    }

    @Test
    void aSlackPostWhoseAnswerIsLostIsFoundByItsMetadataAndEditedNotPostedTwice() throws Exception {
        String lead = lead("LostAnswer");
        slack.loseAnswersToPostsContaining("\"value\":\"" + lead + "\"", 1);
        assign(lead, "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> slack.calls("conversations.history").size() > 0
                && !slack.calls("chat.update").stream().filter(c -> c.params().getOrDefault("blocks", "").contains(lead)).toList().isEmpty());
        assertThat(slack.messages("CINBOUND").stream().filter(m -> m.metadata() != null && m.metadata().contains("lead:" + lead)))
                .as("one card in the channel").hasSize(1);
        assertThat(slackPosts(lead)).hasSize(1);
    }

    private static long settled(String status) {
        return server.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.OUTBOX, dev.leadline.db.jooq.Tables.OUTBOX.STATUS.eq(status));
    }

    private static long deliveries(String platform, String status) {
        return server.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.OUTBOX,
                dev.leadline.db.jooq.Tables.OUTBOX.STATUS.eq(status).and(dev.leadline.db.jooq.Tables.OUTBOX.PLATFORM.eq(platform)));
    }

    private static List<SlackStub.Call> slackPosts(String lead) {
        return slack.calls("chat.postMessage").stream().filter(c -> c.params().getOrDefault("blocks", "").contains("\"value\":\"" + lead + "\""))
                .toList();
    }

    private static List<TeamsStub.Call> teamsPosts(String conversation, String lead) {
        return teams.posts(conversation).stream().filter(c -> c.body().contains("\"lead\":\"" + lead + "\"")).toList();
    }

    private static String lead(String name) throws Exception {
        return JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"" + name + "\"}").body()).path("id").asText();
    }

    private static void assign(String lead, String body) {
        HttpResponse<String> assigned = server.postJson("/api/v1/leads/" + lead + "/assign", body);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
    }

    private static String personalMessage(String user, String aad, String conversation, String text) {
        ObjectNode a = JSON.createObjectNode().put("type", "message").put("id", "act-" + IDS.incrementAndGet())
                .put("timestamp", Instant.now().toString()).put("serviceUrl", teams.serviceUrl()).put("channelId", "msteams").put("text", text);
        a.putObject("from").put("id", user).put("name", user).put("aadObjectId", aad);
        a.putObject("conversation").put("id", conversation).put("conversationType", "personal").put("tenantId", TENANT);
        a.putObject("recipient").put("id", "28:" + APP_ID).put("name", "Leadline");
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a.toString();
    }

    private static HttpResponse<String> sendToTeamsBot(String activity) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/messages")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + teams.token(APP_ID)).POST(HttpRequest.BodyPublishers.ofString(activity)).build());
    }
}
