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

    @Test
    void theRevokeScreenIs404ForAnUnknownTokenAndSaysARevokedOneIsRevokedAlready() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> unknown = console.open("/console/admin/tokens/nope/revoke", ada.cookie());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("token nope not found").doesNotContain("Revoke nope");

        console.post("/console/admin/tokens", ada.cookie(), Map.of("_csrf", ada.csrf(), "name", "gone-once", "role", "ADMIN"));
        assertThat(console.get("/console/admin/tokens/gone-once/revoke", ada.cookie()).body()).contains("class=\"danger\">Revoke gone-once");
        console.post("/console/admin/tokens/gone-once/revoke", ada.cookie(), Map.of("_csrf", ada.csrf()));

        HttpResponse<String> again = console.get("/console/admin/tokens/gone-once/revoke", ada.cookie());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("gone-once is revoked already").doesNotContain("class=\"danger\">Revoke")
                .doesNotContain("action=\"/console/admin/tokens/gone-once/revoke\"");
    }

    @Test
    void theRevokedMessageIsShownOnlyForATokenThatIsRevoked() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        console.post("/console/admin/tokens", ada.cookie(), Map.of("_csrf", ada.csrf(), "name", "still-on", "role", "ADMIN"));
        console.post("/console/admin/tokens", ada.cookie(), Map.of("_csrf", ada.csrf(), "name", "turned-off", "role", "ADMIN"));
        console.post("/console/admin/tokens/turned-off/revoke", ada.cookie(), Map.of("_csrf", ada.csrf()));

        assertThat(console.get("/console/admin/tokens?revoked=anything-at-all", ada.cookie()).body()).doesNotContain("Revoked anything");
        assertThat(console.get("/console/admin/tokens?revoked=still-on", ada.cookie()).body()).doesNotContain("Revoked still-on");
        assertThat(console.get("/console/admin/tokens?revoked=turned-off", ada.cookie()).body())
                .contains("Revoked turned-off: the API refuses it from now on.");
    }

    @Test
    void eachProblemOfANewTokenIsShownAtItsInput() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> badName = console.post("/console/admin/tokens", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "name", "<img src=x>", "role", "ADMIN"));
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(badName.body()).containsPattern("(?s)id=\"token-name\".{0,200}aria-invalid=\"true\"")
                .contains("aria-describedby=\"token-name-problem token-name-hint\"")
                .contains("id=\"token-name-problem\">1-100 letters").doesNotContain("<img src=x>");

        HttpResponse<String> noRep = console.post("/console/admin/tokens", ada.cookie(),
                Map.of("_csrf", ada.csrf(), "name", "nobodys", "role", "REP"));
        assertThat(noRep.statusCode()).isEqualTo(422);
        assertThat(noRep.body()).containsPattern("id=\"token-rep\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"token-rep-problem\"")
                .contains("id=\"token-rep-problem\">a REP token names its rep");
    }

    @Test
    void anAuditDayOrLeadThatIsNotOneOrAToDayBeforeTheFromDayIsRefusedAtItsInput() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> notADay = console.get("/console/admin/audit?from=abc", ada.cookie());
        assertThat(notADay.statusCode()).isEqualTo(422);
        assertThat(notADay.body()).containsPattern("id=\"audit-from\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"audit-from-problem\"")
                .contains("id=\"audit-from-problem\">'abc' is not a day");

        HttpResponse<String> backwards = console.get("/console/admin/audit?from=2024-05-02&to=2024-05-01", ada.cookie());
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(backwards.body()).containsPattern("id=\"audit-to\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"audit-to-problem\"")
                .contains("id=\"audit-to-problem\">must not be before the from day (2024-05-02)").doesNotContain("No entries match");
        assertThat(console.get("/console/admin/audit?from=2024-05-01&to=2024-05-01", ada.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> notALead = console.get("/console/admin/audit?lead=nonsense", ada.cookie());
        assertThat(notALead.statusCode()).isEqualTo(422);
        assertThat(notALead.body()).containsPattern("id=\"audit-lead\"[^>]*aria-invalid=\"true\"\\s+aria-describedby=\"audit-lead-problem\"");
    }

    private static HttpResponse<String> api(String secret) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads")).header("Authorization", "Bearer " + secret).GET().build());
    }
}
