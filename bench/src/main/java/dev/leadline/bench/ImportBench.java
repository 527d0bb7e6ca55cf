package dev.leadline.bench;

import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a generated CSV of N leads (default 100,000) through {@code POST /api/v1/leads/import}
 * into the jar started with {@code -Xmx512m}, and reports rows per second and the peak heap in use.
 * {@code ImportBench [rows] [routed]}: with {@code routed}, import rules send every lead to a
 * round-robin queue of 10 reps, and the time until the last lead is routed is reported too. {@code -DextraConfig=file.yml}
 * adds that file's sections to the server's leadline.yml (e.g. other duplicate rules).
 */
public final class ImportBench {
    private static final String[] COUNTRY = {"US", "GB", "DE", "FR", "IN", "BR", "JP", "AU", "CA", "NL"};
    private static final String[] SOURCE = {"Web", "Webinar", "Referral", "Trade show", "Partner", "Cold outreach"};
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = ServerProcess.tempDir("leadline-import-bench");
        boolean routed = args.length > 1 && args[1].equals("routed");
        Path csv = generate(dir.resolve("leads.csv"), rows);
        System.out.printf("generated %,d rows, %,d bytes%n", rows, Files.size(csv));
        Files.writeString(dir.resolve("leadline.yml"), "reps:\n" + java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "  - {email: rep" + i + "@bench.example, name: Rep " + i + "}\n").collect(java.util.stream.Collectors.joining())
                + "queues:\n  - {name: Pool, strategy: round-robin, members: [" + java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "rep" + i + "@bench.example").collect(java.util.stream.Collectors.joining(", ")) + "]}\n"
                + (System.getProperty("extraConfig") == null ? "" : Files.readString(Path.of(System.getProperty("extraConfig")))));
        try (ServerProcess server = ServerProcess.start(dir, 18082, Map.of("LEADLINE_PLUGINS_DIR", dir.resolve("none").toString(),
                "LEADLINE_CONFIG", dir.resolve("leadline.yml").toString()), "-Xmx512m")) {
            AtomicLong peakKb = new AtomicLong();
            Thread sampler = new Thread(() -> sampleHeap(server.pid(), peakKb));
            sampler.setDaemon(true);
            sampler.start();
            HttpClient http = HttpClient.newHttpClient();
            if (routed) {
                HttpResponse<String> rules = http.send(HttpRequest.newBuilder(server.uri("/api/v1/rules/import"))
                        .header("Authorization", "Bearer " + ServerProcess.TOKEN).header("Content-Type", "application/yaml")
                        .PUT(HttpRequest.BodyPublishers.ofString("default: {queue: Pool}")).build(), HttpResponse.BodyHandlers.ofString());
                if (rules.statusCode() != 200) {
                    throw new IllegalStateException("rules refused: " + rules.body());
                }
            }
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(20).toNanos();
            String status = importAndWait(http, server, csv, deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            System.out.printf("import of %,d rows: %.1f s, %.0f rows/s (upload to job DONE), peak heap used %d MB of 512 MB%n",
                    rows, seconds, rows / seconds, peakKb.get() / 1024);
            System.out.println("  job: " + status.replaceAll("\"(rejected|duplicateRows)\":\\[.*?\\],", ""));
            if (routed) {
                // the newest lead is the file's last stored row (rows skipped as duplicates have no lead)
                String newest = http.send(HttpRequest.newBuilder(server.uri("/api/v1/leads?limit=1")).header("Authorization", "Bearer "
                        + ServerProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body().replaceFirst("(?s).*?\"id\":\"(L-\\d+)\".*", "$1");
                String last = "/api/v1/leads/" + newest + "/routing";
                while (http.send(HttpRequest.newBuilder(server.uri(last)).header("Authorization", "Bearer " + ServerProcess.TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                double all = (System.nanoTime() - start) / 1e9;
                System.out.printf("  every lead routed %.1f s after the upload began: %.0f leads/s imported and routed%n", all, rows / all);
            }
            System.out.println("  " + server.cpu() + " (start-up included)");
        }
    }

    /** People from the Febrl vocabularies ({@link People}), one in fifty a retyped earlier row (a duplicate the rules should flag). */
    static Path generate(Path file, int rows) throws Exception {
        Random random = new Random(42);
        People people = People.fromFebrl();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (int i = 1; i <= rows; i++) {
                LeadData p = i > 100 && i % 50 == 0 ? people.retyped(people.person(random.nextInt(i - 1)), random) : people.person(i);
                out.write(row("00Q" + i, p, i, random));
            }
        }
        return file;
    }

    static final String HEADER = "Lead ID,First Name,Last Name,Email,Company,Title,Phone,Country,City,Zip,Street,Lead Source,No. of Employees,"
            + "Rating,Notes\n";

    /** One line of the benchmark's CSV for person {@code p}, the {@code i}-th row, with external id {@code id}. */
    static String row(String id, LeadData p, int i, Random random) {
        return id + "," + p.getOrNull(LeadField.FIRST_NAME) + "," + p.getOrNull(LeadField.LAST_NAME) + ","
                + p.getOrNull(LeadField.EMAIL) + ",\"" + p.getOrNull(LeadField.COMPANY) + "\",Head of Sales," + p.getOrNull(LeadField.PHONE)
                + "," + COUNTRY[i % COUNTRY.length] + "," + p.getOrNull(LeadField.CITY) + "," + p.getOrNull(LeadField.POSTAL_CODE) + ","
                + p.getOrNull(LeadField.STREET) + "," + SOURCE[i % SOURCE.length] + "," + random.nextInt(10_000) + ","
                + (i % 3 == 0 ? "Hot" : "Warm") + ",\"Met at booth " + (i % 40) + "; follow up\"\n";
    }

    /** Posts the file as an asynchronous import and polls its job until it is no longer running; the job's last answer. */
    static String importAndWait(HttpClient http, ServerProcess server, Path csv, long deadline) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(server.uri("/api/v1/leads/import?async=true"))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String job = accepted.headers().firstValue("Location").orElseThrow();
        String status;
        do {
            Thread.sleep(250);
            status = http.send(HttpRequest.newBuilder(server.uri(job)).header("Authorization", "Bearer " + ServerProcess.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (status.contains("\"RUNNING\"") && System.nanoTime() < deadline);
        return status;
    }

    private static void sampleHeap(long pid, AtomicLong peakKb) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = USED.matcher(out);
                if (m.find()) {
                    peakKb.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the server may be between states; try again at the next tick
            }
        }
    }
}
