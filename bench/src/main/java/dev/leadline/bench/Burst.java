package dev.leadline.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Simultaneous requests from many clients: each round, every client sends one request at the same
 * instant (a barrier); latency from sending to the whole answer. Warm-up rounds are not recorded.
 */
final class Burst {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Burst() {}

    /** {@code request} builds client i's request after the barrier (so signatures and timestamps are fresh). */
    static Histogram measure(ExecutorService pool, int clients, int warmups, int rounds, IntFunction<HttpRequest> request) throws Exception {
        for (int warm = 0; warm < warmups; warm++) {
            round(pool, clients, request, null);
        }
        Histogram latency = new Histogram(3);
        for (int r = 0; r < rounds; r++) {
            round(pool, clients, request, latency);
        }
        return latency;
    }

    private static void round(ExecutorService pool, int clients, IntFunction<HttpRequest> request, Histogram latency) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            results.add(pool.submit(() -> {
                start.await();
                HttpRequest built = request.apply(client);
                long t0 = System.nanoTime();
                HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - t0) / 1000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
                return micros;
            }));
        }
        for (Future<Long> result : results) {
            long micros = result.get();
            if (latency != null) {
                latency.recordValue(micros);
            }
        }
    }

    static void print(String what, Histogram h) {
        System.out.printf("%-50s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d answers)%n", what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, h.getTotalCount());
    }
}
