package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LEADLINE_LOG_FORMAT=json}: the server, as its own process, writes one JSON object per line from
 * its first line to its last; a line logged while a request is served carries that request's id, and a
 * line logged while a lead's card goes out carries the lead's id.
 */
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLineIsJsonWithTheRequestAndLeadIdsWhereThereAreSome() throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - {email: jane@example.com, name: Jane Rivera}
                queues:
                  - {name: Inbound, members: [jane@example.com]}
                """);
        ServerJvm server = ServerJvm.start("serve", Map.of("LEADLINE_DATA_DIR", dir.resolve("data").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(), "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN, "LEADLINE_DB_POOL_SIZE", "4", "LEADLINE_LOG_FORMAT", "json"), log);
        try {
            assertThat(server.post("/api/v1/tokens", "{\"name\":\"collector\",\"role\":\"INTEGRATION\"}", "X-Request-Id", "req-json-logs-1")
                    .statusCode()).isEqualTo(201);
            String lead = JSON.readTree(server.post("/api/v1/leads", "{\"email\":\"json@logs.example\",\"firstName\":\"Jay\"}").body())
                    .path("id").asText();

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<JsonNode> lines = jsonLines(log);
                assertThat(lines).anySatisfy(line -> {
                    assertThat(line.path("formattedMessage").asText()).contains("API token 'collector'");
                    assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("req-json-logs-1");
                });
                assertThat(lines).anySatisfy(line -> {
                    assertThat(line.path("loggerName").asText()).endsWith("LogNotifier");
                    assertThat(line.path("mdc").path("leadId").asText()).isEqualTo(lead);
                });
                // logged by a bundled plugin on its own thread while it enriched the lead
                assertThat(lines).anySatisfy(line -> {
                    assertThat(line.path("formattedMessage").asText()).contains("enrich-http does nothing until");
                    assertThat(line.path("mdc").path("leadId").asText()).isEqualTo(lead);
                });
            });
        } finally {
            server.process().destroy();
            server.process().waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(jsonLines(log)).as("lines, each a JSON object with a level").isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("level").asText()).isNotEmpty());
    }

    /** Every line of the log, each of which must be a JSON object. */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
                lines.add(node);
            }
        }
        return lines;
    }
}
