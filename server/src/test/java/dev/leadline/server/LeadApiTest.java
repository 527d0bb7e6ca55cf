package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthSaysUpAndNamesTheDatabase() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/health")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("database").path("version").asText()).contains("MariaDB");
    }

    @Test
    void aCreatedLeadCanBeReadBack() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada@engines.example","company":"Engines",
                 "employeeCount":250,"website":"https://www.engines.example","street":"12 St James's Square",
                 "birthDate":"1815-12-10","customFields":{"Budget":"50k"}}""");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode lead = JSON.readTree(created.body());
        assertThat(lead.path("id").asText()).matches("L-\\d+");
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/leads/" + lead.path("id").asText());
        assertThat(lead.path("status").asText()).isEqualTo("NEW");
        assertThat(lead.path("domain").asText()).isEqualTo("engines.example");

        JsonNode read = JSON.readTree(server.get("/api/v1/leads/" + lead.path("id").asText()).body());
        assertThat(read.path("email").asText()).isEqualTo("ada@engines.example");
        assertThat(read.path("employeeCount").asInt()).isEqualTo(250);
        assertThat(read.path("customFields").path("Budget").asText()).isEqualTo("50k");
        assertThat(read.path("street").asText()).isEqualTo("12 St James's Square");
        assertThat(read.path("birthDate").asText()).isEqualTo("1815-12-10");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndStoresNothing() throws Exception {
        long before = count();
        HttpResponse<String> response = server.postJson("/api/v1/leads", """
                {"email":"nope","employeeCount":"many","shoeSize":44,"lastName":7,"birthDate":"10/12/1815"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        body.path("fields").forEach(f -> fields.add(f.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("email", "employeeCount", "shoeSize", "lastName", "birthDate");
        assertThat(response.body()).contains("'10/12/1815' is not a date in the form yyyy-MM-dd");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void malformedJsonAndOversizedBodiesGetJsonErrors() throws Exception {
        HttpResponse<String> malformed = server.postJson("/api/v1/leads", "{\"email\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("malformed_json");

        HttpResponse<String> huge = server.postJson("/api/v1/leads", "{\"lastName\":\"" + "x".repeat(2_000_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).path("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void requestsWithoutAValidTokenAreTurnedAway() throws Exception {
        var noToken = server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads")).GET().build());
        var unknown = server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads")).header("Authorization", "Bearer nope").GET().build());
        String expired = server.services().tokens().issue(new TokenService.Request("old", TokenRole.INTEGRATION, null, false,
                Optional.of(Duration.ofMillis(1))), dev.leadline.core.common.Actor.cli("test")).secret(); // expired by the time it is sent
        var expiredResponse = server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads"))
                .header("Authorization", "Bearer " + expired).GET().build());

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(expiredResponse.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expiredResponse.body()).path("error").asText()).isEqualTo("token_expired");
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameLeadOnce() throws Exception {
        String body = "{\"lastName\":\"Hopper\",\"email\":\"grace@navy.example\"}";
        HttpRequest.Builder request = server.request("/api/v1/leads").header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-42");
        long before = count();
        var first = server.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build());
        var second = server.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build());
        var different = server.send(request.copy().POST(HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Other\"}")).build());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(second.body()).path("id")).isEqualTo(JSON.readTree(first.body()).path("id"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void listingWalksPagesWithACursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.postJson("/api/v1/leads", "{\"company\":\"Pagination Co " + i + "\"}");
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = JSON.readTree(server.get("/api/v1/leads?q=pagination&limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)).body());
            page.path("items").forEach(l -> seen.add(l.path("company").asText()));
            cursor = page.path("nextCursor").asText();
        } while (!cursor.isEmpty());

        assertThat(seen).containsExactly("Pagination Co 4", "Pagination Co 3", "Pagination Co 2", "Pagination Co 1", "Pagination Co 0");
    }

    @Test
    void unknownLeadsAndBadQueriesAreClear() throws Exception {
        assertThat(server.get("/api/v1/leads/L-999999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/leads/banana").statusCode()).isEqualTo(400);
        var badView = server.get("/api/v1/leads?view=someday");
        assertThat(badView.statusCode()).isEqualTo(400);
        assertThat(badView.body()).contains("known views");
        assertThat(server.get("/api/v1/leads?limit=0").statusCode()).isEqualTo(400);
    }

    private static long count() {
        return server.services().leads().counts(dev.leadline.core.lead.LeadQuery.all()).get(dev.leadline.core.lead.LeadView.ALL);
    }
}
