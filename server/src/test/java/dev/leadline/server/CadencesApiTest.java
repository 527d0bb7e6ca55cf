package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nurture cadences over HTTP: saved in YAML or JSON by an admin, checked (with the line of a bad merge
 * field), versioned, read by anyone; leads enrolled and stopped as a rep, and taken out when sales act.
 */
class CadencesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK_BACK = """
            sendWindow: MON-FRI 09:00-17:00
            steps:
              - email: {subject: "Still looking at {{ lead.company }}?", body: "Hi {{ lead.firstName }}, ..."}
              - wait: 3d
              - task: {title: "Call {{ lead.firstName }}", due: 1d}
              - chat: {text: "{{ lead.name }} opened nothing in 3 days"}
              - branch: {when: {field: score, op: ge, value: 70}, then: recycle}
            """;
    private static TestServer server;
    private static String repToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(), Actor.cli("test"));
        assertThat(put("nurture-test", CHECK_BACK, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        repToken = server.services().tokens().issue(new TokenService.Request("jane-token", TokenRole.REP, "jane@example.com", false,
                java.util.Optional.empty()), Actor.cli("test")).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> put(String name, String body, String token) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences/" + name)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void anAdminSavesACadenceInYamlAndEveryoneReadsItAsWritten() throws Exception {
        HttpResponse<String> saved = put("check-back-90", CHECK_BACK, TestServer.ADMIN_TOKEN);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode cadence = JSON.readTree(saved.body());
        assertThat(cadence.path("name").asText()).isEqualTo("check-back-90");
        assertThat(cadence.path("version").asInt()).isEqualTo(1);
        assertThat(cadence.path("sendWindow").asText()).isEqualTo("MON-FRI 09:00-17:00");
        assertThat(cadence.path("steps")).hasSize(5);
        assertThat(cadence.path("steps").get(1).path("wait").asText()).isEqualTo("3d");
        assertThat(cadence.path("steps").get(4).path("branch").path("then").asText()).isEqualTo("recycle");

        HttpResponse<String> asRep = server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences")).header("Authorization", "Bearer " + repToken)
                .GET().build());
        assertThat(asRep.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(asRep.body()).path("items")).anySatisfy(c -> assertThat(c.path("name").asText()).isEqualTo("check-back-90"));

        // the same document in JSON, read back from GET, saves as the next version
        String again = JSON.writeValueAsString(Map.of("sendWindow", cadence.path("sendWindow").asText(), "steps", cadence.path("steps")));
        HttpResponse<String> second = put("check-back-90", again, TestServer.ADMIN_TOKEN);
        assertThat(JSON.readTree(second.body()).path("version").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(server.get("/api/v1/cadences/check-back-90").body()).path("steps")).isEqualTo(cadence.path("steps"));
    }

    @Test
    void anUnknownMergeFieldIsRefusedNamingTheStepAndLineAndNothingIsStored() throws Exception {
        String typo = """
                steps:
                  - wait: 1d
                  - email:
                      subject: Hello
                      body: |
                        Hi {{ lead.firstName }},

                        how is {{ lead.compnay }} doing?
                """;

        HttpResponse<String> refused = put("typo", typo, TestServer.ADMIN_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.path("error").asText()).isEqualTo("validation_failed");
        assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo("steps[1].email.body");
        assertThat(error.path("fields").get(0).path("message").asText()).startsWith("line 3: ").contains("compnay");
        assertThat(refused.body()).doesNotContain("io.pebbletemplates").doesNotContain("Exception");
        assertThat(server.get("/api/v1/cadences/typo").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAnAdminSavesAndHostileNamesAndBodiesGetPreciseAnswers() {
        assertThat(put("by-rep", CHECK_BACK, repToken).statusCode()).isEqualTo(403);
        assertThat(put("bad%20name", CHECK_BACK, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(put("x".repeat(65), CHECK_BACK, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(put("empty", "", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(put("list", "- wait: 1d", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> include = put("include", "steps:\n  - chat: {text: \"{% include '/etc/passwd' %}\"}\n", TestServer.ADMIN_TOKEN);
        // templates load nothing: an include names only text, never a file on the server
        assertThat(include.statusCode()).as(include.body()).isEqualTo(200);
        assertThat(include.body()).doesNotContain("root:");
        assertThat(server.get("/api/v1/cadences/nope").statusCode()).isEqualTo(404);
    }

    private static String newLead() throws Exception {
        return JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Later\",\"company\":\"Not Yet Inc\"}").body()).path("id").asText();
    }

    private static HttpResponse<String> enrol(String lead, String body, String token) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads/" + lead + "/nurture")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static List<String> timeline(String lead) throws Exception {
        List<String> entries = new java.util.ArrayList<>();
        JSON.readTree(server.get("/api/v1/leads/" + lead + "/timeline").body()).path("items")
                .forEach(e -> entries.add(e.path("type").asText() + " " + e.path("summary").asText()));
        return entries;
    }

    @Test
    void aRepEnrolsALeadOnceTheLeadShowsItAndAStopTakesItOutOnTheTimeline() throws Exception {
        String lead = newLead();

        HttpResponse<String> enrolled = enrol(lead, "{\"cadence\":\"nurture-test\"}", repToken);

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        JsonNode nurture = JSON.readTree(server.get("/api/v1/leads/" + lead).body()).path("nurture");
        assertThat(nurture.path("cadence").asText()).isEqualTo("nurture-test");
        assertThat(nurture.path("step").asInt()).isZero();
        assertThat(nurture.path("nextAt").asText()).isNotEmpty();
        assertThat(nurture.path("enrolledBy").asText()).contains("jane@example.com");
        HttpResponse<String> twice = enrol(lead, "{\"cadence\":\"nurture-test\"}", repToken);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(twice.body()).path("error").asText()).isEqualTo("already_nurtured");

        HttpResponse<String> stopped = server.send(server.request("/api/v1/leads/" + lead + "/nurture").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"rep\":\"mia@example.com\"}")).build());
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead).body()).path("nurture").isNull()).isTrue();
        assertThat(timeline(lead)).contains("NURTURE Enrolled in cadence nurture-test")
                .anySatisfy(e -> assertThat(e).startsWith("NURTURE Left cadence nurture-test: stopped by"));
        assertThat(server.send(server.request("/api/v1/leads/" + lead + "/nurture").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"rep\":\"mia@example.com\"}")).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aLeadThatSalesActOnLeavesItsCadenceSayingWhy() throws Exception {
        String lead = newLead();
        assertThat(enrol(lead, "{\"cadence\":\"nurture-test\",\"rep\":\"mia@example.com\"}", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(201);

        HttpResponse<String> assigned = server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}");

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead).body()).path("nurture").isNull()).isTrue();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).startsWith("NURTURE Left cadence nurture-test: ").contains("Jane Rivera"));
        assertThat(enrol(lead, "{\"cadence\":\"nurture-test\"}", repToken).statusCode()).as("enrolled again later").isEqualTo(201);
    }

    @Test
    void anEnrolmentNamesACadenceThatExistsALeadThatExistsAndTheActingRep() throws Exception {
        String lead = newLead();
        HttpResponse<String> unknown = enrol(lead, "{\"cadence\":\"no-such\"}", repToken);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"cadence\"");
        assertThat(enrol(lead, "{}", repToken).statusCode()).isEqualTo(400);
        assertThat(enrol(lead, "{\"cadence\":\"nurture-test\"}", TestServer.ADMIN_TOKEN).statusCode()).as("an admin names the rep").isEqualTo(400);
        assertThat(enrol("L-999999", "{\"cadence\":\"nurture-test\"}", repToken).statusCode()).isEqualTo(404);
        assertThat(enrol(lead, "{\"cadence\":\"nurture-test\",\"colour\":1}", repToken).statusCode()).isEqualTo(400);
    }
}
