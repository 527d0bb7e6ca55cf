package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one database keep their plugins alike: a plugin added through one node's API runs on
 * every node, including one started later; turned off or on at one node, it is so at all within seconds;
 * and an archive whose bytes no longer match its checksum is not added anywhere.
 */
class PluginsAcrossNodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aPluginAddedOrSwitchedOnOneNodeIsSoOnEveryNode() throws Exception {
        Path archive = TestPlugin.build(dir, "stamper", Map.of("Stamp",
                "@org.pf4j.Extension public class Stamp implements dev.leadline.plugin.EnrichmentProvider {\n"
                        + " public String id() { return \"stamp\"; }\n"
                        + " public java.util.Set<String> fills() { return java.util.Set.of(\"custom.stamp\"); }\n"
                        + " public java.util.Set<String> needs() { return java.util.Set.of(\"lastName\"); }\n"
                        + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c) {\n"
                        + "  return new dev.leadline.plugin.Enrichment(java.util.List.of(new dev.leadline.plugin.FieldValue(\"custom.stamp\", \"stamped\", 1)), true); } }"));
        try (TestServer first = TestServer.start(); TestServer second = first.beside(Map.of(), Clock.systemUTC())) {
            var installed = first.send(first.request("/api/v1/plugins?name=stamper-1.0.0.zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build());
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);

            Awaitility.await("added on the second node").atMost(SYNC).until(() -> state(second, "stamper").equals("STARTED"));
            String lead = JSON.readTree(second.postJson("/api/v1/leads", "{\"lastName\":\"Shared\"}").body()).path("id").asText();
            Awaitility.await("it enriches there").atMost(SYNC).until(() -> JSON.readTree(second.get("/api/v1/leads/" + lead + "/enrichment").body())
                    .path("fields").toString().contains("stamped"));

            assertThat(first.postJson("/api/v1/plugins/stamper/disable", "").statusCode()).isEqualTo(200);
            Awaitility.await("off on the second node").atMost(SYNC).until(() -> state(second, "stamper").equals("DISABLED"));
            assertThat(second.postJson("/api/v1/plugins/score-rules/disable", "").statusCode()).isEqualTo(200);
            Awaitility.await("a bundled plugin off on the first node").atMost(SYNC).until(() -> state(first, "score-rules").equals("DISABLED"));
            assertThat(second.postJson("/api/v1/plugins/stamper/enable", "").statusCode()).isEqualTo(200);
            Awaitility.await("on again on the first node").atMost(SYNC).until(() -> state(first, "stamper").equals("STARTED"));

            try (TestServer later = first.beside(Map.of(), Clock.systemUTC())) {
                assertThat(state(later, "stamper")).as("a node started later has it from the start").isEqualTo("STARTED");
                assertThat(state(later, "score-rules")).isEqualTo("DISABLED");
            }

            first.database().dsl().execute("update plugin_archive set content = 'not the archive' where file_name = 'stamper-1.0.0.zip'");
            try (TestServer tampered = first.beside(Map.of(), Clock.systemUTC())) {
                assertThat(tampered.get("/api/v1/plugins/stamper").statusCode()).as("bytes that fail their checksum are not added").isEqualTo(404);
            }
        }
    }

    private static String state(TestServer node, String plugin) throws Exception {
        JsonNode info = JSON.readTree(node.get("/api/v1/plugins/" + plugin).body());
        return info.path("state").asText();
    }
}
