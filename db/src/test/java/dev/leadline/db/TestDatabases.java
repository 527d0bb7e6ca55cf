package dev.leadline.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded MariaDB per test JVM, started on first use and stopped at exit; each call to
 * {@link #fresh()} gets its own new database with the schema migrated.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedMariaDb server;

    private TestDatabases() {}

    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("leadline-test-mariadb");
                server = EmbeddedMariaDb.start(dir);
                EmbeddedMariaDb started = server;
                OnExit.register(() -> {
                    started.close();
                    deleteQuietly(dir);
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    /** Removes a directory tree (the test server's 350 MB of binaries and data) as the JVM exits. */
    public static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** A new, empty, migrated database on the shared test server. */
    public static Database fresh() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedMariaDb db = server();
        db.createDatabase(name);
        return db.connect(name, 8);
    }
}
