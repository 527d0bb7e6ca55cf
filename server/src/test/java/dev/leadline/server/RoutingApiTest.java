package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.cli.CliEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Routing through the real server: rules as data over HTTP and the CLI, leads routed at intake, explanations, dry runs. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            entries:
              - name: Big companies
                when: {field: employeeCount, op: ge, value: 1000}
                to: {queue: Enterprise}
                notify: Managers
              - name: German speaking
                when: {field: country, op: country, values: [DE, AT, CH]}
                to: {rep: omar@example.com}
                doNotReassign: true
            default: {queue: Inbound}
            """;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                new RepSpec("lee@example.com", "Lee Park", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Enterprise", null, List.of("jane@example.com", "omar@example.com", "lee@example.com"), Map.of(),
                                "weighted", Map.of("jane@example.com", 200), null, null),
                        new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com")),
                        new QueueSpec("Managers", null, List.of("mia@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> put(String path, String body, String contentType) {
        return server.send(server.request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String create(String json) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static JsonNode routed(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
        try {
            return JSON.readTree(server.get("/api/v1/leads/" + id + "/routing").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void rulesAreStoredAsVersionedDataAndABadRuleSetLeavesTheActiveRulesAsTheyWere() throws Exception {
        HttpResponse<String> saved = put("/api/v1/rules/api", RULES, "application/yaml");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("version").asInt()).isEqualTo(1);

        HttpResponse<String> bad = put("/api/v1/rules/api", """
                {"entries": [{"name": "Typo", "when": {"field": "employeeCount", "op": "ge", "value": "many"}, "to": {"queue": "Enterprize"}}],
                 "default": {"rep": "nobody@example.com"}}""", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(bad.body()).path("fields").forEach(f -> fields.add(f.path("field").asText() + ": " + f.path("message").asText()));
        assertThat(fields).containsExactlyInAnyOrder("entries[0].when.value: 'many' is not a time: use 2026-11-23, 2026-11-23T09:00:00Z, now, -7d, -12h or +30m",
                "entries[0].to.queue: no queue named 'Enterprize'", "default.rep: no rep with email 'nobody@example.com'");

        JsonNode current = JSON.readTree(server.get("/api/v1/rules/api").body());
        assertThat(current.path("version").asInt()).isEqualTo(1);
        assertThat(current.path("entries").get(0).path("name").asText()).isEqualTo("Big companies");
        assertThat(put("/api/v1/rules/api", RULES, "application/yaml").body()).contains("\"version\":1");

        String integration = server.services().tokens().issue(dev.leadline.core.access.TokenService.Request.of("zap", TokenRole.INTEGRATION), Actor.cli("t")).secret();
        HttpResponse<String> forbidden = server.send(server.request("/api/v1/rules/api").setHeader("Authorization", "Bearer " + integration)
                .PUT(HttpRequest.BodyPublishers.ofString(RULES)).build());
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void aNewLeadIsRoutedByTheFirstMatchingRuleAndExplainsWhy() throws Exception {
        String id = create("{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"email\":\"ada@bigco.example\",\"company\":\"BigCo\",\"employeeCount\":5000}");

        JsonNode routing = routed(id);

        assertThat(routing.path("outcome").asText()).isEqualTo("ASSIGN");
        assertThat(routing.path("queue").path("name").asText()).isEqualTo("Enterprise");
        JsonNode why = routing.path("explanation");
        assertThat(why.path("purpose").asText()).isEqualTo("api");
        assertThat(why.path("ruleSetVersion").asInt()).isEqualTo(1);
        assertThat(why.path("entry").asText()).isEqualTo("Big companies");
        assertThat(why.path("because").get(0).asText()).isEqualTo("employeeCount ge 1000: '5000' ✓");
        JsonNode step = why.path("queues").get(0);
        assertThat(step.path("strategy").asText()).isEqualTo("weighted");
        assertThat(step.path("candidates")).hasSize(3);
        assertThat(step.path("candidates").get(0).path("verdict").asText()).isEqualTo("chosen");
        assertThat(step.path("candidates").get(0).path("rep").asText()).isEqualTo("Jane Rivera");

        JsonNode lead = JSON.readTree(server.get("/api/v1/leads/" + id).body());
        assertThat(lead.path("ownerRepId").asLong()).isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        long managers = server.services().team().queueByName("Managers").orElseThrow().id();
        try (dev.leadline.db.Database db = dev.leadline.db.Database.connect(server.env().get("LEADLINE_DB_URL"), "root", server.env().get("LEADLINE_DB_PASSWORD"), 1)) {
            var outbox = dev.leadline.db.jooq.Tables.OUTBOX;
            assertThat(db.dsl().fetchCount(outbox, outbox.LEAD_ID.eq(dev.leadline.core.lead.LeadId.parse(id).value())
                    .and(outbox.DESTINATION_TYPE.eq("QUEUE")).and(outbox.DESTINATION_ID.eq(managers))))
                    .as("the entry's notify option posts the card to the Managers queue too").isEqualTo(1);
        }
        JsonNode timeline = JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items");
        assertThat(timeline.get(0).path("type").asText()).isEqualTo("ASSIGNED");
        assertThat(timeline.get(0).path("summary").asText())
                .isEqualTo("Assigned to Jane Rivera through Enterprise by rule 'Big companies' of the api rules (version 1)");
    }

    @Test
    @Order(3)
    void aPausedRepIsSkippedAndTheExplanationSaysSo() throws Exception {
        HttpResponse<String> paused = put("/api/v1/reps/jane@example.com/availability", "{\"paused\":true}", "application/json");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).path("paused").asBoolean()).isTrue();

        JsonNode routing = routed(create("{\"email\":\"bo@bigco.example\",\"company\":\"BigCo\",\"employeeCount\":2000}"));

        assertThat(routing.path("rep").path("name").asText()).isIn("Omar Haddad", "Lee Park");
        assertThat(routing.path("explanation").path("queues").get(0).path("candidates").toString())
                .contains("{\"repId\":" + server.services().team().repByEmail("jane@example.com").orElseThrow().id()
                        + ",\"rep\":\"Jane Rivera\",\"verdict\":\"skipped\",\"reason\":\"paused\",\"state\":null,\"weight\":200}");
        put("/api/v1/reps/jane@example.com/availability", "{\"paused\":false}", "application/json");
    }

    @Test
    @Order(4)
    void aDryRunSaysWhatWouldHappenAndStoresNothing() throws Exception {
        long before = server.services().leads().count(dev.leadline.core.lead.LeadQuery.all());

        HttpResponse<String> dry = server.postJson("/api/v1/routing/dry-run", "{\"email\":\"kurt@firma.example\",\"country\":\"Germany\"}");

        assertThat(dry.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(dry.body());
        assertThat(body.path("outcome").asText()).isEqualTo("ASSIGN");
        assertThat(body.path("stored").asBoolean()).isFalse();
        assertThat(body.path("explanation").path("entry").asText()).isEqualTo("German speaking");
        assertThat(body.path("explanation").path("outcome").asText()).isEqualTo("assigned to Omar Haddad");
        assertThat(server.services().leads().count(dev.leadline.core.lead.LeadQuery.all())).isEqualTo(before);
        assertThat(server.postJson("/api/v1/routing/dry-run", "{\"email\":\"not an email\"}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/routing/dry-run?score=hot", "{\"email\":\"x@small.example\"}").body())
                .contains("'hot' is not a whole number");
        assertThat(server.postJson("/api/v1/routing/dry-run?purpose=chat", "{\"email\":\"x@small.example\"}").body())
                .contains("'chat' is not a purpose");
        JsonNode small = JSON.readTree(server.postJson("/api/v1/routing/dry-run", "{\"email\":\"x@small.example\"}").body());
        assertThat(small.path("outcome").asText()).isEqualTo("OFFER");
        assertThat(small.path("explanation").path("outcome").asText()).isEqualTo("offered to Inbound; the first to claim it wins");
    }

    @Test
    @Order(5)
    void rulesExportAndImportAsYamlFromTheCommandLineAndLeadsNameTheVersionThatRoutedThem() throws Exception {
        Path file = Files.createTempFile("rules", ".yml");
        CliEnvironment.use(server.env());
        try {
            assertThat(Main.run("rules", "export", file.toString())).isZero();
            String exported = Files.readString(file);
            assertThat(exported).contains("api:").contains("name: Big companies").contains("default:");
            Files.writeString(file, exported.replace("value: 1000", "value: 10000"));
            assertThat(Main.run("rules", "import", file.toString())).isZero();
            Files.writeString(file, "api:\n  entries: [{name: X, to: {queue: Nowhere}}]\n  default: {queue: Inbound}\n");
            assertThat(Main.run("rules", "import", file.toString())).isEqualTo(2);
        } finally {
            CliEnvironment.use(System.getenv());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> JSON.readTree(server.get("/api/v1/rules/api").body()).path("version").asInt() == 2);
        HttpResponse<String> badFile = put("/api/v1/rules", "api: {default: {queue: Inbound}}\nform: {entries: [{name: X}]}\n",
                "application/yaml");
        assertThat(badFile.statusCode()).isEqualTo(400);
        assertThat(badFile.body()).contains("form.entries[0].to").contains("form.default");
        assertThat(JSON.readTree(server.get("/api/v1/rules/api").body()).path("version").asInt()).isEqualTo(2);
        assertThat(server.get("/api/v1/rules?format=yaml").body()).contains("api:").contains("value: 10000");

        JsonNode routing = routed(create("{\"email\":\"mid@midco.example\",\"company\":\"MidCo\",\"employeeCount\":5000}"));

        assertThat(routing.path("explanation").path("ruleSetVersion").asInt()).isEqualTo(2);
        assertThat(routing.path("outcome").asText()).isEqualTo("OFFER");
        assertThat(routing.path("explanation").path("entriesBefore").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(server.get("/api/v1/rules/api?version=1").body()).path("entries").get(0).path("when").path("value").asInt())
                .isEqualTo(1000);
    }

    @Test
    @Order(6)
    void aManagerHandingALeadToAQueueNeverGivesItBackToSomeoneWhoHadIt() throws Exception {
        String id = create("{\"email\":\"again@bigco.example\",\"company\":\"BigCo\",\"employeeCount\":50000}");
        JsonNode first = routed(id);
        String firstOwner = first.path("rep").path("email").asText();

        HttpResponse<String> handed = server.postJson("/api/v1/leads/" + id + "/assign",
                "{\"rep\":\"mia@example.com\",\"queue\":\"Enterprise\",\"reason\":\"no answer\"}");

        assertThat(handed.statusCode()).isEqualTo(200);
        JsonNode second = JSON.readTree(server.get("/api/v1/leads/" + id + "/routing").body());
        assertThat(second.path("rep").path("email").asText()).isNotEqualTo(firstOwner);
        assertThat(second.path("explanation").path("queues").get(0).path("candidates").toString()).contains("already had this lead");
    }

    @Test
    @Order(7)
    void withoutRulesALeadIsLeftWhereItIsAndSaysWhy() throws Exception {
        assertThat(server.send(server.request("/api/v1/rules/api").DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/rules/api").statusCode()).isEqualTo(404);

        String id = create("{\"email\":\"nobody@rules.example\"}");

        HttpResponse<String> routing = server.get("/api/v1/leads/" + id + "/routing");
        assertThat(routing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(routing.body()).path("message").asText())
                .isEqualTo(id + " has not been routed: no routing rules applied when it arrived, or it is still waiting");
        JsonNode lead = JSON.readTree(server.get("/api/v1/leads/" + id).body());
        assertThat(lead.path("ownerRepId").isNull()).isTrue();
        assertThat(lead.path("queueId").isNull()).isTrue();
    }
}
