package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lead rooms in Mattermost, through the real routes (slash commands, outgoing webhooks) and a loopback
 * Mattermost: a public channel made once, its reps added, the card posted and pinned, archived and restored.
 */
class MattermostRoomsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "inboundchannelid000000000a";
    private static final String COMMAND_TOKEN = "mm-command-token-0123456789";
    static final String WEBHOOK_TOKEN = "mm-webhook-token-0123456789";
    private static MattermostStub mattermost;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        mattermost = new MattermostStub(Map.of("janeuserid", "jane@example.com", "omaruserid", "omar@example.com", "miauserid", "mia@example.com"));
        server = start(mattermost, CHANNEL);
    }

    /** A server with Mattermost on the stub, Jane and Omar (reps) and Mia (manager), and Inbound in {@code channel}. */
    static TestServer start(MattermostStub mattermost, String channel) {
        TestServer server = TestServer.start(Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_BOT_TOKEN", "mm-bot-token",
                "MATTERMOST_COMMAND_TOKENS", COMMAND_TOKEN, "MATTERMOST_CALLBACK_URL", "https://leadline.example.com",
                "MATTERMOST_WEBHOOK_TOKENS", "another-hook-token," + WEBHOOK_TOKEN));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("mattermost", channel))),
                Actor.cli("test"));
        return server;
    }

    @AfterAll
    static void stop() {
        server.close();
        mattermost.close();
    }

    @Test
    void twoSimultaneousRequestsMakeOneChannelWithItsRepsAndTheCardPinnedOnce() throws Exception {
        String lead = janesLead("Acme Twice");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<String> jane = CompletableFuture.supplyAsync(() -> askAfter(go, "janeuserid", "room " + lead));
        CompletableFuture<String> mia = CompletableFuture.supplyAsync(() -> askAfter(go, "miauserid", "room " + lead));
        go.countDown();

        List<String> answers = List.of(jane.get(), mia.get());
        String name = "lead-" + lead.toLowerCase() + "-acme-twice";
        assertThat(answers).filteredOn(a -> a.startsWith("Opening a room for " + lead + ": `#" + name + "`")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.startsWith(lead + " has a room already")).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinned(name).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> creates(name) == 1 && cardsIn(name).size() == 1 && pinned(name).size() == 1);
        ObjectNode room = mattermost.channelNamed(name);
        assertThat(room.path("type").asText()).isEqualTo("O");
        assertThat(room.path("team_id").asText()).as("the team of the lead's queue channel").isEqualTo(MattermostStub.TEAM);
        assertThat(mattermost.members(room.path("id").asText())).as("the owner is added, whoever opened it").contains("janeuserid");
        JsonNode card = cardsIn(name).get(0);
        assertThat(card.path("props").path("leadline_card").asText()).isEqualTo("lead:" + lead);
        assertThat(card.toString()).contains(lead).doesNotContain("\"name\":\"Qualify\"");
    }

    @Test
    void aCreationWhoseAnswerWasLostIsFoundByNameNotMadeAgain() throws Exception {
        String lead = janesLead("Lost Answer");
        String name = "lead-" + lead.toLowerCase() + "-lost-answer";
        mattermost.loseNextCreateAnswer();

        assertThat(ask("janeuserid", "room " + lead, CHANNEL)).startsWith("Opening a room for " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pinned(name).size() == 1);
        assertThat(creates(name)).as("asked twice, made once").isEqualTo(2);
        assertThat(mattermost.channelNamed(name + "-2")).isNull();
        assertThat(mattermost.members(mattermost.channelNamed(name).path("id").asText())).contains("janeuserid");
    }

    @Test
    void aNameTakenBySomeoneElseGetsASuffix() throws Exception {
        String lead = janesLead("Taken");
        String name = "lead-" + lead.toLowerCase() + "-taken";
        mattermost.channelMadeByOthers(name);

        ask("janeuserid", "room " + lead, CHANNEL);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinned(name + "-2").size() == 1);
        assertThat(mattermost.members(mattermost.channelNamed(name + "-2").path("id").asText())).contains("janeuserid");
    }

    @Test
    void aClaimAfterTheRoomExistsEditsTheCardInTheRoom() throws Exception {
        String lead = offeredLead("Claimable");
        String name = "lead-" + lead.toLowerCase() + "-claimable";
        assertThat(ask("miauserid", "room " + lead, CHANNEL)).startsWith("Opening a room for " + lead);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinned(name).size() == 1);

        assertThat(ask("omaruserid", "claim " + lead, CHANNEL)).isEqualTo("Claimed " + lead + ".");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> cardsIn(name).get(0).toString().contains("Claimed by Omar Haddad"));
        assertThat(cardsIn(name)).as("edited in place").hasSize(1);
    }

    @Test
    void conversionSaysWhyAndArchivesTheChannelAndUnconvertRestoresIt() throws Exception {
        String lead = janesLead("Converting");
        String name = "lead-" + lead.toLowerCase() + "-converting";
        ask("janeuserid", "room " + lead, CHANNEL);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinned(name).size() == 1);
        String channel = mattermost.channelNamed(name).path("id").asText();

        assertThat(ask("janeuserid", "convert " + lead + " account Converting Inc", CHANNEL)).startsWith("Converted " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> mattermost.channelNamed(name).path("delete_at").asLong() != 0);
        List<ObjectNode> posts = mattermost.posts(channel);
        assertThat(posts.get(posts.size() - 1).path("message").asText().replace("\\", ""))
                .isEqualTo(lead + ": Converted by Jane Rivera into Converting Inc (new account). This room is archived.");
        List<MattermostStub.Call> calls = mattermost.calls();
        int said = lastIndexOf(calls, "POST", "/api/v4/posts", channel);
        assertThat(said).as("the last words come before the channel is archived")
                .isLessThan(lastIndexOf(calls, "DELETE", "/api/v4/channels/" + channel, ""));

        assertThat(ask("janeuserid", "unconvert " + lead, CHANNEL)).startsWith("Unconverted " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> mattermost.channelNamed(name).path("delete_at").asLong() == 0);
        assertThat(mattermost.calls()).anyMatch(c -> c.method().equals("POST") && c.path().equals("/api/v4/channels/" + channel + "/restore"));
    }

    @Test
    void withLoggingOnAPostInTheRoomGoesOnTheLeadsTimeline() throws Exception {
        String lead = janesLead("Chatty");
        String channel = roomOf(lead, "chatty");
        assertThat(said(channel, "janeuserid", "Said before logging").statusCode()).isEqualTo(200);

        assertThat(ask("janeuserid", "room log on", channel)).isEqualTo("Messages in this room go on " + lead + "'s timeline from now on.");
        assertThat(said(channel, "janeuserid", "The CFO wants a pilot").statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timeline(lead).contains("The CFO wants a pilot"));
        assertThat(timeline(lead)).contains("Jane Rivera").doesNotContain("Said before logging");
        assertThat(ask("omaruserid", "room log off", channel)).startsWith("Not allowed");
    }

    @Test
    void aFilePostedInTheRoomIsAttachedToItsLeadAndAnsweredUnderThatPost() throws Exception {
        String lead = janesLead("Filing");
        String channel = roomOf(lead, "filing");
        byte[] pdf = TestFiles.pdf(20_000);
        String post = mattermost.userPost(channel, "janeuserid", "", "", Map.of("msa.pdf", pdf));

        assertThat(MattermostFilesTest.webhook(server, mattermost, WEBHOOK_TOKEN, channel, "janeuserid", post, true).statusCode()).isEqualTo(200);

        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("msa.pdf");
        assertThat(mattermost.posts(channel)).anyMatch(p -> p.path("root_id").asText().equals(post)
                && p.path("message").asText().contains("Attached msa.pdf to " + lead));
    }

    @Test
    void aRoomGetsAWebhookOfItsOwnWhoseTokenBringsItsFilesAndNoOtherTokenDoes() throws Exception {
        String lead = janesLead("Hooked");
        String channel = roomOf(lead, "hooked");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !mattermost.hooksOf(channel).isEmpty());
        com.fasterxml.jackson.databind.JsonNode hook = mattermost.hooksOf(channel).get(0);
        assertThat(hook.path("callback_urls").get(0).asText()).isEqualTo("https://leadline.example.com/mattermost/posts");
        assertThat(hook.path("trigger_when").asInt()).isZero();
        String token = hook.path("token").asText();
        mattermost.someoneElsesHook(channel, "https://leadline.example.com/mattermost/posts", "omars-own-hook-token");
        String forged = mattermost.userPost(channel, "janeuserid", "", "", Map.of("forged.pdf", TestFiles.pdf(5_000)));
        String post = mattermost.userPost(channel, "janeuserid", "", "", Map.of("brief.pdf", TestFiles.pdf(6_000)));

        assertThat(MattermostFilesTest.webhook(server, mattermost, "omars-own-hook-token", channel, "janeuserid", forged, true).statusCode())
                .isEqualTo(401);
        assertThat(MattermostFilesTest.webhook(server, mattermost, "made-up-token", channel, "janeuserid", forged, true).statusCode())
                .isEqualTo(401);
        assertThat(MattermostFilesTest.webhook(server, mattermost, token, channel, "janeuserid", post, true).statusCode()).isEqualTo(200);

        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("brief.pdf");
        assertThat(mattermost.hooksOf(channel)).hasSize(2); // the room's, made once, and Omar's
    }

    private static String roomOf(String lead, String company) {
        String name = "lead-" + lead.toLowerCase() + "-" + company;
        ask("janeuserid", "room " + lead, CHANNEL);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinned(name).size() == 1);
        return mattermost.channelNamed(name).path("id").asText();
    }

    private static HttpResponse<String> said(String channel, String user, String text) {
        String post = mattermost.userPost(channel, user, "", text, Map.of());
        return MattermostFilesTest.webhook(server, mattermost, WEBHOOK_TOKEN, channel, user, post, false);
    }

    private static int lastIndexOf(List<MattermostStub.Call> calls, String method, String path, String bodyPart) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            MattermostStub.Call c = calls.get(i);
            if (c.method().equals(method) && c.path().equals(path) && c.body().contains(bodyPart)) {
                return i;
            }
        }
        throw new AssertionError("no " + method + " " + path);
    }

    private static String timeline(String lead) {
        return server.get("/api/v1/leads/" + lead + "/timeline").body();
    }

    private static long creates(String name) {
        return mattermost.calls().stream().filter(c -> c.method().equals("POST") && c.path().equals("/api/v4/channels")
                && c.body().contains("\"name\":\"" + name + "\"")).count();
    }

    private static List<ObjectNode> cardsIn(String name) {
        ObjectNode room = mattermost.channelNamed(name);
        return room == null ? List.of() : mattermost.posts(room.path("id").asText()).stream()
                .filter(p -> p.path("props").has("leadline_card")).toList();
    }

    private static List<ObjectNode> pinned(String name) {
        return cardsIn(name).stream().filter(p -> p.path("is_pinned").asBoolean()).toList();
    }

    /** A lead offered to Inbound and claimed by Jane in Mattermost. */
    static String janesLead(TestServer server, String company) throws Exception {
        String id = offeredLead(server, company);
        assertThat(ask(server, "janeuserid", "claim " + id, CHANNEL)).isEqualTo("Claimed " + id + ".");
        return id;
    }

    private static String janesLead(String company) throws Exception {
        return janesLead(server, company);
    }

    private static String offeredLead(String company) throws Exception {
        return offeredLead(server, company);
    }

    private static String offeredLead(TestServer server, String company) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Lee\",\"company\":\"" + company + "\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return id;
    }

    private static String askAfter(CountDownLatch go, String user, String text) {
        try {
            go.await();
            return ask(user, text, CHANNEL);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ask(String user, String text, String channel) {
        return ask(server, user, text, channel);
    }

    /** A {@code /lead} command typed in {@code channel}; the text of its answer. */
    static String ask(TestServer server, String user, String text, String channel) {
        String form = "token=" + enc(COMMAND_TOKEN) + "&team_id=" + MattermostStub.TEAM + "&channel_id=" + channel + "&user_id=" + enc(user)
                + "&user_name=someone&command=%2Flead&text=" + enc(text) + "&trigger_id=t";
        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(server.uri("/mattermost/command"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body()).path("text").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
