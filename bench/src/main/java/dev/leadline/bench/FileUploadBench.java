package dev.leadline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /api/v1/leads/{id}/files}: N clients at once, each uploading files of a given size (distinct
 * random content, a PDF header) to a lead of its own, against the jar on loopback with a small heap.
 * Prints latency percentiles, throughput, and the server's peak heap (sampled from {@code /metrics}) and
 * peak resident memory, so that a run with larger files shows whether uploads are streamed (the same
 * peak) or held whole in memory (a peak that grows with the bytes in flight). {@code -Dstore=s3} keeps
 * the files in S3Proxy (its jar from {@code server/target/s3proxy}) instead of the data directory.
 *
 * <p>{@code bench/run FileUploadBench <clients> <filesPerClient> <bytesPerFile>}
 */
public final class FileUploadBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024 * 1024;
        String heap = System.getProperty("heap", "256m");
        Path dir = ServerProcess.tempDir("leadline-files-bench");
        Files.writeString(dir.resolve("leadline.yml"), "reps:\n  - {email: mgr@bench.example, name: Bench Manager, role: MANAGER}\n");
        int port = Integer.getInteger("port", 18085);
        Map<String, String> env = new HashMap<>(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString(), "LEADLINE_DB_POOL_SIZE", "32"));
        Process s3 = "s3".equals(System.getProperty("store")) ? S3Proxy.start(dir, env) : null;
        try (ServerProcess server = ServerProcess.start(dir, port, env, "-Xmx" + heap)) {
            List<String> leads = leads(server, clients);
            System.out.printf("server %s, -Xmx%s, files in %s; %d clients x %d files x %d bytes%n", ServerProcess.jar(), heap,
                    s3 == null ? "the data directory" : "S3Proxy", clients, perClient, bytes);
            run(server, leads, 1, bytes, new Random(1)); // warm-up: one file each
            Peaks peaks = new Peaks(server);
            long start = System.nanoTime();
            Histogram latency = run(server, leads, perClient, bytes, new Random(2));
            double seconds = (System.nanoTime() - start) / 1e9;
            peaks.stop();
            long total = latency.getTotalCount();
            System.out.printf("  %d uploads in %.1f s: %.1f uploads/s, %.1f MB/s%n", total, seconds, total / seconds,
                    total * (double) bytes / seconds / 1048576);
            System.out.printf("  latency ms: p50 %.0f  p95 %.0f  p99 %.0f  max %.0f%n", ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(95)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
            System.out.printf("  server peak heap used %.0f MB (of %s), peak resident %.0f MB; %s%n", peaks.heap() / 1048576.0, heap,
                    peaks.resident() / 1024.0, server.cpu());
        } finally {
            if (s3 != null) {
                s3.destroy();
            }
        }
    }

    private static List<String> leads(ServerProcess server, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.uri("/api/v1/leads"))
                    .header("Authorization", "Bearer " + ServerProcess.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Files " + i + "\",\"company\":\"Upload Co " + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            ids.add(JSON.readTree(created.body()).path("id").asText());
        }
        return ids;
    }

    /** Every client uploads its files one after another; all clients start together. */
    private static Histogram run(ServerProcess server, List<String> leads, int perClient, int bytes, Random seeds) throws Exception {
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(leads.size());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (String lead : leads) {
            long seed = seeds.nextLong();
            workers.add(pool.submit(() -> {
                Random random = new Random(seed);
                go.await();
                for (int f = 0; f < perClient; f++) {
                    byte[] body = multipart("file-" + f + ".pdf", content(random, bytes));
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.uri("/api/v1/leads/" + lead + "/files"))
                            .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - start;
                    if (answer.statusCode() == 201) {
                        synchronized (histogram) {
                            histogram.recordValue(took);
                        }
                    } else if (failures.incrementAndGet() <= 3) {
                        System.out.println("  failed: " + answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " uploads failed");
        }
        return histogram;
    }

    private static final String BOUNDARY = "----leadline-bench-boundary";

    private static byte[] multipart(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"rep\"\r\n\r\nmgr@bench.example\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] content(Random random, int bytes) {
        byte[] content = new byte[bytes];
        random.nextBytes(content);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, content, 0, header.length);
        return content;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The server's peak heap use (from /metrics, every 100 ms) and peak resident set (VmHWM) while uploads run. */
    private static final class Peaks {
        private final ServerProcess server;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong heap = new AtomicLong();
        private final Thread sampler;

        Peaks(ServerProcess server) {
            this.server = server;
            this.sampler = new Thread(this::sample, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            HttpClient http = HttpClient.newHttpClient();
            while (running.get()) {
                try {
                    String metrics = http.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Authorization", "Bearer "
                            + ServerProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
                    double used = 0;
                    for (Matcher m = HEAP.matcher(metrics); m.find(); ) {
                        used += Double.parseDouble(m.group(1));
                    }
                    heap.accumulateAndGet((long) used, Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                } catch (IOException e) {
                    // one sample missed
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
        }

        long heap() {
            return heap.get();
        }

        /** Peak resident set size in KB, from /proc (Linux). */
        long resident() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        }
    }

    /** S3Proxy in its own process, keeping objects under the bench's directory; sets the server's LEADLINE_S3_* to it. */
    private static final class S3Proxy {
        static Process start(Path dir, Map<String, String> env) throws Exception {
            Path jar = Path.of("server/target/s3proxy/s3proxy.jar");
            int port = Integer.getInteger("s3port", 18095);
            Files.createDirectories(dir.resolve("s3/bench-files"));
            Files.writeString(dir.resolve("s3.properties"), String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=bench", "s3proxy.credential=bench-secret-0123456789",
                    "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + dir.resolve("s3")));
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toAbsolutePath().toString(), "--properties", dir.resolve("s3.properties").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException e) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
            env.putAll(Map.of("LEADLINE_S3_ENDPOINT", "http://127.0.0.1:" + port, "LEADLINE_S3_BUCKET", "bench-files",
                    "LEADLINE_S3_ACCESS_KEY", "bench", "LEADLINE_S3_SECRET_KEY", "bench-secret-0123456789"));
            return process;
        }
    }
}
