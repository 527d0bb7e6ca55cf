package dev.leadline.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Slack's Web API, enough for the server to post cards: every user is found by
 * email, and each {@code chat.postMessage} is answered at once and its arrival time kept by the lead
 * ids its buttons carry (the first post of each lead counts; other button values are kept too, and never asked for).
 */
final class SlackApiStub implements AutoCloseable {
    private static final Pattern LEAD = Pattern.compile("\"value\":\"([^\"]+)\"");
    private final HttpServer server;
    private final Map<String, Instant> firstPost = new ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong ts = new AtomicLong();

    SlackApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "slack-stub");
            thread.setDaemon(true); // the bench exits when done
            return thread;
        }));
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** When the first card about the lead reached the stub, if one did. */
    Instant firstPost(String leadId) {
        return firstPost.get(leadId);
    }

    long posts() {
        return posts.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String method = exchange.getRequestURI().getPath().replaceFirst("^/api/", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String reply = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"leadline\",\"team_id\":\"T1\","
                    + "\"user_id\":\"UBOT\",\"bot_id\":\"B1\",\"is_enterprise_install\":false}";
            case "users.lookupByEmail" -> "{\"ok\":true,\"user\":{\"id\":\"U" + Integer.toHexString(param(body, "email").hashCode()) + "\"}}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + param(body, "users") + "\"}}";
            case "chat.postMessage" -> {
                posts.incrementAndGet();
                Matcher lead = LEAD.matcher(URLDecoder.decode(body, StandardCharsets.UTF_8));
                while (lead.find()) {
                    firstPost.putIfAbsent(lead.group(1), at);
                }
                yield "{\"ok\":true,\"channel\":\"" + param(body, "channel") + "\",\"ts\":\"" + at.getEpochSecond() + "."
                        + String.format("%06d", ts.incrementAndGet() % 1_000_000) + "\"}";
            }
            default -> "{\"ok\":true}";
        };
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String param(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
