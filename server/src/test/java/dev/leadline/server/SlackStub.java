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
    private final AtomicInteger ts = new AtomicInteger();
    private final Map<String, Integer> rateLimited = new java.util.concurrent.ConcurrentHashMap<>();

    SlackStub(Map<String, String> emailsByUserId) throws IOException {
        this.emails = Map.copyOf(emailsByUserId);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Where {@code apps.connections.open} sends Socket Mode clients. */
    volatile String socketUrl = "ws://127.0.0.1:1/";

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
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

    private boolean throttled(String blocks) {
        for (Map.Entry<String, Integer> limit : rateLimited.entrySet()) {
            if (blocks != null && blocks.contains(limit.getKey()) && limit.getValue() > 0) {
                rateLimited.put(limit.getKey(), limit.getValue() - 1);
                return true;
            }
        }
        return false;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = path.startsWith("/api/") ? path.substring(5) : path.substring(1);
        Map<String, String> params = form(body);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (method.equals("chat.postMessage") && throttled(params.get("blocks"))) {
            calls.add(new Call(method, params, body, "429", java.time.Instant.now(), auth));
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        String reply = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://leadline-test.slack.com/\",\"team\":\"Test\",\"user\":\"leadline\","
                    + "\"team_id\":\"" + (auth != null && auth.contains("team-two") ? "T2" : "T1") + "\",\"user_id\":\"UBOT\",\"bot_id\":\"B1\","
                    + "\"is_enterprise_install\":false}";
            case "users.info" -> emails.containsKey(params.get("user"))
                    ? "{\"ok\":true,\"user\":{\"id\":\"" + params.get("user") + "\",\"profile\":{\"email\":\"" + emails.get(params.get("user")) + "\"}}}"
                    : "{\"ok\":false,\"error\":\"user_not_found\"}";
            case "users.lookupByEmail" -> emails.entrySet().stream().filter(e -> e.getValue().equals(params.get("email"))).findFirst()
                    .map(e -> "{\"ok\":true,\"user\":{\"id\":\"" + e.getKey() + "\"}}").orElse("{\"ok\":false,\"error\":\"users_not_found\"}");
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"1700000000.0000" + ts.incrementAndGet() + "\"}";
            case "oauth.v2.access" -> "{\"ok\":true,\"app_id\":\"A1\",\"access_token\":\"xoxb-team-two\",\"token_type\":\"bot\","
                    + "\"scope\":\"chat:write,commands\",\"bot_user_id\":\"UBOT2\",\"team\":{\"id\":\"T2\",\"name\":\"Two\"},"
                    + "\"enterprise\":null,\"is_enterprise_install\":false,\"authed_user\":{\"id\":\"UADMIN\"}}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            default -> "{\"ok\":true}";
        };
        calls.add(new Call(method, params, body, reply, java.time.Instant.now(), auth));
        send(exchange, 200, reply);
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
