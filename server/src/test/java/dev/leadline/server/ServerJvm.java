package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A Leadline server as its own JVM, with this test's class path, the way {@code java -jar leadline.jar serve} runs it. */
final class ServerJvm {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private ServerJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server with {@code env} (plus a free LEADLINE_PORT) and returns once {@code GET /health} answers 200. */
    static ServerJvm start(Map<String, String> env, Path log) throws IOException {
        return start("serve", env, log);
    }

    /** As {@link #start(Map, Path)}, with another command that runs the server, e.g. {@code demo}. */
    static ServerJvm start(String command, Map<String, String> env, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", // a test server lives seconds: C1 alone starts it sooner and leaves the cores to the tests
                "-cp", System.getProperty("java.class.path"), "dev.leadline.server.Main", command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("LEADLINE_PORT", Integer.toString(port));
        ServerJvm server = new ServerJvm(builder.start(), port);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.process.isAlive()).as("server process; see %s", log).isTrue();
            try {
                return server.get("/health").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return server;
    }

    Process process() {
        return process;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with its own Authorization (e.g. a Bot Framework JWT) instead of the admin token. */
    HttpResponse<String> postAuthorized(String path, String json, String authorization) throws IOException, InterruptedException {
        return HTTP.send(request(path).setHeader("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the server shuts down cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    }
}
