package dev.leadline.server;

import dev.leadline.core.common.LeadlineException;
import dev.leadline.db.Database;
import dev.leadline.db.DataDirLock;
import dev.leadline.db.DatabaseUnreachableException;
import dev.leadline.db.EmbeddedCredentials;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.server.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a process uses: the external MariaDB when configured; else the embedded one of a
 * Leadline server already running on the same data directory; else a newly started embedded one.
 */
public final class DatabaseRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseRuntime.class);
    private static final String RUNNING_FILE = "embedded-db.running";

    private final Database database;
    private final EmbeddedMariaDb embedded;
    private final Path runningFile;

    private DatabaseRuntime(Database database, EmbeddedMariaDb embedded, Path runningFile) {
        this.database = database;
        this.embedded = embedded;
        this.runningFile = runningFile;
    }

    public static DatabaseRuntime open(Config config) {
        if (config.externalDb().isPresent()) {
            Config.ExternalDb db = config.externalDb().get();
            log.info("using external MariaDB at {}", Database.shown(db.url()));
            try {
                return new DatabaseRuntime(Database.connect(db.url(), db.user(), db.password(), config.dbPoolSize()), null, null);
            } catch (DatabaseUnreachableException e) {
                throw new LeadlineException("cannot reach the database at LEADLINE_DB_URL=" + e.url() + ": " + e.reason(), e);
            }
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new LeadlineException("cannot create LEADLINE_DATA_DIR " + config.dataDir() + ": " + e.getMessage(), e);
        }
        Path runningFile = config.dataDir().resolve(RUNNING_FILE);
        Optional<Integer> sharedPort = runningServerPort(runningFile);
        if (sharedPort.isPresent()) {
            log.info("a Leadline server is running on {}; sharing its embedded database", config.dataDir());
            String url = "jdbc:mariadb://127.0.0.1:" + sharedPort.get() + "/" + EmbeddedMariaDb.DATABASE;
            EmbeddedCredentials credentials = EmbeddedCredentials.read(config.dataDir());
            return new DatabaseRuntime(Database.connect(url, credentials.user(), credentials.password(), 4), null, null);
        }
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(config.dataDir(), config.embeddedDbMemoryMb());
        try {
            Files.writeString(runningFile, embedded.port() + " " + ProcessHandle.current().pid() + "\n");
            Database database = embedded.connect(EmbeddedMariaDb.DATABASE, config.dbPoolSize());
            return new DatabaseRuntime(database, embedded, runningFile);
        } catch (IOException | RuntimeException e) {
            embedded.close();
            throw e instanceof RuntimeException re ? re : new LeadlineException(e.getMessage(), e);
        }
    }

    public Database database() {
        return database;
    }

    /**
     * The port of the embedded database of a live Leadline on this data directory: it holds the data
     * directory's lock (a pid alone may have been reused since that Leadline died).
     */
    private static Optional<Integer> runningServerPort(Path runningFile) {
        try {
            if (!Files.exists(runningFile) || !DataDirLock.isHeld(runningFile.getParent())) {
                return Optional.empty();
            }
            String[] parts = Files.readString(runningFile).strip().split(" ");
            long pid = Long.parseLong(parts[1]);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(Integer.parseInt(parts[0])) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        database.close();
        if (embedded != null) {
            embedded.close();
            try {
                Files.deleteIfExists(runningFile);
            } catch (IOException e) {
                log.warn("could not remove {}: {}", runningFile, e.getMessage());
            }
        }
    }
}
