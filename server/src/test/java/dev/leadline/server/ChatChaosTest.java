package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cards for Slack and Teams at once, Slack answering every call 429 with a Retry-After for a while,
 * and a {@code kill -9} of the server in the middle: every card reaches both platforms, no Slack
 * channel is sent a request before its Retry-After has passed (by either server), and every card has
 * one live copy on Slack (found again by its metadata); on Teams, which cannot look a message up, only
 * the one post in flight at the kill may go twice. Sizes: {@code -Dleadline.chaos.cards=500 -Dleadline.chaos.queues=50
 * -Dleadline.chaos.throttleSeconds=20 -Dleadline.chaos.retryAfter=5} is the full run (1,000 notifications).
 */
class ChatChaosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = TeamsBotTest.APP_ID;
    private static final String TENANT = TeamsBotTest.TENANT;

    @TempDir
    Path dir;

    @Test
    void cardsReachBothPlatformsOnceThroughRateLimitsAndAKill() throws Exception {
        int cards = Integer.getInteger("leadline.chaos.cards", 40);
        int queues = Integer.getInteger("leadline.chaos.queues", 10);
        int retryAfter = Integer.getInteger("leadline.chaos.retryAfter", 2);
        Duration throttle = Duration.ofSeconds(Integer.getInteger("leadline.chaos.throttleSeconds", 4));
        try (SlackStub slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UMIA", "mia@example.com"));
             TeamsStub teams = new TeamsStub(Map.of())) {
            EmbeddedMariaDb mariaDb = TestDatabases.server();
            String dbName = "chatchaos" + ProcessHandle.current().pid();
            mariaDb.createDatabase(dbName);
            Map<String, String> env = env(mariaDb, dbName, slack, teams, queues);

            ServerJvm first = ServerJvm.start(env, dir.resolve("first.log"));
            for (int q = 0; q < queues; q++) {
                assertThat(first.postAuthorized("/api/messages", installedIn(teams, teamsChannel(q)), "Bearer " + teams.token(APP_ID))
                        .statusCode()).isEqualTo(200);
            }
            slack.throttleChannelsFor(throttle, retryAfter);
            List<String> leads = offer(first, cards, queues);
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> teamsPosts(teams, queues) >= cards / 3);
            first.kill();

            ServerJvm second = ServerJvm.start(env, dir.resolve("second.log"));
            try (Database db = mariaDb.connect(dbName, 2)) {
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> db.dsl().fetchCount(OUTBOX, OUTBOX.STATUS.eq("PENDING")) == 0);
                assertThat(db.dsl().fetchCount(OUTBOX, OUTBOX.STATUS.eq("FAILED"))).as("failed deliveries").isZero();
            } finally {
                second.stop();
            }

            long teamsRepeats = 0;
            for (int i = 0; i < leads.size(); i++) {
                String lead = leads.get(i);
                String channel = slackChannel(i % queues);
                List<SlackStub.Posted> copies = slack.messages(channel).stream()
                        .filter(m -> m.metadata() != null && m.metadata().contains("\"lead:" + lead + "\"")).toList();
                assertThat(copies).as("Slack copies of %s", lead).isNotEmpty();
                assertThat(copies.stream().filter(m -> !slack.shown(channel, m.ts()).contains("moved below")))
                        .as("live Slack copies of %s", lead).hasSize(1);
                long teamsCopies = teams.posts(teamsChannel(i % queues)).stream().filter(c -> c.body().contains("\"lead\":\"" + lead + "\""))
                        .count();
                assertThat(teamsCopies).as("Teams posts of %s", lead).isPositive();
                teamsRepeats += teamsCopies - 1;
            }
            // Teams cannot look a message up: a post in flight at the kill may go twice (a card is never lost); each of the
            // dispatcher's workers has at most one in flight
            assertThat(teamsRepeats).as("Teams posts repeated").isLessThanOrEqualTo(dev.leadline.server.notify.DispatchLoop.WORKERS);
            for (int q = 0; q < queues; q++) {
                assertRetryAfterHonoured(slack, slackChannel(q), retryAfter);
            }
        }
    }

    /** After a 429, the channel got no request of any kind before its Retry-After had passed. */
    private static void assertRetryAfterHonoured(SlackStub slack, String channel, int retryAfter) {
        List<SlackStub.Call> calls = new ArrayList<>();
        for (String method : List.of("chat.postMessage", "chat.update", "conversations.history")) {
            calls.addAll(slack.calls(method).stream().filter(c -> channel.equals(c.params().get("channel"))).toList());
        }
        calls.sort(Comparator.comparing(SlackStub.Call::at));
        Instant heldUntil = Instant.MIN;
        for (SlackStub.Call call : calls) {
            assertThat(call.at()).as("%s to %s while held by a Retry-After", call.method(), channel).isAfterOrEqualTo(heldUntil);
            if ("429".equals(call.reply())) {
                heldUntil = call.at().plusSeconds(retryAfter).minusMillis(20); // the two clocks are the same machine's
            }
        }
        assertThat(calls).as("calls to %s", channel).anyMatch(c -> "429".equals(c.reply()));
    }

    private static List<String> offer(ServerJvm server, int cards, int queues) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < cards; i++) {
                int n = i;
                created.add(clients.submit(() -> {
                    HttpResponse<String> lead = server.post("/api/v1/leads", "{\"lastName\":\"Chaos " + n + "\",\"email\":\"chaos-" + n + "@example.com\"}");
                    assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
                    String id = JSON.readTree(lead.body()).path("id").asText();
                    HttpResponse<String> offered = server.post("/api/v1/leads/" + id + "/assign",
                            "{\"rep\":\"mia@example.com\",\"queue\":\"Q" + (n % queues) + "\"}");
                    assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
                    return id;
                }));
            }
            List<String> leads = new ArrayList<>();
            for (Future<String> lead : created) {
                leads.add(lead.get());
            }
            return leads;
        } finally {
            clients.shutdownNow();
        }
    }

    private static long teamsPosts(TeamsStub teams, int queues) {
        long posts = 0;
        for (int q = 0; q < queues; q++) {
            posts += teams.posts(teamsChannel(q)).size();
        }
        return posts;
    }

    private Map<String, String> env(EmbeddedMariaDb mariaDb, String dbName, SlackStub slack, TeamsStub teams, int queues) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                reps:
                  - {email: jane@example.com, name: Jane Rivera, role: REP}
                  - {email: mia@example.com, name: Mia Chen, role: MANAGER}
                queues:
                """);
        for (int q = 0; q < queues; q++) {
            yaml.append("  - {name: Q").append(q).append(", members: [jane@example.com], channels: {slack: ").append(slackChannel(q))
                    .append(", teams: \"").append(teamsChannel(q)).append("\"}}\n");
        }
        Files.writeString(dir.resolve("leadline.yml"), yaml);
        Map<String, String> env = new HashMap<>(Map.of(
                "LEADLINE_DB_URL", mariaDb.jdbcUrl(dbName), "LEADLINE_DB_USER", mariaDb.credentials().user(),
                "LEADLINE_DB_PASSWORD", mariaDb.credentials().password(),
                "LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(), "LEADLINE_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN));
        env.putAll(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", "test-signing-secret-0123456789",
                "SLACK_API_URL", slack.apiUrl(), "TEAMS_APP_ID", APP_ID, "TEAMS_APP_PASSWORD", "test-client-secret", "TEAMS_TENANT_ID", TENANT,
                "TEAMS_OPENID_METADATA_URL", teams.openIdUrl(), "TEAMS_LOGIN_URL", teams.url()));
        return env;
    }

    private static String slackChannel(int queue) {
        return "CQ" + queue;
    }

    private static String teamsChannel(int queue) {
        return "19:q" + queue + "@thread.tacv2";
    }

    /** Teams telling the bot it was added to a team: the channel's conversation, so offers can be posted there. */
    private static String installedIn(TeamsStub teams, String channel) {
        ObjectNode a = JSON.createObjectNode().put("type", "conversationUpdate").put("id", "act-" + channel)
                .put("timestamp", Instant.now().toString()).put("serviceUrl", teams.serviceUrl()).put("channelId", "msteams");
        a.putObject("from").put("id", "29:mia").put("name", "Mia").put("aadObjectId", "aad-mia");
        a.putObject("conversation").put("id", channel).put("conversationType", "channel").put("tenantId", TENANT);
        a.putObject("recipient").put("id", "28:" + APP_ID).put("name", "Leadline");
        a.putArray("membersAdded").addObject().put("id", "28:" + APP_ID);
        ObjectNode channelData = a.putObject("channelData");
        channelData.put("eventType", "teamMemberAdded");
        channelData.putObject("tenant").put("id", TENANT);
        channelData.putObject("team").put("id", channel);
        channelData.putObject("channel").put("id", channel);
        return a.toString();
    }
}
