package dev.leadline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 24's nurture job against the jar on loopback: N leads (imported as CSV, each with its own address)
 * are enrolled by parallel clients in a cadence whose first step is an email ({@code email}, then
 * {@code wait: 3d}); the server's db-scheduler job {@code nurture-steps} (every 10 s) runs the due steps and
 * hands the emails to a real SMTP server, GreenMail, running in this JVM on a free loopback port. The run
 * ends when GreenMail has received N emails and the database holds N {@code SENT} rows in
 * {@code nurture_email}; it checks that every address got exactly one email and every lead an
 * {@code EMAIL_SENT} timeline entry. {@code NurtureBench [leads] [clients]} (10,000 and 8 by default).
 *
 * <p>{@code -Ddue=enrolled} (the default): each lead's first step is due as it is enrolled, so the job
 * works while the enrolment goes on; times count from the last enrolment's answer (and from the first).
 * {@code -Ddue=together}: the cadence's send window opens on a whole minute (UTC) after the enrolment is
 * over ({@code -Dopen=} seconds after it starts, default N/100 and at least 60), so every email step
 * falls due at the same instant; times count from that instant. The leads are routed round-robin to 10
 * reps before they are enrolled (an email goes out on behalf of the owner). {@code -Dmail=log}: no SMTP
 * server, the server writes the emails to its log (and the sender is the owner). {@code -Dplugins=on}
 * keeps the bundled plugins (off by default). {@code -Dstacks=/some/dir}: a {@code jstack} of the server
 * every 2 s while the job works. {@code -Dport=} the server's port (18084). {@code -Dchaos=kill}: two nodes on
 * one database, the sending node killed (SIGKILL) twice mid-batch and started again ({@link NurtureChaos};
 * 3,000 leads by default).
 */
