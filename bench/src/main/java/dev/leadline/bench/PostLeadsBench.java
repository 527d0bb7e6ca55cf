package dev.leadline.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code POST /api/v1/leads} latency with N concurrent clients against the jar on loopback, with the
 * plugins that load (the bundled ones ship inside the jar; {@code -Dplugins=off} disables them all
 * through the API; the run prints which are on). With a rate (requests per second for all clients together) each client sends on a fixed
 * schedule and latency counts from the scheduled time, so a slow server is not hidden by clients
 * that wait (open loop); with rate 0 each client sends as soon as its last answer arrives (closed
 * loop, which measures saturation throughput).
 */
public final class PostLeadsBench {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Path dir = ServerProcess.tempDir("leadline-post-bench");
        try (ServerProcess server = ServerProcess.start(dir, Integer.getInteger("port", 18081), Map.of("LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString(),
                "LEADLINE_DB_POOL_SIZE", System.getProperty("pool", "32")))) {
            if ("off".equals(System.getProperty("plugins"))) {
                disableAll(server);
            }
            System.out.println("server " + ServerProcess.jar() + "; plugins: " + server.plugins());
            run(server, clients, warmupSeconds, rate);
            Histogram histogram = run(server, clients, measureSeconds, rate);
            System.out.printf("POST /api/v1/leads, %d clients, %s, %d s: %d requests, %.0f req/s%n", clients,
                    rate > 0 ? "open loop at " + rate + " req/s" : "closed loop", measureSeconds,
                    histogram.getTotalCount(), histogram.getTotalCount() / (double) measureSeconds);
            System.out.printf("  latency ms: p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                    ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
            System.out.println("  " + server.cpu() + " (warm-up and measured run)");
        }
    }

    private static Histogram run(ServerProcess server, int clients, int seconds, double rate) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong failures = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long begin = System.nanoTime();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        long interval = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long offset = interval * c / clients;
            workers.add(pool.submit(() -> {
                long next = begin + offset;
                while (System.nanoTime() < end) {
                    if (interval > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    long n = sequence.incrementAndGet();
                    String body = "{\"firstName\":\"Load\",\"lastName\":\"Tester " + n + "\",\"email\":\"load" + n
                            + "@bench.example\",\"company\":\"Bench Co " + (n % 500) + "\",\"title\":\"Buyer\",\"country\":\"DE\","
                            + "\"employeeCount\":" + (n % 5000) + ",\"source\":\"API\",\"customFields\":{\"run\":\"bench\"}}";
                    HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/leads"))
                            .header("Authorization", "Bearer " + ServerProcess.TOKEN).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = interval > 0 ? next : System.nanoTime();
                    next += interval;
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 201) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    recorder.recordValue(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " requests failed");
        }
        return recorder.getIntervalHistogram();
    }

    /** Disables every plugin through the API ({@code -Dplugins=off}): the bundled ones load whatever the plugins directory holds. */
    private static void disableAll(ServerProcess server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String id : server.plugins().equals("none") ? List.<String>of() : java.util.Arrays.stream(server.plugins().split(", "))
                .map(p -> p.substring(0, p.indexOf(' '))).toList()) {
            http.send(HttpRequest.newBuilder(server.uri("/api/v1/plugins/" + id + "/disable")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
