package dev.leadline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Webhooks out: what a subscription costs the API, and how fast events reach a receiver. A receiver in this JVM
 * (answering 200 at once) is subscribed to every event type; leads are created through {@code POST /api/v1/leads}
 * by concurrent clients in alternating rounds with the subscription paused (no listener: no event is written) and
 * active (each lead writes {@code lead.created} and, once routed, {@code lead.routed}), A/B in the same run. For
 * the active rounds, the delay from each event's {@code timestamp} to its arrival, and the rate at which a backlog
 * of events drains.
 *
 * <p>{@code bench/run WebhookBench <leads per round> <clients> <rounds>}
 */
public final class WebhookBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = ServerProcess.tempDir("leadline-webhook-bench");
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - {email: jane@bench.example, name: Jane Bench}
                queues:
                  - {name: Inbound, members: [jane@bench.example]}
                routing:
                  enrichmentWait: 0s
                """);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Histogram delay = histogram();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger repeats = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        receiver.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (!ids.add(id)) {
                repeats.incrementAndGet();
            }
            JsonNode event = JSON.readTree(body);
            long at = Instant.parse(event.path("timestamp").asText()).toEpochMilli();
            synchronized (delay) {
                delay.recordValue(Math.max(0, now - at) * 1_000_000L);
            }
            arrivals.merge(event.path("type").asText(), 1L, Long::sum);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int port = Integer.getInteger("port", 18087);
        Map<String, String> env = new HashMap<>(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString(), "LEADLINE_WEBHOOKS_ALLOW_HTTP", "true",
                "LEADLINE_WEBHOOKS_ALLOW_PRIVATE", "true"));
        try (ServerProcess server = ServerProcess.start(dir, port, env, "-Xmx512m")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String subscribe = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"lead.created\","
                    + "\"lead.routed\",\"lead.claimed\",\"lead.status_changed\"]}";
            System.out.printf("server %s; %d rounds of %d leads by %d clients, alternately without and with a subscription%n",
                    ServerProcess.jar(), rounds, perRound, clients);
            create(http, server, 50, clients, "warm"); // warm-up, nobody listening
            Histogram without = histogram();
            Histogram with = histogram();
            int sent = 0;
            List<Double> drains = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                without.add(create(http, server, perRound, clients, "a" + round));
                String hook = "/api/v1/webhooks/" + JSON.readTree(send(http, server, "POST", "/api/v1/webhooks", subscribe).body()).path("id").asLong();
                with.add(create(http, server, perRound, clients, "b" + round));
                long answered = System.nanoTime();
                sent += perRound;
                // deleting drops what is still pending: wait for this round's events first (they count in the drain below)
                int expectedSoFar = sent * 2;
                org.awaitility.Awaitility.await("round delivered").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> arrivals.getOrDefault("lead.created", 0L) + arrivals.getOrDefault("lead.routed", 0L) >= expectedSoFar);
                drains.add((System.nanoTime() - answered) / 1e9);
                send(http, server, "DELETE", hook, "");
            }
            int expected = sent * 2;
            print("POST /api/v1/leads, no subscription ", without);
            print("POST /api/v1/leads, one subscription", with);
            System.out.printf("  events delivered: %s (%d expected, %d repeated ids); after each round's last answer its last event arrived in %s s%n",
                    arrivals, expected, repeats.get(), drains.stream().map(d -> String.format("%.1f", d)).toList());
            print("event timestamp -> arrival at receiver", delay);
            System.out.printf("  %s%n", server.cpu());
        } finally {
            receiver.stop(0);
        }
        System.exit(0);
    }

    private static Histogram create(HttpClient http, ServerProcess server, int leads, int clients, String tag) throws Exception {
        Histogram h = histogram();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < leads; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = send(http, server, "POST", "/api/v1/leads",
                            "{\"lastName\":\"Bench " + tag + "-" + i + "\",\"email\":\"lead-" + tag + "-" + i + "@client.example\"}");
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                    }
                    synchronized (h) {
                        h.recordValue(System.nanoTime() - start);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return h;
    }

    private static HttpResponse<String> send(HttpClient http, ServerProcess server, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Histogram histogram() {
        return new Histogram(600_000_000_000L, 3);
    }

    private static void print(String what, Histogram h) {
        System.out.printf("  %s: n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }
}
