package dev.leadline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for a Mattermost server's REST API v4 (users, direct channels, posts and their
 * patches, ephemeral posts, a channel's posts since a time, opening interactive dialogs), answering as
 * Mattermost documents and recording every call.
 */
final class MattermostStub implements AutoCloseable {
    static final String BOT_USER = "botuserid0000000000000000a";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as received. */
    record Call(String method, String path, String body, String authorization) {}

    private final HttpServer server;
    private final Map<String, String> emails;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> posts = new ConcurrentHashMap<>();
    private final List<JsonNode> dialogs = new CopyOnWriteArrayList<>();
    private final List<JsonNode> ephemerals = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    MattermostStub(Map<String, String> emailsByUserId) throws IOException {
        this.emails = Map.copyOf(emailsByUserId);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The posts in a channel, oldest first, as they are now (after their patches). */
    List<ObjectNode> posts(String channelId) {
        return posts.values().stream().filter(p -> channelId.equals(p.path("channel_id").asText()))
                .sorted(java.util.Comparator.comparingLong(p -> p.path("create_at").asLong())).toList();
    }

    /** The dialogs opened, as requested ({@code trigger_id}, {@code url}, {@code dialog}). */
    List<JsonNode> dialogs() {
        return List.copyOf(dialogs);
    }

    /** The ephemeral posts made for a user ({@code user_id}, {@code post}). */
    List<JsonNode> ephemerals(String userId) {
        return ephemerals.stream().filter(e -> userId.equals(e.path("user_id").asText())).toList();
    }

    static String directChannel(String userId) {
        return "dm-" + userId;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(method, path, body, exchange.getRequestHeaders().getFirst("Authorization")));
        if (!("Bearer " + "mm-bot-token").equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"id\":\"api.context.session_expired.app_error\",\"status_code\":401}");
            return;
        }
        if (method.equals("GET") && path.equals("/api/v4/users/me")) {
            send(exchange, 200, "{\"id\":\"" + BOT_USER + "\",\"username\":\"leadline\",\"is_bot\":true}");
        } else if (method.equals("GET") && path.startsWith("/api/v4/users/email/")) {
            String email = URLDecoder.decode(path.substring("/api/v4/users/email/".length()), StandardCharsets.UTF_8);
            String id = emails.entrySet().stream().filter(e -> e.getValue().equals(email)).map(Map.Entry::getKey).findFirst().orElse(null);
            send(exchange, id == null ? 404 : 200, id == null ? "{\"status_code\":404}" : "{\"id\":\"" + id + "\",\"email\":\"" + email + "\"}");
        } else if (method.equals("GET") && path.startsWith("/api/v4/users/")) {
            String id = path.substring("/api/v4/users/".length());
            send(exchange, emails.containsKey(id) ? 200 : 404, emails.containsKey(id)
                    ? "{\"id\":\"" + id + "\",\"email\":\"" + emails.get(id) + "\"}" : "{\"status_code\":404}");
        } else if (method.equals("POST") && path.equals("/api/v4/channels/direct")) {
            JsonNode users = JSON.readTree(body);
            String other = users.get(0).asText().equals(BOT_USER) ? users.get(1).asText() : users.get(0).asText();
            send(exchange, 201, "{\"id\":\"" + directChannel(other) + "\",\"type\":\"D\"}");
        } else if (method.equals("POST") && path.equals("/api/v4/posts")) {
            ObjectNode post = (ObjectNode) JSON.readTree(body);
            post.put("id", "post" + ids.incrementAndGet()).put("create_at", System.currentTimeMillis() * 1000 + ids.get())
                    .put("user_id", BOT_USER);
            posts.put(post.path("id").asText(), post);
            send(exchange, 201, post.toString());
        } else if (method.equals("POST") && path.equals("/api/v4/actions/dialogs/open")) {
            JsonNode request = JSON.readTree(body);
            boolean valid = !request.path("trigger_id").asText().isEmpty() && request.path("dialog").path("elements").isArray()
                    && request.path("dialog").path("title").asText().length() <= 24;
            if (valid) {
                dialogs.add(request);
            }
            send(exchange, valid ? 200 : 400, valid ? "{\"status\":\"OK\"}" : "{\"id\":\"interactive_message.decode_trigger_id.app_error\",\"status_code\":400}");
        } else if (method.equals("POST") && path.equals("/api/v4/posts/ephemeral")) {
            JsonNode request = JSON.readTree(body);
            ephemerals.add(request);
            send(exchange, 201, request.path("post").toString());
        } else if (method.equals("PUT") && path.matches("/api/v4/posts/[^/]+/patch")) {
            String id = path.split("/")[4];
            ObjectNode post = posts.get(id);
            if (post == null) {
                send(exchange, 404, "{\"status_code\":404}");
                return;
            }
            JsonNode patch = JSON.readTree(body);
            patch.fieldNames().forEachRemaining(f -> post.set(f, patch.get(f)));
            send(exchange, 200, post.toString());
        } else if (method.equals("GET") && path.matches("/api/v4/channels/[^/]+/posts")) {
            String channel = path.split("/")[4];
            ObjectNode page = JSON.createObjectNode();
            var order = page.putArray("order");
            ObjectNode found = page.putObject("posts");
            posts(channel).forEach(p -> {
                order.add(p.path("id").asText());
                found.set(p.path("id").asText(), p);
            });
            send(exchange, 200, page.toString());
        } else {
            send(exchange, 404, "{\"status_code\":404}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        Loopback.sendJson(exchange, status, json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
