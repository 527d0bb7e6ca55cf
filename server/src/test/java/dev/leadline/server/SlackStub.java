package dev.leadline.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for Slack's Web API (which no test machine can reach): answers the methods the
 * bot calls like Slack does, records every call, and can answer 429 with Retry-After.
 */
final class SlackStub implements AutoCloseable {
    /**
     * One call as received: the Web API method (or {@code response/<id>} for a response_url), its form
     * or JSON body, and what the stub answered.
     */
    record Call(String method, Map<String, String> params, String body, String reply, java.time.Instant at, String authorization) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> emails;
    /** Users of other workspaces (Slack Connect): user id to {team id, email}. */
    private final Map<String, List<String>> foreign = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger();
    private final Map<String, Integer> rateLimited = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> answersLost = new java.util.concurrent.ConcurrentHashMap<>();
    /** The messages posted, by channel: what conversations.history answers from. */
    private final Map<String, List<Posted>> history = new java.util.concurrent.ConcurrentHashMap<>();

    /** A message as conversations.history shows it: its ts and the metadata it was posted with (JSON, or null). */
    record Posted(String ts, String metadata) {}

    /** The blocks each message shows now (after its edits), by channel and ts. */
    private final Map<String, String> shown = new java.util.concurrent.ConcurrentHashMap<>();
    /** Files users shared, by id: served at {@code /files-pri/<id>} to a request with the bot token, as url_private_download is. */
    private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
    /** Channels made with conversations.create, by id: their name, members and whether archived (as conversations.list shows them). */
    private final Map<String, Channel> channels = new java.util.concurrent.ConcurrentHashMap<>();
    /** The answer conversations.create gives instead of making a channel (e.g. missing_scope), or null. */
    volatile String createRefusal;

    record Channel(String id, String name, java.util.Set<String> members, java.util.concurrent.atomic.AtomicBoolean archived) {}
    private volatile java.time.Instant throttledUntil = java.time.Instant.MIN;
    private volatile int throttleRetryAfter;

    SlackStub(Map<String, String> emailsByUserId) throws IOException {
        this.emails = Map.copyOf(emailsByUserId);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * A user added after the start: of another organisation's workspace (as users.info shows one met in
     * a Slack Connect channel), or of T1 itself.
     */
    void addUser(String userId, String teamId, String email) {
        foreign.put(userId, List.of(teamId, email));
    }

    /** Where {@code apps.connections.open} sends Socket Mode clients. */
    volatile String socketUrl = "ws://127.0.0.1:1/";

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Keeps a file as if a user had uploaded it; returns its url_private_download. */
    String shareFile(String id, byte[] content) {
        files.put(id, content);
        return apiUrl().replace("/api/", "/files-pri/") + id + "/download";
    }

    String responseUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The next {@code n} chat.postMessage calls whose blocks contain {@code text} are answered 429 with Retry-After: 1. */
    void rateLimitPostsContaining(String text, int n) {
        rateLimited.put(text, n);
    }

    /**
     * The next {@code n} chat.postMessage calls whose blocks contain {@code text} are carried out (the
     * message is posted) but the answer that comes back cannot be read: the sender cannot know.
     */
    void loseAnswersToPostsContaining(String text, int n) {
        answersLost.put(text, n);
    }

    /**
     * Every Web API call about a channel (posts, edits, history) is answered 429 with {@code Retry-After:
     * retryAfterSeconds} for the next {@code window}.
     */
    void throttleChannelsFor(java.time.Duration window, int retryAfterSeconds) {
        throttleRetryAfter = retryAfterSeconds;
        throttledUntil = java.time.Instant.now().plus(window);
    }

    /** The blocks a message shows now, after its edits. */
    String shown(String channel, String ts) {
        return shown.get(channel + "/" + ts);
    }

    /** The messages in a channel, oldest first. */
    List<Posted> messages(String channel) {
        return List.copyOf(history.getOrDefault(channel, List.of()));
    }

