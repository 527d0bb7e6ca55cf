package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * enrich-email with {@code writeFields} on, through the real server: cleaned values go onto the lead's own
 * fields with a timeline entry by the plugin, and a value someone set later is left alone. (With the
 * option off, {@link PluginApiTest} shows the lead's own values untouched.)
 */
class FieldWritebackApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_PROVIDER_TIMEOUT_MS", "2000", "LEADLINE_PLUGIN_ENRICH_EMAIL_DEFAULT_REGION", "GB",
                "LEADLINE_PLUGIN_ENRICH_EMAIL_WRITE_FIELDS", "true"));
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRawPhoneAndLowerCaseNameAreWrittenCleanedOntoTheLeadAndTheTimelineSaysFromWhatAndByWhom() throws Exception {
        String id = create("{\"firstName\":\"ada\",\"lastName\":\"LOVELACE\",\"email\":\"ada@engines.example\",\"phone\":\"020 7946 0958\"}");

        JsonNode lead = awaitLead(id, l -> l.path("phone").asText().equals("+442079460958"));

        assertThat(lead.path("firstName").asText()).isEqualTo("Ada");
        assertThat(lead.path("lastName").asText()).isEqualTo("Lovelace");
        assertThat(lead.path("domain").asText()).as("an empty field filled").isEqualTo("engines.example");
        assertThat(lead.path("email").asText()).as("never written").isEqualTo("ada@engines.example");
        JsonNode entry = update(id);
        assertThat(entry.path("actor").asText()).isEqualTo("plugin:enrich-email");
        assertThat(entry.path("summary").asText()).contains("firstName set to Ada from 'ada'").contains("lastName set to Lovelace from 'LOVELACE'")
                .contains("phone set to +442079460958 from '020 7946 0958'").contains("domain set to engines.example (was empty)")
                .endsWith(" by enrich-email");
        JsonNode written = JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body()).path("written");
        assertThat(written.toString()).contains("\"field\":\"phone\"").contains("\"from\":\"020 7946 0958\"")
                .contains("\"plugin\":\"enrich-email\"");
    }

    @Test
    void aValueSetAfterTheLeadArrivedIsNeverOverwrittenByALaterRun() throws Exception {
        String id = create("{\"lastName\":\"Hopper\",\"externalId\":\"wb-2\",\"phone\":\"020 7946 0958\"}");
        awaitLead(id, l -> l.path("phone").asText().equals("+442079460958"));

        var imported = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("External Id,Phone\nwb-2,020 7946 0000\n")).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(JSON.readTree(imported.body()).path("updated").asLong()).isEqualTo(1);
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}")
                .statusCode()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/leads/" + id + "/contact-attempts", "{\"channel\":\"call\",\"rep\":\"jane@example.com\"}")
                .statusCode()).isLessThan(300);

        Awaitility.await("enriched again after the contact attempt").atMost(Duration.ofSeconds(15))
                .until(() -> lead(id).path("enrichment").path("phone").asText().equals("+442079460000"));
        assertThat(lead(id).path("phone").asText()).as("the value set later stands").isEqualTo("020 7946 0000");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + id + "/enrichment").body()).path("written").toString())
                .doesNotContain("\"phone\"");
    }

    private static String create(String json) throws Exception {
        var created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static JsonNode lead(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/leads/" + id).body());
    }

    private static JsonNode awaitLead(String id, java.util.function.Predicate<JsonNode> written) {
        Awaitility.await("cleaned values written").atMost(Duration.ofSeconds(15)).until(() -> written.test(lead(id)));
        try {
            return lead(id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode update(String id) throws Exception {
        for (JsonNode entry : JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items")) {
            if (entry.path("type").asText().equals("UPDATED")) {
                return entry;
            }
        }
        throw new AssertionError("no UPDATED entry on the timeline of " + id);
    }
}
