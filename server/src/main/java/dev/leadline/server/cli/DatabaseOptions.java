package dev.leadline.server.cli;

import dev.leadline.core.common.LeadlineException;
import dev.leadline.server.Leadline;
import dev.leadline.server.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * The database a command line tool works on, and its {@code --init} option: without it a command never
 * creates a new embedded database, so one run from the wrong directory says where it looked instead of
 * starting a second, empty MariaDB. An external database ({@code LEADLINE_DB_URL}) is used as it is.
 */
public final class DatabaseOptions {
    @Option(names = "--init", description = "Create a new embedded database in LEADLINE_DATA_DIR if none is there yet "
            + "(without it the command refuses, naming the directory it looked in).")
    boolean init;

    /** Opens the configured database, or says why not. */
    public Leadline.Backend open() {
        Config config = Config.fromEnvironment(CliEnvironment.get());
        if (config.externalDb().isEmpty() && !init && !holdsEmbeddedDatabase(config.dataDir())) {
            String whence = CliEnvironment.get().containsKey("LEADLINE_DATA_DIR") ? "LEADLINE_DATA_DIR"
                    : "the default; LEADLINE_DATA_DIR names another";
            throw new LeadlineException("no Leadline database in " + config.dataDir().toAbsolutePath().normalize() + " (" + whence
                    + "); start the server there first, or pass --init to create one");
        }
        return Leadline.backend(config, Clock.systemUTC(), false);
    }

    /** Whether the embedded MariaDB has ever stored its data here (it keeps them in {@code mariadb/}). */
    static boolean holdsEmbeddedDatabase(Path dataDir) {
        return Files.isDirectory(dataDir.resolve("mariadb"));
    }
}
