package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.routing.RuleSetRepository;
import dev.leadline.server.RoutedImports;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Routing page over plain HTTP: admins only, CSRF, problems at their lines, hostile drafts, a dry run and a publish that is audited. */
class ConsoleRoutingTest {
    /** Big companies (5,000 employees: every fourth imported lead) to Mia, the rest to Inbound as before. */
    static final String DRAFT = """
            entries:
              - name: Big
                when: {field: employeeCount, op: ge, value: 1000}
                to: {rep: mia@example.com}
            default: {queue: Inbound}
            """;
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        server.services().rules().save("default", Map.of("default", Map.of("queue", "Inbound")), Actor.cli("test"));
        RoutedImports.importRouted(server, 200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int newest() {
        return server.services().rules().versions("default").stream().mapToInt(RuleSetRepository.Stored::version).max().orElse(0);
    }

    private static HttpResponse<String> htmx(String path, ConsoleFixture.Session session, Map<String, String> form) {
        return console.send(HttpRequest.newBuilder(console.uri(path)).header("HX-Request", "true").header("X-CSRF-Token", session.csrf()),
                session.cookie(), form);
    }

    @Test
    void repsAndManagersAreRefusedThePageAndItsActions() {
        int before = newest();
        for (String email : List.of("jane@example.com", "max@example.com")) {
            ConsoleFixture.Session session = console.signIn(email);
            assertThat(console.get("/console/admin/routing", session.cookie()).statusCode()).isEqualTo(403);
            assertThat(console.get("/console", session.cookie()).body()).doesNotContain("/console/admin/routing");
            for (String action : List.of("check", "dry-run", "publish")) {
                HttpResponse<String> refused = console.post("/console/admin/routing/default/" + action, session.cookie(),
                        Map.of("_csrf", session.csrf(), "yaml", DRAFT));
                assertThat(refused.statusCode()).as(email + " " + action).isEqualTo(403);
                assertThat(refused.body()).contains("for admins only");
            }
        }
        assertThat(newest()).isEqualTo(before);
    }

    @Test
    void nothingIsPublishedWithoutTheCsrfToken() {
        int before = newest();
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> refused = console.post("/console/admin/routing/default/publish", ada.cookie(), Map.of("yaml", DRAFT));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("CSRF");
        assertThat(newest()).isEqualTo(before);
    }

    @Test
    void aDraftWithProblemsComesBackWithEachProblemAtItsLineAndIsNotPublished() {
        int before = newest();
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> checked = htmx("/console/admin/routing/default/check", ada, Map.of("yaml", DRAFT.replace("mia@", "nobody@")));
        assertThat(checked.statusCode()).isEqualTo(422);
        assertThat(checked.body()).contains("<strong>Line 4</strong>: <code>entries[0].to.rep</code> no rep with email 'nobody@example.com'")
                .doesNotContain("<html");

        HttpResponse<String> published = console.post("/console/admin/routing/default/publish", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "yaml", DRAFT.replace("{queue: Inbound}", "{queue: Nope}")));
        assertThat(published.statusCode()).isEqualTo(422);
        assertThat(published.body()).contains("Not published").contains("<strong>Line 5</strong>").contains("{queue: Nope}");
        assertThat(newest()).isEqualTo(before);

        assertThat(htmx("/console/admin/routing/default/dry-run", ada, Map.of("yaml", DRAFT, "last", "5000")).body())
                .contains("Leads to try it on").contains("from 1 to 1000");
        assertThat(htmx("/console/admin/routing/nope/check", ada, Map.of("yaml", DRAFT)).statusCode()).isEqualTo(404);
    }

    @Test
    void hostileDraftsAreRefusedWithASentence() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        for (String hostile : List.of(bomb.toString(), "entries: " + "[".repeat(3000), "x".repeat(150_000), "!!java.io.File [/etc]")) {
            HttpResponse<String> refused = htmx("/console/admin/routing/default/check", ada, Map.of("yaml", hostile));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("Line 1").doesNotContain("java.", "Exception", "snakeyaml");
        }
        HttpResponse<String> huge = htmx("/console/admin/routing/default/check", ada, Map.of("yaml", "x".repeat(2_000_000)));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void anAdminDryRunsADraftAndPublishesItAsTheNextVersionAudited() {
        int before = newest();
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> page = console.get("/console/admin/routing", ada.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Routing</h1>").contains("Publish as version " + (before + 1)).contains("Entry 1</span> default");

        HttpResponse<String> tried = htmx("/console/admin/routing/default/dry-run", ada, Map.of("yaml", DRAFT, "last", "200"));
        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        assertThat(tried.body()).contains("data-leads=\"200\"").contains("data-changed=\"50\"").contains("50 of 200 leads would go elsewhere")
                .contains("class=\"changed\"").contains("Mia Chen");

        HttpResponse<String> published = console.post("/console/admin/routing/default/publish", ada.cookie(), Map.of("_csrf", ada.csrf(), "yaml", DRAFT));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(303);
        String location = published.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/console/admin/routing?purpose=default&published=" + (before + 1));
        assertThat(newest()).isEqualTo(before + 1);
        HttpResponse<String> shown = console.get(location, ada.cookie());
        assertThat(shown.body()).contains("Published version " + (before + 1)).contains("Version " + before + " → version " + (before + 1))
                .contains("<span class=\"diff-add\"><span class=\"visually-hidden\">added: </span>+- name: Big</span>")
                .contains("data-entry=\"Big\"");
        assertThat(console.get("/console/admin/audit?action=saved", ada.cookie()).body()).contains("rep:ada@example.com via console:session-");
        assertThat(console.get("/console/admin/routing?purpose=default&from=" + (before + 1) + "&to=" + before, ada.cookie()).body())
                .contains("Version " + (before + 1) + " → version " + before).contains("removed: </span>-- name: Big");
        assertThat(console.get("/console/admin/routing?purpose=default&version=" + before, ada.cookie()).body())
                .contains("(version " + before + " to start from)").contains("Show version " + (before + 1)).doesNotContain("data-entry=\"Big\"");

        HttpResponse<String> again = console.post("/console/admin/routing/default/publish", ada.cookie(), Map.of("_csrf", ada.csrf(), "yaml", DRAFT));
        assertThat(again.body()).contains("Not published: the draft is the same as version " + (before + 1));
    }
}
