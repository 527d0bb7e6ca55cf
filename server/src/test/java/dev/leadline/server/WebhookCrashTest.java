package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A server killed (SIGKILL) while a webhook is in flight: the server that starts next sends it again, with the same webhook-id. */
class WebhookCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeliveryCutOffByKillMinus9GoesAgainWithTheSameWebhookId() throws Exception {
        EmbeddedMariaDb mariaDb = TestDatabases.server();
        String dbName = "webhookcrash" + ProcessHandle.current().pid();
        mariaDb.createDatabase(dbName);
        Path dir = Files.createTempDirectory("leadline-webhook-crash");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDatabases.deleteQuietly(dir)));
        Map<String, String> env = new HashMap<>(Map.of(
                "LEADLINE_DB_URL", mariaDb.jdbcUrl(dbName), "LEADLINE_DB_USER", mariaDb.credentials().user(),
                "LEADLINE_DB_PASSWORD", mariaDb.credentials().password(),
                "LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("absent.yml").toString(), "LEADLINE_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN,
                "LEADLINE_WEBHOOKS_ALLOW_HTTP", "true", "LEADLINE_WEBHOOKS_ALLOW_PRIVATE", "true"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ServerJvm first = ServerJvm.start(env, dir.resolve("first.log"));
            HttpResponse<String> hook = first.post("/api/v1/webhooks",
                    "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":[\"lead.created\"]}");
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
            CountDownLatch release = receiver.holdNext();
            HttpResponse<String> lead = first.post("/api/v1/leads", "{\"lastName\":\"Crash\",\"email\":\"crash@example.com\"}");
            assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
            assertThat(receiver.holding().await(30, TimeUnit.SECONDS)).as("the webhook reached the receiver").isTrue();

            first.kill();
            release.countDown();

            ServerJvm second = ServerJvm.start(env, dir.resolve("second.log"));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream().anyMatch(r -> r.answered() == 200));
                List<WebhookReceiver.Received> tries = receiver.received();
                assertThat(tries).hasSize(2);
                assertThat(tries.get(1).header("webhook-id")).isEqualTo(tries.get(0).header("webhook-id"));
                assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
                assertThat(JSON.readTree(tries.get(1).body()).path("data").path("lead").path("email").asText()).isEqualTo("crash@example.com");
                String log = JSON.readTree(second.get("/api/v1/webhooks/" + JSON.readTree(hook.body()).path("id").asLong() + "/deliveries").body())
                        .path("deliveries").get(0).path("status").asText();
                assertThat(log).isEqualTo("delivered");
            } finally {
                second.stop();
            }
        }
    }
}
