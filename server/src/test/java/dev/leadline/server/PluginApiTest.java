package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin host through the real server: the bundled plugin archives, isolation, and plugins added while it runs. */
class PluginApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_PROVIDER_TIMEOUT_MS", "2000", "LEADLINE_PLUGIN_ENRICH_EMAIL_DEFAULT_REGION", "GB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBundledPluginsEnrichAndScoreANewLeadWithProvenanceAndReasonsAndLeaveItsOwnFieldsAlone() throws Exception {
        JsonNode plugins = JSON.readTree(server.get("/api/v1/plugins").body());
        assertThat(plugins.findValuesAsText("id")).contains("enrich-email", "enrich-http", "score-rules", "score-bayes");
        assertThat(plugins.toString()).contains("enrichment:email").contains("scoring:rules").contains("STARTED");

        String id = create("{\"firstName\":\"ada\",\"lastName\":\"LOVELACE\",\"email\":\"ada.lovelace@gmail.com\",\"phone\":\"020 7946 0958\","
                + "\"title\":\"VP Engineering\",\"employeeCount\":\"800\",\"company\":\"Engines  Ltd\"}");
        JsonNode enrichment = enrichment(id);

        assertThat(field(enrichment, "emailType").path("value").asText()).isEqualTo("webmail");
        assertThat(field(enrichment, "emailType").path("provider").asText()).isEqualTo("enrich-email/email");
        assertThat(field(enrichment, "phone").path("value").asText()).as("read in the configured region, GB").isEqualTo("+442079460958");
        assertThat(field(enrichment, "phoneCountry").path("value").asText()).isEqualTo("GB");
        assertThat(field(enrichment, "firstName").path("value").asText()).isEqualTo("Ada");
        assertThat(field(enrichment, "lastName").path("value").asText()).isEqualTo("Lovelace");
        assertThat(field(enrichment, "domain")).as("no company domain from a webmail address").isNull();
        // 40 base + 20 employees + 15 title + 5 phone − 15 webmail
        assertThat(enrichment.path("score").asInt()).isEqualTo(65);
        assertThat(scoreOf(enrichment, "score-rules/rules").path("reasons").toString()).contains("webmail address").contains("-15")
                .contains("employees 500–5000");
        assertThat(scoreOf(enrichment, "score-bayes/bayes").path("reasons").toString())
                .as("with no decided leads yet the model abstains, says why, and does not count").contains("not enough history");
        JsonNode lead = JSON.readTree(server.get("/api/v1/leads/" + id).body());
        assertThat(lead.path("score").asInt()).isEqualTo(65);
        assertThat(lead.path("firstName").asText()).as("the lead's own value is never overwritten").isEqualTo("ada");
        assertThat(lead.path("enrichment").path("phone").asText()).isEqualTo("+442079460958");
    }

    @Test
    void aPluginThatHangsOrThrowsIsIsolatedAndTheLeadIsEnrichedByTheOthersAnyway(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path archive = TestPlugin.build(dir, "misbehaving", Map.of(
                "Sleepy", "@org.pf4j.Extension public class Sleepy implements dev.leadline.plugin.EnrichmentProvider {\n"
                        + " public String id() { return \"sleepy\"; }\n"
                        + " public java.util.Set<String> fills() { return java.util.Set.of(\"industry\"); }\n"
                        + " public java.util.Set<String> needs() { return java.util.Set.of(\"email\"); }\n"
                        + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c)"
                        + " throws Exception { Thread.sleep(30_000); return dev.leadline.plugin.Enrichment.none(); } }",
                "Broken", "@org.pf4j.Extension public class Broken implements dev.leadline.plugin.ScoringProvider {\n"
                        + " public String id() { return \"broken\"; }\n"
                        + " public dev.leadline.plugin.Score score(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ActivitySummary a,"
                        + " dev.leadline.plugin.ProviderContext c) { throw new IllegalStateException(\"model file missing\"); } }"));

        var installed = server.send(server.request("/api/v1/plugins?name=misbehaving-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build());
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(JSON.readTree(installed.body()).path("providers").toString()).contains("enrichment:sleepy").contains("scoring:broken");

        String id = create("{\"lastName\":\"Isolated\",\"email\":\"cto@acme-industries.example\",\"employeeCount\":\"900\"}");
        JsonNode enrichment = enrichment(id);

        assertThat(field(enrichment, "emailType").path("value").asText()).isEqualTo("corporate");
        assertThat(field(enrichment, "domain").path("value").asText()).isEqualTo("acme-industries.example");
        assertThat(enrichment.path("failures").toString()).contains("misbehaving/sleepy").contains("timed out after 2000 ms")
                .contains("misbehaving/broken").contains("model file missing");
        assertThat(enrichment.path("score").asInt()).as("the rules' score stands alone: 40 + 20 + 10 corporate").isEqualTo(70);
        JsonNode plugin = JSON.readTree(server.get("/api/v1/plugins/misbehaving").body());
        assertThat(plugin.path("errors").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(server.postJson("/api/v1/plugins/misbehaving/disable", "").statusCode()).isEqualTo(200);
        String calm = create("{\"lastName\":\"Calm\",\"email\":\"cfo@acme-industries.example\"}");
        assertThat(enrichment(calm).path("failures")).as("a disabled plugin is not called").isEmpty();
        assertThat(JSON.readTree(server.get("/api/v1/plugins/misbehaving").body()).path("state").asText()).isEqualTo("DISABLED");
    }

    @Test
    void aPluginRunsWithItsOwnClassLoaderAndMayDeliverLaterAndOneThatRunsOutOfMemoryIsIsolated(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path archive = TestPlugin.build(dir, "careful", Map.of(
                "Loader", "@org.pf4j.Extension public class Loader implements dev.leadline.plugin.EnrichmentProvider {\n"
                        + " public String id() { return \"loader\"; }\n"
                        + " public java.util.Set<String> fills() { return java.util.Set.of(\"custom.loader\"); }\n"
                        + " public java.util.Set<String> needs() { return java.util.Set.of(\"lastName\"); }\n"
                        + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c) {\n"
                        + "  String loader = Thread.currentThread().getContextClassLoader().getClass().getSimpleName();\n"
                        + "  new Thread(() -> { try { Thread.sleep(200); } catch (InterruptedException e) { return; }\n"
                        + "   c.deliverLater(l.id(), java.util.List.of(new dev.leadline.plugin.FieldValue(\"industry\", \"Aerospace\", 0.6))); }).start();\n"
                        + "  return new dev.leadline.plugin.Enrichment(java.util.List.of(new dev.leadline.plugin.FieldValue(\"custom.loader\", loader, 1)), true); } }",
                "Hungry", "@org.pf4j.Extension public class Hungry implements dev.leadline.plugin.EnrichmentProvider {\n"
                        + " public String id() { return \"hungry\"; }\n"
                        + " public java.util.Set<String> fills() { return java.util.Set.of(); }\n"
                        + " public java.util.Set<String> needs() { return java.util.Set.of(\"lastName\"); }\n"
                        + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c) {\n"
                        + "  long[] all = new long[Integer.MAX_VALUE]; return dev.leadline.plugin.Enrichment.none(); } }"));
        assertThat(server.send(server.request("/api/v1/plugins?name=careful-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build()).statusCode()).isEqualTo(201);

        try {
            String id = create("{\"lastName\":\"Careful\"}");

            Awaitility.await("the late value arrives").atMost(Duration.ofSeconds(15)).until(() -> field(enrichment(id), "industry") != null);
            JsonNode enrichment = enrichment(id);
            assertThat(field(enrichment, "custom.loader").path("value").asText()).isEqualTo("PluginClassLoader");
            assertThat(field(enrichment, "industry").path("provider").asText()).isEqualTo("careful");
            assertThat(enrichment.path("failures").toString()).contains("careful/hungry").contains("OutOfMemoryError");
            assertThat(server.get("/health").statusCode()).as("the server is fine").isEqualTo(200);
        } finally {
            assertThat(server.postJson("/api/v1/plugins/careful/disable", "").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anArchiveThatIsNotAPluginIsRefusedAndNotKept() {
        var refused = server.send(server.request("/api/v1/plugins?name=notes.zip")
                .POST(HttpRequest.BodyPublishers.ofString("just text")).build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not a Leadline plugin");
        assertThat(server.get("/api/v1/plugins/notes").statusCode()).isEqualTo(404);
        assertThat(Path.of(server.env().get("LEADLINE_PLUGINS_DIR")).resolve("notes.zip")).doesNotExist();
        assertThat(Path.of(server.env().get("LEADLINE_PLUGINS_DIR")).resolve("notes")).doesNotExist();
    }

    @Test
    void aScoreLostToAFailureIsRetriedUntilItArrivesAndAContactAttemptScoresTheLeadAgain(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path archive = TestPlugin.build(dir, "flaky", Map.of(
                "Flaky", "@org.pf4j.Extension public class Flaky implements dev.leadline.plugin.ScoringProvider {\n"
                        + " private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();\n"
                        + " public String id() { return \"flaky\"; }\n"
                        + " public dev.leadline.plugin.Score score(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ActivitySummary a,"
                        + " dev.leadline.plugin.ProviderContext c) {\n"
                        + "  if (l.get(\"lastName\").orElse(\"\").equals(\"Flaky\") && calls.incrementAndGet() == 1) {"
                        + " throw new IllegalStateException(\"8 calls already running\"); }\n"
                        + "  return new dev.leadline.plugin.Score(Math.min(100, 50 + 10 * a.contactAttempts()), java.util.List.of("
                        + "new dev.leadline.plugin.ScoreReason(50, \"flaky says so\"))); } }"));
        var installed = server.send(server.request("/api/v1/plugins?name=flaky-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build());
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        try {
            String id = create("{\"lastName\":\"Flaky\",\"email\":\"cto@flaky-industries.example\"}");
            assertThat(enrichment(id).path("failures").toString()).contains("flaky/flaky").contains("8 calls already running");

            Awaitility.await("the lost score, retried after a backoff").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> hasScore(enrichment(id), "flaky/flaky"));
            assertThat(scoreOf(enrichment(id), "flaky/flaky").path("score").asInt()).isEqualTo(50);

            server.services().team().apply(java.util.List.of(
                    new dev.leadline.core.team.RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                    new dev.leadline.core.team.RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                    java.util.List.of(), dev.leadline.core.common.Actor.cli("test"));
            var assigned = server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
            var contacted = server.postJson("/api/v1/leads/" + id + "/contact-attempts",
                    "{\"channel\":\"call\",\"reached\":true,\"rep\":\"jane@example.com\"}");
            assertThat(contacted.statusCode()).as(contacted.body()).isLessThan(300);
            Awaitility.await("scored again after the contact attempt").atMost(Duration.ofSeconds(10))
                    .until(() -> scoreOf(enrichment(id), "flaky/flaky").path("score").asInt() == 60);
        } finally {
            server.postJson("/api/v1/plugins/flaky/disable", "");
        }
    }

    @Test
    void scoreBayesShowsWhatItLearnedFrom() throws Exception {
        JsonNode plugin = JSON.readTree(server.get("/api/v1/plugins/score-bayes").body());
        JsonNode state = plugin.path("providerState").path("bayes");
        assertThat(state.path("outcomesLearned").isInt()).as(plugin.toString()).isTrue();
        assertThat(state.path("minOutcomes").asInt()).isEqualTo(50);
        assertThat(state.has("trainedAt")).isTrue();
        assertThat(state.path("featuresUsed").isArray()).isTrue();
    }

    private static boolean hasScore(JsonNode enrichment, String provider) {
        return score(enrichment, provider).isPresent();
    }

    private static String create(String json) throws Exception {
        var created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static JsonNode enrichment(String id) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body())
                .path("fields").size() > 0);
        return JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body());
    }

    private static JsonNode scoreOf(JsonNode enrichment, String provider) {
        return score(enrichment, provider).orElseThrow(() -> new AssertionError("no score from " + provider + " in " + enrichment));
    }

    private static java.util.Optional<JsonNode> score(JsonNode enrichment, String provider) {
        for (JsonNode s : enrichment.path("scores")) {
            if (s.path("provider").asText().equals(provider)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    private static JsonNode field(JsonNode enrichment, String name) {
        for (JsonNode f : enrichment.path("fields")) {
            if (f.path("field").asText().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
