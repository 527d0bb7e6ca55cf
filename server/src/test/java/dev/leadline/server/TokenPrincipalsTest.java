package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.cli.CliEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens belong to principals: a rep, an integration (acting as a rep only with act-as), or the desk's admins. */
class TokenPrincipalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRepTokenActsAsItsOwnRepAndTheTimelineNamesBothTheRepAndTheToken() throws Exception {
        String jane = issue("{\"name\":\"jane-laptop\",\"role\":\"rep\",\"rep\":\"jane@example.com\"}");
        String lead = offeredLead();

        HttpResponse<String> claimed = call(jane, "/api/v1/leads/" + lead + "/claim", "");
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(claimed.body()).path("ownerRepId").asLong())
                .isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        assertThat(call(jane, "/api/v1/leads/" + lead + "/notes", "{\"text\":\"called back\"}").statusCode()).isEqualTo(200);

        JsonNode timeline = JSON.readTree(server.get("/api/v1/leads/" + lead + "/timeline").body());
        assertThat(timeline.findValuesAsText("actor")).contains("rep:jane@example.com via token:jane-laptop");
        assertThat(auditActors()).contains("rep:jane@example.com via token:jane-laptop");
    }

    @Test
    void aRepTokenCannotActAsAnotherRepOrAsAManagerOrAdministerTheDesk() throws Exception {
        String omar = issue("{\"name\":\"omar-phone\",\"role\":\"REP\",\"rep\":\"omar@example.com\"}");
        String lead = offeredLead();

        HttpResponse<String> asJane = call(omar, "/api/v1/leads/" + lead + "/claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(asJane.statusCode()).isEqualTo(403);
        assertThat(asJane.body()).contains("acts only as omar@example.com");
        HttpResponse<String> asManager = call(omar, "/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"omar@example.com\"}");
        assertThat(asManager.statusCode()).isEqualTo(403);
        HttpResponse<String> assignAsHimself = call(omar, "/api/v1/leads/" + lead + "/assign", "{\"to\":\"omar@example.com\"}");
        assertThat(assignAsHimself.statusCode()).isEqualTo(403);
        assertThat(call(omar, "/api/v1/tokens", null).statusCode()).isEqualTo(403);
        assertThat(send(omar, HttpRequest.newBuilder(server.uri("/api/v1/leads/import")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("Last Name\nRivera\n"))).statusCode()).isEqualTo(403);
        HttpResponse<String> pauseJane = send(omar, HttpRequest.newBuilder(server.uri("/api/v1/reps/jane@example.com/availability"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"paused\":true}")));
        assertThat(pauseJane.statusCode()).isEqualTo(403);

        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead).body()).path("ownerRepId").isNull()).isTrue();
        assertThat(server.services().team().repByEmail("jane@example.com").orElseThrow().paused()).isFalse();
    }

    @Test
    void anIntegrationTokenCreatesLeadsButActsAsARepOnlyWithTheActAsScope() throws Exception {
        String plain = issue("{\"name\":\"webhook\",\"role\":\"INTEGRATION\"}");
        String actAs = issue("{\"name\":\"crm-sync\",\"role\":\"INTEGRATION\",\"actAs\":true}");
        HttpResponse<String> created = call(plain, "/api/v1/leads", "{\"lastName\":\"Lamarr\",\"email\":\"hedy@spread.example\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String lead = offeredLead();

        HttpResponse<String> refused = call(plain, "/api/v1/leads/" + lead + "/claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("act-as");
        HttpResponse<String> claimed = call(actAs, "/api/v1/leads/" + lead + "/claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/timeline").body()).findValuesAsText("actor"))
                .contains("rep:jane@example.com via token:crm-sync");
    }

    @Test
    void tokensAreIssuedOnlyForWhatTheyCanBeAndNeverWithAZeroOrNegativeLifetime() throws Exception {
        HttpResponse<String> noRep = server.postJson("/api/v1/tokens", "{\"name\":\"x1\",\"role\":\"REP\"}");
        assertThat(noRep.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noRep.body()).path("fields").findValuesAsText("field")).containsExactly("rep");
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x2\",\"role\":\"REP\",\"rep\":\"nobody@example.com\"}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x3\",\"role\":\"ADMIN\",\"rep\":\"jane@example.com\"}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x4\",\"role\":\"REP\",\"rep\":\"jane@example.com\",\"actAs\":true}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x5\",\"role\":\"INTEGRATION\",\"expiresInDays\":0}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x6\",\"role\":\"INTEGRATION\",\"expiresInDays\":-3}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"../x\",\"role\":\"INTEGRATION\"}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"bootstrap\",\"role\":\"ADMIN\"}").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/tokens", "{\"name\":\"x7\",\"role\":\"SUPERUSER\"}").statusCode()).isEqualTo(400);
        issue("{\"name\":\"twice\",\"role\":\"INTEGRATION\"}");
        HttpResponse<String> again = server.postJson("/api/v1/tokens", "{\"name\":\"twice\",\"role\":\"INTEGRATION\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("revoke it first");

        assertThat(runCli("token", "create", "--name", "cli-x", "--role", "integration", "--expires-in-days", "0")).isEqualTo(2);
        assertThat(JSON.readTree(server.get("/api/v1/tokens").body()).findValuesAsText("name")).doesNotContain("x1", "x2", "x5", "x6", "cli-x");
    }

    @Test
    void aRevokedTokenIsRefusedOnEveryNodeWithinASecond() throws Exception {
        String secret = issue("{\"name\":\"to-revoke\",\"role\":\"INTEGRATION\"}");
        try (TestServer other = server.beside(Map.of(), java.time.Clock.systemUTC())) {
            assertThat(send(other, secret, "/api/v1/leads").statusCode()).isEqualTo(200);
            assertThat(send(server, secret, "/api/v1/leads").statusCode()).isEqualTo(200);

            HttpResponse<String> revoked = server.send(server.request("/api/v1/tokens/to-revoke").DELETE().build());
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(revoked.body()).path("revokedAt").asText()).isNotEmpty();
            long at = System.nanoTime();

            assertThat(send(server, secret, "/api/v1/leads").statusCode()).isEqualTo(401);
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> send(other, secret, "/api/v1/leads").statusCode() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofSeconds(1));
            assertThat(JSON.readTree(send(other, secret, "/api/v1/leads").body()).path("error").asText()).isEqualTo("token_revoked");
        }
        assertThat(server.send(server.request("/api/v1/tokens/to-revoke").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void theCommandLineListsAndRevokesTokens() throws Exception {
        String secret = issue("{\"name\":\"cli-revoked\",\"role\":\"REP\",\"rep\":\"jane@example.com\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(runCli("token", "list")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cli-revoked").contains("REP").doesNotContain(secret);
        assertThat(runCli("token", "revoke", "cli-revoked")).isZero();
        assertThat(runCli("token", "revoke", "no-such-token")).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> send(server, secret, "/api/v1/leads").statusCode() == 401);
    }

    @Test
    void aChangedBootstrapTokenRevokesTheOldOneAtStart() throws Exception {
        try (TestServer own = TestServer.start()) {
            Map<String, String> env = new HashMap<>(own.env());
            String rotated = "rotated-admin-token-9876543210";
            env.put("LEADLINE_BOOTSTRAP_TOKEN", rotated);
            try (TestServer restarted = TestServer.startWith(env)) {
                assertThat(send(restarted, rotated, "/api/v1/tokens").statusCode()).isEqualTo(200);
                HttpResponse<String> old = send(restarted, TestServer.ADMIN_TOKEN, "/api/v1/leads");
                assertThat(old.statusCode()).isEqualTo(401);
                assertThat(old.body()).contains("token_revoked");
            }
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> own.get("/api/v1/leads").statusCode() == 401);
        }
    }

    private static int runCli(String... args) {
        CliEnvironment.use(server.env());
        try {
            return Main.run(args);
        } finally {
            CliEnvironment.use(System.getenv());
        }
    }

    private static List<String> auditActors() {
        return server.database().dsl().select(AUDIT_LOG.ACTOR).from(AUDIT_LOG).fetch(AUDIT_LOG.ACTOR);
    }

    private static String issue(String body) throws Exception {
        HttpResponse<String> issued = server.postJson("/api/v1/tokens", body);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body()).path("secret").asText();
    }

    private static String offeredLead() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"Hopper\",\"company\":\"Navy\"}");
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> offered = server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
        return id;
    }

    private static HttpResponse<String> call(String token, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        return send(token, json == null ? request.GET() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(String token, HttpRequest.Builder request) {
        return server.send(request.header("Authorization", "Bearer " + token).build());
    }

    private static HttpResponse<String> send(TestServer node, String token, String path) {
        return node.send(HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }
}
