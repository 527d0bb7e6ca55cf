package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hand off now, through Slack (requests signed at the server's injected time, which it checks them against) (Bolt, signed requests, a loopback Slack): Jane, on a call, offers her lead to the
 * Sales queue; Omar has a meeting in ten minutes, so Lee and Mia are offered it; Lee takes it first and gets the
 * lead and a meeting now, Mia's offer is withdrawn, and Jane hears who takes the call. An offer nobody takes runs
 * out after five minutes. The injected time only moves forward (chat pacing counts in it).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SlackHandoffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TUESDAY = Instant.parse("2026-12-08T15:00:00Z");
    private static SlackStub slack;
    private static MutableClock clock;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UOMAR", "omar@example.com", "UMIA", "mia@example.com",
                "ULEE", "lee@example.com"));
        clock = new MutableClock(TUESDAY);
        server = TestServer.start(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", SlackDesk.SECRET,
                "SLACK_API_URL", slack.apiUrl()), clock);
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", "Europe/London", "MON-FRI 09:00-17:00", null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", "Europe/London", "MON-FRI 09:00-17:00", null, true, "REP", Map.of()),
                        new RepSpec("lee@example.com", "Lee Park", "America/New_York", "MON-FRI 09:00-17:00", null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", "Europe/London", "MON-FRI 09:00-17:00", null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"), Map.of("slack", "CINBOUND")),
                        new QueueSpec("Sales", null, List.of("jane@example.com", "omar@example.com", "lee@example.com", "mia@example.com"))),
                Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theFirstFreeMemberToTakeItGetsTheLeadAndTheOthersOffersAreWithdrawn() throws Exception {
        clock.set(TUESDAY);
        String lead = janesLead("Acme Live");
        // Omar has a meeting in 10 minutes: not free for a call now
        String omars = janesLead("Omar Busy");
        reassign(omars, "omar@example.com");
        assertThat(server.services().scheduling().book(LeadId.parse(omars), server.services().team().repByEmail("omar@example.com").orElseThrow(),
                TUESDAY.plus(Duration.ofMinutes(10)), Duration.ofMinutes(30), "Demo", List.of()))
                .isInstanceOf(dev.leadline.core.scheduling.ScheduleOutcome.Done.class);

        String offered = ask("UJANE", "handoff " + lead + " Sales").path("text").asText();
        assertThat(offered).isEqualTo(lead + " is offered to Lee Park, Mia Chen: the first to take it gets it. You will hear who takes the call.");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> offered("ULEE", lead) && offered("UMIA", lead));
        assertThat(offered("UOMAR", lead)).isFalse();
        // a second hand-off while one is out is refused
        assertThat(ask("UJANE", "handoff " + lead + " Sales").path("text").asText()).contains("is offered already, to Lee Park, Mia Chen");

        JsonNode taken = press("ULEE", "take-handoff", lead, "lee-take");
        assertThat(taken.path("text").asText()).startsWith("You took " + lead + ": call ");
        JsonNode late = press("UMIA", "take-handoff", lead, "mia-take");
        assertThat(late.path("text").asText()).contains(lead + " is not being handed off; Lee Park has it");

        long lee = server.services().team().repByEmail("lee@example.com").orElseThrow().id();
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isEqualTo(lee);
        List<Meeting> meetings = server.services().scheduling().meetings(LeadId.parse(lead));
        assertThat(meetings).singleElement().satisfies(m -> {
            assertThat(m.repId()).isEqualTo(lee);
            assertThat(m.startsAt()).isEqualTo(TUESDAY);
            assertThat(m.title()).startsWith("Live hand-off from Jane Rivera");
        });
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Handed off live by Jane Rivera to Lee Park")
                .contains("Hand-off offered by Jane Rivera to Lee Park, Mia Chen (Sales)");
        // Mia's offer is edited: who took it, and no button; Jane hears who takes the call
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.params().getOrDefault("blocks", "").contains("Lee Park took it")
                        && !c.params().getOrDefault("blocks", "").contains("take-handoff")));
        // a second post to one chat waits for Slack's pace (a message a second per channel): let the injected time pass
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return dm("UJANE", "Lee Park takes the call now");
        });
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anOfferNobodyTakesRunsOutAndTheAskerIsTold() throws Exception {
        clock.set(TUESDAY.plus(Duration.ofHours(1)));
        String lead = janesLead("Acme Quiet");
        assertThat(ask("UJANE", "handoff " + lead + " Sales").path("text").asText()).startsWith(lead + " is offered to ");
        assertThat(ask("UJANE", "handoff " + lead + " Nowhere").path("text").asText()).contains("no queue named Nowhere");
        assertThat(ask("UOMAR", "handoff " + lead + " Sales").path("text").asText()).contains("belongs to someone else");
        clock.advance(Duration.ofMinutes(6));
        // the booking job withdraws it within 5 s; a loaded machine may be slower: withdraw now (once, whoever comes first)
        server.services().handoffs().expire(10);
        assertThat(server.services().handoffs().expire(10)).isZero();
        // Jane's message waits for Slack's pace (a message a second per chat): let the injected time pass
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return dm("UJANE", "Nobody in the queue took the hand-off");
        });
        assertThat(press("ULEE", "take-handoff", lead, "lee-late").path("text").asText()).contains("is not being handed off");
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId())
                .isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aVisitorsBookingMovingAndCancellingShowOnTheRepsCardInSlack() throws Exception {
        clock.set(TUESDAY.plus(Duration.ofHours(2)));
        HttpResponse<String> form = server.send(server.request("/api/v1/forms/book").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Book\", \"booking\": {\"queue\": \"Inbound\"}}")).build());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/forms/book"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"vera@client.example\", \"last_name\": \"Visitor\", \"company\": \"Card Co\"}")).build()).body());
        String link = java.net.URI.create(answer.path("booking").path("url").asText()).getPath();

        assertThat(server.postJson(link, "{\"startsAt\": \"2026-12-09T10:00:00Z\"}").statusCode()).isEqualTo(201);
        // Jane, the queue's only member, gets the lead, with the meeting on its card
        awaitCard(c -> "UJANE".equals(c.params().get("channel")) && c.params().getOrDefault("blocks", "").contains("Card Co")
                && c.params().getOrDefault("blocks", "").contains("Wed 9 Dec 10:00 UTC"), "chat.postMessage");
        assertThat(server.postJson(link + "/reschedule", "{\"startsAt\": \"2026-12-10T11:00:00Z\"}").statusCode()).isEqualTo(200);
        awaitCard(c -> c.params().getOrDefault("blocks", "").contains("Card Co") && c.params().getOrDefault("blocks", "").contains("Thu 10 Dec 11:00 UTC"),
                "chat.update");
        int before = slack.calls("chat.update").size();
        assertThat(server.postJson(link + "/cancel", "").statusCode()).isEqualTo(200);
        awaitCard(c -> slack.calls("chat.update").indexOf(c) >= before && c.params().getOrDefault("blocks", "").contains("Card Co")
                && c.params().getOrDefault("blocks", "").contains("Meeting cancelled by the visitor")
                && !c.params().getOrDefault("blocks", "").contains("Next meeting"), "chat.update");
    }

    /** Waits (letting the injected time pass, for Slack's pace) for a call of {@code method} that passes. */
    private static void awaitCard(java.util.function.Predicate<SlackStub.Call> wanted, String method) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return slack.calls(method).stream().anyMatch(wanted);
        });
    }

    private static void reassign(String lead, String email) {
        var mia = server.services().team().repByEmail("mia@example.com").orElseThrow();
        server.services().claims().assign(LeadId.parse(lead), mia, server.services().team().repByEmail(email).orElseThrow(), "test");
    }

    private static boolean offered(String user, String lead) {
        return slack.calls("chat.postMessage").stream().anyMatch(c -> user.equals(c.params().get("channel"))
                && c.params().getOrDefault("blocks", "").contains("take-handoff") && c.params().getOrDefault("blocks", "").contains(":" + lead + "\""));
    }

    private static boolean dm(String user, String text) {
        return slack.calls("chat.postMessage").stream().anyMatch(c -> user.equals(c.params().get("channel"))
                && (c.params().getOrDefault("blocks", "") + c.params().getOrDefault("text", "")).contains(text));
    }

    /** A lead offered to Inbound and claimed by Jane in Slack. */
    private static String janesLead(String company) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Lee\",\"phone\":\"+1 212 555 0100\",\"company\":\"" + company
                + "\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        assertThat(ask("UJANE", "claim " + id).path("text").asText()).isEqualTo("Claimed " + id + ".");
        return id;
    }

    private static JsonNode ask(String user, String text) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        HttpResponse<String> ack = server.send(SlackDesk.signed(server, form(Map.of("token", "x", "team_id", "T1", "user_id", user,
                "user_name", user.toLowerCase(), "command", "/lead", "text", text, "response_url", slack.responseUrl(id), "trigger_id", "1.2",
                "channel_id", "CINBOUND")), "application/x-www-form-urlencoded", clock.instant().getEpochSecond()));
        assertThat(ack.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("response/" + id).isEmpty());
        return JSON.readTree(slack.calls("response/" + id).get(0).body());
    }

    private static JsonNode press(String user, String action, String lead, String responseId) throws Exception {
        String id = responseId + "-" + java.util.UUID.randomUUID();
        HttpResponse<String> ack = server.send(SlackDesk.signed(server, form(Map.of("payload", "{\"type\":\"block_actions\",\"user\":{\"id\":\""
                + user + "\"},\"team\":{\"id\":\"T1\"},\"api_app_id\":\"A1\",\"trigger_id\":\"trig-" + id + "\",\"response_url\":\""
                + slack.responseUrl(id) + "\",\"channel\":{\"id\":\"D" + user + "\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"" + action
                + "\",\"block_id\":\"actions:" + lead + "\",\"value\":\"" + lead + "\",\"action_ts\":\"1700000000.1\"}]}")),
                "application/x-www-form-urlencoded", clock.instant().getEpochSecond()));
        assertThat(ack.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("response/" + id).isEmpty());
        return JSON.readTree(slack.calls("response/" + id).get(0).body());
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
