package dev.leadline.bench;

import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * Slack command acks under load: 100 reps send {@code /leads} at the same instant, repeated; latency
 * from request to ack, against the jar and against a bare Bolt "hello" app on the same machine, both
 * with a loopback stand-in for Slack's Web API. {@code SlackBench [rounds]}.
 */
public final class SlackBench {
    private static final String SECRET = "bench-signing-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        HttpServer stub = webApiStub();
        String apiUrl = "http://127.0.0.1:" + stub.getAddress().getPort() + "/api/";
        Path dir = ServerProcess.tempDir("leadline-slack-bench");
        StringBuilder yaml = new StringBuilder("reps:\n");
        for (int i = 0; i < 100; i++) {
            yaml.append("  - {email: rep").append(i).append("@bench.example, name: Rep ").append(i).append(", chatIdentities: {slack: U")
                    .append(i).append("}}\n");
        }
        Files.writeString(dir.resolve("leadline.yml"), yaml);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try (ServerProcess server = ServerProcess.start(dir, 18084, Map.of("SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", apiUrl))) {
            Histogram ours = measure(pool, server.uri("/slack/events"), rounds, apiUrl);
            print("Leadline /leads (list + count of the rep's leads)", ours);
        }
        Process hello = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HelloBolt.class.getName(), "18085", SECRET, apiUrl)
                .redirectErrorStream(true).redirectOutput(dir.resolve("hello.log").toFile()).start();
        try {
            waitFor(URI.create("http://127.0.0.1:18085/slack/events"));
            Histogram bare = measure(pool, URI.create("http://127.0.0.1:18085/slack/events"), rounds, apiUrl);
            print("bare Bolt hello", bare);
        } finally {
            hello.destroy();
            pool.shutdownNow();
            stub.stop(0);
        }
    }

    private static Histogram measure(ExecutorService pool, URI endpoint, int rounds, String apiUrl) throws Exception {
        return Burst.measure(pool, 100, 5, rounds, i -> {
            String body = "token=x&team_id=T1&user_id=U" + i + "&command=%2Fleads&text=&trigger_id=1.2&response_url="
                    + URLEncoder.encode(apiUrl.replace("/api/", "/response/") + i, StandardCharsets.UTF_8);
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(ts, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        });
    }

    private static void print(String what, Histogram h) {
        Burst.print(what, h);
    }

    private static void waitFor(URI endpoint) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                HTTP.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("hello Bolt did not start");
    }

    /** Answers auth.test and users.info like Slack; everything else ok. */
    private static HttpServer webApiStub() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String method = exchange.getRequestURI().getPath().replace("/api/", "");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String user = body.contains("user=") ? URLDecoder.decode(body.replaceAll(".*user=([^&]*).*", "$1"), StandardCharsets.UTF_8) : "";
            String json = switch (method) {
                case "auth.test" -> "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"B1\",\"url\":\"https://bench.slack.com/\"}";
                case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"profile\":{\"email\":\"rep" + user.substring(1)
                        + "@bench.example\"}}}";
                default -> "{\"ok\":true}";
            };
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
