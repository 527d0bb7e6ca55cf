package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.nurture.Cadence;
import dev.leadline.server.TestServer;
import dev.leadline.server.routing.RulesYaml;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Cadences page over plain HTTP: admins only, CSRF, problems at their lines, hostile drafts, a save seen through the API. */
class ConsoleCadencesTest {
    static final String CHECK_BACK = """
            enrol: [{on: disqualified, reason: Bad timing}]
            sendWindow: MON-FRI 09:00-17:00
            steps:
              - email: {subject: "Still looking at {{ lead.company }}?", body: "Hi {{ lead.firstName }}, ..."}
              - wait: 3d
              - task: {title: "Call {{ lead.firstName }}", due: 1d}
            """;
    /** Line 8 is the body's third line, where the typo is. */
    static final String TYPO = """
            steps:
              - wait: 1d
              - email:
                  subject: Hello
                  body: |
                    Hi {{ lead.firstName }},

                    how is {{ lead.compnay }} doing?
              - wait: 3x
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        server.services().cadences().save("check-back-90", RulesYaml.tree(CHECK_BACK, "body"), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int version(String name) {
        return server.services().cadences().find(name).map(Cadence::version).orElse(0);
    }

    private static HttpResponse<String> htmx(String path, ConsoleFixture.Session session, Map<String, String> form) {
        return console.send(HttpRequest.newBuilder(console.uri(path)).header("HX-Request", "true").header("X-CSRF-Token", session.csrf()),
                session.cookie(), form);
    }

    private static Map<String, String> form(ConsoleFixture.Session session, String name, int version, String yaml) {
        Map<String, String> form = new HashMap<>(Map.of("_csrf", session.csrf(), "name", name, "version", Integer.toString(version), "yaml", yaml));
        if (version == 0) {
            form.put("fresh", "true");
        }
        return form;
    }

    @Test
    void repsAndManagersAreRefusedThePageAndItsActions() {
        for (String email : List.of("jane@example.com", "max@example.com")) {
            ConsoleFixture.Session session = console.signIn(email);
            for (String page : List.of("/console/admin/cadences", "/console/admin/cadences/check-back-90", "/console/admin/cadences/new")) {
                HttpResponse<String> refused = console.get(page, session.cookie());
                assertThat(refused.statusCode()).as(email + " " + page).isEqualTo(403);
                assertThat(refused.body()).contains("for admins only");
            }
            assertThat(console.get("/console", session.cookie()).body()).doesNotContain("/console/admin/cadences");
            for (String action : List.of("check", "save")) {
                HttpResponse<String> refused = console.post("/console/admin/cadences/" + action, session.cookie(),
                        form(session, "check-back-90", 1, CHECK_BACK.replace("3d", "4d")));
                assertThat(refused.statusCode()).as(email + " " + action).isEqualTo(403);
            }
        }
        assertThat(version("check-back-90")).isEqualTo(1);
    }

    @Test
    void nothingIsSavedWithoutTheCsrfToken() {
        int before = version("check-back-90");
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        Map<String, String> form = form(ada, "check-back-90", before, CHECK_BACK.replace("3d", "4d"));
        form.remove("_csrf");
        HttpResponse<String> refused = console.post("/console/admin/cadences/save", ada.cookie(), form);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("CSRF");
        assertThat(version("check-back-90")).isEqualTo(before);
    }

    @Test
    void anAdminListsEveryCadenceAndOpensOneAsYaml() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        assertThat(console.get("/console", ada.cookie()).body()).contains("<a href=\"/console/admin/cadences\">Cadences</a>");
        HttpResponse<String> list = console.get("/console/admin/cadences", ada.cookie());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<h1>Cadences</h1>")
                .contains("<a href=\"/console/admin/cadences/check-back-90\">check-back-90</a>")
                .contains("disqualified for \u201cBad timing\u201d").contains("cli:test").contains("<td>3</td>").contains("MON-FRI 09:00-17:00");

        HttpResponse<String> page = console.get("/console/admin/cadences/check-back-90", ada.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Cadence check-back-90</h1>").contains("Save as version " + (version("check-back-90") + 1))
                .contains("sendWindow: MON-FRI 09:00-17:00").contains("  - wait: 3d").contains("reason: Bad timing")
                .contains("subject: \"Still looking at {{ lead.company }}?\"");
        assertThat(console.get("/console/admin/cadences/nope", ada.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/admin/cadences/bad%20name", ada.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void aCadenceWithProblemsComesBackWithEachAtItsLineAndNothingIsStored() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> checked = htmx("/console/admin/cadences/check", ada, form(ada, "typo", 0, TYPO));
        assertThat(checked.statusCode()).isEqualTo(422);
        assertThat(checked.body()).doesNotContain("<html").contains("The cadence has 2 problems")
                .contains("<strong>Line 8</strong>: <code>steps[1].email.body</code>: line 3: unknown merge field 'compnay'")
                .contains("<strong>Line 9</strong>: <code>steps[2].wait</code>: '3x' is not a number of days or hours");
        assertThat(checked.body().indexOf("Line 8")).isLessThan(checked.body().indexOf("Line 9"));

        HttpResponse<String> saved = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, "typo", 0, TYPO));
        assertThat(saved.statusCode()).isEqualTo(422);
        assertThat(saved.body()).contains("Not saved: the cadence has problems").contains("<strong>Line 8</strong>")
                .contains("how is {{ lead.compnay }} doing?");
        assertThat(server.get("/api/v1/cadences/typo").statusCode()).isEqualTo(404);

        HttpResponse<String> fine = htmx("/console/admin/cadences/check", ada, form(ada, "check-back-90", 1, CHECK_BACK));
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).contains("No problems: check-back-90 reads as 3 steps (email, wait, task)")
                .contains("when disqualified for \u201cBad timing\u201d").contains("Nothing was stored");
    }

    @Test
    void anAdminSavesTheNextVersionAsTheirSessionAndTheApiServesIt() throws Exception {
        server.services().cadences().save("break-up", RulesYaml.tree(CHECK_BACK, "body"), Actor.cli("test"));
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String changed = CHECK_BACK.replace("enrol: [{on: disqualified, reason: Bad timing}]", "enrol: [{on: unreached, attempts: 3}]")
                .replace("wait: 3d", "wait: 5d");

        HttpResponse<String> saved = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, "break-up", 1, changed));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/console/admin/cadences/break-up?saved=2");
        assertThat(console.get(location, ada.cookie()).body()).contains("Saved version 2 of break-up.").contains("Save as version 3")
                .contains("  - wait: 5d").contains("attempts: 3");

        JsonNode api = JSON.readTree(server.get("/api/v1/cadences/break-up").body());
        assertThat(api.path("version").asInt()).isEqualTo(2);
        assertThat(api.path("updatedBy").asText()).startsWith("rep:ada@example.com via console:session-");
        assertThat(api.path("steps").get(1).path("wait").asText()).isEqualTo("5d");
        assertThat(api.path("enrol").get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(console.get("/console/admin/audit?action=changed", ada.cookie()).body()).contains("break-up");

        // a page opened before that save does not overwrite it
        HttpResponse<String> stale = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, "break-up", 1, CHECK_BACK));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("was saved again since you opened it (version 2)");
        assertThat(version("break-up")).isEqualTo(2);
    }

    @Test
    void aNewCadenceStartsFromAWorkingExampleAndItsNameIsChecked() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> fresh = console.get("/console/admin/cadences/new?name=welcome", ada.cookie());
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("<h1>New cadence</h1>").contains("value=\"welcome\"").contains("Save as version 1");
        String starter = CadenceViews.STARTER;
        assertThat(htmx("/console/admin/cadences/check", ada, form(ada, "welcome", 0, starter)).statusCode()).isEqualTo(200);

        HttpResponse<String> created = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, "welcome", 0, starter));
        assertThat(created.headers().firstValue("Location")).hasValue("/console/admin/cadences/welcome?saved=1");
        assertThat(version("welcome")).isEqualTo(1);
        assertThat(server.services().cadences().get("welcome").enrol()).isEmpty();
        HttpResponse<String> again = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, "welcome", 0, starter));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("a cadence named welcome exists already (version 1)");

        for (String bad : List.of("", "bad name", "x".repeat(65), "<b>bold</b>")) {
            HttpResponse<String> refused = console.post("/console/admin/cadences/save", ada.cookie(), form(ada, bad, 0, starter));
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            assertThat(refused.body()).contains("aria-invalid=\"true\"").contains("id=\"cadence-name-problem\"").doesNotContain("<b>bold");
        }
        assertThat(htmx("/console/admin/cadences/check", ada, form(ada, "-x", 0, starter)).body())
                .contains("<strong>Name</strong>: a cadence's name is 1 to 64 letters");

        // a cadence may be called new: the list links it through the name field of the new-cadence page
        server.services().cadences().save("new", RulesYaml.tree(CHECK_BACK, "body"), Actor.cli("test"));
        assertThat(console.get("/console/admin/cadences", ada.cookie()).body()).contains("href=\"/console/admin/cadences/new?name=new\"");
        assertThat(console.get("/console/admin/cadences/new?name=new", ada.cookie()).body()).contains("<h1>Cadence new</h1>");
    }

    @Test
    void hostileDraftsAreRefusedWithASentenceAndEverythingIsEscaped() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        for (String hostile : List.of(bomb.toString(), "steps: " + "[".repeat(3000), "x".repeat(150_000), "!!java.io.File [/etc]", "- wait: 1d")) {
            HttpResponse<String> refused = htmx("/console/admin/cadences/check", ada, form(ada, "hostile", 0, hostile));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("Line 1").contains("cadence").doesNotContain("java.", "Exception", "snakeyaml");
        }
        HttpResponse<String> huge = htmx("/console/admin/cadences/check", ada, form(ada, "hostile", 0, "x".repeat(2_000_000)));
        assertThat(huge.statusCode()).isEqualTo(413);

        String script = "steps:\n  - chat: {text: \"{{ lead.<script>alert(1)</script> }}\"}\n  - <img src=x onerror=alert(1)>: 1d\n";
        HttpResponse<String> escaped = console.post("/console/admin/cadences/check", ada.cookie(), form(ada, "hostile", 0, script));
        assertThat(escaped.statusCode()).isEqualTo(422);
        assertThat(escaped.body()).doesNotContain("<script>alert", "<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(server.get("/api/v1/cadences/hostile").statusCode()).isEqualTo(404);
    }
}
