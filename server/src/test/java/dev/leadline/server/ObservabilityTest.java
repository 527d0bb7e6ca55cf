package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.routing.ConfiguredRules;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator watches: Prometheus's {@code /metrics} (guarded on the API's port, open on a port of its
 * own) counting leads, routing, chat calls and the backlog as a lead goes from {@code POST} to its Slack
 * card; liveness and readiness; request ids; and the dashboard and alert rules in docs/ naming only
 * metrics the server exports.
 */
class ObservabilityTest {
    private static final String METRICS_TOKEN = "prometheus-scrape-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SlackStub slack;
    private static TestServer server;
    private static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com"));
        try (ServerSocket socket = new ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", "test-signing-secret-0123456789",
                "SLACK_API_URL", slack.apiUrl(), "LEADLINE_METRICS_TOKEN", METRICS_TOKEN, "LEADLINE_METRICS_PORT", Integer.toString(metricsPort)));
        server = TestServer.start(env);
        server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"), Map.of("slack", "CINBOUND"))), Actor.cli("test"));
        ConfiguredRules.defaultToOnlyQueue(server.services().rules(), "Inbound");
        leadToItsCard("grace@hopper.example", "Conference"); // every kind of meter has been used once
    }

    /** Posts a lead and returns its id once its card has reached Slack. */
    private static String leadToItsCard(String email, String source) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads",
                "{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"source\":\"" + source + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String lead = JSON.readTree(created.body()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.body() != null && c.body().contains(lead)));
        // the call is timed once its answer is back, just after the stub has seen it
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape(METRICS_TOKEN).body().contains("leadline_chat_calls_seconds_count{"));
        return lead;
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
    }

    @Test
    void aLeadFromPostToItsSlackCardIsCountedAtEachStep() throws Exception {
        String before = scrape(METRICS_TOKEN).body();

        String lead = leadToItsCard("ada@lovelace.example", "Webinar");

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = scrape(METRICS_TOKEN).body();
            assertThat(value(after, "leadline_leads_received_total", "source=\"Webinar\"") - value(before, "leadline_leads_received_total", "source=\"Webinar\""))
                    .isEqualTo(1);
            assertThat(value(after, "leadline_routing_decisions_total", "outcome=\"offer\"")
                    - value(before, "leadline_routing_decisions_total", "outcome=\"offer\"")).isEqualTo(1);
            assertThat(value(after, "leadline_routing_wait_seconds_count", "") - value(before, "leadline_routing_wait_seconds_count", "")).isEqualTo(1);
            assertThat(value(after, "leadline_lead_to_card_seconds_count", "platform=\"slack\"")
                    - value(before, "leadline_lead_to_card_seconds_count", "platform=\"slack\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "leadline_chat_calls_seconds_count", "method=\"post\"", "outcome=\"delivered\"", "platform=\"slack\""))
                    .isGreaterThan(value(before, "leadline_chat_calls_seconds_count", "method=\"post\"", "outcome=\"delivered\"", "platform=\"slack\""));
            assertThat(value(after, "leadline_http_requests_seconds_count", "method=\"POST\"", "route=\"/api/v1/leads\"", "status=\"201\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(after, "leadline_outbox_backlog", "platform=\"slack\"")).as("the card went out").isZero();
        });
        String metrics = scrape(METRICS_TOKEN).body();
        assertThat(value(metrics, "leadline_database_up", "")).isEqualTo(1);
        assertThat(metrics).contains("jvm_memory_used_bytes", "leadline_db_pool_active", "dbscheduler_task_completions_total",
                "leadline_routing_waiting ", "leadline_version");
        assertThat(metrics).as("route patterns, never raw paths with ids").doesNotContain("route=\"/api/v1/leads/" + lead.toLowerCase());
    }

    @Test
    void metricsNeedTheMetricsTokenOrAnAdminTokenOnTheApiPortAndNothingOnTheirOwnPort() throws Exception {
        String rep = JSON.readTree(server.postJson("/api/v1/tokens", "{\"name\":\"jane-metrics\",\"role\":\"REP\",\"rep\":\"jane@example.com\"}").body())
                .path("secret").asText();

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("not-the-token-at-all-000").statusCode()).isEqualTo(401);
        assertThat(scrape(rep).statusCode()).isEqualTo(403);
        assertThat(scrape(TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> ok = scrape(METRICS_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("leadline_database_up");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/api/v1/leads")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("only metrics on the metrics port").isEqualTo(404);
    }

    @Test
    void livenessAndReadinessAreSeparate() throws Exception {
        HttpResponse<String> live = server.get("/health/live");
        HttpResponse<String> ready = server.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("database").asText()).isEqualTo("UP");
    }

    @Test
    void aRequestKeepsAPlainRequestIdItIsGivenAndGetsANewOneInsteadOfAHostileOne() throws Exception {
        HttpResponse<String> kept = server.send(server.request("/api/v1/leads?limit=1").header("X-Request-Id", "lb-7f3a.42").GET().build());
        HttpResponse<String> replaced = server.send(server.request("/api/v1/leads?limit=1").header("X-Request-Id", "x\"}{\"injected\":1").GET().build());
        HttpResponse<String> fresh = server.get("/health/live");

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(fresh.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void theDashboardAndTheAlertRulesUseOnlyMetricsTheServerExports() throws Exception {
        Set<String> exported = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape(METRICS_TOKEN).body());
        while (names.find()) {
            exported.add(names.group(1));
        }
        Path docs = Path.of("..", "docs", "observability");
        String dashboard = Files.readString(docs.resolve("grafana-dashboard.json"));
        JsonNode rules = new YAMLMapper().readTree(docs.resolve("alert-rules.yml").toFile());
        StringBuilder expressions = new StringBuilder();
        JSON.readTree(dashboard).findValues("expr").forEach(e -> expressions.append(e.asText()).append('\n'));
        assertThat(expressions).as("the dashboard's queries").isNotEmpty();
        List<String> alerts = rules.findValues("alert").stream().map(JsonNode::asText).toList();
        assertThat(alerts).contains("LeadlineOutboxBehind", "LeadlineRoutingHeldLeads", "LeadlinePluginCircuitOpen", "LeadlineDatabaseDown");
        rules.findValues("expr").forEach(e -> expressions.append(e.asText()).append('\n'));

        Matcher used = Pattern.compile("\\b(leadline_[a-z0-9_]+|jvm_[a-z0-9_]+|dbscheduler_[a-z0-9_]+|process_[a-z0-9_]+)").matcher(expressions);
        Set<String> missing = new TreeSet<>();
        while (used.find()) {
            if (!exported.contains(used.group(1))) {
                missing.add(used.group(1));
            }
        }
        assertThat(missing).as("metrics named in docs/observability but not exported").isEmpty();
    }

    private static HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/metrics")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the samples of {@code name} whose labels contain all of {@code labels}; 0 when there is none. */
    private static double value(String exposition, String name, String... labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            if (List.of(labels).stream().allMatch(l -> l.isEmpty() || series.contains(l))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
