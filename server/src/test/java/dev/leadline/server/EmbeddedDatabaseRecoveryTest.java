package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedCredentials;
import dev.leadline.db.EmbeddedMariaDb;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default set-up (the server's own embedded MariaDB) recovers without a human from a
 * {@code kill -9} of the server and from one of MariaDB under a running server, in the middle of a
 * burst of 2,000 lead creates that carry Idempotency-Keys ({@code -Dleadline.chaos.leads=N} for
 * another size).
 */
class EmbeddedDatabaseRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aServerKilledMidBurstIsHealthyAgainWithinAMinuteWithEveryAcknowledgedLeadStoredOnce() throws Exception {
        ServerJvm first = ServerJvm.start(env(), dir.resolve("first.log"));
        Burst burst = new Burst(burstSize());
        burst.runAgainst(first, false);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> burst.acknowledged.size() >= 60);
        first.kill();
        burst.awaitEnd();

        long restarting = System.nanoTime();
        ServerJvm second = ServerJvm.start(env(), dir.resolve("second.log"));
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - restarting)).as("start after kill -9; see second.log")
                    .isLessThan(Duration.ofSeconds(60));
            burst.assertStoredOnceAndReplayedBy(second);
        } finally {
            second.stop();
        }
    }

    @Test
    void mariaDbKilledUnderARunningServerIsStartedAgainAndNoRequestFailsWith500() throws Exception {
        ServerJvm server = ServerJvm.start(env(), dir.resolve("server.log"));
        try {
            Burst burst = new Burst(burstSize());
            burst.runAgainst(server, true);
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> burst.acknowledged.size() >= 60);
            List<ProcessHandle> mariaDb = server.process().toHandle().children()
                    .filter(p -> p.info().command().orElse("").endsWith("/mariadbd")).toList();
            assertThat(mariaDb).hasSize(1);
            mariaDb.get(0).destroyForcibly();
            burst.awaitEnd();

            assertThat(burst.refused).as("answers other than 201 and a retryable 503").isEmpty();
            assertThat(burst.retried).as("requests that met the dead MariaDB and were retried").hasPositiveValue();
            assertThat(burst.acknowledged).hasSize(burst.leads);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            burst.assertStoredOnceAndReplayedBy(server);
        } finally {
            server.stop();
        }
    }

    @AfterEach
    void stopAnyMariaDbLeftOnTheDataDirectory() {
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("--datadir=" + dir))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static int burstSize() {
        return Integer.getInteger("leadline.chaos.leads", 2_000);
    }

    private Map<String, String> env() {
        return Map.of("LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(), "LEADLINE_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN,
                "LEADLINE_DB_POOL_SIZE", "4");
    }

    /** Lead creates with Idempotency-Keys from four clients; a client retries a key until it has a 201, or gives up when the server is gone. */
    private final class Burst {
        private final int leads;
        private final ExecutorService clients = Executors.newFixedThreadPool(4);
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final AtomicInteger retried = new AtomicInteger();
        /** The leads whose create met the failure: sent more than once before their 201. */
        final Set<String> retriedKeys = ConcurrentHashMap.newKeySet();

        Burst(int leads) {
            this.leads = leads;
        }

        void runAgainst(ServerJvm server, boolean serverStaysUp) {
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = client; i < leads; i += 4) {
                        if (!createUntilAcknowledged(server, i, serverStaysUp)) {
                            return;
                        }
                    }
                });
            }
            clients.shutdown();
        }

        void awaitEnd() throws InterruptedException {
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }

        private boolean createUntilAcknowledged(ServerJvm server, int i, boolean serverStaysUp) {
            while (true) {
                try {
                    HttpResponse<String> created = server.post("/api/v1/leads", body(i), "Idempotency-Key", key(i));
                    if (created.statusCode() == 201) {
                        acknowledged.put(key(i), JSON.readTree(created.body()).path("id").asText());
                        return true;
                    }
                    if (!retryable(created)) {
                        refused.add(created.statusCode() + " " + created.body());
                        return false;
                    }
                    retried.incrementAndGet();
                    retriedKeys.add(key(i));
                } catch (IOException e) {
                    if (!serverStaysUp) {
                        return false; // the server is gone: what was acknowledged so far is what must survive
                    }
                    refused.add("no answer: " + e);
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        private static boolean retryable(HttpResponse<String> answer) {
            return answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()
                    && answer.body().matches(".*\"error\":\"(database_unavailable|outcome_unknown)\".*");
        }

        /**
         * Every acknowledged lead is stored once, and sending its request again replays it instead of
         * creating another: checked for every lead whose create met the failure, and 300 others at random.
         */
        void assertStoredOnceAndReplayedBy(ServerJvm server) throws Exception {
            try (Database db = embeddedDatabase()) {
                Map<String, Integer> stored = db.dsl().select(SALES_LEAD.EMAIL, DSL.count()).from(SALES_LEAD)
                        .groupBy(SALES_LEAD.EMAIL).fetchMap(SALES_LEAD.EMAIL, DSL.count());
                for (String key : acknowledged.keySet()) {
                    assertThat(stored.get(email(key))).as("leads for %s", key).isEqualTo(1);
                }
                int before = db.dsl().fetchCount(SALES_LEAD);
                ExecutorService replaying = Executors.newFixedThreadPool(4);
                try {
                    List<String> others = new ArrayList<>(acknowledged.keySet());
                    others.removeAll(retriedKeys);
                    Collections.shuffle(others);
                    Set<String> replayed = new HashSet<>(retriedKeys);
                    replayed.addAll(others.subList(0, Math.min(300, others.size())));
                    List<Future<Void>> replays = replayed.stream()
                            .map(key -> replaying.submit(() -> assertReplayed(server, key, acknowledged.get(key))))
                            .toList();
                    for (Future<Void> replay : replays) {
                        replay.get();
                    }
                } finally {
                    replaying.shutdownNow();
                }
                assertThat(db.dsl().fetchCount(SALES_LEAD)).as("leads after the retries").isEqualTo(before);
            }
        }

        private static Void assertReplayed(ServerJvm server, String key, String id) throws Exception {
            HttpResponse<String> again = server.post("/api/v1/leads", body(index(key)), "Idempotency-Key", key);
            assertThat(again.statusCode()).as("retry of %s: %s", key, again.body()).isEqualTo(201);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(id);
            return null;
        }

        private Database embeddedDatabase() throws IOException {
            Path data = dir.resolve("data");
            String port = Files.readString(data.resolve("embedded-db.running")).split(" ")[0];
            EmbeddedCredentials credentials = EmbeddedCredentials.read(data);
            return Database.connect("jdbc:mariadb://127.0.0.1:" + port + "/" + EmbeddedMariaDb.DATABASE,
                    credentials.user(), credentials.password(), 1);
        }

        private static String key(int i) {
            return "burst-" + i;
        }

        private static int index(String key) {
            return Integer.parseInt(key.substring("burst-".length()));
        }

        private static String email(String key) {
            return key + "@example.com";
        }

        private static String body(int i) {
            return "{\"lastName\":\"Burst " + i + "\",\"email\":\"" + email(key(i)) + "\"}";
        }
    }
}
