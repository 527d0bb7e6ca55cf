package dev.leadline.bench;

import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * Duplicate rules at import, flag against merge, A/B in one run: {@code MergeImportBench [people]}
 * (default 5,000). Each policy gets a fresh server (the jar, {@code -Xmx512m}) that first imports
 * the people, then a second file of the same people as another source typed them
 * ({@link People#retyped}: another mailbox, a swapped letter or a nickname, the phone without its
 * country code), so that every row of the second file is a look-alike. The second import is timed:
 * under {@code flag} every row is stored and flagged, under {@code merge} stored and merged into the
 * lead it duplicates. Reports rows/s for both and merge's share of flag's speed.
 */
public final class MergeImportBench {
    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path dir = ServerProcess.tempDir("leadline-merge-import-bench");
        Path first = write(dir.resolve("people.csv"), people, false);
        Path second = write(dir.resolve("retyped.csv"), people, true);
        double flag = run(dir.resolve("flag"), "flag", first, second, people);
        double merge = run(dir.resolve("merge"), "merge", first, second, people);
        System.out.printf("merge at import runs at %.2f of flag's speed (%.0f against %.0f rows/s)%n", merge / flag, merge, flag);
    }

    /** The people, or (retyped) each of them as a second source writes them, under other external ids. */
    private static Path write(Path file, int rows, boolean retyped) throws Exception {
        People people = People.fromFebrl();
        Random random = new Random(retyped ? 7 : 42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ImportBench.HEADER);
            for (int i = 1; i <= rows; i++) {
                var person = retyped ? people.retyped(people.person(i), random) : people.person(i);
                out.write(ImportBench.row((retyped ? "00R" : "00Q") + i, person, i, random));
            }
        }
        return file;
    }

    /** Rows per second of the second file's import on a fresh server whose rule does {@code action} to look-alikes at import. */
    private static double run(Path dir, String action, Path first, Path second, int rows) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leadline.yml"), "duplicates:\n  rules:\n"
                + "    - {name: same-lead, against: leads, at: [import], action: block, threshold: 1.0}\n"
                + "    - {name: same-person, against: leads, at: [import], action: " + action + "}\n");
        try (ServerProcess server = ServerProcess.start(dir, 18083, Map.of("LEADLINE_PLUGINS_DIR", dir.resolve("none").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString()), "-Xmx512m")) {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            ImportBench.importAndWait(http, server, first, deadline);
            long start = System.nanoTime();
            String status = ImportBench.importAndWait(http, server, second, deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %,d look-alike rows in %.1f s, %.0f rows/s%n", action, rows, seconds, rows / seconds);
            System.out.println("  job: " + status.replaceAll("\"(rejected|duplicateRows)\":\\[.*?\\],", ""));
            System.out.println("  " + server.cpu() + " (start-up and the first import included)");
            return rows / seconds;
        }
    }
}