public final class NurtureBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String SENDER = "nurture@bench.example";

    public static void main(String[] args) throws Exception {
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if ("kill".equals(System.getProperty("chaos"))) {
            NurtureChaos.run(args.length > 0 ? Integer.parseInt(args[0]) : 3_000, clients);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean smtp = !"log".equals(System.getProperty("mail"));
        boolean together = "together".equals(System.getProperty("due"));
        Path dir = ServerProcess.tempDir("leadline-nurture-bench");
        GreenMailInbox inbox = smtp ? GreenMailInbox.start() : null;
        Files.writeString(dir.resolve("leadline.yml"), team());
        int port = Integer.getInteger("port", 18084);
        Map<String, String> env = new HashMap<>(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString(), "LEADLINE_PUBLIC_URL", "http://127.0.0.1:" + port,
                "LEADLINE_SMTP_MAX_PER_SENDER_HOUR", "1000000", "LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR", "1000000"));
        if (smtp) {
            env.putAll(Map.of("LEADLINE_SMTP_HOST", "127.0.0.1", "LEADLINE_SMTP_PORT", Integer.toString(inbox.port()),
                    "LEADLINE_SMTP_TLS", "none", "LEADLINE_SMTP_FROM", SENDER));
        }
        Path csv = csv(dir.resolve("leads.csv"), n);
        try (ServerProcess server = ServerProcess.start(dir, port, env)) {
            if (!"on".equals(System.getProperty("plugins"))) {
                for (JsonNode plugin : JSON.readTree(send(server, "GET", "/api/v1/plugins", null, null).body())) {
                    send(server, "POST", "/api/v1/plugins/" + plugin.path("id").asText() + "/disable", "", null);
                }
            }
            System.out.println("server " + ServerProcess.jar() + "; plugins: " + server.plugins() + "; emails to "
                    + (smtp ? "GreenMail's SMTP server on 127.0.0.1:" + inbox.port() + " (in the bench's JVM)" : "the server's log (no SMTP)"));
            // every lead routed round-robin to one of 10 reps before it is enrolled: emails go from (or on behalf of) the owner,
            // and a lead assigned after its enrolment would leave its cadence
            expect(send(server, "PUT", "/api/v1/rules/import", "default: {queue: Pool}", "application/yaml"), 200, "import rules");
            long importStart = System.nanoTime();
            String job = ImportBench.importAndWait(HTTP, server, csv, importStart + Duration.ofMinutes(20).toNanos());
            List<String> ids = leads(server);
            System.out.printf("setup: %,d leads imported (%s) and routed round-robin to 10 reps in %.1f s%n", ids.size(),
                    job.replaceAll("(?s).*\"imported\":(\\d+).*", "imported $1"), (System.nanoTime() - importStart) / 1e9);
            if (ids.size() != n) {
                System.out.printf("  note: %,d rows gave %,d leads; the run goes on with those%n", n, ids.size());
            }
            try (ServerDatabase db = ServerDatabase.of(dir)) {
                // the routing's cards (to the log: no chat platform) go out first, so that they do not run beside the job
                long drained = System.nanoTime();
                while (db.count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") > 0
                        && System.nanoTime() - drained < Duration.ofMinutes(5).toNanos()) {
                    Thread.sleep(500);
                }
                System.out.printf("  the routing's %,d cards left the outbox %.1f s later%n", db.count("SELECT COUNT(*) FROM outbox"),
                        (System.nanoTime() - drained) / 1e9);
                Instant opens = together ? nextMinute(Instant.now().plusSeconds(Long.getLong("open", Math.max(60, n / 100)))) : null;
                String window = opens == null ? "24/7" : "MON-SUN " + LocalTime.ofInstant(opens, ZoneOffset.UTC) + "-24:00";
                expect(send(server, "PUT", "/api/v1/cadences/bench-check-back", cadence(window), "application/yaml"), 200, "cadence");
                run(server, db, inbox, ids, clients, opens, window);
            }
        } finally {
            if (inbox != null) {
                inbox.close();
            }
            Files.copy(dir.resolve("server.log"), Path.of(System.getProperty("java.io.tmpdir"), "nurture-bench-server.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void run(ServerProcess server, ServerDatabase db, GreenMailInbox inbox, List<String> ids, int clients, Instant opens,
                            String window) throws Exception {
        int n = ids.size();
        NurtureProgress progress = new NurtureProgress(db, inbox, n);
        Thread watcher = new Thread(progress, "progress");
        watcher.setDaemon(true);
        watcher.start();
        JstackSampler stacks = System.getProperty("stacks") == null ? null : new JstackSampler(server.pid(), Path.of(System.getProperty("stacks")));
        if (stacks != null && opens == null) {
            stacks.start(); // the job works while the enrolment goes on
        }

        long[] enrolled = enrol(List.of(server), ids, clients);
        long firstEnrolled = enrolled[0];
        long lastEnrolled = enrolled[1];
        System.out.printf("enrolled %,d leads with %d clients in %.1f s (%.0f/s) in cadence bench-check-back (sendWindow %s); %d failed%n", n,
                clients, (lastEnrolled - firstEnrolled) / 1e9, n / ((lastEnrolled - firstEnrolled) / 1e9), window, enrolled[2]);
        int sentAtLastEnrolment = progress.sent.get();
        long start = lastEnrolled;
        if (opens != null) {
            long wait = Duration.between(Instant.now(), opens).toNanos();
            if (wait < 0) {
                System.out.println("  the send window opened " + (-wait / 1_000_000_000) + " s before the enrolment ended: raise -Dopen=");
            } else {
                System.out.printf("  %,d emails sent before the window opened; every step falls due at %s (in %.0f s)%n", sentAtLastEnrolment,
                        opens, wait / 1e9);
                Thread.sleep(wait / 1_000_000);
            }
            start = System.nanoTime() - Math.max(0, Duration.between(opens, Instant.now()).toNanos());
        } else {
            System.out.printf("  %,d of %,d emails were sent by the time the last enrolment was answered%n", sentAtLastEnrolment, n);
        }
        if (stacks != null && opens != null) {
            stacks.start();
        }
        double cpuBefore = server.cpuSeconds();
        double benchCpuBefore = ownCpuSeconds();
        long deadline = System.nanoTime() + Duration.ofSeconds(300 + n * 30L / 1000).toNanos();
        while (!progress.done() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (stacks != null) {
            stacks.interrupt();
        }
        progress.stop();
        watcher.join();
        double serverCpu = server.cpuSeconds() - cpuBefore;
        double benchCpu = ownCpuSeconds() - benchCpuBefore;
        long end = progress.doneAt();
        boolean complete = progress.done();

        String from = opens != null ? "from the moment every step fell due (the window opening)" : "from the last enrolment's answer";
        if (!complete) {
            System.out.printf("NOT DONE: %s %,d of %,d emails recorded, %,d sent after %.0f s%n", from, progress.recorded.get(), n,
                    progress.sent.get(), (System.nanoTime() - start) / 1e9);
        }
        double seconds = (end - start) / 1e9;
        System.out.printf("%,d due nurture steps -> %,d emails %s: %s%n", n, progress.sent.get(),
                !complete ? "(incomplete)" : inbox == null ? "sent (to the log)" : "sent and received",
                complete ? String.format(Locale.ROOT, "%.1f s %s, %.0f emails/s", seconds, from, n / seconds) : "-");
        if (opens == null) {
            double whole = (end - firstEnrolled) / 1e9;
            System.out.printf("  from the first enrolment to the last email: %.1f s (%.0f emails/s; enrolment and the job share the machine)%n",
                    whole, n / whole);
        }
        if (progress.recordedAt > 0 && complete) {
            long firstSent = progress.firstSentAfter(start);
            System.out.printf("  after %.1f s the job's next run recorded emails, after %.1f s every step had run (N in nurture_email);"
                    + " first email sent after %.1f s, the last after %.1f s: %.0f emails/s while sending%n", (progress.firstRecordedAfter(start)
                    - start) / 1e9, (progress.recordedAt - start) / 1e9, (firstSent - start) / 1e9, (end - start) / 1e9,
                    (n - progress.sentBy(firstSent)) / ((end - firstSent) / 1e9));
        }
        System.out.println("  progress (s: recorded / sent" + (inbox == null ? "" : " / received") + "): " + progress.timeline(start));
        System.out.printf("  InnoDB lock waits (enrolment and job): seen in %d of %d polls, at most %d transactions waiting at once%n",
                progress.lockWaitPolls.get(), progress.polls.get(), progress.maxLockWaits.get());
        progress.waitingQueries.forEach((query, count) -> System.out.printf("    waiting %d times: %s%n", count, query));
        check(server, db, inbox, ids);
        System.out.printf("  CPU in the measured time: server %.1f s (JVM + MariaDB), %.1f ms an email; bench %.1f s (%s); %s%n", serverCpu,
                serverCpu * 1000 / n, benchCpu, inbox == null ? "polling" : "GreenMail, polling", server.cpu() + " in the whole run");
        System.out.println("  machine: " + machine());
    }

    /**
     * Every lead enrolled by {@code clients} threads, spread over the nodes {@code via}; returns the first
     * request's start, the last answer's time and failures.
     */
    static long[] enrol(List<ServerProcess> via, List<String> ids, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicLong last = new AtomicLong();
        Map<Integer, String> problems = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long first = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ServerProcess server = via.get(c % via.size()); // clients spread over the nodes
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    String body = "{\"cadence\":\"bench-check-back\",\"rep\":\"rep" + (i % 10) + "@bench.example\"}";
                    try {
                        HttpResponse<String> answer = send(server, "POST", "/api/v1/leads/" + ids.get(i) + "/nurture", body, "application/json");
                        if (answer.statusCode() != 201) {
                            failures.incrementAndGet();
                            problems.putIfAbsent(answer.statusCode(), answer.body());
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        problems.putIfAbsent(-1, e.toString());
                    }
                    last.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        problems.forEach((status, body) -> System.out.println("  enrolment answered " + status + ": " + body));
        return new long[] {first, last.get(), failures.get()};
    }

    /** Exactly one email per address, N SENT rows, and every lead's timeline and place in the cadence (a sample through the API). */
    private static void check(ServerProcess server, ServerDatabase db, GreenMailInbox inbox, List<String> ids) throws Exception {
        int n = ids.size();
        Map<String, Long> states = db.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state");
        long sentRows = states.getOrDefault("SENT", 0L);
        long distinctSent = db.count("SELECT COUNT(DISTINCT lead_id) FROM nurture_email WHERE state = 'SENT'");
        long emailedEntries = db.count("SELECT COUNT(*) FROM activity WHERE type = 'EMAIL_SENT' AND summary LIKE 'Email%'");
        long leadsWithEntry = db.count("SELECT COUNT(DISTINCT lead_id) FROM activity WHERE type = 'EMAIL_SENT' AND summary LIKE 'Email%'");
        System.out.printf("  database: nurture_email %s; %,d leads with a SENT email; %,d EMAIL_SENT timeline entries on %,d leads%n", states,
                distinctSent, emailedEntries, leadsWithEntry);
        if (inbox != null) {
            Map<String, Integer> byAddress = inbox.byAddress();
            long received = byAddress.values().stream().mapToLong(Integer::longValue).sum();
            long duplicates = byAddress.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
            System.out.printf("  GreenMail: %,d emails received for %,d distinct addresses of %,d; duplicates %d; missing %d%n", received,
                    byAddress.size(), n, duplicates, n - byAddress.size());
        }
        // a sample of leads through the API: the timeline entry and the lead's place in the cadence
        java.util.Random random = new java.util.Random(7);
        int good = 0;
        int sample = Math.min(20, n);
        String example = null;
        for (int s = 0; s < sample; s++) {
            String id = ids.get(random.nextInt(n));
            JsonNode lead = JSON.readTree(send(server, "GET", "/api/v1/leads/" + id, null, null).body());
            List<String> emailed = new ArrayList<>();
            JSON.readTree(send(server, "GET", "/api/v1/leads/" + id + "/timeline", null, null).body()).path("items").forEach(e -> {
                if (e.path("type").asText().equals("EMAIL_SENT")) {
                    emailed.add(e.path("summary").asText());
                }
            });
            JsonNode nurture = lead.path("nurture");
            if (emailed.size() == 1 && nurture.path("step").asInt() == 2) {
                good++;
            }
            if (example == null) {
                example = id + ": timeline \"" + (emailed.isEmpty() ? "(no EMAIL_SENT)" : emailed.get(0)) + "\", nurture " + nurture;
            }
        }
        System.out.printf("  API sample: %d of %d leads have exactly one EMAIL_SENT entry and wait at step 2 (the wait); e.g. %s%n", good, sample,
                example);
        System.out.println("  exactly once: " + (sentRows == n && distinctSent == n && (inbox == null
                || inbox.byAddress().size() == n && inbox.byAddress().values().stream().allMatch(c -> c == 1)) ? "yes" : "NO"));
    }

    /** The leads, oldest first, read by keyset pages of 200 once every one has an owner (at most 10 minutes). */
    static List<String> leads(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            List<String> ids = new ArrayList<>();
            int owned = 0;
            String cursor = "";
            do {
                JsonNode page = JSON.readTree(send(server, "GET", "/api/v1/leads?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), null,
                        null).body());
                for (JsonNode lead : page.path("items")) {
                    ids.add(lead.path("id").asText());
                    owned += lead.path("ownerRepId").isNumber() ? 1 : 0;
                }
                cursor = page.path("nextCursor").asText("");
            } while (!cursor.isEmpty());
            if (owned == ids.size() || System.nanoTime() > deadline) {
                java.util.Collections.reverse(ids);
                return ids;
            }
            Thread.sleep(1000);
        }
    }

    /** 10 reps in UTC and a round-robin queue of them, Pool. */
    static String team() {
        return "reps:\n" + java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "  - {email: rep" + i + "@bench.example, name: Rep " + i + ", timeZone: UTC}\n")
                .collect(java.util.stream.Collectors.joining())
                + "queues:\n  - {name: Pool, strategy: round-robin, members: [" + java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "rep" + i + "@bench.example").collect(java.util.stream.Collectors.joining(", ")) + "]}\n";
    }

    static String cadence(String window) {
        return "sendWindow: " + window + "\n"
                + "steps:\n"
                + "  - email: {subject: \"Still looking at {{ lead.company }}?\", body: \"Hi {{ lead.firstName }},\\n\\nwe spoke about"
                + " {{ lead.company }} a while ago. Is now a better time to pick this up?\\n\\nThe Bench team\"}\n"
                + "  - wait: 3d\n";
    }

    /** N people from {@link People} (Febrl's vocabularies), each with an address of their own at one of 500 company domains. */
    static Path csv(Path file, int rows) throws Exception {
        People people = People.fromFebrl();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Lead ID,First Name,Last Name,Email,Company,Country,Lead Source\n");
            for (int i = 1; i <= rows; i++) {
                LeadData p = people.person(i);
                String first = p.getOrNull(LeadField.FIRST_NAME);
                String last = p.getOrNull(LeadField.LAST_NAME);
                out.write("N" + i + "," + first + "," + last + "," + (first + "." + last).replaceAll("[^a-z.]", "") + "." + i + "@company"
                        + (i % 500) + ".example,\"" + p.getOrNull(LeadField.COMPANY) + "\",AU,Web\n");
            }
        }
        return file;
    }

    static Instant nextMinute(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        if (utc.toLocalDate().isAfter(Instant.now().atZone(ZoneOffset.UTC).toLocalDate())) {
            throw new IllegalStateException("the send window would open after midnight UTC; run -Ddue=together again after 00:00 UTC");
        }
        return utc.toInstant();
    }

    static HttpResponse<String> send(ServerProcess server, String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", type == null ? "application/json" : type);
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(what + " refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** nproc, the load average, the CPU model and {@code java -version} of the JVM the server runs on. */
    static String machine() {
        String model = "";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (Exception e) {
            // not Linux
        }
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            load = "?";
        }
        String version;
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").redirectErrorStream(true)
                    .start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace("\n", " | ");
        } catch (Exception e) {
            version = System.getProperty("java.version");
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), load average " + load + "; " + version;
    }
}
