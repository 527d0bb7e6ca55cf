package dev.leadline.server.cli;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.RuleSet;
import dev.leadline.server.Leadline;
import dev.leadline.server.routing.RulesYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code leadline rules export [FILE]} and {@code leadline rules import FILE}: routing rules as one YAML file. */
@Command(name = "rules", description = "Export or import the routing rules as YAML.",
        subcommands = {RulesCommand.Export.class, RulesCommand.Import.class})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: export or import");
    }

    @Command(name = "export", description = "Write the rules in force as YAML (to the file, or to standard output).")
    static final class Export implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Parameters(arity = "0..1", description = "The file to write.")
        Path file;

        @Override
        public void run() {
            try (Leadline.Backend backend = database.open()) {
                List<RuleSet> rules = backend.services().rules().all();
                String yaml = RulesYaml.write(rules);
                if (file == null) {
                    System.out.print(yaml);
                } else {
                    Files.writeString(file, yaml, StandardCharsets.UTF_8);
                    System.err.println("wrote " + rules.size() + " rule sets to " + file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "import", description = "Check every rule set in the file and store each changed one as its next version, all or nothing.")
    static final class Import implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Parameters(arity = "1", description = "The YAML file, as export writes it.")
        Path file;

        @Override
        public void run() {
            String yaml;
            try {
                yaml = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ValidationException("file", "cannot read " + file + ": " + e.getMessage());
            }
            try (Leadline.Backend backend = database.open()) {
                List<RuleSet> saved = backend.services().rules().saveAll(RulesYaml.read(yaml), Actor.cli(System.getProperty("user.name")));
                saved.forEach(r -> System.err.println(r.purpose() + ": version " + r.version() + " in force (" + r.entries().size() + " entries)"));
            }
        }
    }
}
