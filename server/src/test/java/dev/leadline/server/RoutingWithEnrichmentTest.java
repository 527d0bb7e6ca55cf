package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** With the bundled plugins on, a new lead waits for its enrichment and score, so rules can route by them. */
class RoutingWithEnrichmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Nurture", null, List.of("omar@example.com")), new QueueSpec("Inbound", null, List.of("jane@example.com"))),
                Actor.cli("test"));
        server.services().rules().save("api", Map.of(
                "entries", List.of(Map.of("name", "Webmail goes to nurture",
                        "when", Map.of("field", "enrichment.emailType", "op", "eq", "value", "webmail"), "to", Map.of("queue", "Nurture"))),
                "default", Map.of("queue", "Inbound")), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWebmailLeadIsRoutedByWhatEnrichmentFoundOutAboutIt() throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"email\":\"ada.byron@gmail.com\"}")
                .body()).path("id").asText();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
        JsonNode why = JSON.readTree(server.get("/api/v1/leads/" + id + "/routing").body()).path("explanation");

        assertThat(why.path("entry").asText()).isEqualTo("Webmail goes to nurture");
        assertThat(why.path("because").get(0).asText()).isEqualTo("enrichment.emailType eq webmail: 'webmail' ✓");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + id).body()).path("queueId").asLong())
                .isEqualTo(server.services().team().queueByName("Nurture").orElseThrow().id());
    }

    @Test
    void rulesNamingUnknownFieldsAreRefused() {
        Executable save = () -> server.services().rules().save("form", Map.of("entries", List.of(Map.of("name", "X",
                "when", Map.of("field", "colour", "op", "eq", "value", "red"), "to", Map.of("queue", "Inbound"))),
                "default", Map.of("queue", "Inbound")), Actor.cli("test"));
        org.assertj.core.api.Assertions.assertThatThrownBy(save::execute).isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown field 'colour'");
    }
}
