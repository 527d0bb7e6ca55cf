package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lead page's sections under its panel, over plain HTTP: where each enriched value came from (the
 * bundled enrich-email plugin), why routing sent the lead where it went, its look-alikes with a way to
 * merge, and Unconvert for a converted lead, refused to a rep who may not.
 */
class ConsoleLeadDetailsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session jane;
    private static ConsoleFixture.Session omar;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("LEADLINE_PROVIDER_TIMEOUT_MS", "2000", "LEADLINE_PLUGIN_ENRICH_EMAIL_DEFAULT_REGION", "GB"));
        console = new ConsoleFixture(server);
        jane = console.signIn("jane@example.com");
        omar = console.signIn("omar@example.com");
        HttpResponse<String> rules = server.send(server.request("/api/v1/rules/api").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        entries:
                          - name: Navy accounts
                            when: {field: company, op: contains, value: Navy}
                            to: {queue: Inbound}
                        default: {queue: Inbound}
                        """)).build());
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLeadPageSaysWhyRoutingSentItThereAndWhereEachEnrichedValueCameFrom() throws Exception {
        String id = created("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"company\":\"Navy Labs\",\"email\":\"grace@navy-labs.example\","
                + "\"phone\":\"020 7946 0958\"}");
        Awaitility.await("routed and enriched").atMost(Duration.ofSeconds(20)).until(() ->
                server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200
                        && !JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body()).path("fields").isEmpty());

        String page = console.get("/console/leads/" + id, jane.cookie()).body();

        assertThat(page).contains("<h2 id=\"routing-title\">Why it went here</h2>").contains("api rules, version 1")
                .contains("<dt>Entry</dt><dd>Navy accounts</dd>").contains("Queue Inbound (")
                .contains("<td>Jane Rivera</td>").contains("<td>Omar Haddad</td>");
        assertThat(page).contains("<h2 id=\"enrichment-title\">Enrichment</h2>").contains("<td>Phone</td><td>+442079460958</td><td>enrich-email/email</td>")
                .containsPattern("<td>\\d{1,3} %</td>");
    }

    @Test
    void aLookAlikeIsListedWithALinkToTheMergeScreen() throws Exception {
        ConsoleDuplicatesTest.Pair pair = ConsoleDuplicatesTest.pair(server, "Lamarr", "0199", "jane@example.com");

        String page = console.get("/console/leads/" + pair.flagged(), jane.cookie()).body();

        assertThat(page).contains("<a href=\"/console/leads/" + pair.like() + "\">" + pair.like() + " Grace Lamarr</a>")
                .contains("href=\"/console/leads/" + pair.like() + "/merge?with=" + pair.flagged() + "\">Merge with " + pair.like());
        assertThat(console.get("/console/leads/" + pair.like() + "/merge?with=" + pair.flagged(), jane.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void aConvertedLeadCanBeUnconvertedByItsOwnerAndNotByAnotherRep() throws Exception {
        String id = console.offeredLead("Franklin");
        post(jane, "/console/leads/" + id + "/claim", Map.of());
        HttpResponse<String> converted = console.send(HttpRequest.newBuilder(console.uri("/console/leads/" + id + "/convert"))
                .header("HX-Request", "true").header("X-CSRF-Token", jane.csrf()), jane.cookie(), Map.of("account", "Franklin Labs"));
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        assertThat(converted.body()).as("the converted lead's panel offers Unconvert at once").contains("action=\"/console/leads/" + id + "/unconvert\"");

        HttpResponse<String> refused = post(omar, "/console/leads/" + id + "/unconvert", Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isIn(403, 409);
        assertThat(refused.body()).contains("role=\"alert\"");
        assertThat(status(id)).isEqualTo("CONVERTED");

        HttpResponse<String> noToken = console.post("/console/leads/" + id + "/unconvert", jane.cookie(), Map.of());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("CONVERTED");

        HttpResponse<String> undone = console.send(HttpRequest.newBuilder(console.uri("/console/leads/" + id + "/unconvert"))
                .header("HX-Request", "true").header("X-CSRF-Token", jane.csrf()), jane.cookie(), Map.of());
        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
        assertThat(undone.body()).startsWith("<div id=\"lead\">").contains("Unconverted " + id).contains("Franklin Labs")
                .doesNotContain("/console/leads/" + id + "/unconvert\"");
        assertThat(status(id)).isNotEqualTo("CONVERTED");
    }

    private static HttpResponse<String> post(ConsoleFixture.Session session, String path, Map<String, String> values) {
        Map<String, String> form = new java.util.HashMap<>(values);
        form.put("_csrf", session.csrf());
        return console.post(path, session.cookie(), form);
    }

    private static String status(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/leads/" + id).body()).path("status").asText();
    }

    private static String created(String body) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }
}
