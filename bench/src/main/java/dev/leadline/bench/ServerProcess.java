package dev.leadline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built {@code leadline.jar} run as its own process, the way an operator runs it. */
final class ServerProcess implements AutoCloseable {
    static final String TOKEN = "bench-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    final long readyMillis;

    private ServerProcess(Process process, int port, long readyMillis) {
        this.process = process;
        this.port = port;
        this.readyMillis = readyMillis;
    }

    /** A temporary directory that is removed, with any embedded MariaDB in it, when the benchmark exits. */
    static Path tempDir(String prefix) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var paths = java.nio.file.Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }));
        return dir;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("leadline.jar", "server/target/leadline.jar"));
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar.toAbsolutePath() + " not found; build it with ./mvnw -DskipTests package");
        }
        return jar;
    }

    /** Starts the jar and waits (at most two minutes) for /health to say UP. */
    static ServerProcess start(Path workDir, int port, Map<String, String> env, String... jvmArgs) throws Exception {
        try (var probe = new java.net.ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            // another bench's server would answer /health and take this run's requests: -Dport=<free port>
            throw new IllegalStateException("port " + port + " is in use (another bench running?); pick another with -Dport=", e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmArgs));
        // -DserverJfr=/tmp/server.jfr: a flight recording of the server (profile settings), for finding where its time goes
        java.util.Optional.ofNullable(System.getProperty("serverJfr"))
                .ifPresent(file -> command.add("-XX:StartFlightRecording=filename=" + file + ",settings=profile"));
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.log").toFile()));
        builder.environment().put("LEADLINE_PORT", Integer.toString(port));
        builder.environment().put("LEADLINE_BOOTSTRAP_TOKEN", TOKEN);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        // a first start on a big new database summarises its leads for the reports once (minutes on a million)
        long deadline = started + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                // the work directory goes when the bench exits: say what the log said
                List<String> log = java.nio.file.Files.readAllLines(workDir.resolve("server.log"));
                throw new IllegalStateException("server exited with " + process.exitValue() + "; its log ends:\n"
                        + String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size())));
            }
            if (healthy(port)) {
                return new ServerProcess(process, port, (System.nanoTime() - started) / 1_000_000);
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server not UP within 10 minutes; see " + workDir.resolve("server.log"));
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The plugins the server loaded, as {@code id state (providers)}, from {@code GET /api/v1/plugins}:
     * the bundled ones ship inside the jar and load whatever the plugins directory holds.
     */
    String plugins() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/plugins")).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        List<String> loaded = new ArrayList<>();
        for (var plugin : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())) {
            loaded.add(plugin.path("id").asText() + " " + plugin.path("state").asText() + " " + plugin.path("providers"));
        }
        return loaded.isEmpty() ? "none" : String.join(", ", loaded);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time the server has used so far, its own JVM and, separately, its child processes (the
     * embedded MariaDB): less sensitive than wall time to a machine that runs slower one hour than the next.
     */
    String cpu() {
        double own = seconds(process.toHandle());
        return String.format("server CPU %.1f s in the JVM + %.1f s in MariaDB", own, cpuSeconds() - own);
    }

    /** CPU seconds the server and its MariaDB have used so far, together. */
    double cpuSeconds() {
        return seconds(process.toHandle()) + process.toHandle().descendants().mapToDouble(ServerProcess::seconds).sum();
    }

    private static double seconds(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** A crash: SIGKILL, no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
