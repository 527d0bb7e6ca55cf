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
 * patches, ephemeral posts, a channel's posts since a time, opening interactive dialogs; channels made,
 * joined, archived and restored, pins; files shared in posts), answering as Mattermost documents and
 * recording every call.
 */
final class MattermostStub implements AutoCloseable {
    static final String BOT_USER = "botuserid0000000000000000a";
    static final String TEAM = "teamid00000000000000000000";
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
    private final Map<String, ObjectNode> channels = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> members = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> fileInfos = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean loseNextCreate = new java.util.concurrent.atomic.AtomicBoolean();

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

    /** The channel of that name in the team, as it is now; null when there is none. */
    ObjectNode channelNamed(String name) {
        return channels.values().stream().filter(c -> name.equals(c.path("name").asText())).findFirst().orElse(null);
    }

    ObjectNode post(String id) {
        return posts.get(id);
    }

    java.util.Set<String> members(String channelId) {
        return java.util.Set.copyOf(members.getOrDefault(channelId, java.util.Set.of()));
    }

    /** A channel someone else made in the team. */
    void channelMadeByOthers(String name) {
        channel(name, "someoneelse000000000000000");
    }

    /** The next channel is made, but its answer is lost on the way (502). */
    void loseNextCreateAnswer() {
        loseNextCreate.set(true);
    }

    /** A user's post in a channel (in the thread under {@code rootId} when not empty) sharing files ({@code name → content}); its id. */
    /** Outgoing webhooks, as GET/POST /api/v4/hooks/outgoing keep them. */
    private final java.util.List<ObjectNode> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The outgoing webhooks of a channel. */
    java.util.List<ObjectNode> hooksOf(String channelId) {
        return hooks.stream().filter(h -> h.path("channel_id").asText().equals(channelId)).toList();
    }

    /** A webhook someone other than the bot set up in the channel, with this token. */
    void someoneElsesHook(String channelId, String callback, String token) {
        ObjectNode hook = JSON.createObjectNode().put("id", "hook" + ids.incrementAndGet()).put("token", token).put("creator_id", "omaruserid")
                .put("channel_id", channelId).put("team_id", TEAM).put("delete_at", 0);
        hook.putArray("callback_urls").add(callback);
        hooks.add(hook);
    }

    private void answerHooks(HttpExchange exchange, String method, String query, String body) throws IOException {
        if (method.equals("POST")) {
            ObjectNode hook = (ObjectNode) JSON.readTree(body);
            hook.put("id", "hook" + ids.incrementAndGet()).put("token", "tok" + java.util.UUID.randomUUID().toString().replace("-", ""))
                    .put("creator_id", BOT_USER).put("delete_at", 0);
            hooks.add(hook);
            send(exchange, 201, hook.toString());
            return;
        }
        String channel = query == null ? "" : java.util.Arrays.stream(query.split("&")).filter(q -> q.startsWith("channel_id="))
                .map(q -> q.substring("channel_id=".length())).findFirst().orElse("");
        send(exchange, 200, JSON.valueToTree(hooksOf(channel)).toString());
    }

