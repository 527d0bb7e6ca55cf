package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.cli.CliEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leadline check}, and a start that stops at once, in one line or one list, before any database when the config is wrong. */
class ConfigCheckCliTest {
    private static final String BROKEN = """
            reps:
              - email: ana@example.com
                name: Ana
            queues:
              - name: Inbound
                members: [omar@example.com]
            views:
              idleDays: 0
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Map<String, String> env = new HashMap<>();

    @TempDir
    Path dir;
    private Path data;
    private Path config;

    @BeforeEach
    void environment() {
        data = dir.resolve("data");
        config = dir.resolve("leadline.yml");
        env.putAll(Map.of("LEADLINE_DATA_DIR", data.toString(), "LEADLINE_CONFIG", config.toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString(), "LEADLINE_PORT", "0"));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        CliEnvironment.use(System.getenv());
    }

    @Test
    void checkListsEveryProblemOfTheFileWithItsLine() throws Exception {
        Files.writeString(config, BROKEN);

        assertThat(run("check")).isEqualTo(2);

        assertThat(err()).isEqualTo("leadline: " + config + " has 2 problems:\n"
                + "  " + config + ":6:15 queues[0].members[0]: no rep with email omar@example.com\n"
                + "  " + config + ":8:3 views.idleDays: must be a whole number of days from 1 to 3650\n");
        assertThat(data).doesNotExist();
    }

    @Test
    void checkSaysOkForAGoodConfigAndStartsNothing() throws Exception {
        Files.writeString(config, "reps:\n  - {email: ana@example.com, name: Ana}\nqueues:\n  - {name: Inbound, members: [ana@example.com]}\n");

        assertThat(run("check")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ok");
        assertThat(data).doesNotExist();
    }

    @Test
    void checkListsTheEnvironmentsProblemsWithTheFiles() throws Exception {
        Files.writeString(config, BROKEN);
        env.put("LEADLINE_PORT", "eighty");

        assertThat(run("check")).isEqualTo(2);

        assertThat(err()).startsWith("leadline: configuration problems:\n  - LEADLINE_PORT must be a whole number")
                .contains("  - " + config + ":6:15 queues[0].members[0]: no rep with email omar@example.com\n")
                .contains("  - " + config + ":8:3 views.idleDays: must be a whole number of days from 1 to 3650\n");
    }

    @Test
    void theServerRefusesABrokenFileBeforeStartingADatabase() throws Exception {
        Files.writeString(config, BROKEN);

        assertThat(run("serve")).isEqualTo(2);

        assertThat(err()).startsWith("leadline: " + config + " has 2 problems:\n");
        assertThat(data.resolve("mariadb")).doesNotExist();
    }

    @Test
    void aDatabaseThatRefusesTheConnectionIsOneLineNamingTheVariable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort + "/leadline";
        env.putAll(Map.of("LEADLINE_DB_URL", url, "LEADLINE_DB_USER", "leadline", "LEADLINE_DB_PASSWORD", "s3cret-password"));

        assertThat(run("serve")).isEqualTo(2);

        assertThat(err()).contains("leadline: cannot reach the database at LEADLINE_DB_URL=" + url + ": connection refused\n")
                .doesNotContain("s3cret-password").doesNotContain("\tat ").doesNotContain("Exception");
    }

    private int run(String... args) {
        CliEnvironment.use(env);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return Main.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
