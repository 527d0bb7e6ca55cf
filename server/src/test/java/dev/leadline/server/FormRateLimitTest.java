package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Five web form submissions a minute per form and client, behind a proxy and across two server nodes. */
class FormRateLimitTest {
    private static final Map<String, String> ENV = Map.of("LEADLINE_FORM_RATE_PER_MINUTE", "5",
            "LEADLINE_TRUSTED_PROXIES", "127.0.0.1, ::1, 10.0.0.0/8");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-05T10:00:59Z"));
    private static final AtomicInteger EMAILS = new AtomicInteger();
    private static TestServer server;
    private static TestServer otherNode;

    @BeforeAll
    static void start() {
        server = TestServer.start(ENV, CLOCK);
        otherNode = server.beside(ENV, CLOCK);
        for (String key : List.of("edge", "spoof", "proxied", "nodes", "second")) {
            server.services().forms().save(new FormDefinition(key, "Contact " + key, Map.of("work_email", "email"), "Web", null,
                    "https://example.com/thanks", List.of()), Actor.cli("test"));
        }
    }

    @AfterAll
    static void stop() {
        otherNode.close();
        server.close();
    }

    @Test
    void aBurstJustBeforeTheMinuteAndOneJustAfterItDoNotGetTwiceTheLimitThrough() {
        CLOCK.set(Instant.parse("2026-12-05T10:00:59.500Z"));
        assertThat(statuses(server, "edge", 5, "203.0.113.1")).containsOnly(303);

        CLOCK.set(Instant.parse("2026-12-05T10:01:00.500Z"));
        List<HttpResponse<String>> afterTheEdge = submit(server, "edge", 5, "203.0.113.1");

        assertThat(afterTheEdge).extracting(HttpResponse::statusCode).containsOnly(429);
        assertThat(afterTheEdge.get(0).headers().firstValue("Retry-After")).hasValue("11");
        CLOCK.advance(Duration.ofSeconds(11));
        assertThat(statuses(server, "edge", 2, "203.0.113.1")).as("one token back every 12 s").containsExactly(303, 429);
    }

    @Test
    void aLeftmostForwardedForMadeUpByTheClientDoesNotEscapeTheLimit() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(post(server, "spoof", "6.6.6." + i + ", 203.0.113.2").statusCode());
        }

        assertThat(statuses).containsExactly(303, 303, 303, 303, 303, 429, 429);
    }

    @Test
    void theTrustedProxiesHopsAreSkippedAndTheClientBeforeThemIsLimited() {
        for (int i = 0; i < 5; i++) {
            assertThat(post(server, "proxied", "203.0.113.3, 10.0.0." + i).statusCode()).isEqualTo(303);
        }

        assertThat(post(server, "proxied", "203.0.113.3, 10.9.9.9").statusCode()).isEqualTo(429);
        assertThat(post(server, "proxied", "203.0.113.4, 10.0.0.1").statusCode()).as("another client").isEqualTo(303);
        assertThat(post(server, "second", "203.0.113.3, 10.0.0.1").statusCode()).as("another form").isEqualTo(303);
    }

    @Test
    void twoServerNodesOnOneDatabaseShareTheLimit() {
        assertThat(statuses(server, "nodes", 3, "203.0.113.5")).containsOnly(303);
        assertThat(statuses(otherNode, "nodes", 2, "203.0.113.5")).containsOnly(303);

        assertThat(statuses(otherNode, "nodes", 1, "203.0.113.5")).containsOnly(429);
        assertThat(statuses(server, "nodes", 1, "203.0.113.5")).containsOnly(429);
    }

    private static List<Integer> statuses(TestServer node, String form, int count, String forwardedFor) {
        return submit(node, form, count, forwardedFor).stream().map(HttpResponse::statusCode).toList();
    }

    private static List<HttpResponse<String>> submit(TestServer node, String form, int count, String forwardedFor) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(post(node, form, forwardedFor));
        }
        return answers;
    }

    private static HttpResponse<String> post(TestServer node, String form, String forwardedFor) {
        return node.send(HttpRequest.newBuilder(node.uri("/forms/" + form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("work_email=rate" + EMAILS.incrementAndGet() + "%40limit.example")).build());
    }
}
