package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.cli.CliEnvironment;
import dev.leadline.server.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default set-up: the server's own embedded MariaDB in LEADLINE_DATA_DIR, and the CLI beside it. */
class EmbeddedServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void dataSurvivesARestartAndTheCliSharesTheRunningServersDatabase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - email: jane@example.com
                    name: Jane Rivera
                    timeZone: America/New_York
                queues:
                  - name: Inbound
                    members: [jane@example.com]
                sla:
                  Inbound:
                    touch: [claim, contact]
                    steps:
                      - {after: 5m, do: remind}
                      - {after: 30m, do: reassign}
                      - {after: 1h, do: alert-manager}
                """);
        Map<String, String> env = Map.of(
                "LEADLINE_PORT", "0",
                "LEADLINE_DATA_DIR", dir.resolve("data").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString());
        CliEnvironment.use(env);
        String token;
        String leadId;
        try (Leadline first = Leadline.start(Config.fromEnvironment(env), Clock.systemUTC())) {
            assertThat(first.services().team().queues()).singleElement()
                    .satisfies(q -> assertThat(q.memberRepIds()).hasSize(1));
            long inbound = first.services().team().queueByName("Inbound").orElseThrow().id();
            assertThat(first.services().slaPolicies().forQueue(inbound)).hasValueSatisfying(p ->
                    assertThat(p.steps()).extracting(s -> s.action().name()).containsExactly("REMIND", "REASSIGN", "ALERT_MANAGER"));

            token = runCli("token", "create", "--name", "ci", "--role", "INTEGRATION").strip();
            assertThat(token).startsWith("ll_");
            HttpResponse<String> created = send(first, "/api/v1/leads", token,
                    HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Restart\",\"company\":\"Durable Ltd\"}"));
            assertThat(created.statusCode()).isEqualTo(201);
            leadId = created.body().replaceAll(".*\"id\":\"(L-\\d+)\".*", "$1");

            Path csv = dir.resolve("leads.csv");
            Files.writeString(csv, "Email,Company\ncli@import.example,Cli Co\nbroken-email,Bad Co\n");
            String summary = runCli("import", csv.toString());
            assertThat(summary).contains("rows 2: imported 1 (0 flagged as look-alikes), updated 0, duplicates 0, merged 0, rejected 1").contains("line 3");
        }
        try (Leadline second = Leadline.start(Config.fromEnvironment(env), Clock.systemUTC())) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + second.port()
                    + "/api/v1/leads/" + leadId)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("Durable Ltd");

            String port = Files.readString(dir.resolve("data").resolve("embedded-db.running")).split(" ")[0];
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("mariadbd") && c.contains("--port=" + port)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            Awaitility.await("the killed MariaDB is started again and the server is UP by itself").atMost(Duration.ofSeconds(30))
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + second.port() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + second.port() + "/api/v1/leads/" + leadId))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(Leadline server, String path, String token, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String runCli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
