package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files shared in Slack in a thread under a lead's card: signed events through Bolt, the file fetched from the Slack stub. */
class SlackFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger EVENTS = new AtomicInteger();
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
    void aFileSharedInTheLeadsThreadIsAttachedAndSaidSoInTheThread() throws Exception {
        String lead = janesLead("Thread");
        SlackStub.Call card = cardOf(lead);
        byte[] pdf = TestFiles.pdf(40_000);
        String url = slack.shareFile("F0QUOTE", pdf);

        share("UJANE", card, "F0QUOTE", "quote.pdf", pdf.length, url);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answerIn(card) != null);
        assertThat(answerIn(card).params().get("text")).contains("Attached quote.pdf to " + lead);
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("quote.pdf");
        JsonNode file = JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files").get(0);
        assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(pdf));
        assertThat(file.path("addedBy").asText()).isEqualTo("rep:jane@example.com");
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Jane Rivera attached quote.pdf");
        assertThat(slack.calls("files-pri")).anyMatch(c -> "Bearer xoxb-test-token".equals(c.authorization()));
    }

    @Test
    void aRepWhoMayNotWorkTheLeadOrAFileOfAKindNotAcceptedIsToldWhyAndNothingIsAttached() throws Exception {
        String lead = janesLead("Refused");
        SlackStub.Call card = cardOf(lead);
        byte[] page = "<html><body><script>alert(1)</script></body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        share("UOMAR", card, "F0OMAR", "notes.txt", 5, slack.shareFile("F0OMAR", "omar!".getBytes()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answerIn(card) != null);
        assertThat(answerIn(card).params().get("text")).contains("Not attached").contains("belongs to someone else");

        share("UJANE", card, "F0HTML", "notes.txt", page.length, slack.shareFile("F0HTML", page));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answersIn(card).size() == 2);
        assertThat(answersIn(card).get(1).params().get("text")).contains("Not attached").contains("text/html");
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).isEmpty();
    }

    @Test
    void aFileSharedInAThreadThatIsNoLeadsIsLeftAlone() throws Exception {
        String lead = janesLead("Elsewhere");
        SlackStub.Call card = cardOf(lead);
        String channel = JSON.readTree(card.reply()).path("channel").asText();
        int before = slack.calls("chat.postMessage").size();

        String event = fileShare("UJANE", channel, "1600000000.000100", "F0ELSE", "other.txt", 5, slack.shareFile("F0ELSE", "hello".getBytes()));
        assertThat(server.send(signed(event)).statusCode()).isEqualTo(200);

        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> slack.calls("chat.postMessage").size() == before && slack.calls("files-pri").stream()
                        .noneMatch(c -> "F0ELSE".equals(c.params().get("id"))));
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).isEmpty();
    }

    private static String janesLead(String name) throws Exception {
        String id = LeadFilesTest.newLead(server, name);
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}").statusCode())
                .isEqualTo(200);
        return id;
    }

    /** The lead's card as posted to Jane's DMs. */
    private static SlackStub.Call cardOf(String lead) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> card(lead) != null);
        return card(lead);
    }

    private static SlackStub.Call card(String lead) {
        return slack.calls("chat.postMessage").stream().filter(c -> c.params().getOrDefault("blocks", "").contains("\"value\":\"" + lead + "\""))
                .filter(c -> c.params().get("thread_ts") == null).findFirst().orElse(null);
    }

    private static void share(String user, SlackStub.Call card, String fileId, String name, long size, String url) throws Exception {
        JsonNode posted = JSON.readTree(card.reply());
        String event = fileShare(user, posted.path("channel").asText(), posted.path("ts").asText(), fileId, name, size, url);
        assertThat(server.send(signed(event)).statusCode()).isEqualTo(200);
    }

    /** A message with a file in a thread, as Slack's Events API sends it (subtype file_share). */
    private static String fileShare(String user, String channel, String threadTs, String fileId, String name, long size, String url) {
        return "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"EvFILE" + EVENTS.incrementAndGet()
                + "\",\"event_time\":1700000000,\"event\":{\"type\":\"message\",\"subtype\":\"file_share\",\"channel\":\"" + channel + "\","
                + "\"channel_type\":\"im\",\"user\":\"" + user + "\",\"text\":\"\",\"ts\":\"1700000001.000" + EVENTS.get() + "\","
                + "\"thread_ts\":\"" + threadTs + "\",\"upload\":true,\"files\":[{\"id\":\"" + fileId + "\",\"name\":\"" + name + "\",\"title\":\""
                + name + "\",\"mimetype\":\"application/octet-stream\",\"filetype\":\"binary\",\"size\":" + size + ",\"url_private\":\"" + url
                + "\",\"url_private_download\":\"" + url + "\",\"mode\":\"hosted\"}]}}";
    }

    private static SlackStub.Call answerIn(SlackStub.Call card) {
        List<SlackStub.Call> answers = answersIn(card);
        return answers.isEmpty() ? null : answers.get(0);
    }

    private static List<SlackStub.Call> answersIn(SlackStub.Call card) {
        try {
            String ts = JSON.readTree(card.reply()).path("ts").asText();
            return slack.calls("chat.postMessage").stream().filter(c -> ts.equals(c.params().get("thread_ts"))).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest signed(String body) {
        return SlackDesk.signed(server, body, "application/json");
    }
}
