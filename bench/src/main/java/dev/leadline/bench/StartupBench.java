package dev.leadline.bench;

import dev.leadline.db.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Time from {@code java -jar leadline.jar} to {@code /health} UP: with a cold embedded database
 * (new data directory each run), a warm one (same directory again), and an external MariaDB.
 */
public final class StartupBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> external = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dir = ServerProcess.tempDir("leadline-startup");
            try (ServerProcess server = ServerProcess.start(dir, 18080, Map.of())) {
                cold.add(server.readyMillis);
            }
            try (ServerProcess server = ServerProcess.start(dir, 18080, Map.of())) {
                warm.add(server.readyMillis);
            }
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(ServerProcess.tempDir("leadline-external-db"))) {
            for (int i = 0; i < runs; i++) {
                String name = "startup" + i;
                db.createDatabase(name);
                Path dir = ServerProcess.tempDir("leadline-startup-ext");
                try (ServerProcess server = ServerProcess.start(dir, 18080, Map.of("LEADLINE_DB_URL", db.jdbcUrl(name),
                        "LEADLINE_DB_USER", db.credentials().user(), "LEADLINE_DB_PASSWORD", db.credentials().password()))) {
                    external.add(server.readyMillis);
                }
            }
        }
        System.out.println("startup to health UP, ms (" + runs + " runs each)");
        System.out.println("  cold embedded (new data dir): " + cold + "  max " + max(cold));
        System.out.println("  warm embedded (existing dir): " + warm + "  max " + max(warm));
        System.out.println("  external MariaDB (new schema): " + external + "  max " + max(external));
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
