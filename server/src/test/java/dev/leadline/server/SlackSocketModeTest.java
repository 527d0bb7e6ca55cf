package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

/** Socket Mode: the server opens the WebSocket Slack gives it, and commands arrive and are acknowledged over it. */
class SlackSocketModeTest {

    @Test
    void aCommandSentOverTheSocketIsAcknowledgedThereAndAnsweredToTheRep() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SocketStub socket = new SocketStub(port);
        socket.start();
        try (SlackStub slack = new SlackStub(Map.of("UJANE", "jane@example.com"))) {
            slack.socketUrl = "ws://127.0.0.1:" + port + "/";
            try (TestServer server = TestServer.start(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_APP_TOKEN", "xapp-test-token",
                    "SLACK_API_URL", slack.apiUrl()))) {
                server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of())),
                        List.of(), Actor.cli("test"));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !socket.getConnections().isEmpty());
                assertThat(slack.calls("apps.connections.open")).isNotEmpty();

                socket.broadcast("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":"
                        + "{\"token\":\"x\",\"team_id\":\"T1\",\"user_id\":\"UJANE\",\"command\":\"/leads\",\"text\":\"overdue\","
                        + "\"response_url\":\"" + slack.responseUrl("sock-1") + "\",\"trigger_id\":\"1.2\"}}");

                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.received.stream().anyMatch(m -> m.contains("env-1")));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("response/sock-1").isEmpty());
                assertThat(slack.calls("response/sock-1").get(0).body()).contains("Nothing in *Overdue*");
                assertThat(server.postJson("/slack/events", "{}").statusCode()).as("no signing secret: no HTTP endpoint").isEqualTo(404);
            }
        } finally {
            socket.stop(1000);
        }
    }

    /** Slack's side of the WebSocket: records what the app sends back. */
    private static final class SocketStub extends WebSocketServer {
        final List<String> received = new CopyOnWriteArrayList<>();

        SocketStub(int port) {
            super(new InetSocketAddress("127.0.0.1", port));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }
    }
}
