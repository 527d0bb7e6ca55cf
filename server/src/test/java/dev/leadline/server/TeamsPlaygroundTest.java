package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Local development with the Agents Playground: authentication explicitly off, no Azure registration at all. */
class TeamsPlaygroundTest {
    @Test
    void withAuthenticationTurnedOffAnUnsignedMessageIsAnsweredWithoutAToken() throws Exception {
        try (TeamsStub playground = new TeamsStub(Map.of("user-1", TeamsStub.member("user-1", "Alex Wilber", "aad-alex", "alex@example.com")));
             TestServer server = TestServer.start(Map.of("TEAMS_AUTH_DISABLED", "true"))) {
            server.services().team().apply(List.of(new RepSpec("alex@example.com", "Alex Wilber", null, null, null, true, "REP", Map.of())),
                    List.of(), Actor.cli("test"));
            ObjectNode activity = new ObjectMapper().createObjectNode().put("type", "message").put("id", "m-1")
                    .put("serviceUrl", playground.serviceUrl()).put("channelId", "msteams").put("text", "leads");
            activity.putObject("from").put("id", "user-1").put("name", "Alex Wilber").put("aadObjectId", "aad-alex");
            activity.putObject("conversation").put("id", "personal-1").put("conversationType", "personal");
            activity.putObject("recipient").put("id", "bot-1");

            int status = server.send(HttpRequest.newBuilder(server.uri("/api/messages")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build()).statusCode();

            assertThat(status).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !playground.replies("personal-1").isEmpty());
            assertThat(playground.replies("personal-1").get(0).body()).contains("Nothing in **Mine**");
            assertThat(playground.replies("personal-1").get(0).authorization()).isNull();
        }
    }
}
