package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.cli.CliEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line without a server: help for every command, and no new embedded database unless asked for. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        CliEnvironment.use(System.getenv());
    }

    /** Every command and subcommand, read from the command tree itself so that a new one is covered too. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            collect(sub, longer, paths);
        });
    }

    @ParameterizedTest(name = "leadline {0} --help")
    @MethodSource("commands")
    void everyCommandAnswersHelpWithItsUsage(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");

        int exit = run(args.toArray(String[]::new));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: " + String.join(" ", Stream.concat(Stream.of("leadline"),
                command.stream()).toList()));
    }

    /** Every command but picocli's own {@code help}, which has no {@code --version}. */
    static Stream<List<String>> leadlineCommands() {
        return commands().filter(c -> !c.equals(List.of("help")));
    }

    @ParameterizedTest(name = "leadline {0} --version")
    @MethodSource("leadlineCommands")
    void everyCommandAnswersVersionWithLeadlines(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--version");

        assertThat(run(args.toArray(String[]::new))).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("leadline ");
    }

    @Test
    void theCommandTreeHoldsTheCommandsAndTheirSubcommands() {
        assertThat(commands().map(c -> String.join(" ", c)))
                .contains("serve", "demo", "import", "token create", "token list", "token revoke", "rules export", "rules import",
                        "reps", "reports rebuild", "teams-package", "help");
    }

    @Test
    void helpNamesEveryCommandAndShowsTheUsageOfTheOneAskedFor() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reps").contains("token").contains("rules");
        out.reset();

        assertThat(run("help", "token")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: leadline token").contains("create");
    }

    @Test
    void aCommandGivenWithoutItsSubcommandSaysWhichThereAre() {
        assertThat(run("token")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing subcommand: create, list or revoke").contains("Usage: leadline token");
    }

    @ParameterizedTest(name = "leadline {0}")
    @MethodSource("databaseCommands")
    void aCommandThatOpensTheDatabaseDoesNotCreateANewEmbeddedOneAndSaysWhereItLooked(String command) throws Exception {
        Path csv = Files.writeString(dir.resolve("leads.csv"), "Email\nada@example.com\n");
        Path data = dir.resolve("data");
        CliEnvironment.use(Map.of("LEADLINE_DATA_DIR", data.toString(), "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("plugins").toString()));

        int exit = run(command.replace("FILE", csv.toString()).split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("leadline: no Leadline database in " + data.toAbsolutePath()
                + " (LEADLINE_DATA_DIR); start the server there first, or pass --init to create one" + System.lineSeparator());
        assertThat(data.resolve("mariadb")).doesNotExist();
    }

    static Stream<String> databaseCommands() {
        return Stream.of("token create --name ci --role integration", "token list", "token revoke ci", "import FILE", "rules export",
                "rules import FILE", "reps", "reports rebuild",
                "crm backfill --connector crm-hubspot --since 2026-01-01");
    }

    private int run(String... args) {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return Main.run(args);
    }
}