    String userPost(String channelId, String userId, String rootId, String message, Map<String, byte[]> shared) {
        ObjectNode post = JSON.createObjectNode().put("channel_id", channelId).put("root_id", rootId).put("message", message);
        var fileIds = post.putArray("file_ids");
        shared.forEach((name, content) -> {
            String id = "file" + ids.incrementAndGet();
            files.put(id, content);
            fileInfos.put(id, JSON.createObjectNode().put("id", id).put("name", name).put("size", content.length)
                    .put("extension", name.substring(name.lastIndexOf('.') + 1)).put("mime_type", "application/octet-stream"));
            fileIds.add(id);
        });
        return save(post, userId).path("id").asText();
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
        } else if (method.equals("GET") && path.equals("/api/v4/users/me/teams")) {
            send(exchange, 200, "[{\"id\":\"" + TEAM + "\",\"name\":\"sales\"}]");
        } else if (method.equals("GET") && path.startsWith("/api/v4/users/email/")) {
            String email = URLDecoder.decode(path.substring("/api/v4/users/email/".length()), StandardCharsets.UTF_8);
            String id = emails.entrySet().stream().filter(e -> e.getValue().equals(email)).map(Map.Entry::getKey).findFirst().orElse(null);
            send(exchange, id == null ? 404 : 200, id == null ? "{\"status_code\":404}" : "{\"id\":\"" + id + "\",\"email\":\"" + email + "\"}");
        } else if (method.equals("GET") && path.startsWith("/api/v4/users/")) {
            String id = path.substring("/api/v4/users/".length());
            send(exchange, emails.containsKey(id) ? 200 : 404, emails.containsKey(id)
                    ? "{\"id\":\"" + id + "\",\"email\":\"" + emails.get(id) + "\"}" : "{\"status_code\":404}");
        } else if (path.equals("/api/v4/hooks/outgoing")) {
            answerHooks(exchange, method, exchange.getRequestURI().getQuery(), body);
        } else if (method.equals("POST") && path.equals("/api/v4/channels/direct")) {
            JsonNode users = JSON.readTree(body);
            String other = users.get(0).asText().equals(BOT_USER) ? users.get(1).asText() : users.get(0).asText();
            send(exchange, 201, "{\"id\":\"" + directChannel(other) + "\",\"type\":\"D\"}");
        } else if (method.equals("POST") && path.equals("/api/v4/posts")) {
            ObjectNode post = (ObjectNode) JSON.readTree(body);
            ObjectNode in = channels.get(post.path("channel_id").asText());
            if (in != null && in.path("delete_at").asLong() != 0) {
                send(exchange, 403, "{\"id\":\"api.post.create_post.can_not_post_to_deleted.error\",\"status_code\":403}");
                return;
            }
            send(exchange, 201, save(post, BOT_USER).toString());
        } else if (path.startsWith("/api/v4/channels/") && !path.startsWith("/api/v4/channels/direct") || path.equals("/api/v4/channels")
                || path.startsWith("/api/v4/teams/")) {
            answerChannels(exchange, method, path, exchange.getRequestURI().getQuery(), body);
        } else if (path.startsWith("/api/v4/files/")) {
            answerFiles(exchange, path);
        } else if (method.equals("POST") && path.matches("/api/v4/posts/[^/]+/pin")) {
            ObjectNode post = posts.get(path.split("/")[4]);
            if (post != null) {
                post.put("is_pinned", true);
            }
            send(exchange, post == null ? 404 : 200, post == null ? "{\"status_code\":404}" : "{\"status\":\"OK\"}");
        } else if (method.equals("GET") && path.matches("/api/v4/posts/[^/]+")) {
            ObjectNode post = posts.get(path.split("/")[4]);
            send(exchange, post == null ? 404 : 200, post == null ? "{\"status_code\":404}" : post.toString());
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
        } else {
            send(exchange, 404, "{\"status_code\":404}");
        }
    }

    private ObjectNode save(ObjectNode post, String userId) {
        post.put("id", "post" + ids.incrementAndGet()).put("create_at", System.currentTimeMillis() * 1000 + ids.get()).put("user_id", userId);
        posts.put(post.path("id").asText(), post);
        return post;
    }

    private synchronized ObjectNode channel(String name, String creator) {
        String id = "channel" + ids.incrementAndGet();
        ObjectNode channel = JSON.createObjectNode().put("id", id).put("team_id", TEAM).put("name", name).put("display_name", name)
                .put("type", "O").put("creator_id", creator).put("delete_at", 0);
        channels.put(id, channel);
        members.computeIfAbsent(id, c -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(creator);
        return channel;
    }

    private void answerChannels(HttpExchange exchange, String method, String path, String query, String body) throws IOException {
        String[] parts = path.split("/");
        String id = parts.length > 4 ? parts[4] : "";
        ObjectNode channel = channels.get(id);
        if (method.equals("POST") && path.equals("/api/v4/channels")) {
            JsonNode asked = JSON.readTree(body);
            synchronized (this) {
                if (channelNamed(asked.path("name").asText()) != null) {
                    send(exchange, 400, "{\"id\":\"store.sql_channel.save_channel.exists.app_error\",\"status_code\":400}");
                    return;
                }
                channel = channel(asked.path("name").asText(), BOT_USER).put("display_name", asked.path("display_name").asText());
            }
            boolean lost = loseNextCreate.getAndSet(false);
            send(exchange, lost ? 502 : 201, lost ? "<html>Bad Gateway</html>" : channel.toString());
        } else if (method.equals("GET") && path.startsWith("/api/v4/teams/" + TEAM + "/channels/name/")) {
            ObjectNode named = channelNamed(parts[7]);
            boolean visible = named != null && (named.path("delete_at").asLong() == 0 || "include_deleted=true".equals(query));
            send(exchange, visible ? 200 : 404, visible ? named.toString() : "{\"status_code\":404}");
        } else if (method.equals("GET") && parts.length == 5) {
            boolean direct = id.startsWith("dm-");
            send(exchange, 200, channel != null ? channel.toString() : JSON.createObjectNode().put("id", id).put("team_id", direct ? "" : TEAM)
                    .put("type", direct ? "D" : "O").put("delete_at", 0).toString());
        } else if (method.equals("GET") && path.endsWith("/posts")) {
            ObjectNode page = JSON.createObjectNode();
            var order = page.putArray("order");
            ObjectNode found = page.putObject("posts");
            posts(id).forEach(p -> {
                order.add(p.path("id").asText());
                found.set(p.path("id").asText(), p);
            });
            send(exchange, 200, page.toString());
        } else if (channel == null) {
            send(exchange, 404, "{\"status_code\":404}");
        } else if (method.equals("POST") && path.endsWith("/members")) {
            String user = JSON.readTree(body).path("user_id").asText();
            members.get(id).add(user);
            send(exchange, 201, "{\"channel_id\":\"" + id + "\",\"user_id\":\"" + user + "\"}");
        } else if (method.equals("DELETE") && parts.length == 5) {
            boolean live = channel.path("delete_at").asLong() == 0;
            channel.put("delete_at", System.currentTimeMillis());
            send(exchange, live ? 200 : 400, live ? "{\"status\":\"OK\"}" : "{\"id\":\"api.channel.delete_channel.deleted.app_error\",\"status_code\":400}");
        } else if (method.equals("POST") && path.endsWith("/restore")) {
            boolean deleted = channel.path("delete_at").asLong() != 0;
            channel.put("delete_at", 0);
            send(exchange, deleted ? 200 : 400, deleted ? channel.toString() : "{\"id\":\"api.channel.restore_channel.restored.app_error\",\"status_code\":400}");
        } else {
            send(exchange, 404, "{\"status_code\":404}");
        }
    }

    private void answerFiles(HttpExchange exchange, String path) throws IOException {
        String id = path.split("/")[4];
        if (path.endsWith("/info")) {
            ObjectNode info = fileInfos.get(id);
            send(exchange, info == null ? 404 : 200, info == null ? "{\"status_code\":404}" : info.toString());
        } else if (files.containsKey(id)) {
            byte[] content = files.get(id);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
            exchange.close();
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
