package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.cli.CliEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who is on the desk, over HTTP ({@code GET /reps}, {@code GET /queues}) and on the command line ({@code leadline reps}). */
class TeamApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String janesToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", "America/New_York", null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", "Europe/Berlin", null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", "first to claim wins", List.of("jane@example.com", "omar@example.com")),
                        new QueueSpec("Enterprise", null, List.of("omar@example.com"), Map.of(), "round-robin", Map.of(), null, null)),
                Actor.cli("test"));
        janesToken = server.services().tokens().issue(new TokenService.Request("jane-laptop", TokenRole.REP, "jane@example.com", false,
                Optional.empty()), Actor.cli("test")).secret();
        HttpResponse<String> paused = server.send(server.request("/api/v1/reps/omar@example.com/availability")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"paused\":true}")).build());
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode getAsJane(String path) throws Exception {
        HttpResponse<String> response = server.send(server.request(path).header("Authorization", "Bearer " + janesToken).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("items");
    }

    @Test
    void anyTokenListsTheRepsWithTheirRoleQueuesAndAvailability() throws Exception {
        JsonNode reps = getAsJane("/api/v1/reps");

        assertThat(reps.findValuesAsText("email")).containsExactly("jane@example.com", "mia@example.com", "omar@example.com");
        JsonNode omar = reps.get(2);
        assertThat(omar.path("id").asLong()).isEqualTo(server.services().team().repByEmail("omar@example.com").orElseThrow().id());
        assertThat(omar.path("name").asText()).isEqualTo("Omar Haddad");
        assertThat(omar.path("role").asText()).isEqualTo("REP");
        assertThat(omar.path("queues").toString()).isEqualTo("[\"Enterprise\",\"Inbound\"]");
        assertThat(omar.path("active").asBoolean()).isTrue();
        assertThat(omar.path("paused").asBoolean()).isTrue();
        assertThat(omar.path("outOfOffice").isNull()).isTrue();
        assertThat(omar.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(omar.path("workingNow").asBoolean()).as("no working hours: always").isTrue();
        assertThat(reps.get(1).path("role").asText()).isEqualTo("MANAGER");
        assertThat(reps.get(1).path("queues").isEmpty()).isTrue();
    }

    @Test
    void anyTokenListsTheQueuesWithTheirStrategyAndMembers() throws Exception {
        JsonNode queues = getAsJane("/api/v1/queues");

        assertThat(queues.findValuesAsText("name")).containsExactly("Enterprise", "Inbound");
        assertThat(queues.get(0).path("strategy").asText()).isEqualTo("round-robin");
        assertThat(queues.get(1).path("strategy").asText()).isEqualTo("claim-first");
        assertThat(queues.get(1).path("members").toString()).isEqualTo("[\"jane@example.com\",\"omar@example.com\"]");
        assertThat(queues.get(1).path("id").asLong()).isEqualTo(server.services().team().queueByName("Inbound").orElseThrow().id());
    }

    @Test
    void theRepsCommandPrintsOneLinePerRepWithQueuesAndAvailability() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        CliEnvironment.use(server.env());
        try {
            assertThat(Main.run("reps")).isZero();
        } finally {
            System.setOut(original);
            CliEnvironment.use(System.getenv());
        }

        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(String::strip).map(l -> l.replaceAll(" +", " ")))
                .containsExactly("NAME EMAIL ROLE QUEUES AVAILABILITY",
                        "Jane Rivera jane@example.com REP Inbound available",
                        "Mia Chen mia@example.com MANAGER - available",
                        "Omar Haddad omar@example.com REP Enterprise,Inbound paused");
    }
}
