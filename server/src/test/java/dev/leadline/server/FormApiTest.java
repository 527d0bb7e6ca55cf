package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.intake.FormDefinition;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FormApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_FORM_RATE_PER_MINUTE", "5", "LEADLINE_TRUSTED_PROXIES", "127.0.0.1,::1"));
        server.services().forms().save(new FormDefinition("contact", "Contact us", Map.of("work_email", "email"), "Web",
                "Spring launch", "https://example.com/thanks", List.of("https://www.example.com")), dev.leadline.core.common.Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPlainHtmlFormCreatesALeadAndRedirectsToTheThankYouPage() {
        HttpResponse<String> response = postForm("work_email=ada%40form.example&first_name=Ada&last_name=Lovelace&message=Hi", "10.0.0.1");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("https://example.com/thanks");
        String stored = server.get("/api/v1/leads?q=ada%40form").body();
        assertThat(stored).contains("\"source\":\"Web\"").contains("\"campaign\":\"Spring launch\"").contains("\"message\":\"Hi\"");
    }

    @Test
    void aFilledHoneypotIsThankedButNotStored() {
        HttpResponse<String> response = postForm("work_email=bot%40spam.example&leadline_hp=http%3A%2F%2Fspam", "10.0.0.2");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(server.get("/api/v1/leads?q=bot%40spam").body()).doesNotContain("bot@spam.example");
    }

    @Test
    void invalidSubmissionsGetAPageListingTheProblems() {
        HttpResponse<String> response = postForm("work_email=not-an-email", "10.0.0.3");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("email").contains("not-an-email");
    }

    @Test
    void oneAddressIsLimitedPerMinute() {
        int limited = 0;
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> r = postForm("work_email=flood" + i + "%40rate.example", "10.0.0.4");
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(limited).isEqualTo(2);
        assertThat(postForm("work_email=other%40rate.example", "10.0.0.5").statusCode()).isEqualTo(303);
    }

    @Test
    void javascriptFormsGetCorsForAllowedOriginsOnly() {
        HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(server.uri("/forms/contact"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://www.example.com").header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");

        HttpResponse<String> allowed = postJson("{\"work_email\":\"js@form.example\",\"company\":\"JS Co\"}", "https://www.example.com");
        assertThat(allowed.statusCode()).isEqualTo(201);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");

        HttpResponse<String> foreign = postJson("{\"work_email\":\"evil@form.example\"}", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/leads?q=evil%40form").body()).doesNotContain("evil@form.example");
    }

    @Test
    void unknownFormsAre404() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/forms/nope"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=b")).build());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void adminsDefineFormsOverTheApi() {
        HttpResponse<String> saved = server.send(server.request("/api/v1/forms/demo-day").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Demo day\",\"fieldMapping\":{\"mail\":\"email\"},\"thankYouUrl\":\"https://example.com/see-you\"}"))
                .build());
        HttpResponse<String> invalid = server.send(server.request("/api/v1/forms/bad").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bad\",\"thankYouUrl\":\"javascript:alert(1)\"}")).build());

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/forms").body()).contains("demo-day");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("thankYouUrl");
    }

    private static HttpResponse<String> postForm(String body, String forwardedFor) {
        return server.send(HttpRequest.newBuilder(server.uri("/forms/contact"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> postJson(String body, String origin) {
        return server.send(HttpRequest.newBuilder(server.uri("/forms/contact"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .header("X-Forwarded-For", "10.0.1." + Math.abs(origin.hashCode() % 200))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
