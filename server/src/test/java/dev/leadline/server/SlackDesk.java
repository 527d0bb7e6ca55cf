package dev.leadline.server;

import com.slack.api.app_backend.SlackSignature;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** A server with Slack on a loopback stub, for the Slack tests: the team they share, and requests signed as Slack signs them. */
final class SlackDesk {
    static final String SECRET = "test-signing-secret-0123456789";

    private SlackDesk() {}

    /** A server on the stub with Jane and Omar (reps) and Mia (manager), and the Inbound queue in CINBOUND. */
    static TestServer start(SlackStub slack) {
        TestServer server = TestServer.start(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", slack.apiUrl()));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("slack", "CINBOUND"))),
                Actor.cli("test"));
        return server;
    }

    /** A request to {@code /slack/events} signed with the test secret at {@code timestamp} (epoch seconds). */
    static HttpRequest signed(TestServer server, String body, String contentType, long timestamp) {
        return HttpRequest.newBuilder(server.uri("/slack/events")).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(Long.toString(timestamp), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** As {@link #signed(TestServer, String, String, long)}, now. */
    static HttpRequest signed(TestServer server, String body, String contentType) {
        return signed(server, body, contentType, System.currentTimeMillis() / 1000);
    }
}
