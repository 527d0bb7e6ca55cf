package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.server.config.ConfigFileException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Something always routes: default rules for a fresh install with one queue, and rules kept in leadline.yml. */
class ConfiguredRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = """
            reps:
              - {email: jane@example.com, name: Jane Rivera}
              - {email: omar@example.com, name: Omar Haddad}
            queues:
              - {name: Inbound, members: [jane@example.com, omar@example.com]}
            """;

    @TempDir
    Path dir;

    private TestServer startWith(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("leadline.yml"), yaml);
        return TestServer.start(Map.of("LEADLINE_CONFIG", file.toString()));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    @Test
    void aFreshServerWithOneQueueAndNoRulesRoutesEveryLeadIntoThatQueue() throws Exception {
        try (TestServer server = startWith(TEAM)) {
            JsonNode rules = json(server.get("/api/v1/rules")).path("items");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).path("purpose").asText()).isEqualTo("default");
            assertThat(rules.get(0).path("createdBy").asText()).isEqualTo("config:default-routing");
            assertThat(rules.get(0).path("default").toString()).isEqualTo("{\"queue\":\"Inbound\"}");

            String id = json(server.postJson("/api/v1/leads", "{\"email\":\"ada@engines.example\"}")).path("id").asText();

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
            JsonNode routing = json(server.get("/api/v1/leads/" + id + "/routing"));
            assertThat(routing.path("outcome").asText()).isEqualTo("OFFER");
            assertThat(routing.path("queue").path("name").asText()).isEqualTo("Inbound");
        }
    }

    @Test
    void theDefaultRulesAreMadeOnceAndNeverAgainAfterAnAdminDeletedThem() throws Exception {
        try (TestServer server = startWith(TEAM)) {
            server.restart();
            assertThat(json(server.get("/api/v1/rules/default")).path("version").asInt()).isEqualTo(1);

            assertThat(server.send(server.request("/api/v1/rules/default").DELETE().build()).statusCode()).isEqualTo(204);
            server.restart();

            assertThat(json(server.get("/api/v1/rules")).path("items")).isEmpty();
        }
    }

    @Test
    void aServerWithTwoQueuesGetsNoDefaultRules() throws Exception {
        try (TestServer server = startWith(TEAM + "  - {name: Enterprise, members: [omar@example.com]}\n")) {
            assertThat(json(server.get("/api/v1/rules")).path("items")).isEmpty();
        }
    }

    @Test
    void rulesKeptInLeadlineYmlAreInForceAndAStartWithTheSameRulesStoresNoNewVersion() throws Exception {
        String yaml = TEAM + """
                  - {name: Enterprise, members: [omar@example.com]}
                routing:
                  rules:
                    api:
                      entries:
                        - name: Big companies
                          when: {field: employeeCount, op: ge, value: 1000}
                          to: {queue: Enterprise}
                      default: {queue: Inbound}
                    default:
                      default: {rep: jane@example.com}
                """;
        try (TestServer server = startWith(yaml)) {
            server.restart();

            JsonNode api = json(server.get("/api/v1/rules/api"));
            assertThat(api.path("version").asInt()).isEqualTo(1);
            assertThat(api.path("createdBy").asText()).startsWith("config:");
            assertThat(api.path("entries").get(0).path("to").path("queue").asText()).isEqualTo("Enterprise");
            assertThat(json(server.get("/api/v1/rules/default")).path("default").path("rep").asText()).isEqualTo("jane@example.com");
            String id = json(server.postJson("/api/v1/leads", "{\"email\":\"big@bigco.example\",\"employeeCount\":5000}")).path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
            assertThat(json(server.get("/api/v1/leads/" + id + "/routing")).path("queue").path("name").asText()).isEqualTo("Enterprise");

            Files.writeString(dir.resolve("leadline.yml"), yaml.replace("value: 1000", "value: 2000"));
            server.restart();

            assertThat(json(server.get("/api/v1/rules/api")).path("version").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRuleInLeadlineYmlThatCannotWorkStopsTheStartNamingItsKeyPath() throws Exception {
        String yaml = TEAM + """
                routing:
                  rules:
                    api:
                      entries: [{name: Nowhere, to: {queue: Nowhere}}]
                      default: {queue: Inbound}
                    form: [not, a, rule, set]
                """;

        assertThatThrownBy(() -> startWith(yaml)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("leadline.yml:9:38 routing.rules.api.entries[0].to.queue: no queue named 'Nowhere'")
                .hasMessageContaining("leadline.yml:11:5 routing.rules.form: must be a rule set with entries and default");
    }
}
