package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.team.QueueSpec;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A queue's and a rep's settings changed on the Team page by a manager, checked by the team service, kept
 * across a restart while {@code leadline.yml} is unchanged, and replaced by the file once it changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleQueueSettingsTest {
    private static final String FILE = """
            reps:
              - {email: jane@example.com, name: Jane Rivera}
              - {email: omar@example.com, name: Omar Haddad}
              - {email: max@example.com, name: Max Boss, role: MANAGER}
            queues:
              - name: Inbound
                members: [jane@example.com, omar@example.com]
            """;
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session max;
    private static ConsoleFixture.Session jane;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        Files.writeString(Path.of(server.env().get("LEADLINE_CONFIG")), FILE);
        server.restart();
        console = new ConsoleFixture(server);
        max = console.signIn("max@example.com");
        jane = console.signIn("jane@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void aManagerChangesTheQueuesStrategyWeightsCapsAndChannels() {
        String page = console.get("/console/team/queues/Inbound", max.cookie()).body();
        assertThat(page).contains("<h1>Queue Inbound</h1>").contains("<option value=\"claim-first\" selected>claim-first</option>")
                .contains("name=\"weight.jane@example.com\" value=\"100\"");

        HttpResponse<String> saved = save(Map.of("strategy", "weighted", "member", List.of("jane@example.com", "omar@example.com"),
                "weight.jane@example.com", "200", "weight.omar@example.com", "100", "capRepDay", "5", "channels", "slack: C0INBOUND"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/console/team/queues/Inbound?done=saved");
        QueueSpec inbound = inbound();
        assertThat(inbound.strategy()).isEqualTo("weighted");
        assertThat(inbound.weights()).containsEntry("jane@example.com", 200).containsEntry("omar@example.com", 100);
        assertThat(inbound.caps().perRep().day()).isEqualTo(5);
        assertThat(inbound.channels()).containsExactlyEntriesOf(Map.of("slack", "C0INBOUND"));
        assertThat(server.get("/api/v1/queues").body()).contains("\"strategy\":\"weighted\"");
        assertThat(console.get("/console/team/queues/Inbound?done=saved", max.cookie()).body()).contains("Saved Inbound.")
                .contains("<option value=\"weighted\" selected>weighted</option>").contains("id=\"capRepDay\" name=\"capRepDay\" value=\"5\"");
    }

    @Test
    @Order(2)
    void anUnknownTimeZoneAZoneWithoutCapsAndAFallbackNotOfferedAreRefusedAtTheirInputs() {
        QueueSpec before = inbound();
        HttpResponse<String> mars = save(Map.of("member", List.of("jane@example.com"), "capDay", "5", "capZone", "Mars/Base"));
        assertThat(mars.statusCode()).isEqualTo(422);
        assertThat(mars.body()).containsPattern("id=\"capZone\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"capZone-problem\"")
                .contains("id=\"capZone-problem\">'Mars/Base' is not a time zone").contains("value=\"Mars/Base\"");

        HttpResponse<String> noCaps = save(Map.of("member", List.of("jane@example.com"), "capZone", "Europe/Berlin"));
        assertThat(noCaps.statusCode()).isEqualTo(422);
        assertThat(noCaps.body()).contains("id=\"capZone-problem\">counts days and weeks of a cap");

        HttpResponse<String> garbage = save(Map.of("member", List.of("jane@example.com"), "fallback", "garbage"));
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(garbage.body()).containsPattern("id=\"fallback\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"fallback-problem\"")
                .contains("id=\"fallback-problem\">'garbage' is not one of the choices");

        HttpResponse<String> noSuchQueue = save(Map.of("member", List.of("jane@example.com"), "fallback", "queue:Nowhere"));
        assertThat(noSuchQueue.statusCode()).isEqualTo(422);
        assertThat(noSuchQueue.body()).contains("id=\"fallback-problem\">");
        assertThat(inbound()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aBadValueIsNamedAtItsInputAndNothingChanges() {
        QueueSpec before = inbound();
        HttpResponse<String> refused = save(Map.of("strategy", "weighted", "member", List.of("jane@example.com"),
                "weight.jane@example.com", "-5", "capDay", "many"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role=\"alert\">Not saved:").contains("must be from 0 to 1000")
                .contains("Cap whole queue, a day: 'many' is not a whole number")
                .contains("id=\"capDay-problem\">'many' is not a whole number");
        assertThat(inbound()).isEqualTo(before);

        HttpResponse<String> stranger = save(Map.of("member", List.of("nobody@example.com")));
        assertThat(stranger.statusCode()).isEqualTo(422);
        assertThat(stranger.body()).contains("no rep with email nobody@example.com");
        assertThat(inbound()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void textThatIsNotUtf8OrHoldsANulIsRefusedBeforeAnythingIsSaved() {
        QueueSpec before = inbound();
        for (String description : new String[] {"a%00b", "ok%C3%28%FF", "bell%07"}) {
            HttpResponse<String> refused = server.send(HttpRequest.newBuilder(console.uri("/console/team/queues/Inbound"))
                    .header("Cookie", max.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(max.csrf()) + "&member=jane%40example.com&description=" + description))
                    .build());
            assertThat(refused.statusCode()).as(description).isEqualTo(422);
            assertThat(refused.body()).as(description).startsWith("Not taken: description ").doesNotContain("Exception");
        }
        assertThat(inbound()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRepMayNotChangeAQueueOrARepAndAFormWithoutItsTokenIsRefused() {
        QueueSpec before = inbound();
        assertThat(console.get("/console/team/queues/Inbound", jane.cookie()).statusCode()).isEqualTo(403);
        HttpResponse<String> forged = console.post("/console/team/queues/Inbound", jane.cookie(),
                Map.of("_csrf", jane.csrf(), "strategy", "round-robin", "member", "jane@example.com"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(console.post("/console/team/queues/Inbound", max.cookie(), Map.of("strategy", "round-robin")).statusCode()).isEqualTo(403);
        assertThat(console.post("/console/team/reps/omar@example.com/settings", jane.cookie(), Map.of("_csrf", jane.csrf(), "capacity", "1"))
                .statusCode()).isEqualTo(403);
        assertThat(inbound()).isEqualTo(before);
        assertThat(console.get("/console/team/queues/Nowhere", max.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aManagerSetsARepsCapacityAndWorkingHours() {
        HttpResponse<String> saved = console.post("/console/team/reps/omar@example.com/settings", max.cookie(),
                Map.of("_csrf", max.csrf(), "capacity", "3", "workingHours", "MON-FRI 09:00-17:00"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(console.rep("omar@example.com").capacity()).isEqualTo(3);
        assertThat(console.rep("omar@example.com").workingHours()).isEqualTo("MON-FRI 09:00-17:00");

        HttpResponse<String> bad = console.post("/console/team/reps/omar@example.com/settings", max.cookie(),
                Map.of("_csrf", max.csrf(), "capacity", "three"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("'three' is not a whole number");
        assertThat(console.rep("omar@example.com").capacity()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aRestartWithTheSameFileKeepsTheChangesAndAChangedFileWins() throws Exception {
        server.restart();
        assertThat(inbound().strategy()).isEqualTo("weighted");
        assertThat(console.rep("omar@example.com").capacity()).isEqualTo(3);

        Files.writeString(Path.of(server.env().get("LEADLINE_CONFIG")), FILE + "    description: Inbound leads from the web\n");
        server.restart();
        QueueSpec fromFile = inbound();
        assertThat(fromFile.description()).isEqualTo("Inbound leads from the web");
        assertThat(fromFile.strategy()).isEqualTo("claim-first");
        assertThat(fromFile.weights()).isEmpty();
    }

    private static QueueSpec inbound() {
        return server.services().team().describe(server.services().team().queueByName("Inbound").orElseThrow());
    }

    /** The queue's form as a browser posts it: repeated names for the members, the CSRF token. */
    private static HttpResponse<String> save(Map<String, Object> values) {
        StringBuilder body = new StringBuilder("_csrf=").append(encode(max.csrf()));
        values.forEach((name, value) -> {
            for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                body.append('&').append(encode(name)).append('=').append(encode(one.toString()));
            }
        });
        return server.send(HttpRequest.newBuilder(console.uri("/console/team/queues/Inbound")).header("Cookie", max.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
