package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.testing.MutableClock;
import dev.leadline.server.Main;
import dev.leadline.server.TestServer;
import dev.leadline.server.cli.CliEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's door over plain HTTP: sessions, CSRF, the API's permissions, one-time links that expire. */
class ConsoleSecurityTest {
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), clock);
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    @Test
    void noPageOrActionWithoutASession() throws Exception {
        String lead = console.offeredLead("Hopper");
        for (String path : new String[] {"/console", "/console/leads/" + lead, "/console/list?view=mine", "/console/events"}) {
            HttpResponse<String> page = console.get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).as(path).hasValue("/console/sign-in");
        }
        HttpResponse<String> claim = console.post("/console/leads/" + lead + "/claim", null, Map.of());
        assertThat(claim.statusCode()).isEqualTo(303);
        HttpResponse<String> htmx = server.send(HttpRequest.newBuilder(console.uri("/console/list?view=mine")).header("HX-Request", "true")
                .GET().build());
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(htmx.headers().firstValue("HX-Redirect")).hasValue("/console/sign-in");
        HttpResponse<String> forged = console.get("/console", "leadline_console=not-a-session");
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(server.services().leads().get(dev.leadline.core.lead.LeadId.parse(lead)).ownerRepId()).isNull();
    }

    @Test
    void theSignInPageItselfIsOpenAndExplainsHowToGetALink() {
        HttpResponse<String> page = console.get("/console/sign-in", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/lead console").contains("leadline login-link");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void aSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        HttpResponse<String> in = console.redeem(console.link("jane@example.com"));
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("leadline_console=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/console")
                .doesNotContain("Secure");
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndOneWithItWorks() throws Exception {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        String lead = console.offeredLead("Lovelace");

        HttpResponse<String> without = console.post("/console/leads/" + lead + "/claim", jane.cookie(), Map.of());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("CSRF token");
        assertThat(without.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        HttpResponse<String> wrong = console.post("/console/leads/" + lead + "/claim", jane.cookie(), Map.of("_csrf", "x" + jane.csrf()));
        assertThat(wrong.statusCode()).isEqualTo(403);
        ConsoleFixture.Session omar = console.signIn("omar@example.com");
        HttpResponse<String> anotherSessions = console.post("/console/leads/" + lead + "/claim", jane.cookie(), Map.of("_csrf", omar.csrf()));
        assertThat(anotherSessions.statusCode()).isEqualTo(403);
        assertThat(server.services().leads().get(dev.leadline.core.lead.LeadId.parse(lead)).ownerRepId()).isNull();

        HttpResponse<String> byHeader = console.send(HttpRequest.newBuilder(console.uri("/console/leads/" + lead + "/claim"))
                .header("X-CSRF-Token", jane.csrf()), jane.cookie(), Map.of());
        assertThat(byHeader.statusCode()).as(byHeader.body()).isEqualTo(303);
        assertThat(server.services().leads().get(dev.leadline.core.lead.LeadId.parse(lead)).ownerRepId())
                .isEqualTo(console.rep("jane@example.com").id());
    }

    @Test
    void aRepCannotActOnLeadsWhereTheApiForbidsIt() throws Exception {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        ConsoleFixture.Session omar = console.signIn("omar@example.com");
        ConsoleFixture.Session mia = console.signIn("mia@example.com");
        String lead = console.offeredLead("Hamilton");

        HttpResponse<String> notAMember = console.post("/console/leads/" + lead + "/claim", mia.cookie(), Map.of("_csrf", mia.csrf()));
        assertThat(notAMember.statusCode()).isEqualTo(403);
        assertThat(notAMember.body()).contains("not a member of queue Inbound");
        assertThat(console.post("/console/leads/" + lead + "/claim", jane.cookie(), Map.of("_csrf", jane.csrf())).statusCode()).isEqualTo(303);

        HttpResponse<String> releaseJanes = console.post("/console/leads/" + lead + "/release", omar.cookie(), Map.of("_csrf", omar.csrf()));
        assertThat(releaseJanes.statusCode()).isEqualTo(403);
        assertThat(releaseJanes.body()).contains("belongs to someone else");
        HttpResponse<String> tooLate = console.post("/console/leads/" + lead + "/claim", omar.cookie(), Map.of("_csrf", omar.csrf()));
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(tooLate.body()).contains("Too late: Jane Rivera claimed " + lead);

        HttpResponse<String> timeline = server.get("/api/v1/leads/" + lead + "/timeline");
        assertThat(timeline.body()).containsPattern("rep:jane@example.com via console:session-\\d+");
    }

    @Test
    void aSignInLinkWorksOnceAndNeverAfterTenMinutes() {
        String link = console.link("jane@example.com");
        assertThat(link).startsWith("http://localhost:").contains("/console/sign-in/");
        HttpResponse<String> preview = console.get(java.net.URI.create(link).getPath(), null);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Set-Cookie")).isEmpty();

        assertThat(console.redeem(link).statusCode()).isEqualTo(303);
        HttpResponse<String> again = console.redeem(link);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("used already");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();

        String late = console.link("jane@example.com");
        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> expired = console.redeem(late);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("expired");

        clock.set(Instant.now());
        String justInTime = console.link("jane@example.com");
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(console.redeem(justInTime).statusCode()).isEqualTo(303);
        assertThat(console.redeem("http://x/console/sign-in/made-up").statusCode()).isEqualTo(400);
    }

    @Test
    void aUsedOrExpiredLinkSaysSoWhenOpenedAndAFreshOneStillWaitsForTheButton() {
        String fresh = console.link("jane@example.com");
        HttpResponse<String> waiting = console.get(java.net.URI.create(fresh).getPath(), null);
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.body()).contains("name=\"link\"").contains(">Sign in</button>");
        assertThat(console.get(java.net.URI.create(fresh).getPath(), null).body()).as("opening it uses nothing").contains(">Sign in</button>");
        assertThat(console.redeem(fresh).statusCode()).isEqualTo(303);

        HttpResponse<String> used = console.get(java.net.URI.create(fresh).getPath(), null);
        assertThat(used.statusCode()).isEqualTo(400);
        assertThat(used.body()).contains("used already").contains("/lead console").doesNotContain("name=\"link\"")
                .doesNotContain(">Sign in</button>");
        assertThat(used.headers().firstValue("Set-Cookie")).isEmpty();

        clock.set(Instant.now());
        String late = console.link("jane@example.com");
        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> expired = console.get(java.net.URI.create(late).getPath(), null);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("has expired").contains("/lead console").doesNotContain("name=\"link\"");

        HttpResponse<String> unknown = console.get("/console/sign-in/made-up", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("not one we know").doesNotContain("name=\"link\"");
    }

    @Test
    void aSessionEndsAfterEightIdleHoursOrOnSignOut() {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        clock.advance(Duration.ofHours(7));
        assertThat(console.get("/console", jane.cookie()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(7));
        assertThat(console.get("/console", jane.cookie()).statusCode()).as("used 7 h ago: still on").isEqualTo(200);
        clock.advance(Duration.ofHours(8));
        assertThat(console.get("/console", jane.cookie()).statusCode()).as("idle 8 h").isEqualTo(303);

        ConsoleFixture.Session omar = console.signIn("omar@example.com");
        HttpResponse<String> out = console.post("/console/sign-out", omar.cookie(), Map.of("_csrf", omar.csrf()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(console.get("/console", omar.cookie()).statusCode()).isEqualTo(303);
    }

    @Test
    void chatAnswersTheConsoleCommandPrivatelyOnEveryPlatformsGrammar() {
        ChatReply slash = server.services().chat().handle("/lead console", console.rep("omar@example.com"));
        ChatReply said = server.services().chat().handle("console", console.rep("omar@example.com"));
        assertThat(slash.personal()).isTrue();
        assertThat(said.personal()).isTrue();
        assertThat(slash.text()).contains("works once, for 10 minutes");
    }

    @Test
    void theCommandLinePrintsALinkThatSignsTheRepIn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        CliEnvironment.use(server.env());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.commandLine().execute("login-link", "--rep", "jane@example.com")).isZero();
        } finally {
            System.setOut(original);
            CliEnvironment.use(System.getenv());
        }
        String link = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(link).contains("/console/sign-in/");
        assertThat(console.redeem(link).statusCode()).isEqualTo(303);
    }
}
