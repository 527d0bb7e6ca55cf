package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-quality report through the real server on MariaDB: duplicates blocked and flagged at the API and merged
 * at an import, enrichment coverage from the bundled email plugin, and a plugin that fails.
 */
class QualityReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static TestServer server;
    private static String original;

    @BeforeAll
    static void start() throws Exception {
        Path config = Files.writeString(dir.resolve("leadline.yml"), """
                duplicates:
                  rules:
                    - {name: same-mailbox, against: leads, at: [api], action: block, threshold: 1.0}
                    - {name: look-alike, against: leads, at: [api], action: flag, threshold: 0.6}
                    - {name: fold-in, against: leads, at: [import], action: merge, threshold: 0.6}
                """);
        server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString(), "LEADLINE_PROVIDER_TIMEOUT_MS", "2000"));
        server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(), Actor.cli("test"));
        Path archive = TestPlugin.build(dir, "faulty", Map.of(
                "Faulty", "@org.pf4j.Extension public class Faulty implements dev.leadline.plugin.EnrichmentProvider {\n"
                        + " public String id() { return \"faulty\"; }\n"
                        + " public java.util.Set<String> fills() { return java.util.Set.of(\"industry\"); }\n"
                        + " public java.util.Set<String> needs() { return java.util.Set.of(\"email\"); }\n"
                        + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c)"
                        + " { throw new IllegalStateException(\"no such company\"); } }"));
        HttpResponse<String> installed = server.send(server.request("/api/v1/plugins?name=faulty-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build());
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);

        original = create("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace@navy.example\",\"company\":\"Navy Labs\","
                + "\"phone\":\"+1 202 555 0101\",\"source\":\"Web\"}");
        assertThat(server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"GRACE@navy.example\","
                + "\"source\":\"Web\"}").statusCode()).isEqualTo(409);
        create("{\"firstName\":\"Grace\",\"lastName\":\"Hoper\",\"company\":\"Navy Labs Inc\",\"phone\":\"202-555-0101\",\"source\":\"Ads\"}");
        HttpResponse<String> imported = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("First Name,Last Name,Company,Phone,Source\nGrace,Hopper,Navy Labs,+1 202 555 0101,Web\n"))
                .build());
        assertThat(JSON.readTree(imported.body()).path("merged").asLong()).as(imported.body()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(server.get("/api/v1/leads/" + original + "/enrichment").body())
                .path("failures").toString().contains("faulty/faulty"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String create(String json) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    @Test
    void duplicatesAreCountedByCheckpointAndWhatTheRuleDid() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/quality").body());

        assertThat(report.path("by").asText()).isEqualTo("checkpoint");
        assertThat(row(report, "checkpoint", "api").path("blocked").asLong()).isEqualTo(1);
        assertThat(row(report, "checkpoint", "api").path("flagged").asLong()).isEqualTo(1);
        assertThat(row(report, "checkpoint", "import").path("merged").asLong()).isEqualTo(1);
        assertThat(row(report, "checkpoint", "form").path("total").asLong()).isZero();
        assertThat(row(report, "checkpoint", "conversion").path("total").asLong()).isZero();
        JsonNode web = JSON.readTree(server.get("/api/v1/reports/quality?source=web").body());
        assertThat(row(web, "checkpoint", "api").path("flagged").asLong()).as("the flagged lead came from Ads").isZero();
        assertThat(row(web, "checkpoint", "api").path("blocked").asLong()).isEqualTo(1);
    }

    @Test
    void enrichmentCoverageIsCountedPerFieldAndProvider() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/quality?by=field").body());

        JsonNode domain = null;
        for (JsonNode r : report.path("rows")) {
            if (r.path("field").asText().equals("domain") && r.path("provider").asText().equals("(any)")) {
                domain = r;
            }
        }
        assertThat(domain).as(report.toString()).isNotNull();
        assertThat(domain.path("created").asLong()).as("the merged import row is not counted").isEqualTo(2);
        assertThat(domain.path("leads").asLong()).as("only Grace has an email").isEqualTo(1);
        assertThat(domain.path("coverage").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aFailingPluginIsCountedPerProvider() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/quality?by=provider").body());

        JsonNode faulty = row(report, "provider", "faulty/faulty");
        assertThat(faulty.path("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(faulty.path("timedOut").asLong()).isZero();
        assertThat(faulty.path("failures").toString()).contains("no such company");
        assertThat(server.get("/api/v1/reports/quality?by=provider&format=csv").body())
                .startsWith("\uFEFFprovider,failed,timedOut,skipped,total,failures\r\n").contains("IllegalStateException: no such company: ");
    }

    @Test
    void badFiltersAreNamedAndAPlainRepIsRefused() throws Exception {
        HttpResponse<String> bad = server.get("/api/v1/reports/quality?by=planet&from=soon&tz=Nowhere");
        String rep = JSON.readTree(server.postJson("/api/v1/tokens", "{\"name\":\"jane\",\"role\":\"REP\",\"rep\":\"jane@example.com\"}").body())
                .path("secret").asText();

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"by\"").contains("\"from\"").contains("\"tz\"");
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/v1/reports/quality")).header("Authorization", "Bearer " + rep).GET().build())
                .statusCode()).isEqualTo(403);
    }

    private static JsonNode row(JsonNode report, String column, String value) {
        for (JsonNode r : report.path("rows")) {
            if (r.path(column).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row " + value + " in " + report);
    }
}
