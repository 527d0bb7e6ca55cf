package dev.leadline.bench;

import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duplicate rules at import, flag against merge, A/B in one run: {@code MergeImportBench [people] [pairs]}
 * (default 10,000 people, one pair). Each policy gets a fresh server (the jar, {@code -Xmx512m}) that
 * first imports the people, then the same people as another source typed them ({@link People#retyped}:
 * another mailbox, a swapped letter or a nickname, the phone without its country code), so that every
 * row is a look-alike: under {@code flag} it is stored and flagged, under {@code merge} stored and
 * merged into the lead it duplicates. The first fifth of the look-alikes is imported as a warm-up (so
 * that neither policy's code is compiled on the clock), the rest is timed. Flag then merge run
 * {@code pairs} times back to back; each run reports rows/s and the CPU time of the server's JVM and
 * MariaDB together, each pair merge's share of flag's speed. With {@code -Dplugins=off} the bundled
 * enrichment and scoring plugins are turned off first: they work through new leads at a capped rate
 * beside the import, so a longer import carries more of their work.
 */
public final class MergeImportBench {
    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = ServerProcess.tempDir("leadline-merge-import-bench");
        Path first = write(dir.resolve("people.csv"), 1, people, false);
        Path warmUp = write(dir.resolve("retyped-warm-up.csv"), 1, people / 5, true);
        Path timed = write(dir.resolve("retyped.csv"), people / 5 + 1, people, true);
        for (int pair = 1; pair <= pairs; pair++) {
            double flag = run(dir.resolve("flag-" + pair), "flag", List.of(first, warmUp), timed, people - people / 5);
            double merge = run(dir.resolve("merge-" + pair), "merge", List.of(first, warmUp), timed, people - people / 5);
            System.out.printf("pair %d: merge at import runs at %.2f of flag's speed (%.0f against %.0f rows/s)%n", pair, merge / flag, merge, flag);
        }
    }

    static void pluginsOff(HttpClient http, ServerProcess server) throws Exception {
        String list = http.send(HttpRequest.newBuilder(server.uri("/api/v1/plugins")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher id = Pattern.compile("\"id\":\"([a-z0-9-]+)\"").matcher(list);
        while (id.find()) {
            HttpResponse<String> off = http.send(HttpRequest.newBuilder(server.uri("/api/v1/plugins/" + id.group(1) + "/disable"))
                    .header("Authorization", "Bearer " + ServerProcess.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (off.statusCode() != 200) {
                throw new IllegalStateException("plugin " + id.group(1) + " not turned off: " + off.body());
            }
        }
    }

    /** People {@code from} to {@code to}, or (retyped) each of them as a second source writes them, under other external ids. */
    private static Path write(Path file, int from, int to, boolean retyped) throws Exception {
        People people = People.fromFebrl();
        Random random = new Random(retyped ? 7 : 42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ImportBench.HEADER);
            for (int i = from; i <= to; i++) {
                var person = retyped ? people.retyped(people.person(i), random) : people.person(i);
                out.write(ImportBench.row((retyped ? "00R" : "00Q") + i, person, i, random));
            }
        }
        return file;
    }

    /** Rows per second of the timed file's import on a fresh server whose rule does {@code action} to look-alikes at import. */
    private static double run(Path dir, String action, List<Path> before, Path timed, int rows) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leadline.yml"), "duplicates:\n  rules:\n"
                + "    - {name: same-lead, against: leads, at: [import], action: block, threshold: 1.0}\n"
                + "    - {name: same-person, against: leads, at: [import], action: " + action + "}\n");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // not a fixed port: another server there would answer for this one
        }
        try (ServerProcess server = ServerProcess.start(dir, port, Map.of("LEADLINE_PLUGINS_DIR", dir.resolve("none").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString()), "-Xmx512m")) {
            HttpClient http = HttpClient.newHttpClient();
            if ("off".equals(System.getProperty("plugins"))) {
                pluginsOff(http, server);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            for (Path file : before) {
                ImportBench.importAndWait(http, server, file, deadline);
            }
            double cpuBefore = server.cpuSeconds();
            long start = System.nanoTime();
            String status = ImportBench.importAndWait(http, server, timed, deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = server.cpuSeconds() - cpuBefore;
            System.out.printf("%s: %,d look-alike rows in %.1f s, %.0f rows/s; server CPU %.1f s, %.2f ms a row%n", action, rows,
                    seconds, rows / seconds, cpu, cpu * 1000 / rows);
            System.out.println("  job: " + status.replaceAll("\"(rejected|duplicateRows)\":\\[.*?\\],", ""));
            System.out.println("  " + server.cpu() + " (start-up and the imports before included)");
            return rows / seconds;
        }
    }
}
