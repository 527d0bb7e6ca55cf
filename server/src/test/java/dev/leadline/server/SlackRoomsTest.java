package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
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

/** Lead rooms in Slack, through the real endpoint (signed commands and events) and a loopback Slack. */
class SlackRoomsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SlackStub slack;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UOMAR", "omar@example.com", "UMIA", "mia@example.com"));
        server = SlackDesk.start(slack);
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
    }

    @Test
    void twoSimultaneousRequestsMakeOneChannelWithTheCardPostedAndPinnedOnce() throws Exception {
        String lead = janesLead("Acme Twice");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> jane = CompletableFuture.supplyAsync(() -> askAfter(go, "UJANE", "room " + lead));
        CompletableFuture<JsonNode> mia = CompletableFuture.supplyAsync(() -> askAfter(go, "UMIA", "room " + lead));
        go.countDown();

        List<String> answers = List.of(jane.get().path("text").asText(), mia.get().path("text").asText());
        String name = "lead-" + lead.toLowerCase() + "-acme-twice";
        assertThat(answers).filteredOn(a -> a.startsWith("Opening a room for " + lead + ": `#" + name + "`")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.startsWith(lead + " has a room already")).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> creates(name).size() == 1
                && postsIn(name).size() == 1 && pinsIn(name).size() == 1);
        SlackStub.Channel room = slack.channelNamed(name);
        assertThat(room.members()).as("the owner is asked in, whoever opened it").contains("UJANE");
        assertThat(postsIn(name).get(0).params().get("blocks")).contains(lead).doesNotContain("\"action_id\":\"qualify\"");
        assertThat(pinsIn(name).get(0).params().get("timestamp")).isEqualTo(JSON.readTree(postsIn(name).get(0).reply()).path("ts").asText());
    }

    @Test
    void aTakenNameGetsASuffix() throws Exception {
        String lead = janesLead("Taken");
        String name = "lead-" + lead.toLowerCase() + "-taken";
        slack.channelMadeByOthers("COTHER", name);

        ask("UJANE", "room " + lead, "CINBOUND");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name + "-2").size() == 1);
        assertThat(slack.channelNamed(name + "-2").members()).contains("UJANE");
    }

    @Test
    void aClaimAfterTheRoomExistsEditsTheCardInTheRoom() throws Exception {
        String lead = offeredLead("Claimable");
        String name = "lead-" + lead.toLowerCase() + "-claimable";
        assertThat(ask("UMIA", "room " + lead, "CINBOUND").path("text").asText()).startsWith("Opening a room for " + lead);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name).size() == 1);
        String channel = slack.channelNamed(name).id();
        String ts = JSON.readTree(postsIn(name).get(0).reply()).path("ts").asText();

        assertThat(ask("UOMAR", "claim " + lead, "CINBOUND").path("text").asText()).isEqualTo("Claimed " + lead + ".");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(u -> channel.equals(u.params().get("channel")) && ts.equals(u.params().get("ts"))
                        && u.params().get("blocks").contains("Claimed by Omar Haddad")));
    }

    @Test
    void conversionSaysWhyAndArchivesTheRoomAndUnconvertBringsItBack() throws Exception {
        String lead = janesLead("Converting");
        String name = "lead-" + lead.toLowerCase() + "-converting";
        ask("UJANE", "room " + lead, "CINBOUND");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name).size() == 1);
        String channel = slack.channelNamed(name).id();

        assertThat(ask("UJANE", "convert " + lead + " account Converting Inc", "CINBOUND").path("text").asText()).startsWith("Converted " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> slack.channelNamed(name).archived().get());
        SlackStub.Call lastWords = slack.calls("chat.postMessage").stream().filter(p -> channel.equals(p.params().get("channel")))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastWords.params().get("text")).isEqualTo(lead + ": Converted by Jane Rivera into Converting Inc (new account). This room is archived.");
        assertThat(lastWords.at()).isBeforeOrEqualTo(slack.calls("conversations.archive").stream()
                .filter(a -> channel.equals(a.params().get("channel"))).findFirst().orElseThrow().at());

        assertThat(ask("UJANE", "unconvert " + lead, "CINBOUND").path("text").asText()).startsWith("Unconverted " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !slack.channelNamed(name).archived().get());
        assertThat(slack.calls("conversations.unarchive")).anyMatch(u -> channel.equals(u.params().get("channel")));
    }

    @Test
    void aRepWhoNeitherOwnsNorManagesTheLeadIsRefused() throws Exception {
        String lead = janesLead("Private");

        String answer = ask("UOMAR", "room " + lead, "CINBOUND").path("text").asText();

        assertThat(answer).isEqualTo("Not allowed: only " + lead + "'s owner, a manager or a rep its routing rule names may open its room.");
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> creates("lead-" + lead.toLowerCase() + "-private").isEmpty());
    }

    @Test
    void aRuleWithRoomOpensARoomWhenItPlacesTheLead() throws Exception {
        server.services().rules().save("default", Map.of(
                "entries", List.of(Map.of("name", "Hot", "when", Map.of("field", "company", "op", "eq", "value", "Hotrod"),
                        "to", Map.of("rep", "jane@example.com"), "room", Map.of("invite", List.of("mia@example.com")))),
                "default", Map.of("queue", "Inbound")), Actor.cli("test"));
        try {
            String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Fast\",\"company\":\"Hotrod\"}").body()).path("id").asText();
            String name = "lead-" + lead.toLowerCase() + "-hotrod";

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pinsIn(name).size() == 1);

            assertThat(slack.channelNamed(name).members()).contains("UJANE", "UMIA");
            assertThat(postsIn(name).get(0).params().get("blocks")).contains("Jane Rivera");
        } finally {
            server.services().rules().delete("default", Actor.cli("test"));
        }
    }

    @Test
    void withLoggingOnAMessageInTheRoomGoesOnTheLeadsTimeline() throws Exception {
        String lead = janesLead("Chatty");
        String name = "lead-" + lead.toLowerCase() + "-chatty";
        ask("UJANE", "room " + lead, "CINBOUND");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name).size() == 1);
        String channel = slack.channelNamed(name).id();
        message("EvBEFORE", channel, "UJANE", "Said before logging");

        assertThat(ask("UJANE", "room log on", channel).path("text").asText())
                .isEqualTo("Messages in this room go on " + lead + "'s timeline from now on.");
        message("EvLOGGED", channel, "UJANE", "The CFO wants a pilot");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timeline(lead).contains("The CFO wants a pilot"));
        assertThat(timeline(lead)).contains("Jane Rivera").doesNotContain("Said before logging");
        assertThat(ask("UOMAR", "room log off", channel).path("text").asText()).startsWith("Not allowed");
    }

    @Test
    void aFileSharedInTheRoomIsAttachedToItsLead() throws Exception {
        String lead = janesLead("Filing");
        String name = "lead-" + lead.toLowerCase() + "-filing";
        ask("UJANE", "room " + lead, "CINBOUND");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pinsIn(name).size() == 1);
        String channel = slack.channelNamed(name).id();
        byte[] pdf = TestFiles.pdf(20_000);
        String url = slack.shareFile("F0ROOM", pdf);

        String event = "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"EvROOMFILE\","
                + "\"event_time\":1700000000,\"event\":{\"type\":\"message\",\"subtype\":\"file_share\",\"channel\":\"" + channel + "\","
                + "\"user\":\"UJANE\",\"text\":\"\",\"ts\":\"1700000000.000300\",\"channel_type\":\"channel\",\"files\":[{\"id\":\"F0ROOM\","
                + "\"name\":\"msa.pdf\",\"mimetype\":\"application/pdf\",\"size\":" + pdf.length + ",\"url_private_download\":\"" + url + "\"}]}}";
        assertThat(server.send(signed(event, "application/json")).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> channel.equals(c.params().get("channel")) && "1700000000.000300".equals(c.params().get("thread_ts"))));
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("msa.pdf");
        assertThat(timeline(lead)).contains("Jane Rivera attached msa.pdf");
    }

    private static String timeline(String lead) {
        return server.get("/api/v1/leads/" + lead + "/timeline").body();
    }

    private static void message(String eventId, String channel, String user, String text) {
        String event = "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\","
                + "\"event_time\":1700000000,\"event\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"" + user + "\","
                + "\"text\":\"" + text + "\",\"ts\":\"1700000000.000100\",\"channel_type\":\"channel\"}}";
        assertThat(server.send(signed(event, "application/json")).statusCode()).isEqualTo(200);
    }

    /** A lead offered to Inbound and claimed by Jane in Slack. */
    private static String janesLead(String company) throws Exception {
        String id = offeredLead(company);
        assertThat(ask("UJANE", "claim " + id, "CINBOUND").path("text").asText()).isEqualTo("Claimed " + id + ".");
        return id;
    }

    private static String offeredLead(String company) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Lee\",\"company\":\"" + company + "\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return id;
    }

    private static List<SlackStub.Call> creates(String name) {
        return slack.calls("conversations.create").stream().filter(c -> name.equals(c.params().get("name"))).toList();
    }

    private static List<SlackStub.Call> postsIn(String name) {
        SlackStub.Channel room = slack.channelNamed(name);
        return room == null ? List.of() : slack.calls("chat.postMessage").stream().filter(c -> room.id().equals(c.params().get("channel"))).toList();
    }

    private static List<SlackStub.Call> pinsIn(String name) {
        SlackStub.Channel room = slack.channelNamed(name);
        return room == null ? List.of() : slack.calls("pins.add").stream().filter(c -> room.id().equals(c.params().get("channel"))).toList();
    }

    private static JsonNode askAfter(CountDownLatch go, String user, String text) {
        try {
            go.await();
            return ask(user, text, "CINBOUND");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a signed {@code /lead} command typed in {@code channel}, and returns the answer posted to its response_url. */
    private static JsonNode ask(String user, String text, String channel) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        HttpResponse<String> ack = server.send(signed(form(Map.of("token", "x", "team_id", "T1", "user_id", user, "user_name", user.toLowerCase(),
                "command", "/lead", "text", text, "response_url", slack.responseUrl(id), "trigger_id", "1.2", "channel_id", channel)),
                "application/x-www-form-urlencoded"));
        assertThat(ack.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("response/" + id).isEmpty());
        return JSON.readTree(slack.calls("response/" + id).get(0).body());
    }

    private static HttpRequest signed(String body, String contentType) {
        return SlackDesk.signed(server, body, contentType);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