    private static boolean take(Map<String, Integer> limits, String blocks) {
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            if (blocks != null && blocks.contains(limit.getKey()) && limit.getValue() > 0) {
                limits.put(limit.getKey(), limit.getValue() - 1);
                return true;
            }
        }
        return false;
    }

    private boolean throttled(String blocks) {
        return take(rateLimited, blocks);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/files-pri/")) {
            serveFile(exchange, path.split("/")[2]);
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = path.startsWith("/api/") ? path.substring(5) : path.substring(1);
        Map<String, String> params = form(body);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (params.containsKey("channel") && java.time.Instant.now().isBefore(throttledUntil)) {
            calls.add(new Call(method, params, body, "429", java.time.Instant.now(), auth));
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(throttleRetryAfter));
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        if (method.equals("chat.postMessage") && throttled(params.get("blocks"))) {
            calls.add(new Call(method, params, body, "429", java.time.Instant.now(), auth));
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        if (method.equals("chat.postMessage") && take(answersLost, params.get("blocks"))) {
            post(params);
            calls.add(new Call(method, params, body, "lost", java.time.Instant.now(), auth));
            // posted, but what comes back is not Slack's answer (a proxy in between broke it): the sender cannot know
            byte[] garbled = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, garbled.length);
            exchange.getResponseBody().write(garbled);
            exchange.close();
            return;
        }
        String reply = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://leadline-test.slack.com/\",\"team\":\"Test\",\"user\":\"leadline\","
                    + "\"team_id\":\"" + (auth != null && auth.contains("team-two") ? "T2" : "T1") + "\",\"user_id\":\"UBOT\",\"bot_id\":\"B1\","
                    + "\"is_enterprise_install\":false}";
            case "users.info" -> userInfo(params.get("user"), auth);
            case "users.lookupByEmail" -> emails.entrySet().stream().filter(e -> e.getValue().equals(params.get("email"))).findFirst()
                    .map(e -> "{\"ok\":true,\"user\":{\"id\":\"" + e.getKey() + "\"}}").orElse("{\"ok\":false,\"error\":\"users_not_found\"}");
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + post(params) + "\"}";
            // a DM is posted to the user's id; here its channel has the same id, so its history is found under it
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"" + params.get("users") + "\"}}";
            case "conversations.history" -> historyOf(params.get("channel"), params.get("oldest"));
            case "oauth.v2.access" -> "{\"ok\":true,\"app_id\":\"A1\",\"access_token\":\"xoxb-team-two\",\"token_type\":\"bot\","
                    + "\"scope\":\"chat:write,commands\",\"bot_user_id\":\"UBOT2\",\"team\":{\"id\":\"T2\",\"name\":\"Two\"},"
                    + "\"enterprise\":null,\"is_enterprise_install\":false,\"authed_user\":{\"id\":\"UADMIN\"}}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
            case "conversations.create" -> create(params.get("name"));
            case "conversations.list" -> list();
            case "conversations.invite" -> {
                Channel channel = channels.get(params.get("channel"));
                if (channel == null) {
                    yield "{\"ok\":false,\"error\":\"channel_not_found\"}";
                }
                channel.members().addAll(List.of(params.get("users").split(",")));
                yield "{\"ok\":true,\"channel\":" + json(channel) + "}";
            }
            case "conversations.archive", "conversations.unarchive" -> {
                Channel channel = channels.get(params.get("channel"));
                boolean archive = method.equals("conversations.archive");
                if (channel == null) {
                    yield "{\"ok\":false,\"error\":\"channel_not_found\"}";
                }
                yield channel.archived().compareAndSet(!archive, archive) ? "{\"ok\":true}"
                        : "{\"ok\":false,\"error\":\"" + (archive ? "already_archived" : "not_archived") + "\"}";
            }
            case "chat.update" -> {
                shown.put(params.get("channel") + "/" + params.get("ts"), String.valueOf(params.get("blocks")));
                yield "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            }
            default -> "{\"ok\":true}";
        };
        calls.add(new Call(method, params, body, reply, java.time.Instant.now(), auth));
        send(exchange, 200, reply);
    }

    private void serveFile(HttpExchange exchange, String id) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(new Call("files-pri", Map.of("id", id), "", "", java.time.Instant.now(), auth));
        byte[] content = files.get(id);
        if (content == null || auth == null || !auth.startsWith("Bearer xoxb-")) {
            // Slack answers a request without the token with its sign-in page
            send(exchange, content == null ? 404 : 302, "{}");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, content.length);
        exchange.getResponseBody().write(content);
        exchange.close();
    }

    /** A channel made by the bot (its only member until it invites), unless its name is taken. */
    private synchronized String create(String name) {
        if (createRefusal != null) {
            return "{\"ok\":false,\"error\":\"" + createRefusal + "\"}";
        }
        if (channels.values().stream().anyMatch(c -> c.name().equals(name))) {
            return "{\"ok\":false,\"error\":\"name_taken\"}";
        }
        Channel channel = new Channel("CROOM" + (channels.size() + 1), name, java.util.concurrent.ConcurrentHashMap.newKeySet(),
                new java.util.concurrent.atomic.AtomicBoolean());
        channel.members().add("UBOT");
        channels.put(channel.id(), channel);
        return "{\"ok\":true,\"channel\":" + json(channel) + "}";
    }

    /** A channel someone else made, which the bot is not in (its name is taken). */
    void channelMadeByOthers(String id, String name) {
        channels.put(id, new Channel(id, name, java.util.concurrent.ConcurrentHashMap.newKeySet(), new java.util.concurrent.atomic.AtomicBoolean()));
    }

    Channel channelNamed(String name) {
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private String list() {
        return "{\"ok\":true,\"channels\":[" + channels.values().stream().map(SlackStub::json).collect(java.util.stream.Collectors.joining(","))
                + "],\"response_metadata\":{\"next_cursor\":\"\"}}";
    }

    private static String json(Channel c) {
        return "{\"id\":\"" + c.id() + "\",\"name\":\"" + c.name() + "\",\"is_channel\":true,\"is_private\":false,\"is_archived\":"
                + c.archived().get() + ",\"is_member\":" + c.members().contains("UBOT") + "}";
    }

    private String userInfo(String user, String auth) {
        if (foreign.containsKey(user)) {
            return "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"team_id\":\"" + foreign.get(user).get(0) + "\",\"is_stranger\":"
                    + !"T1".equals(foreign.get(user).get(0)) + ","
                    + "\"profile\":{\"email\":\"" + foreign.get(user).get(1) + "\"}}}";
        }
        String team = auth != null && auth.contains("team-two") ? "T2" : "T1";
        return emails.containsKey(user)
                ? "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"team_id\":\"" + team + "\",\"profile\":{\"email\":\"" + emails.get(user) + "\"}}}"
                : "{\"ok\":false,\"error\":\"user_not_found\"}";
    }

    /** Keeps a posted message in its channel's history; returns its ts. */
    private String post(Map<String, String> params) {
        // like Slack's: the epoch second it was posted at, and a sequence that keeps ts unique in the channel
        String posted = java.time.Instant.now().getEpochSecond() + "." + String.format("%06d", ts.incrementAndGet() % 1_000_000);
        history.computeIfAbsent(params.get("channel"), c -> new CopyOnWriteArrayList<>()).add(new Posted(posted, params.get("metadata")));
        shown.put(params.get("channel") + "/" + posted, String.valueOf(params.get("blocks")));
        return posted;
    }

    private String historyOf(String channel, String oldest) {
        java.math.BigDecimal after = oldest == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(oldest);
        StringBuilder json = new StringBuilder("{\"ok\":true,\"has_more\":false,\"messages\":[");
        List<Posted> newestFirst = new java.util.ArrayList<>(messages(channel));
        java.util.Collections.reverse(newestFirst);
        String separator = "";
        for (Posted m : newestFirst) {
            if (new java.math.BigDecimal(m.ts()).compareTo(after) > 0) {
                json.append(separator).append("{\"type\":\"message\",\"ts\":\"").append(m.ts()).append('"');
                if (m.metadata() != null) {
                    json.append(",\"metadata\":").append(m.metadata());
                }
                json.append('}');
                separator = ",";
            }
        }
        return json.append("]}").toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        Loopback.sendJson(exchange, status, json);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.startsWith("{")) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
