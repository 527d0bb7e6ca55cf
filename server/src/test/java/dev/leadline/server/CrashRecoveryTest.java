package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
import static dev.leadline.db.jooq.Tables.OUTBOX;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.TestDatabases;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kills a real server process (SIGKILL) in the middle of a burst of lead actions, starts a new one on
 * the same database, and checks that every acknowledged action is there and every notification went
 * out, once.
 */
class CrashRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = TestServer.ADMIN_TOKEN;
    private static final Pattern QUEUE_POST = Pattern.compile("\\[card log-\\d+ to QUEUE \\d+\\] (L-\\d+) ");

    @Test
    void aServerKilledMidBurstLosesNoAcknowledgedActionAndDeliversEveryNotificationOnce() throws Exception {
        EmbeddedMariaDb mariaDb = TestDatabases.server();
        String dbName = "crash" + ProcessHandle.current().pid();
        mariaDb.createDatabase(dbName);
        Path dir = Files.createTempDirectory("leadline-crash-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDatabases.deleteQuietly(dir)));
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - {email: jane@example.com, name: Jane Rivera, role: REP}
                  - {email: mia@example.com, name: Mia Chen, role: MANAGER}
                queues:
                  - {name: Inbound, members: [jane@example.com]}
                  - {name: Managers, members: [mia@example.com]}   # two queues: no default rules, a lead is offered once, when assigned
                """);
        Map<String, String> env = new HashMap<>(Map.of(
                "LEADLINE_DB_URL", mariaDb.jdbcUrl(dbName), "LEADLINE_DB_USER", mariaDb.credentials().user(),
                "LEADLINE_DB_PASSWORD", mariaDb.credentials().password(),
                "LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(), "LEADLINE_BOOTSTRAP_TOKEN", TOKEN));

        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        ServerJvm first = ServerJvm.start(env, dir.resolve("first.log"));
        AtomicInteger created = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            int client = t;
            clients.submit(() -> burst(first, client, created, acknowledged));
        }
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> created.get() >= 60);
        first.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        ServerJvm second = ServerJvm.start(env, dir.resolve("second.log"));
        try (Database db = mariaDb.connect(dbName, 2)) {
            Awaitility.await().atMost(Duration.ofMinutes(1))
                    .until(() -> db.dsl().fetchCount(OUTBOX, OUTBOX.STATUS.ne("DELIVERED")) == 0);

            for (String email : acknowledged.getOrDefault("create", Set.of())) {
                assertThat(db.dsl().fetchCount(SALES_LEAD, SALES_LEAD.EMAIL.eq(email))).as("lead %s", email).isEqualTo(1);
            }
            for (String email : acknowledged.getOrDefault("assign", Set.of())) {
                assertThat(db.dsl().fetchCount(ACTIVITY.join(SALES_LEAD).on(ACTIVITY.LEAD_ID.eq(SALES_LEAD.ID)),
                        SALES_LEAD.EMAIL.eq(email).and(ACTIVITY.TYPE.eq("OFFERED")))).as("offer of %s", email).isEqualTo(1);
            }
            for (String email : acknowledged.getOrDefault("claim", Set.of())) {
                assertThat(db.dsl().select(SALES_LEAD.OWNER_REP_ID).from(SALES_LEAD).where(SALES_LEAD.EMAIL.eq(email))
                        .fetchOne(SALES_LEAD.OWNER_REP_ID)).as("claim of %s", email).isNotNull();
            }
            List<String> offered = db.dsl().select(ACTIVITY.LEAD_ID).from(ACTIVITY).where(ACTIVITY.TYPE.eq("OFFERED"))
                    .fetch(r -> "L-" + r.value1());
            Map<String, Integer> posts = queuePosts(dir.resolve("first.log"), dir.resolve("second.log"));
            assertThat(acknowledged.get("claim")).as("the burst got far enough to claim").isNotEmpty();
            assertThat(posts.keySet()).as("every offered lead was announced to its queue").containsAll(offered);
            int repeated = posts.values().stream().mapToInt(n -> n - 1).sum();
            assertThat(repeated).as("only a post in flight at the kill may repeat (the dispatcher posts one at a time)").isLessThanOrEqualTo(1);
        } finally {
            second.stop();
        }
    }

    private static void burst(ServerJvm server, int client, AtomicInteger created, Map<String, Set<String>> acknowledged) {
        for (int i = 0; ; i++) {
            String email = "burst-" + client + "-" + i + "@example.com";
            try {
                HttpResponse<String> lead = server.post("/api/v1/leads", "{\"lastName\":\"Burst " + client + "-" + i + "\",\"email\":\"" + email + "\"}");
                if (lead.statusCode() != 201) {
                    return;
                }
                acknowledge(acknowledged, "create", email);
                created.incrementAndGet();
                String id = JSON.readTree(lead.body()).path("id").asText();
                if (server.post("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode() != 200) {
                    return;
                }
                acknowledge(acknowledged, "assign", email);
                if (server.post("/api/v1/leads/" + id + "/claim", "{\"rep\":\"jane@example.com\"}").statusCode() != 200) {
                    return;
                }
                acknowledge(acknowledged, "claim", email);
            } catch (IOException | InterruptedException e) {
                return; // the server is gone: what was acknowledged so far is what must survive
            }
        }
    }

    private static void acknowledge(Map<String, Set<String>> acknowledged, String action, String email) {
        acknowledged.computeIfAbsent(action, a -> ConcurrentHashMap.newKeySet()).add(email);
    }

    private static Map<String, Integer> queuePosts(Path... logs) throws IOException {
        Map<String, Integer> posts = new HashMap<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = QUEUE_POST.matcher(line);
                if (m.find()) {
                    posts.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        return posts;
    }
}
