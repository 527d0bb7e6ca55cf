package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Webhooks page over HTTP as a browser sends it: an admin subscribes an address (its secret shown once),
 * sees the subscription's deliveries, replays one, pauses, resumes and deletes it; a refused address is
 * explained; reps and managers are refused, and so is a change without the CSRF token.
 */
class ConsoleWebhooksTest {
    // a public address literal: saved without DNS; nothing here reaches it, so its deliveries fail and wait in the log
    private static final String TARGET = "https://93.184.215.14/hooks/leadline";
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

    private static HttpResponse<String> subscribe(ConsoleFixture.Session who, String url, String... events) {
        StringBuilder form = new StringBuilder("_csrf=" + enc(who.csrf()) + "&url=" + enc(url) + "&description=" + enc("CRM sync"));
        for (String event : events) {
            form.append("&events=").append(enc(event));
        }
        return server.send(HttpRequest.newBuilder(server.uri("/console/admin/webhooks")).header("Cookie", who.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anAdminSubscribesSeesTheLogReplaysPausesResumesAndDeletes() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> made = subscribe(ada, TARGET, "lead.created", "lead.routed");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        Matcher secret = Pattern.compile("id=\"webhook-secret\">(whsec_[A-Za-z0-9+/=]+)<").matcher(made.body());
        assertThat(secret.find()).as("the secret, shown once").isTrue();
        Matcher id = Pattern.compile("data-webhook=\"(\\d+)\"").matcher(made.body());
        assertThat(id.find()).isTrue();
        String hook = id.group(1);

        String page = console.get("/console/admin/webhooks", ada.cookie()).body();
        assertThat(page).contains("href=\"/console/admin/webhooks\">Webhooks</a>").contains(TARGET).contains("lead.created, lead.routed")
                .doesNotContain(secret.group(1));

        String lead = server.postJson("/api/v1/leads", "{\"lastName\":\"Hooked\",\"email\":\"hooked@client.example\"}").body();
        assertThat(lead).contains("\"id\"");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> console.get("/console/admin/webhooks", ada.cookie()).body()
                .contains("data-delivery="));
        page = console.get("/console/admin/webhooks", ada.cookie()).body();
        Matcher delivery = Pattern.compile("data-delivery=\"(\\d+)\"").matcher(page);
        assertThat(delivery.find()).isTrue();
        assertThat(page).contains("lead.created");

        HttpResponse<String> replayed = console.post("/console/admin/webhooks/" + hook + "/deliveries/" + delivery.group(1) + "/replay",
                ada.cookie(), Map.of("_csrf", ada.csrf()));
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(console.get(replayed.headers().firstValue("Location").orElseThrow(), ada.cookie()).body())
                .contains("Sending the delivery again to webhook " + hook);

        HttpResponse<String> paused = console.post("/console/admin/webhooks/" + hook + "/pause", ada.cookie(), Map.of("_csrf", ada.csrf()));
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(console.get(paused.headers().firstValue("Location").orElseThrow(), ada.cookie()).body())
                .contains("Paused webhook " + hook).contains("Resume webhook " + hook);
        assertThat(console.post("/console/admin/webhooks/" + hook + "/resume", ada.cookie(), Map.of("_csrf", ada.csrf())).statusCode())
                .isEqualTo(303);
        assertThat(console.get("/console/admin/webhooks", ada.cookie()).body()).contains("Pause webhook " + hook);

        assertThat(console.post("/console/admin/webhooks/" + hook + "/delete", ada.cookie(), Map.of("_csrf", ada.csrf())).statusCode())
                .isEqualTo(303);
        assertThat(console.get("/console/admin/webhooks", ada.cookie()).body()).doesNotContain("data-webhook=\"" + hook + "\"")
                .contains("No subscriptions yet.");
    }

    @Test
    void aRefusedAddressIsExplainedAndNothingIsKept() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> refused = subscribe(ada, "http://127.0.0.1:9/hook", "lead.created");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Not subscribed").contains("https");
        assertThat(subscribe(ada, TARGET).body()).contains("Not subscribed").contains("events");
        assertThat(subscribe(ada, TARGET, "lead.eaten").body()).contains("lead.eaten");
        assertThat(server.get("/api/v1/webhooks").body()).doesNotContain("127.0.0.1");
    }

    @Test
    void repsAndManagersAreRefusedAndAChangeNeedsTheCsrfToken() {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        ConsoleFixture.Session max = console.signIn("max@example.com");
        assertThat(console.get("/console/admin/webhooks", jane.cookie()).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/admin/webhooks", max.cookie()).statusCode()).isEqualTo(403);
        assertThat(subscribe(max, TARGET, "lead.created").statusCode()).isEqualTo(403);
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        assertThat(console.post("/console/admin/webhooks", ada.cookie(), Map.of("url", TARGET, "events", "lead.created")).statusCode())
                .isEqualTo(403);
        assertThat(server.get("/api/v1/webhooks").body()).doesNotContain(TARGET);
    }
}
