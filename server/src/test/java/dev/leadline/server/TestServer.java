package dev.leadline.server;

import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.TestDatabases;
import dev.leadline.server.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real Leadline server on a random port, on its own database of the shared test MariaDB. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Leadline leadline;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestServer(Leadline leadline, Map<String, String> env) {
        this.leadline = leadline;
        this.env = env;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extraEnv) {
        return start(extraEnv, Clock.systemUTC());
    }

    /** A server whose time is the given clock's. */
    public static TestServer start(Map<String, String> extraEnv, Clock clock) {
        return start(extraEnv, clock, Leadline.Looks.DEFAULT);
    }

    /** A server whose background loops look for work without being woken only every so often ({@code looks}). */
    static TestServer start(Map<String, String> extraEnv, Clock clock, Leadline.Looks looks) {
        EmbeddedMariaDb db = TestDatabases.server();
        String name = "srv" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        db.createDatabase(name);
        return start(db.jdbcUrl(name), extraEnv, clock, looks);
    }

    /** A second node: another server on this one's database (with its own directories and the given settings). */
    public TestServer beside(Map<String, String> extraEnv, Clock clock) {
        return start(env.get("LEADLINE_DB_URL"), extraEnv, clock, Leadline.Looks.DEFAULT);
    }

    private static TestServer start(String dbUrl, Map<String, String> extraEnv, Clock clock, Leadline.Looks looks) {
        try {
            Path dir = Files.createTempDirectory("leadline-server-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDatabases.deleteQuietly(dir)));
            Map<String, String> env = new HashMap<>(Map.of(
                    "LEADLINE_PORT", "0",
                    "LEADLINE_DB_URL", dbUrl,
                    "LEADLINE_DB_USER", TestDatabases.server().credentials().user(),
                    "LEADLINE_DB_PASSWORD", TestDatabases.server().credentials().password(),
                    "LEADLINE_DATA_DIR", dir.resolve("data").toString(),
                    "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                    "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                    "LEADLINE_BOOTSTRAP_TOKEN", ADMIN_TOKEN));
            env.putAll(extraEnv);
            return new TestServer(Leadline.start(Config.fromEnvironment(env), clock, looks), Map.copyOf(env));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and starts a new one on the same database and data directory. */
    public void restart() {
        leadline.close();
        leadline = Leadline.start(Config.fromEnvironment(env), Clock.systemUTC());
    }

    /** A server with exactly this environment (e.g. another's, with a variable changed). */
    public static TestServer startWith(Map<String, String> env) {
        return new TestServer(Leadline.start(Config.fromEnvironment(env), Clock.systemUTC()), Map.copyOf(env));
    }

    public Map<String, String> env() {
        return env;
    }

    public dev.leadline.db.Database database() {
        return leadline.database();
    }

    public Services services() {
        return leadline.services();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + leadline.port() + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Override
    public void close() {
        leadline.close();
    }
}
