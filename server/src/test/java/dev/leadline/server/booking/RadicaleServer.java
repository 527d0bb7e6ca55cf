package dev.leadline.server.booking;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real CalDAV server for the tests: Debian's Radicale ({@code apt-get install radicale}) in its own
 * process on a free port, keeping its calendars in a temporary folder, with plain htpasswd users. Without
 * it the tests are skipped with one line, unless {@code -Dleadline.caldav=required} (CI's {@code .ci/run})
 * makes that a failure.
 */
final class RadicaleServer implements AutoCloseable {
    static final Path RADICALE = Path.of("/usr/bin/radicale");
    private final Process process;
    private final int port;
    private final Path dir;

    private RadicaleServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static void assumeInstalled() {
        boolean installed = Files.isExecutable(RADICALE);
        if (!installed && "required".equals(System.getProperty("leadline.caldav"))) {
            throw new AssertionError("the CalDAV tests need " + RADICALE + " (apt-get install radicale)");
        }
        Assumptions.assumeTrue(installed, "skipped: no " + RADICALE + "; apt-get install radicale");
    }

    /** Radicale with these users (name to password). */
    static RadicaleServer start(Map<String, String> users) throws IOException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("leadline-radicale");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("config"), String.join("\n",
                "[server]", "hosts = 127.0.0.1:" + port,
                "[auth]", "type = htpasswd", "htpasswd_filename = " + dir.resolve("users"), "htpasswd_encryption = plain",
                "[storage]", "filesystem_folder = " + dir.resolve("collections"),
                "[rights]", "type = owner_only",
                "[logging]", "level = warning", ""));
        RadicaleServer server = new RadicaleServer(new ProcessBuilder(List.of(RADICALE.toString(), "--config", dir.resolve("config").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("radicale.log").toFile()).start(), port, dir);
        server.users(users);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(server::listening);
        return server;
    }

    /** Replaces the users (Radicale reads the file at every sign-in). */
    void users(Map<String, String> users) throws IOException {
        StringBuilder lines = new StringBuilder();
        users.forEach((user, password) -> lines.append(user).append(':').append(password).append('\n'));
        Files.writeString(dir.resolve("users"), lines);
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Radicale stopped; see " + dir.resolve("radicale.log"));
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The address of a user's calendar collection. */
    URI calendar(String user, String name) {
        return URI.create("http://127.0.0.1:" + port + "/" + user + "/" + name + "/");
    }

    /** Creates the calendar collection (MKCALENDAR). */
    void createCalendar(String user, String password, String name) throws Exception {
        send(user, password, HttpRequest.newBuilder(calendar(user, name)).method("MKCALENDAR", HttpRequest.BodyPublishers.noBody()), 201);
    }

    /** Puts one iCalendar resource into the calendar. */
    void put(String user, String password, String name, String resource, String ics) throws Exception {
        send(user, password, HttpRequest.newBuilder(calendar(user, name).resolve(resource)).header("Content-Type", "text/calendar; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(ics)), 201);
    }

    private void send(String user, String password, HttpRequest.Builder request, int expected) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        // a client of its own for each call: Radicale may close a kept-alive connection as it is reused, and MKCALENDAR must not go twice
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.header("Authorization", "Basic " + auth).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Radicale answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
