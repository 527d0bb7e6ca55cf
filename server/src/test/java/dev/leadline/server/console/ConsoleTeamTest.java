package dev.leadline.server.console;

import static dev.leadline.db.jooq.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Team page over plain HTTP: routing's own verdict on each rep (paused, out of office until their
 * return), availability changed from the page as routing then sees it, and who may do so.
 */
class ConsoleTeamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session max;
    private static ConsoleFixture.Session jane;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        server.services().team().apply(List.of(
                        new RepSpec("lee@example.com", "Lee Park", null, null, null, true, "REP", Map.of()),
                        new RepSpec("ana@example.com", "Ana Ruiz", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Desk", "Handed out in turn", List.of("lee@example.com", "ana@example.com"), Map.of("slack", "C0DESK"),
                        "weighted", Map.of("lee@example.com", 300), null, null)), Actor.cli("test"));
        max = console.signIn("max@example.com");
        jane = console.signIn("jane@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aManagerSeesWhoIsPausedAndWhoIsOutOfOfficeUntilWhen() {
        Instant back = LocalDate.now(ZoneOffset.UTC).plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant();
        Rep omar = console.rep("omar@example.com");
        server.services().team().setAvailability(omar, true, null, null, Actor.cli("test"));
        Rep mia = console.rep("mia@example.com");
        server.services().team().setAvailability(mia, false, Instant.now().minusSeconds(3600), back, Actor.cli("test"));

        HttpResponse<String> page = console.get("/console/team", max.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-now=\"omar@example.com\" class=\"skipped\">paused<")
                .contains("data-now=\"mia@example.com\" class=\"skipped\">out of office until " + back + "<")
                .contains("data-now=\"jane@example.com\" class=\"available\">available now<")
                .contains("<h3>Desk</h3>").contains("weighted").contains("slack: C0DESK").contains("<td>300</td>")
                .contains("href=\"/console/team/queues/Desk\">Change Desk").contains("href=\"/console/team\"");
        server.services().team().setAvailability(console.rep("omar@example.com"), false, null, null, Actor.cli("test"));
        server.services().team().setAvailability(console.rep("mia@example.com"), false, null, null, Actor.cli("test"));
    }

    @Test
    void pausingFromThePageMakesRoutingSkipTheRep() throws Exception {
        HttpResponse<String> rules = server.send(server.request("/api/v1/rules/api").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("entries: []\ndefault: {queue: Desk}\n")).build());
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);

        HttpResponse<String> paused = console.send(server.request("/console/team/reps/lee@example.com/availability").header("HX-Request", "true"),
                max.cookie(), Map.of("_csrf", max.csrf(), "paused", "true", "from", "", "until", ""));
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(paused.body()).startsWith("<div id=\"team\">").contains("Saved Lee Park's availability: paused.")
                .contains("data-now=\"lee@example.com\" class=\"skipped\">paused<");
        assertThat(server.database().dsl().select(AUDIT_LOG.ACTOR).from(AUDIT_LOG).where(AUDIT_LOG.ENTITY_ID.eq("lee@example.com"))
                .and(AUDIT_LOG.ACTION.eq("availability")).fetch(AUDIT_LOG.ACTOR)).singleElement().asString()
                .matches("rep:max@example.com via console:session-\\d+");

        for (int i = 0; i < 2; i++) {
            JsonNode routing = routed(created("Turing" + i));
            assertThat(routing.path("rep").path("email").asText()).isEqualTo("ana@example.com");
            assertThat(routing.path("explanation").toString()).contains("Lee Park").contains("paused");
        }

        HttpResponse<String> resumed = console.post("/console/team/reps/lee@example.com/availability", max.cookie(), Map.of("_csrf", max.csrf()));
        assertThat(resumed.statusCode()).isEqualTo(303);
        assertThat(console.get("/console/team?done=lee@example.com", max.cookie()).body())
                .contains("data-now=\"lee@example.com\" class=\"available\">available now<");
    }

    @Test
    void aBadDateIsRefusedAtItsInputAndNothingIsSaved() {
        HttpResponse<String> bad = console.post("/console/team/reps/ana@example.com/availability", max.cookie(),
                Map.of("_csrf", max.csrf(), "from", "2025-13-45", "until", ""));
        assertThat(bad.statusCode()).isEqualTo(422);
        String key = "rep-" + console.rep("ana@example.com").id();
        assertThat(bad.body()).contains("aria-invalid=\"true\" aria-describedby=\"" + key + "-from-problem\"")
                .contains("<p class=\"problem\" id=\"" + key + "-from-problem\">'2025-13-45' is not a date")
                .contains("value=\"2025-13-45\"");

        HttpResponse<String> backwards = console.post("/console/team/reps/ana@example.com/availability", max.cookie(),
                Map.of("_csrf", max.csrf(), "from", "2030-05-10", "until", "2030-05-01"));
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(backwards.body()).contains("id=\"" + key + "-until-problem\">Out of office: until must be after from.");
        assertThat(console.rep("ana@example.com").outOfOfficeFrom()).isNull();
    }

    @Test
    void aRepMayNotOpenTheTeamPageNorChangeSomeoneElsesAvailability() {
        HttpResponse<String> page = console.get("/console/team", jane.cookie());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("for managers and admins");
        assertThat(console.get("/console", jane.cookie()).body()).doesNotContain("href=\"/console/team\"");
        HttpResponse<String> pause = console.post("/console/team/reps/omar@example.com/availability", jane.cookie(),
                Map.of("_csrf", jane.csrf(), "paused", "true"));
        assertThat(pause.statusCode()).isEqualTo(403);
        assertThat(console.rep("omar@example.com").paused()).isFalse();
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        HttpResponse<String> forged = console.post("/console/team/reps/ana@example.com/availability", max.cookie(), Map.of("paused", "true"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        assertThat(console.rep("ana@example.com").paused()).isFalse();
    }

    private static String created(String lastName) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"" + lastName + "\",\"company\":\"Bletchley\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
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
}
