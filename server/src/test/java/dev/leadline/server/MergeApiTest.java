package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Merging duplicate leads and undoing it, through the real server on MariaDB. */
class MergeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(),
                dev.leadline.core.common.Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void threeRecordsMergeIntoOneWithChosenFieldsHistoryAndOldestDateAndTheMergeCanBeUndone() throws Exception {
        JsonNode oldest = create("{\"firstName\":\"Bob\",\"lastName\":\"Smith\",\"email\":\"bob@acme.example\",\"customFields\":{\"plan\":\"free\"}}");
        JsonNode middle = create("{\"firstName\":\"Robert\",\"lastName\":\"Smith\",\"company\":\"Acme\",\"phone\":\"+1 650 253 0000\","
                + "\"customFields\":{\"plan\":\"pro\"}}");
        JsonNode newest = create("{\"firstName\":\"Rob\",\"lastName\":\"Smith\",\"title\":\"CTO\"}");
        String a = oldest.path("id").asText();
        String b = middle.path("id").asText();
        String c = newest.path("id").asText();
        assertThat(post(b, "notes", "{\"rep\":\"mia@example.com\",\"text\":\"Asked for a demo in May\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> merged = post(c, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + a + "\",\"" + b + "\"],"
                + "\"fields\":{\"firstName\":\"" + b + "\"}}");

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        JsonNode survivor = JSON.readTree(merged.body()).path("lead");
        assertThat(survivor.path("id").asText()).isEqualTo(c);
        assertThat(survivor.path("firstName").asText()).isEqualTo("Robert");   // chosen
        assertThat(survivor.path("title").asText()).isEqualTo("CTO");          // the principal's own
        assertThat(survivor.path("phone").asText()).isNotEmpty();               // the principal had none: the newest that has one
        assertThat(survivor.path("email").asText()).isEqualTo("bob@acme.example");
        assertThat(survivor.path("customFields").path("plan").asText()).isEqualTo("pro");
        assertThat(Instant.parse(survivor.path("createdAt").asText())).isEqualTo(Instant.parse(oldest.path("createdAt").asText()));
        assertThat(JSON.readTree(merged.body()).path("fieldsFrom").path("email").asText()).isEqualTo(a);

        // the merged ids still resolve, to the survivor; lists and duplicate checks no longer show them
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + a).body()).path("id").asText()).isEqualTo(c);
        String all = server.get("/api/v1/leads?view=all&limit=200").body();
        assertThat(all).contains("\"" + c + "\"").doesNotContain("\"" + a + "\"").doesNotContain("\"" + b + "\"");
        assertThat(server.get("/api/v1/leads?status=MERGED&limit=200").body()).contains("\"" + a + "\"").contains("\"" + b + "\"");
        assertThat(server.get("/api/v1/leads/" + c + "/timeline").body()).contains("Asked for a demo in May").contains("Merged " + a + ", " + b);
        assertThat(server.get("/api/v1/leads/" + c + "/duplicates").body()).doesNotContain(a).doesNotContain(b);
        HttpResponse<String> again = post(c, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + a + "\"]}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains(a + " was merged into " + c);

        HttpResponse<String> undone = post(c, "unmerge", "{\"rep\":\"mia@example.com\"}");

        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
        JsonNode back = JSON.readTree(server.get("/api/v1/leads/" + c).body());
        assertThat(back.path("firstName").asText()).isEqualTo("Rob");
        assertThat(back.path("phone").isMissingNode() || back.path("phone").isNull()).isTrue();
        assertThat(back.path("createdAt").asText()).isEqualTo(newest.path("createdAt").asText());
        JsonNode restored = JSON.readTree(server.get("/api/v1/leads/" + b).body());
        assertThat(restored.path("id").asText()).isEqualTo(b);
        assertThat(restored.path("status").asText()).isEqualTo("NEW");
        assertThat(server.get("/api/v1/leads/" + b + "/timeline").body()).contains("Asked for a demo in May");
        assertThat(server.get("/api/v1/leads/" + c + "/timeline").body()).doesNotContain("Asked for a demo in May");
        assertThat(post(c, "unmerge", "{\"rep\":\"mia@example.com\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void theSurvivorIsMatchedToAnAccountAgainWithTheDataItTookOver() throws Exception {
        var imported = server.send(server.request("/api/v1/accounts/import").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name,domain\nBabbage Engines,babbage-engines.example\n")).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        String personal = create("{\"firstName\":\"Charles\",\"lastName\":\"Babbage\",\"email\":\"charles.babbage@gmail.com\"}").path("id").asText();
        String work = create("{\"firstName\":\"Charles\",\"lastName\":\"Babbage\",\"company\":\"Babbage Engines Ltd\"}").path("id").asText();
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + personal).body()).path("account").isNull()).isTrue();

        HttpResponse<String> merged = post(personal, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + work + "\"]}");

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + personal).body()).path("account").path("name").asText()).isEqualTo("Babbage Engines");
    }

    @Test
    void badMergeRequestsAreRefusedClearlyAndChangeNothing() throws Exception {
        String x = create("{\"firstName\":\"Xena\",\"lastName\":\"Warrior\",\"email\":\"xena@example.com\"}").path("id").asText();
        String y = create("{\"firstName\":\"Xena\",\"lastName\":\"Warior\",\"email\":\"xena@example.org\"}").path("id").asText();

        assertThat(post(x, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[]}").statusCode()).isEqualTo(400);
        assertThat(post(x, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + x + "\"]}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = post(x, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + y + "\"],\"fields\":{\"shoe\":\"" + y + "\"}}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("fields.shoe");
        assertThat(post(x, "merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"L-99999999\"]}").statusCode()).isEqualTo(404);
        assertThat(post(x, "merge", "{\"rep\":\"jane@example.com\",\"leads\":[\"" + y + "\"]}").statusCode()).isEqualTo(403);

        assertThat(JSON.readTree(server.get("/api/v1/leads/" + y).body()).path("status").asText()).isEqualTo("NEW");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + y).body()).path("id").asText()).isEqualTo(y);
    }

    private static JsonNode create(String json) throws Exception {
        var created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static HttpResponse<String> post(String lead, String action, String body) {
        return server.postJson("/api/v1/leads/" + lead + "/" + action, body);
    }
}
