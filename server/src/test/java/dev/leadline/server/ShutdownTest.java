package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what {@code Process.destroy()} sends on Linux, and {@code docker stop} or Kubernetes send)
 * stops a busy server in order: intake, then the background loops and jobs, then the pool and the
 * embedded MariaDB, and says nothing alarming on the way.
 */
class ShutdownTest {
    @TempDir
    Path dir;
    private ProcessHandle mariaDb;

    @Test
    void sigtermStopsABusyDemoServerInOrderWithoutAWarningAnErrorOrALeftoverMariaDb() throws Exception {
        Path log = dir.resolve("demo.log");
        ServerJvm server = ServerJvm.start("demo", env(), log);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(log).contains("Leadline demo is running"));
        mariaDb = server.process().toHandle().children().filter(p -> p.info().command().orElse("").endsWith("/mariadbd"))
                .findFirst().orElseThrow();

        // leads keep arriving while the server stops, so enrichment, routing and dispatch have work in hand
        Burst burst = new Burst(server);
        burst.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> burst.created.get() >= 20);
        long stopping = Files.size(log);
        server.process().destroy();
        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute; see %s", log).isTrue();
        burst.awaitEnd();

        assertThat(server.process().exitValue()).as("exit code after SIGTERM").isEqualTo(143);
        List<String> stop = linesFrom(log, stopping);
        assertThat(stop).as("WARN, ERROR and stack trace lines after SIGTERM")
                .filteredOn(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat ")
                        || line.startsWith("Caused by"))
                .isEmpty();
        assertThat(stop).as("log after SIGTERM").anyMatch(line -> line.contains("Leadline stopped"));
        assertThat(burst.refused).as("answers other than 201, or 503 while stopping").isEmpty();
        assertThat(mariaDb.isAlive()).as("the embedded MariaDB after the server stopped").isFalse();
    }

    @Test
    void sigtermStopsACommandLineImportBetweenBatchesWithoutAWarningAndItsMariaDbStops() throws Exception {
        Path csv = dir.resolve("leads.csv");
        StringBuilder rows = new StringBuilder("First Name,Last Name,Email,Company\n");
        for (int i = 0; i < 40_000; i++) {
            rows.append("Ada,Lovelace").append(i).append(",ada").append(i).append("@engines").append(i % 500).append(".example,Engines ")
                    .append(i % 500).append('\n');
        }
        Files.writeString(csv, rows);
        Path log = dir.resolve("import.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.leadline.server.Main", "import", "--init", csv.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env());
        Process importing = builder.start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(log).matches("(?s).*\\] [1-9]\\d{3,}/40000 rows.*"));
        mariaDb = importing.toHandle().children().filter(p -> p.info().command().orElse("").endsWith("/mariadbd")).findFirst().orElseThrow();
        long stopping = Files.size(log);
        importing.destroy();
        assertThat(importing.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute; see %s", log).isTrue();

        List<String> stop = linesFrom(log, stopping);
        assertThat(stop).as("WARN, ERROR and stack trace lines after SIGTERM")
                .filteredOn(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat ")
                        || line.startsWith("Caused by"))
                .isEmpty();
        assertThat(String.join("\n", stop)).as("the import says where it stopped").contains("stopped after line");
        assertThat(mariaDb.isAlive()).as("the embedded MariaDB after the import stopped").isFalse();
    }

    @AfterEach
    void stopTheEmbeddedMariaDbIfItWasLeftRunning() {
        if (mariaDb != null) {
            mariaDb.destroyForcibly();
        }
    }

    private Map<String, String> env() {
        return Map.of("LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(), "LEADLINE_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN,
                "LEADLINE_DB_POOL_SIZE", "4");
    }

    private static List<String> linesFrom(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).lines().toList();
    }

    /** Two clients creating leads until the server no longer answers. */
    private static final class Burst {
        private final ServerJvm server;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch ended = new CountDownLatch(2);
        final AtomicInteger created = new AtomicInteger();
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        Burst(ServerJvm server) {
            this.server = server;
        }

        void start() {
            for (int c = 0; c < 2; c++) {
                Thread client = new Thread(this::createUntilRefused, "shutdown-test-client-" + c);
                client.setDaemon(true);
                client.start();
            }
        }

        void awaitEnd() throws InterruptedException {
            assertThat(ended.await(1, TimeUnit.MINUTES)).as("clients stopped").isTrue();
        }

        private void createUntilRefused() {
            try {
                while (true) {
                    int i = next.incrementAndGet();
                    HttpResponse<String> answer = server.post("/api/v1/leads",
                            "{\"lastName\":\"Stop " + i + "\",\"email\":\"stop-" + i + "@example.com\",\"country\":\"US\"}");
                    if (answer.statusCode() == 201) {
                        created.incrementAndGet();
                    } else {
                        if (answer.statusCode() != 503) {
                            refused.add(answer.statusCode() + " " + answer.body());
                        }
                        return;
                    }
                }
            } catch (IOException e) {
                // the server closed its port: intake has stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended.countDown();
            }
        }
    }
}
