package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cadences written in leadline.yml, and leads enrolled by their rules as reps work them. */
class NurtureRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            reps:
              - {email: jane@example.com, name: Jane Rivera}
            queues:
              - {name: Inbound, members: [jane@example.com]}
            cadences:
              check-back-90:
                enrol: [{on: disqualified, reason: Bad timing}]
                steps: [{wait: 60d}, {task: {title: "Call {{ lead.firstName }} again"}}]
              break-up:
                enrol: [{on: unreached, attempts: 3}]
                steps: [{wait: 4d}]
              warm-watch:
                recycleScore: 70
                steps: [{wait: 30d}]
            """;
    @TempDir
    static Path dir;
    private static TestServer server;
    private static String jane;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("LEADLINE_CONFIG", Files.writeString(dir.resolve("leadline.yml"), CONFIG).toString()));
        jane = server.services().tokens().issue(new TokenService.Request("jane-token", TokenRole.REP, "jane@example.com", false, Optional.empty()),
                Actor.cli("test")).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFilesCadencesAreSavedAsTheApiWouldSaveThem() throws Exception {
        JsonNode cadence = JSON.readTree(server.get("/api/v1/cadences/check-back-90").body());
        assertThat(cadence.path("version").asInt()).isEqualTo(1);
        assertThat(cadence.path("updatedBy").asText()).contains("leadline.yml");
        assertThat(cadence.path("enrol").get(0).path("reason").asText()).isEqualTo("Bad timing");
    }

    @Test
    void aLeadDisqualifiedForBadTimingIsEnrolledAndOtherReasonsAreNot() throws Exception {
        String later = claimedLead("later@example.com");
        String never = claimedLead("never@example.com");

        act(later, "disqualify", "{\"reason\":\"Bad timing\"}");
        act(never, "disqualify", "{\"reason\":\"No budget\"}");

        JsonNode nurture = lead(later).path("nurture");
        assertThat(nurture.path("cadence").asText()).isEqualTo("check-back-90");
        assertThat(nurture.path("enrolledBy").asText()).isEqualTo("system:nurture rule");
        assertThat(lead(never).path("nurture").isNull()).isTrue();
    }

    @Test
    void aLeadStillUnreachedAtTheThirdAttemptIsEnrolledAndTheFourthTakesItOut() throws Exception {
        String id = claimedLead("silent@example.com");
        act(id, "contact-attempts", "{\"channel\":\"call\",\"reached\":false}");
        act(id, "contact-attempts", "{\"channel\":\"email\",\"reached\":false}");
        assertThat(lead(id).path("nurture").isNull()).isTrue();

        act(id, "contact-attempts", "{\"channel\":\"call\",\"reached\":false}");
        assertThat(lead(id).path("nurture").path("cadence").asText()).isEqualTo("break-up");

        act(id, "contact-attempts", "{\"channel\":\"call\",\"reached\":false}");
        assertThat(lead(id).path("nurture").isNull()).as("a fourth attempt is sales at work: out, and not back in").isTrue();
    }

    @Test
    void aLeadWhoseScoreReachesTheCadencesThresholdGoesBackToSalesAtOnce() throws Exception {
        String id = claimedLead("warming@example.com");
        act(id, "nurture", "{\"cadence\":\"warm-watch\"}");
        assertThat(server.services().nurtureRunner().recycleWarm(100)).as("score not reached yet").isZero();

        // what a scoring plugin does when the lead's engagement rises
        server.database().dsl().execute("UPDATE sales_lead SET score = 82 WHERE id = ?", leadIdOf(id));
        assertThat(server.services().nurtureRunner().recycleWarm(100)).isEqualTo(1);

        JsonNode lead = lead(id);
        assertThat(lead.path("nurture").isNull()).isTrue();
        assertThat(lead.path("status").asText()).isEqualTo("NEW");
        assertThat(server.get("/api/v1/leads/" + id + "/timeline").body()).contains("Back to routing from nurture: score 82 reached 70 (cadence warm-watch)");
    }

    private static long leadIdOf(String id) {
        return dev.leadline.core.lead.LeadId.parse(id).value();
    }

    private static String claimedLead(String email) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"email\":\"" + email + "\",\"firstName\":\"Sam\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lead(id).path("queueId").isNumber());
        act(id, "claim", "{}");
        return id;
    }

    private static void act(String id, String action, String body) {
        HttpResponse<String> done = server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads/" + id + "/" + action))
                .header("Authorization", "Bearer " + jane).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(done.statusCode()).as(action + ": " + done.body()).isBetween(200, 201);
    }

    private static JsonNode lead(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/leads/" + id).body());
    }
}
