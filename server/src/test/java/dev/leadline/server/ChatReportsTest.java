package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports in chat: {@code leads stats} (a rep's own week against the same days of last week) and
 * {@code leads report} (the team's, by queue, for managers), counted as the REST reports count.
 */
class ChatReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tuesday of last week; the test asks on Wednesday 2 December 2026, in the week that began on Monday 30 November. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(), CLOCK);
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com")),
                        new QueueSpec("Partners", null, List.of("omar@example.com"))), Actor.cli("test"));
        // last week, Tuesday: Jane converts one, disqualifies one
        work("Inbound", "jane@example.com", "convert");
        work("Inbound", "jane@example.com", "disqualify");
        // this week, Tuesday: Jane converts three; Omar converts one in Partners
        CLOCK.set(Instant.parse("2026-12-01T10:00:00Z"));
        work("Inbound", "jane@example.com", "convert");
        work("Inbound", "jane@example.com", "convert");
        work("Inbound", "jane@example.com", "convert");
        work("Partners", "omar@example.com", "convert");
        CLOCK.set(Instant.parse("2026-12-02T12:00:00Z"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void work(String queue, String rep, String outcome) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"email\":\"" + Math.random() + "@example.com\"}").body())
                .path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"" + queue + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/leads/" + id + "/claim", "{\"rep\":\"" + rep + "\"}").statusCode()).isEqualTo(200);
        String body = outcome.equals("convert") ? "{\"rep\":\"" + rep + "\"}" : "{\"rep\":\"" + rep + "\",\"reason\":\"No budget\"}";
        assertThat(server.postJson("/api/v1/leads/" + id + "/" + outcome, body).statusCode()).isEqualTo(200);
    }

    private static String said(String text, String email) {
        Rep rep = server.services().team().repByEmail(email).orElseThrow();
        ChatReply reply = server.services().chat().handle(text, rep);
        return reply.message().plain();
    }

    @Test
    void aRepSeesTheirOwnWeekAgainstTheSameDaysOfLastWeek() {
        String stats = said("/leads stats", "jane@example.com");

        assertThat(stats).startsWith("Your week so far, against the same days last week:")
                .contains("• 3 claimed (+1 on last week)")
                .contains("• 3 converted (+2 on last week)")
                .contains("• 0 disqualified (−1 on last week)");
        assertThat(said("/leads stats", "omar@example.com")).contains("• 1 converted (+1 on last week)");
    }

    @Test
    void aManagerSeesTheTeamByQueueAndARepIsSentToTheirOwnStats() {
        String report = said("leads report", "mia@example.com");

        assertThat(report).contains("• All queues: 4 created (+2 on last week), 4 touched (+2 on last week), 4 converted (+3 on last week), "
                        + "0 disqualified (−1 on last week)")
                .contains("• Inbound: 3 created (+1 on last week), 3 touched (+1 on last week), 3 converted (+2 on last week)")
                .contains("• Partners: 1 created (+1 on last week)");
        String refused = said("/leads report", "jane@example.com");
        assertThat(refused).startsWith("Only managers get the team report; leads stats shows your own numbers.");
    }

    @Test
    void managersGetLastWeeksSummaryOnMondayFromNineOnceAndRepsDoNot() {
        try {
            CLOCK.set(Instant.parse("2026-11-23T10:00:00Z"));
            assertThat(server.services().weeklySummary().run()).as("a week with nothing to say is skipped").isZero();
            CLOCK.set(Instant.parse("2026-11-30T08:59:00Z"));
            assertThat(server.services().weeklySummary().run()).as("Monday 08:59").isZero();
            CLOCK.set(Instant.parse("2026-11-30T09:00:00Z"));
            assertThat(server.services().weeklySummary().run()).as("Monday 09:00: Mia, the one manager").isEqualTo(1);
            assertThat(server.services().weeklySummary().run()).as("once a week").isZero();

            var cards = server.database().dsl().fetch("SELECT destination_id, card FROM outbox WHERE card_key LIKE 'weekly:%'");
            assertThat(cards).hasSize(1);
            long mia = server.services().team().repByEmail("mia@example.com").orElseThrow().id();
            assertThat(cards.get(0).get(0, Long.class)).isEqualTo(mia);
            assertThat(cards.get(0).get(1, String.class)).contains("Last week, 2026-11-23 to 2026-11-29")
                    .contains("2 created (+2), 2 touched (+2), 1 converted (+1), 1 disqualified (+1)");
        } finally {
            CLOCK.set(Instant.parse("2026-12-02T12:00:00Z"));
        }
    }
}
