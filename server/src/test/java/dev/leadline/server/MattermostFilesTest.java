package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files shared in Mattermost in a thread under a lead's card: the post comes through an outgoing webhook
 * (checked by its token), the file is fetched from the loopback Mattermost with the bot token.
 */
class MattermostFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "filesqueuechannel000000000";
    private static MattermostStub mattermost;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        mattermost = new MattermostStub(Map.of("janeuserid", "jane@example.com", "omaruserid", "omar@example.com", "miauserid", "mia@example.com"));
        server = MattermostRoomsTest.start(mattermost, CHANNEL);
    }

    @AfterAll
    static void stop() {
        server.close();
        mattermost.close();
    }

    @Test
    void aFileSharedInTheThreadUnderTheCardIsAttachedAndSaidSoInTheThread() throws Exception {
        String lead = MattermostRoomsTest.janesLead(server, "Thread");
        String card = cardIn(CHANNEL, lead);
        byte[] pdf = TestFiles.pdf(40_000);
        String post = mattermost.userPost(CHANNEL, "janeuserid", card, "the quote", Map.of("quote.pdf", pdf));

        assertThat(webhook(server, mattermost, MattermostRoomsTest.WEBHOOK_TOKEN, CHANNEL, "janeuserid", post, false).statusCode()).isEqualTo(200);

        assertThat(answersUnder(card)).singleElement().asString().contains("Attached quote.pdf to " + lead);
        JsonNode file = JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files").get(0);
        assertThat(file.path("name").asText()).isEqualTo("quote.pdf");
        assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(pdf));
        assertThat(file.path("addedBy").asText()).isEqualTo("rep:jane@example.com");
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Jane Rivera attached quote.pdf");
        assertThat(mattermost.calls()).filteredOn(c -> c.path().startsWith("/api/v4/files/"))
                .isNotEmpty().allMatch(c -> "Bearer mm-bot-token".equals(c.authorization()));
    }

    @Test
    void aPostWithAnotherTokenIsRefusedAndNothingIsAttached() throws Exception {
        String lead = MattermostRoomsTest.janesLead(server, "Forged");
        String card = cardIn(CHANNEL, lead);
        String post = mattermost.userPost(CHANNEL, "janeuserid", card, "", Map.of("forged.pdf", TestFiles.pdf(10_000)));

        assertThat(webhook(server, mattermost, "not-the-token", CHANNEL, "janeuserid", post, true).statusCode()).isEqualTo(401);
        assertThat(webhook(server, mattermost, "", CHANNEL, "janeuserid", post, false).statusCode()).isEqualTo(401);

        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).isEmpty();
        assertThat(answersUnder(card)).isEmpty();
    }

    @Test
    void aRepWhoMayNotWorkTheLeadIsToldWhyInTheThread() throws Exception {
        String lead = MattermostRoomsTest.janesLead(server, "Not Omars");
        String card = cardIn(CHANNEL, lead);
        String post = mattermost.userPost(CHANNEL, "omaruserid", card, "", Map.of("notes.txt", "omar!".getBytes()));

        webhook(server, mattermost, MattermostRoomsTest.WEBHOOK_TOKEN, CHANNEL, "omaruserid", post, true);

        assertThat(answersUnder(card)).singleElement().asString().startsWith("Not attached");
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).isEmpty();
    }

    @Test
    void aFileSharedOutsideALeadsThreadIsLeftAlone() throws Exception {
        String post = mattermost.userPost(CHANNEL, "janeuserid", "", "lunch menu", Map.of("menu.pdf", TestFiles.pdf(5_000)));

        assertThat(webhook(server, mattermost, MattermostRoomsTest.WEBHOOK_TOKEN, CHANNEL, "janeuserid", post, false).statusCode()).isEqualTo(200);

        assertThat(mattermost.posts(CHANNEL)).noneMatch(p -> post.equals(p.path("root_id").asText()));
    }

    /** What the card of the lead in the channel was posted as (its id: the root of its thread). */
    private static String cardIn(String channel, String lead) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mattermost.posts(channel).stream()
                .anyMatch(p -> p.path("props").path("leadline_card").asText().equals("lead:" + lead)));
        return mattermost.posts(channel).stream().filter(p -> p.path("props").path("leadline_card").asText().equals("lead:" + lead))
                .findFirst().orElseThrow().path("id").asText();
    }

    private static java.util.List<String> answersUnder(String root) {
        return mattermost.posts(CHANNEL).stream().filter(p -> root.equals(p.path("root_id").asText()))
                .filter(p -> MattermostStub.BOT_USER.equals(p.path("user_id").asText())).map(p -> p.path("message").asText().replace("\\", "")).toList();
    }

    /**
     * What an outgoing webhook sends for the post (as {@code application/json}, or form-encoded, Mattermost's default):
     * its fields as Mattermost's {@code OutgoingWebhookPayload} has them, {@code file_ids} comma-separated.
     */
    static HttpResponse<String> webhook(TestServer server, MattermostStub mattermost, String token, String channel, String user, String postId, boolean json) {
        JsonNode post = mattermost.post(postId);
        ObjectNode payload = JSON.createObjectNode().put("token", token).put("team_id", MattermostStub.TEAM).put("team_domain", "sales")
                .put("channel_id", channel).put("channel_name", "somewhere").put("timestamp", 1700000000000L).put("user_id", user)
                .put("user_name", "someone").put("post_id", postId).put("text", post.path("message").asText()).put("trigger_word", "")
                .put("file_ids", String.join(",", JSON.convertValue(post.path("file_ids"), String[].class)));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/mattermost/posts"));
        if (json) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload.toString()));
        } else {
            StringBuilder form = new StringBuilder();
            payload.fields().forEachRemaining(f -> form.append(form.length() == 0 ? "" : "&").append(f.getKey()).append('=')
                    .append(MattermostRoomsTest.enc(f.getValue().asText())));
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        }
        return server.send(request.build());
    }
}
