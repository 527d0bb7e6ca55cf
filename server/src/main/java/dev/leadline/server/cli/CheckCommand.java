package dev.leadline.server.cli;

import dev.leadline.server.config.Config;
import dev.leadline.server.config.ConfigException;
import dev.leadline.server.config.ConfigFile;
import dev.leadline.server.config.ConfigFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code leadline check}: the configuration judged as the server would judge it at start, with nothing started. */
@Command(name = "check", description = "Check the LEADLINE_* variables and leadline.yml (LEADLINE_CONFIG) without starting anything: "
        + "prints ok, or every problem with its line, and exits 2.")
public final class CheckCommand implements Runnable {

    @Override
    public void run() {
        Map<String, String> env = CliEnvironment.get();
        List<String> problems = new ArrayList<>();
        try {
            Config.fromEnvironment(env);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        Path file = Config.configFile(env);
        try {
            ConfigFile.read(file);
        } catch (ConfigFileException e) {
            if (problems.isEmpty()) {
                throw e;
            }
            e.problems().forEach(p -> problems.add(p.describe(file.normalize().toString())));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        System.out.println(Files.exists(file) ? "ok: the environment and " + file.normalize() + " are fine"
                : "ok: the environment is fine; there is no " + file.normalize() + " (LEADLINE_CONFIG), so the defaults apply");
    }
}
