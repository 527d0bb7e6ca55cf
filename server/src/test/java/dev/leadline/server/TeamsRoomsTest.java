package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
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
 * Lead rooms in Teams, through the real endpoint (JWT-authenticated activities) and a loopback Bot
 * Framework: a room is a thread the bot starts in the queue's channel with {@code createConversation}.
 */
class TeamsRoomsTest {
    private static final String APP_ID = TeamsBotTest.APP_ID;
    private static final String TENANT = TeamsBotTest.TENANT;
    private static final String CHANNEL = "19:rooms@thread.tacv2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TeamsStub teams;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        teams = new TeamsStub(Map.of(
                "29:jane", TeamsStub.member("29:jane", "Jane Rivera", "aad-jane", "jane@example.com"),
                "29:omar", TeamsStub.member("29:omar", "Omar Haddad", "aad-omar", "omar@example.com"),
                "29:mia", TeamsStub.member("29:mia", "Mia Chen", "aad-mia", "mia@example.com")));
        server = TestServer.start(Map.of("TEAMS_APP_ID", APP_ID, "TEAMS_APP_PASSWORD", "test-client-secret", "TEAMS_TENANT_ID", TENANT,
                "TEAMS_OPENID_METADATA_URL", teams.openIdUrl(), "TEAMS_LOGIN_URL", teams.url()));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("teams", CHANNEL))),
                Actor.cli("test"));
        ObjectNode installed = teams.activity("conversationUpdate", "29:mia", "aad-mia", CHANNEL, "channel", TENANT, APP_ID, CHANNEL);
        installed.putArray("membersAdded").addObject().put("id", "28:" + APP_ID);
        assertThat(send(installed.toString()).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        teams.close();
    }

    @Test
    void twoSimultaneousRequestsStartOneThreadInTheQueueChannelWithTheCardAndTheRepsMentioned() throws Exception {
        String lead = janesLead("Twice");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Integer> jane = CompletableFuture.supplyAsync(() -> sayAfter(go, "29:jane", "aad-jane", "<at>Leadline</at> room " + lead));
        CompletableFuture<Integer> mia = CompletableFuture.supplyAsync(() -> sayAfter(go, "29:mia", "aad-mia", "<at>Leadline</at> room " + lead));
        go.countDown();
        assertThat(List.of(jane.get(), mia.get())).containsOnly(200);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> startsFor(lead).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> startsFor(lead).size() == 1);
        JsonNode start = JSON.readTree(startsFor(lead).get(0).body());
        assertThat(start.path("isGroup").asBoolean()).isTrue();
        assertThat(start.path("channelData").path("channel").path("id").asText()).isEqualTo(CHANNEL);
        JsonNode first = start.path("activity");
        assertThat(first.path("attachments").get(0).path("content").toString()).contains("\"lead\":\"" + lead + "\"")
                .doesNotContain("\"verb\":\"qualify\"");
        assertThat(first.path("text").asText()).contains("<at>Jane Rivera</at>");
        assertThat(first.path("entities").toString()).contains("\"type\":\"mention\"").contains("\"id\":\"29:jane\"");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> repliesSaying("has a room already").stream()
                .anyMatch(r -> r.contains(lead)) && repliesSaying("Opening a room for " + lead).size() == 1);
    }

    @Test
    void aClaimAfterTheRoomExistsEditsTheCardInTheRoom() throws Exception {
        String lead = offeredLead("Claimable");
        assertThat(say("29:mia", "aad-mia", CHANNEL, "<at>Leadline</at> room " + lead).statusCode()).isEqualTo(200);
        String room = roomOf(lead);
        String card = startsFor(lead).get(0).answeredId();

        assertThat(send(claim("29:omar", "aad-omar", lead)).statusCode())
                .isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> teams.updates(room).stream()
                .anyMatch(u -> u.path().endsWith("/" + card) && u.body().contains("Claimed by Omar Haddad")));
    }

    @Test
    void conversionSaysWhyInTheRoomAndUnconvertSaysItIsOpenAgain() throws Exception {
        String lead = janesLead("Converting");
        say("29:jane", "aad-jane", CHANNEL, "<at>Leadline</at> room " + lead);
        String room = roomOf(lead);

        say("29:jane", "aad-jane", "a:jane-rooms", "personal", "convert " + lead + " account Converting Inc");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> teams.posts(room).stream()
                .anyMatch(p -> p.body().contains(lead + ": Converted by Jane Rivera into Converting Inc (new account). This room is archived.")));

        say("29:jane", "aad-jane", "a:jane-rooms", "personal", "unconvert " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> teams.posts(room).stream()
                .anyMatch(p -> p.body().contains("This room is back.")));
    }

    @Test
    void withLoggingOnAMessageInTheRoomGoesOnTheLeadsTimelineAndIsNotAnswered() throws Exception {
        String lead = janesLead("Chatty");
        say("29:jane", "aad-jane", CHANNEL, "<at>Leadline</at> room " + lead);
        String room = roomOf(lead);
        say("29:jane", "aad-jane", room, "Said before logging");

        say("29:jane", "aad-jane", room, "<at>Leadline</at> room log on");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teams.replies(room).stream()
                .anyMatch(r -> r.body().contains("Messages in this room go on " + lead + "'s timeline from now on.")));
        say("29:jane", "aad-jane", room, "The CFO wants a pilot");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timeline(lead).contains("The CFO wants a pilot"));
        assertThat(timeline(lead)).contains("Jane Rivera").doesNotContain("Said before logging");
        assertThat(teams.replies(room)).as("only the command is answered").hasSize(1);
    }

    @Test
    void anImagePastedInTheRoomIsAttachedToItsLead() throws Exception {
        String lead = janesLead("Filing");
        say("29:jane", "aad-jane", CHANNEL, "<at>Leadline</at> room " + lead);
        String room = roomOf(lead);
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        ObjectNode pasted = teams.message("29:jane", "aad-jane", room, "channel", TENANT, APP_ID, CHANNEL, "the whiteboard");
        pasted.putArray("attachments").addObject().put("contentType", "image/png").put("name", "whiteboard.png")
                .put("contentUrl", teams.pasteImage("room-png", png));

        assertThat(send(pasted.toString()).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teams.replies(room).stream()
                .anyMatch(r -> r.body().contains("Attached whiteboard.png to " + lead)));
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("whiteboard.png");
    }

    // ---- helpers

    /** The room's thread id, once the bot has started it. */
    private static String roomOf(String lead) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> startsFor(lead).size() == 1);
        return CHANNEL + ";messageid=" + startsFor(lead).get(0).answeredId();
    }

    private static List<TeamsStub.Call> startsFor(String lead) {
        return teams.starts().stream().filter(c -> c.body().contains("\"lead\":\"" + lead + "\"")).toList();
    }

    private static List<String> repliesSaying(String text) {
        return teams.replies(CHANNEL).stream().map(TeamsStub.Call::body).filter(b -> b.contains(text)).toList();
    }

    private static String timeline(String lead) {
        return server.get("/api/v1/leads/" + lead + "/timeline").body();
    }

    /** A lead offered to Inbound and claimed by Jane on its card in the channel. */
    private static String janesLead(String company) throws Exception {
        String lead = offeredLead(company);
        assertThat(send(claim("29:jane", "aad-jane", lead)).body())
                .contains("Claimed " + lead);
        return lead;
    }

    private static String offeredLead(String company) throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Lee\",\"company\":\"" + company + "\"}").body())
                .path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return lead;
    }

    private static String claim(String user, String aad, String lead) {
        return teams.invoke(user, aad, CHANNEL, "channel", TENANT, APP_ID, CHANNEL, "claim", Map.of("lead", lead)).toString();
    }

    private static int sayAfter(CountDownLatch go, String user, String aad, String text) {
        try {
            go.await();
            return say(user, aad, CHANNEL, text).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.net.http.HttpResponse<String> say(String user, String aad, String conversation, String text) {
        return say(user, aad, conversation, "channel", text);
    }

    private static java.net.http.HttpResponse<String> say(String user, String aad, String conversation, String type, String text) {
        return send(teams.message(user, aad, conversation, type, TENANT, APP_ID, CHANNEL, text).toString());
    }

    private static java.net.http.HttpResponse<String> send(String activity) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/messages")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + teams.token(APP_ID)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(activity))
                .build());
    }
}
