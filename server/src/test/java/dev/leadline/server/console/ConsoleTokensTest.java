package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens and audit over plain HTTP: an admin creates and revokes tokens that the API then takes and refuses; the audit search. */
class ConsoleTokensTest {
    private static final Pattern SECRET = Pattern.compile("id=\"secret\" readonly value=\"(ll_[^\"]+)\"");
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminCreatesATokenShownOnceThatTheApiTakesUntilItIsRevoked() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> created = console.post("/console/admin/tokens", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "name", "crm-sync", "role", "INTEGRATION"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as(created.body()).isTrue();
        assertThat(created.body()).contains("shown this once");

        HttpResponse<String> list = console.get("/console/admin/tokens", ada.cookie());
        assertThat(list.body()).contains("data-token=\"crm-sync\"").contains("INTEGRATION").doesNotContain(secret.group(1));
        assertThat(api(secret.group(1)).statusCode()).isEqualTo(200);

        HttpResponse<String> confirm = console.get("/console/admin/tokens/crm-sync/revoke", ada.cookie());
        assertThat(confirm.body()).contains("Revoke crm-sync?");
        HttpResponse<String> revoked = console.post("/console/admin/tokens/crm-sync/revoke", ada.cookie(), Map.of("_csrf", ada.csrf()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
        assertThat(console.get(revoked.headers().firstValue("Location").orElseThrow(), ada.cookie()).body())
                .contains("Revoked crm-sync").containsPattern("(?s)data-token=\"crm-sync\">((?!</tr>).)*revoked ");
        HttpResponse<String> refused = api(secret.group(1));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("token_revoked");
    }

    @Test
    void aRepTokenNeedsAnActiveRepAndAProblemIsShownWithWhatWasTyped() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> refused = console.post("/console/admin/tokens", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "name", "janes-phone", "role", "REP", "rep", "nobody@example.com"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("no active rep with id or email").contains("value=\"janes-phone\"");

        HttpResponse<String> created = console.post("/console/admin/tokens", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "name", "janes-phone", "role", "REP", "rep", "jane@example.com"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(console.get("/console/admin/tokens", ada.cookie()).body()).containsPattern("data-token=\"janes-phone\">.*jane@example.com");
    }

    @Test
    void aRepOrAManagerGets403OnTheAdminPages() {
        for (String email : new String[] {"jane@example.com", "max@example.com"}) {
            ConsoleFixture.Session rep = console.signIn(email);
            assertThat(console.get("/console", rep.cookie()).body()).as("no link to pages they cannot open").doesNotContain("Tokens and audit");
            for (String path : new String[] {"/console/admin/tokens", "/console/admin/audit", "/console/admin/tokens/x/revoke"}) {
                HttpResponse<String> page = console.get(path, rep.cookie());
                assertThat(page.statusCode()).as(email + " " + path).isEqualTo(403);
                assertThat(page.body()).contains("admins only").doesNotContain("dev.leadline");
            }
            HttpResponse<String> issue = console.post("/console/admin/tokens", rep.cookie(),
                    Map.of("_csrf", rep.csrf(), "name", "sneaky", "role", "ADMIN"));
            assertThat(issue.statusCode()).isEqualTo(403);
        }
        assertThat(server.services().tokens().list()).noneMatch(t -> t.name().equals("sneaky"));
        assertThat(console.get("/console", console.signIn("ada@example.com").cookie()).body()).contains("Tokens and audit");
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefused() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> issue = console.post("/console/admin/tokens", ada.cookie(), Map.of("name", "forged", "role", "ADMIN"));
        assertThat(issue.statusCode()).isEqualTo(403);
        assertThat(server.services().tokens().list()).noneMatch(t -> t.name().equals("forged"));

        console.post("/console/admin/tokens", ada.cookie(), Map.of("_csrf", ada.csrf(), "name", "kept", "role", "INTEGRATION"));
        HttpResponse<String> revoke = console.post("/console/admin/tokens/kept/revoke", ada.cookie(), Map.of("_csrf", "wrong"));
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(server.services().tokens().list()).anyMatch(t -> t.name().equals("kept") && !t.revoked());
    }

    @Test
    void theAuditSearchFindsATokensLifeByItsNameAndByTheRepAndALeadsChangesByItsId() throws Exception {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        console.post("/console/admin/tokens", ada.cookie(), Map.of("_csrf", ada.csrf(), "name", "audited", "role", "ADMIN"));
        console.post("/console/admin/tokens/audited/revoke", ada.cookie(), Map.of("_csrf", ada.csrf()));

        String byToken = console.get("/console/admin/audit?token=audited", ada.cookie()).body();
        assertThat(byToken).contains("<td>created</td>").contains("<td>revoked</td>").contains("rep:ada@example.com via console:session-")
                .contains("name: — → audited").doesNotContain("crm-sync");
        assertThat(byToken.indexOf("<td>revoked</td>")).isLessThan(byToken.indexOf("<td>created</td>"));

        String byRep = console.get("/console/admin/audit?rep=ADA@example.com&action=created", ada.cookie()).body();
        assertThat(byRep).contains("name: — → audited").doesNotContain("<td>revoked</td>");

        String lead = console.offeredLead("Lamarr");
        String byLead = console.get("/console/admin/audit?lead=" + lead, ada.cookie()).body();
        assertThat(byLead).contains("lead " + lead).contains("token:bootstrap").doesNotContain("api_token");

        HttpResponse<String> badDay = console.get("/console/admin/audit?from=yesterday", ada.cookie());
        assertThat(badDay.statusCode()).isEqualTo(422);
        assertThat(badDay.body()).contains("not a day");
        assertThat(console.get("/console/admin/audit?token=audited&from=2000-01-01&to=2000-01-02", ada.cookie()).body()).contains("No entries match");
    }

    private static HttpResponse<String> api(String secret) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads")).header("Authorization", "Bearer " + secret).GET().build());
    }
}
