package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/rules/{purpose}/dry-run}: a draft tried on the last leads, storing nothing; its problems named with their lines. */
class RulesDryRunApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT = """
            entries:
              - name: Big
                when: {field: employeeCount, op: ge, value: 1000}
                to: {queue: Enterprise}
            default: {queue: Inbound}
            """;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of(), "round-robin", null, null, null),
                        new QueueSpec("Enterprise", null, List.of("mia@example.com"))), Actor.cli("test"));
        server.services().rules().save("default", Map.of("default", Map.of("queue", "Inbound")), Actor.cli("test"));
        RoutedImports.importRouted(server, 240);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> dryRun(String query, String body) {
        return dryRun(query, body, "Bearer " + TestServer.ADMIN_TOKEN);
    }

    private static HttpResponse<String> dryRun(String query, String body, String authorization) {
        return server.send(server.request("/api/v1/rules/default/dry-run" + query).setHeader("Authorization", authorization)
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void triesTheDraftOnTheLast200LeadsAndStoresNothing() throws Exception {
        int decisions = server.database().dsl().fetchCount(ROUTING_DECISION);
        String rules = server.get("/api/v1/rules/default").body();

        long started = System.nanoTime();
        HttpResponse<String> tried = dryRun("?last=200", DRAFT);
        System.out.println("POST /rules/default/dry-run?last=200 answered in " + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tried.body());
        assertThat(body.path("leads").asInt()).isEqualTo(200);
        assertThat(body.path("stored").asBoolean()).isFalse();
        assertThat(body.path("decidedBy").asText()).isEqualTo("default");
        int big = 0;
        for (JsonNode item : body.path("items")) {
            boolean toEnterprise = "Enterprise".equals(item.path("would").path("queue").asText());
            assertThat(item.path("changed").asBoolean()).as(item.toString()).isEqualTo(toEnterprise);
            assertThat(item.path("got").path("queue").asText()).isEqualTo("Inbound");
            big += toEnterprise ? 1 : 0;
        }
        assertThat(body.path("changed").asInt()).isEqualTo(big).isBetween(45, 55);
        assertThat(server.database().dsl().fetchCount(ROUTING_DECISION)).isEqualTo(decisions);
        assertThat(server.get("/api/v1/rules/default").body()).isEqualTo(rules);
        assertThat(JSON.readTree(dryRun("", DRAFT).body()).path("leads").asInt()).as("200 by default").isEqualTo(200);
        assertThat(JSON.readTree(dryRun("?last=1000", DRAFT).body()).path("leads").asInt()).as("all there are").isEqualTo(240);
    }

    @Test
    void aDraftWithProblemsIsRefusedNamingEachWithItsLine() throws Exception {
        HttpResponse<String> unknownQueue = dryRun("", DRAFT.replace("{queue: Enterprise}", "{queue: Nope}"));
        assertThat(unknownQueue.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(unknownQueue.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_rules");
        assertThat(body.path("fields").get(0).path("field").asText()).isEqualTo("entries[0].to.queue");
        assertThat(body.path("fields").get(0).path("message").asText()).isEqualTo("line 4: no queue named 'Nope'");

        HttpResponse<String> two = dryRun("", DRAFT.replace("name: Big", "nam: Big").replace("{queue: Inbound}", "{queue: Gone}"));
        assertThat(JSON.readTree(two.body()).path("fields")).extracting(f -> f.path("message").asText())
                .containsExactly("line 2: is not part of an entry (doNotReassign, name, notify, room, sla, to, when)",
                        "line 2: is required (1-200 characters)", "line 5: no queue named 'Gone'");

        HttpResponse<String> badYaml = dryRun("", "entries:\n  - name: Big\n   to: {queue: Inbound}\ndefault: {queue: Inbound}\n");
        assertThat(badYaml.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badYaml.body()).path("fields").get(0).path("message").asText()).startsWith("line 3: is not valid YAML");

        HttpResponse<String> twice = dryRun("", DRAFT + "default: {queue: Enterprise}\n");
        assertThat(JSON.readTree(twice.body()).path("fields").get(0).path("message").asText()).isEqualTo("line 6: is given twice (first on line 5)");
    }

    @Test
    void theNumberOfLeadsIsBounded() throws Exception {
        for (String last : List.of("0", "1001", "abc", "-5")) {
            HttpResponse<String> refused = dryRun("?last=" + last, DRAFT);
            assertThat(refused.statusCode()).as(last).isEqualTo(400);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("error").asText()).isEqualTo("validation_failed");
            assertThat(body.path("fields").get(0).path("field").asText()).isEqualTo("last");
        }
    }

    @Test
    void hostileDraftsAreRefusedPlainly() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append("]\n");
        }
        String deep = "entries: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        String wide = "entries:\n" + "  - {name: x, to: {queue: Inbound}}\n".repeat(20_000);
        for (String hostile : List.of(bomb.toString(), deep, wide, "!!java.io.File [/etc/passwd]\n", "- just\n- a list\n", "")) {
            HttpResponse<String> refused = dryRun("", hostile);
            assertThat(refused.statusCode()).as(refused.body()).isIn(413, 422);
            assertThat(refused.body()).doesNotContain("java.", "Exception", "snakeyaml");
        }
        HttpResponse<String> huge = dryRun("", "#" + "x".repeat(500_000));
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
    }

    @Test
    void onlyAdminsMayTryDrafts() {
        for (TokenService.Request request : List.of(TokenService.Request.of("zap", TokenRole.INTEGRATION),
                new TokenService.Request("mia-token", TokenRole.REP, "mia@example.com", false, java.util.Optional.empty()))) {
            String secret = server.services().tokens().issue(request, Actor.cli("test")).secret();
            assertThat(dryRun("", DRAFT, "Bearer " + secret).statusCode()).isEqualTo(403);
        }
    }
}
