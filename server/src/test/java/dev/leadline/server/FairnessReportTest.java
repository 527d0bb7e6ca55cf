package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fairness report through the real server on MariaDB: a weighted queue (2, 1, 1) with one member paused for
 * part of the period; its shares and skips equal a brute-force count of the decisions each lead shows.
 */
class FairnessReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEMBERS = List.of("ana@example.com", "ben@example.com", "cy@example.com");
    private static TestServer server;
    private static final Map<String, Tally> expected = new TreeMap<>();
    private static long handedOut;

    /** What the decisions say of one member. */
    private static final class Tally {
        long considered;
        long eligible;
        long leads;
        double expectedLeads;
        final Map<String, Long> skipped = new TreeMap<>();
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("ana@example.com", "Ana Silva", null, null, null, true, "REP", Map.of()),
                new RepSpec("ben@example.com", "Ben Okafor", null, null, null, true, "REP", Map.of()),
                new RepSpec("cy@example.com", "Cy Young", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Weighted", null, MEMBERS, Map.of(), "weighted",
                        Map.of("ana@example.com", 2, "ben@example.com", 1, "cy@example.com", 1), null, null)), Actor.cli("test"));
        HttpResponse<String> rules = server.send(server.request("/api/v1/rules/api").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("entries: []\ndefault: {queue: Weighted}\n")).build());
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        List<String> leads = new ArrayList<>();
        route(12, leads);
        availability("cy@example.com", true);
        route(9, leads);
        availability("cy@example.com", false);
        route(7, leads);
        for (String lead : leads) {
            count(JSON.readTree(server.get("/api/v1/leads/" + lead + "/routing").body()).path("explanation"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void route(int n, List<String> leads) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"email\":\"lead" + leads.size() + "@example.org\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
            leads.add(id);
        }
    }

    private static void availability(String rep, boolean paused) {
        HttpResponse<String> set = server.send(server.request("/api/v1/reps/" + rep + "/availability").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"paused\":" + paused + "}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    /** Brute force: every member of every step, weights as the queue has them (2, 1, 1). */
    private static void count(JsonNode explanation) {
        Map<String, Integer> weights = Map.of("Ana Silva", 2, "Ben Okafor", 1, "Cy Young", 1);
        Map<String, String> emails = Map.of("Ana Silva", "ana@example.com", "Ben Okafor", "ben@example.com", "Cy Young", "cy@example.com");
        for (JsonNode step : explanation.path("queues")) {
            boolean handed = false;
            int sum = 0;
            for (JsonNode c : step.path("candidates")) {
                handed |= c.path("verdict").asText().equals("chosen");
                sum += c.path("verdict").asText().equals("skipped") ? 0 : weights.get(c.path("rep").asText());
            }
            handedOut += handed ? 1 : 0;
            for (JsonNode c : step.path("candidates")) {
                Tally t = expected.computeIfAbsent(emails.get(c.path("rep").asText()), e -> new Tally());
                t.considered++;
                if (c.path("verdict").asText().equals("skipped")) {
                    t.skipped.merge(c.path("reason").asText(), 1L, Long::sum);
                    continue;
                }
                t.eligible++;
                t.leads += c.path("verdict").asText().equals("chosen") ? 1 : 0;
                t.expectedLeads += handed ? (double) weights.get(c.path("rep").asText()) / sum : 0;
            }
        }
    }

    @Test
    void sharesAndSkipsEqualABruteForceCountOfTheDecisions() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/fairness?queue=Weighted").body());

        assertThat(report.path("report").asText()).isEqualTo("fairness");
        assertThat(handedOut).isEqualTo(28);
        Map<String, JsonNode> rows = new HashMap<>();
        report.path("rows").forEach(r -> rows.put(r.path("rep").asText(), r));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(MEMBERS);
        for (String rep : MEMBERS) {
            Tally t = expected.get(rep);
            JsonNode row = rows.get(rep);
            assertThat(row.path("considered").asLong()).as(rep).isEqualTo(t.considered);
            assertThat(row.path("eligible").asLong()).as(rep).isEqualTo(t.eligible);
            assertThat(row.path("leads").asLong()).as(rep).isEqualTo(t.leads);
            assertThat(row.path("queueLeads").asLong()).isEqualTo(handedOut);
            assertThat(row.path("share").asDouble()).as(rep).isEqualTo(Math.round(t.leads * 10_000.0 / handedOut) / 10_000.0);
            assertThat(row.path("expectedLeads").asDouble()).as(rep).isEqualTo(Math.round(t.expectedLeads * 100) / 100.0);
            assertThat(row.path("skipped").asLong()).as(rep).isEqualTo(t.skipped.values().stream().mapToLong(Long::longValue).sum());
            Map<String, Long> skippedFor = new TreeMap<>();
            row.path("skippedFor").fields().forEachRemaining(e -> skippedFor.put(e.getKey(), e.getValue().asLong()));
            assertThat(skippedFor).as(rep).isEqualTo(t.skipped);
        }
        assertThat(rows.get("cy@example.com").path("skippedFor").path("paused").asLong()).isEqualTo(9);
        assertThat(rows.get("ana@example.com").path("weight").asInt()).isEqualTo(2);
        // while all three are in, the weights hold to within a lead: Ana gets half
        assertThat(rows.get("ana@example.com").path("leads").asDouble()).isCloseTo(rows.get("ana@example.com").path("expectedLeads").asDouble(),
                org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void theSkipsListTheLeadsAMemberWasSkippedForPageByPage() throws Exception {
        HttpResponse<String> first = server.get("/api/v1/reports/fairness/skips?queue=Weighted&rep=cy@example.com&limit=5");
        HttpResponse<String> rest = server.get("/api/v1/reports/fairness/skips?queue=Weighted&rep=cy@example.com&limit=5&offset=5");

        JsonNode rows = JSON.readTree(first.body()).path("rows");
        assertThat(rows).hasSize(5);
        assertThat(first.headers().firstValue("X-Next-Offset")).contains("5");
        assertThat(rows.get(0).path("reason").asText()).isEqualTo("paused");
        assertThat(rows.get(0).path("lead").asText()).startsWith("L-");
        assertThat(JSON.readTree(rest.body()).path("rows")).hasSize(4);
        assertThat(rest.headers().firstValue("X-Next-Offset")).isEmpty();
    }

    @Test
    void csvHasTheColumnsAndCountsByReason() {
        HttpResponse<String> csv = server.get("/api/v1/reports/fairness?queue=Weighted&format=csv");

        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFqueue,period,strategy,rep,weight,considered,eligible,leads,queueLeads,share,expectedLeads,"
                + "expectedShare,skipped,skippedFor\r\n");
        assertThat(csv.body()).contains("Weighted,all,").contains("cy@example.com,1,28,19,").contains("paused: 9");
    }

    @Test
    void eachBadFilterIsNamedInOne400() throws Exception {
        HttpResponse<String> bad = server.get("/api/v1/reports/fairness?by=year&tz=Mars/Base&queue=Nope&from=2026-02-30");
        HttpResponse<String> badPage = server.get("/api/v1/reports/fairness/skips?limit=5000&offset=-1&rep=nobody@example.com&format=xml");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("by", "tz", "queue", "from");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(fields(badPage)).containsExactlyInAnyOrder("limit", "offset", "rep", "format");
    }

    @Test
    void aRepIsRefusedAndAManagerSeesEveryone() throws Exception {
        String rep = token("ben", "ben@example.com");
        String manager = token("mia", "mia@example.com");

        assertThat(as(rep, "/api/v1/reports/fairness").statusCode()).isEqualTo(403);
        assertThat(as(rep, "/api/v1/reports/fairness/skips").statusCode()).isEqualTo(403);
        HttpResponse<String> seen = as(manager, "/api/v1/reports/fairness?queue=Weighted");
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(seen.body()).path("rows")).hasSize(3);
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body()).path("fields").forEach(f -> fields.add(f.path("field").asText()));
        return fields;
    }

    private static String token(String name, String rep) throws Exception {
        return JSON.readTree(server.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"REP\",\"rep\":\"" + rep + "\"}").body())
                .path("secret").asText();
    }

    private static HttpResponse<String> as(String token, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }
}
