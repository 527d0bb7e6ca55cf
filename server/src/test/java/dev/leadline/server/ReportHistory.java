package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A history for the reports, made through the API: leads from three sources (Web, Ads, none) routed by a queue,
 * claimed in turn by its members when the queue only offers them, every other one contacted twice, every fourth
 * qualified and converted,
 * every fourth after it disqualified.
 */
public final class ReportHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SOURCES = List.of("Web", "Ads", "");

    private ReportHistory() {}

    /** Jane and Omar (reps) working the Inbound queue, and Mia (a manager); answers a REP token of Jane's. */
    public static String team(TestServer server) throws Exception {
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))), Actor.cli("test"));
        return JSON.readTree(server.postJson("/api/v1/tokens", "{\"name\":\"jane\",\"role\":\"REP\",\"rep\":\"jane@example.com\"}").body())
                .path("secret").asText();
    }

    public static void generate(TestServer server, String queue, int leads) throws Exception {
        HttpResponse<String> rules = server.send(server.request("/api/v1/rules/api").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("entries: []\ndefault: {queue: " + queue + "}\n")).build());
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        for (int i = 0; i < leads; i++) {
            String source = SOURCES.get(i % 3);
            HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"email\":\"lead" + i + "@example.org\",\"lastName\":\"Lead " + i
                    + "\"" + (source.isEmpty() ? "" : ",\"source\":\"" + source + "\"") + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
            work(server, id, i, queue);
        }
    }

    private static void work(TestServer server, String id, int i, String queue) throws Exception {
        JsonNode owner = JSON.readTree(server.get("/api/v1/leads/" + id).body()).path("ownerRepId");
        String rep = owner.isNumber() ? server.services().team().rep(owner.asLong()).orElseThrow().email()
                : members(server, queue).get(i % members(server, queue).size());
        if (!owner.isNumber()) {
            ok(server.postJson("/api/v1/leads/" + id + "/claim", "{\"rep\":\"" + rep + "\"}"));
        }
        if (i % 2 == 0) {
            ok(server.postJson("/api/v1/leads/" + id + "/contact-attempts", "{\"channel\":\"call\",\"rep\":\"" + rep + "\"}"));
            ok(server.postJson("/api/v1/leads/" + id + "/contact-attempts", "{\"channel\":\"email\",\"rep\":\"" + rep + "\"}"));
        }
        if (i % 4 == 0) {
            ok(server.postJson("/api/v1/leads/" + id + "/qualify", "{\"rep\":\"" + rep + "\"}"));
            ok(server.postJson("/api/v1/leads/" + id + "/convert", "{\"rep\":\"" + rep + "\",\"opportunity\":{\"name\":\"Deal\",\"amount\":100}}"));
        } else if (i % 4 == 1) {
            ok(server.postJson("/api/v1/leads/" + id + "/disqualify", "{\"rep\":\"" + rep + "\",\"reason\":\"No budget\"}"));
        }
    }

    /** The queue's members' emails, in order. */
    private static List<String> members(TestServer server, String queue) {
        return server.services().team().queueByName(queue).orElseThrow().memberRepIds().stream()
                .map(id -> server.services().team().rep(id).orElseThrow().email()).sorted().toList();
    }

    private static void ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
