package dev.leadline.bench;

import dev.leadline.db.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code NurtureBench -Dchaos=kill}: issue 24's "each email sent exactly once even with two nodes and a
 * {@code kill -9} mid-batch". Two Leadline nodes, A and B, share one MariaDB (an embedded one the bench
 * starts in its own JVM, as {@code StartupBench} does, so that killing a node does not take the database
 * with it); each node hands its emails to a GreenMail SMTP server of its own (both in the bench's JVM,
 * counting into one inbox), so every email received says which node sent it. N leads (3,000 by default)
 * are imported and enrolled through both nodes in the cadence of {@link NurtureBench}; by default every
 * step falls due at once when the send window opens ({@code -Ddue=enrolled}: as each lead is enrolled).
 * When GreenMail has received 35 % of the emails, the node that handed over the latest one (the one
 * running the {@code nurture-steps} job) is killed with SIGKILL and started again at once on the same
 * data directory and port, the other node running on; at 70 % the node then sending is killed and started
 * again the same way ({@code -Dkill.at=0.35,0.7}: the fractions, one kill each).
 *
 * <p>The run then waits until every step has run and no email is queued. A row left {@code SENDING} (the
 * kill fell between the commit that marks it and the one that marks it sent) is ended {@code UNKNOWN} by
 * the job ten minutes later and never sent again: the bench waits for that up to {@code -Dunknown.wait=}
 * seconds (660 by default; 0 does not wait and reports the rows still sending). It checks and prints:
 * at most one email per address (duplicates 0), none after a kill or a restart to an address that had
 * one before, every {@code SENT} row's address received exactly once, received = {@code SENT} + cut-off
 * rows whose email arrived, {@code SENT} + {@code UNKNOWN} + {@code SENDING} = N, and the timeline
 * entries. Exits 1 when a check fails. {@code -Dport=} node A's port (18084; B the next one).
 */
final class NurtureChaos {
    private static final String[] NAMES = {"A", "B"};
    private final Path dir;
    private final EmbeddedMariaDb db;
    private final GreenMailInbox inbox;
    private final int basePort;
    private final ServerProcess[] nodes = new ServerProcess[2];
    private final List<String> failures = new ArrayList<>();

    /** One kill: which node, when ({@link System#nanoTime()}), and when the node was up again. */
    private record Kill(int node, long at, long restartedAt) {}

    private NurtureChaos(Path dir, EmbeddedMariaDb db, GreenMailInbox inbox, int basePort) {
        this.dir = dir;
        this.db = db;
        this.inbox = inbox;
        this.basePort = basePort;
    }

    static void run(int n, int clients) throws Exception {
        Path dir = ServerProcess.tempDir("leadline-nurture-chaos");
        // nodes still running when the bench is stopped half way are stopped with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").endsWith("java")).forEach(ProcessHandle::destroy)));
        boolean ok;
        try (GreenMailInbox inbox = GreenMailInbox.start(2);
             EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("db"), Integer.getInteger("dbMemoryMb", 256))) {
            NurtureChaos chaos = new NurtureChaos(dir, db, inbox, Integer.getInteger("port", 18084));
            try {
                chaos.go(n, clients);
            } finally {
                chaos.stopNodes();
                for (int i = 0; i < 2; i++) {
                    Path log = dir.resolve("node-" + NAMES[i].toLowerCase(Locale.ROOT)).resolve("server.log");
                    if (Files.exists(log)) {
                        Files.copy(log, Path.of(System.getProperty("java.io.tmpdir"), "nurture-chaos-" + NAMES[i].toLowerCase(Locale.ROOT)
                                + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            chaos.failures.forEach(f -> System.out.println("FAILED: " + f));
            ok = chaos.failures.isEmpty();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    private void go(int n, int clients) throws Exception {
        boolean together = !"enrolled".equals(System.getProperty("due"));
        double[] killAt = java.util.Arrays.stream(System.getProperty("kill.at", "0.35,0.7").split(",")).mapToDouble(Double::parseDouble).toArray();
        long unknownWait = Long.getLong("unknown.wait", 660);
        long t0 = System.nanoTime();
        nodes[0] = start(0);
        nodes[1] = start(1);
        System.out.printf("nodes A (:%d, emails to GreenMail :%d) and B (:%d, GreenMail :%d) on one MariaDB (%s, started by the bench); up in %d and %d ms;"
                + " server %s%n", basePort, inbox.port(0), basePort + 1, inbox.port(1), db.jdbcUrl(), nodes[0].readyMillis, nodes[1].readyMillis,
                ServerProcess.jar());
        ServerProcess a = nodes[0];
        NurtureBench.expect(NurtureBench.send(a, "PUT", "/api/v1/rules/import", "default: {queue: Pool}", "application/yaml"), 200, "import rules");
        Path csv = NurtureBench.csv(dir.resolve("leads.csv"), n);
        long importStart = System.nanoTime();
        ImportBench.importAndWait(NurtureBench.HTTP, a, csv, importStart + Duration.ofMinutes(20).toNanos());
        List<String> ids = NurtureBench.leads(a);
        System.out.printf("setup: %,d leads imported through A and routed (by both nodes) in %.1f s%n", ids.size(),
                (System.nanoTime() - importStart) / 1e9);
        n = ids.size();
        try (ServerDatabase sdb = new ServerDatabase(DriverManager.getConnection(db.jdbcUrl(), db.credentials().user(),
                db.credentials().password()))) {
            within(Duration.ofMinutes(5), Duration.ofMillis(500), () -> sdb.count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") == 0);
            Instant opens = together ? NurtureBench.nextMinute(Instant.now().plusSeconds(Long.getLong("open", Math.max(60, n / 100)))) : null;
            String window = opens == null ? "24/7" : "MON-SUN " + LocalTime.ofInstant(opens, ZoneOffset.UTC) + "-24:00";
            NurtureBench.expect(NurtureBench.send(a, "PUT", "/api/v1/cadences/bench-check-back", NurtureBench.cadence(window), "application/yaml"),
                    200, "cadence");
            NurtureProgress progress = new NurtureProgress(sdb, inbox, n);
            Thread watcher = new Thread(progress, "progress");
            watcher.setDaemon(true);
            watcher.start();
            long[] enrolled = NurtureBench.enrol(List.of(nodes[0], nodes[1]), ids, clients);
            System.out.printf("enrolled %,d leads through A and B (%d clients) in %.1f s; %d failed; sendWindow %s%n", n, clients,
                    (enrolled[1] - enrolled[0]) / 1e9, enrolled[2], window);
            long start = enrolled[1];
            if (opens != null) {
                long wait = Duration.between(Instant.now(), opens).toNanos();
                System.out.printf("  %,d emails received before the window opened; every step falls due at %s (in %.0f s)%n", inbox.received(),
                        opens, wait / 1e9);
                within(Duration.ofNanos(Math.max(0, wait)).plusSeconds(5), Duration.ofMillis(50), () -> !Instant.now().isBefore(opens));
                start = System.nanoTime() - Math.max(0, Duration.between(opens, Instant.now()).toNanos());
            }

            String since = opens != null ? "the window opened" : "the last enrolment's answer";
            List<Kill> kills = new ArrayList<>();
            for (double fraction : killAt) {
                int target = (int) Math.ceil(fraction * n);
                if (!within(Duration.ofMinutes(10), Duration.ofMillis(2), () -> inbox.received() >= target)) {
                    failures.add("GreenMail never reached " + target + " emails (" + inbox.received() + ") for the kill at " + fraction);
                    break;
                }
                kills.add(kill(sdb, n));
            }

            // every step run and no email queued: each one sent, or cut off (SENDING, later UNKNOWN)
            int all = n;
            within(Duration.ofMinutes(10), Duration.ofMillis(250), () -> {
                Map<String, Long> now = sdb.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state");
                return now.values().stream().mapToLong(Long::longValue).sum() >= all && now.getOrDefault("QUEUED", 0L) == 0;
            });
            Map<String, Long> states = sdb.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state");
            long handedOver = System.nanoTime();
            progress.stop(); // the timeline up to here; the wait for UNKNOWN below is polled on its own
            watcher.join();
            System.out.printf("every email handed over or cut off %.1f s after %s: nurture_email %s; %,d received%n",
                    (handedOver - start) / 1e9, since, states, inbox.received());
            long sending = states.getOrDefault("SENDING", 0L);
            if (sending > 0) {
                System.out.println("  left SENDING: " + rows(sdb, "state = 'SENDING'"));
                if (unknownWait > 0) {
                    System.out.printf("  waiting up to %d s for the job to end them UNKNOWN (10 minutes after they were marked)%n", unknownWait);
                    within(Duration.ofSeconds(unknownWait), Duration.ofSeconds(1),
                            () -> sdb.count("SELECT COUNT(*) FROM nurture_email WHERE state = 'SENDING'") == 0);
                    System.out.printf("  %.0f s later: nurture_email %s%n", (System.nanoTime() - handedOver) / 1e9,
                            sdb.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state"));
                }
            }
            System.out.println("  progress (s after " + since + ": recorded / sent / received): " + progress.timeline(start));
            report(sdb, n, start, since, kills);
        }
        System.out.printf("  %.0f s in all; machine: %s%n", (System.nanoTime() - t0) / 1e9, NurtureBench.machine());
    }

    /** SIGKILL to the node that handed over the latest email, and the node started again at once. */
    private Kill kill(ServerDatabase sdb, int n) throws Exception {
        int victim = inbox.lastServer();
        long lastAt = inbox.lastAt();
        nodes[victim].kill();
        long at = System.nanoTime();
        int received = inbox.received();
        int byNode = inbox.receivedBy(victim);
        Map<String, Long> states = sdb.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state");
        List<String> sending = rows(sdb, "state = 'SENDING'");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf("KILL -9 node %s (its GreenMail had the latest email %d ms before) with %,d of %,d emails received (%,d through %s);"
                + " nurture_email then %s; SENDING %s; load %s%n", NAMES[victim], (at - lastAt) / 1_000_000, received, n, byNode,
                NAMES[victim], states, sending, load);
        long restart = System.nanoTime();
        nodes[victim] = start(victim);
        long up = System.nanoTime();
        System.out.printf("  node %s started again on its data directory and port: UP %.1f s after the kill (%d ms to start); %,d received by then%n",
                NAMES[victim], (up - at) / 1e9, (up - restart) / 1_000_000, inbox.received());
        return new Kill(victim, at, up);
    }

    private void report(ServerDatabase sdb, int n, long start, String since, List<Kill> kills) throws Exception {
        List<GreenMailInbox.Arrival> arrivals = inbox.arrivals();
        Map<String, Integer> byAddress = inbox.byAddress();
        long received = arrivals.size();
        long duplicates = byAddress.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
        Map<String, Long> states = sdb.counts("SELECT state, COUNT(*) FROM nurture_email GROUP BY state");
        Map<String, String> stateOf = new HashMap<>();
        Map<String, Long> idOf = new HashMap<>();
        synchronized (sdb) {
            try (Statement s = sdb.connection().createStatement(); ResultSet r = s.executeQuery("SELECT id, LOWER(to_address), state FROM nurture_email")) {
                while (r.next()) {
                    stateOf.merge(r.getString(2), r.getString(3), (x, y) -> x + "+" + y);
                    idOf.put(r.getString(2), r.getLong(1));
                }
            }
        }
        long sent = states.getOrDefault("SENT", 0L);
        long unknown = states.getOrDefault("UNKNOWN", 0L);
        long sending = states.getOrDefault("SENDING", 0L);
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        long sentNotReceived = stateOf.entrySet().stream().filter(e -> e.getValue().equals("SENT") && !byAddress.containsKey(e.getKey())).count();
        long sentReceivedOnce = stateOf.entrySet().stream().filter(e -> e.getValue().equals("SENT") && byAddress.getOrDefault(e.getKey(), 0) == 1)
                .count();
        List<String> cutOffReceived = new ArrayList<>();
        List<String> cutOffNotReceived = new ArrayList<>();
        stateOf.forEach((address, state) -> {
            if (!state.equals("SENT")) {
                (byAddress.containsKey(address) ? cutOffReceived : cutOffNotReceived).add("#" + idOf.get(address) + " " + address + " " + state);
            }
        });
        long strangers = byAddress.keySet().stream().filter(address -> !stateOf.containsKey(address)).count();
        long emailedEntries = sdb.count("SELECT COUNT(*) FROM activity WHERE type = 'EMAIL_SENT' AND summary LIKE 'Emailed %'");
        long unknownEntries = sdb.count("SELECT COUNT(*) FROM activity WHERE type = 'EMAIL_SENT' AND summary LIKE '%may or may not have gone%'");

        System.out.printf("  database: nurture_email %s (%,d rows for %,d leads); timeline: %,d \"Emailed\" entries, %,d \"may or may not have gone\"%n",
                states, rows, n, emailedEntries, unknownEntries);
        System.out.printf("  GreenMail: %,d emails received (A %,d, B %,d) for %,d distinct addresses; duplicates %d; to addresses without a row %d%n",
                received, inbox.receivedBy(0), inbox.receivedBy(1), byAddress.size(), duplicates, strangers);
        System.out.printf("  SENT rows %,d: %,d of them received exactly once, %d never received; cut-off rows (not SENT) whose email arrived: %s;"
                + " whose email did not: %s%n", sent, sentReceivedOnce, sentNotReceived, cutOffReceived, cutOffNotReceived);
        // who sent what between the kills, how long each takeover took, and whether any address was emailed again
        for (int k = 0; k <= kills.size(); k++) {
            long from = k == 0 ? Long.MIN_VALUE : kills.get(k - 1).at();
            long to = k == kills.size() ? Long.MAX_VALUE : kills.get(k).at();
            int[] bySender = new int[2];
            long first = Long.MAX_VALUE;
            int firstFrom = -1;
            for (GreenMailInbox.Arrival arrival : arrivals) {
                if (arrival.at() > from && arrival.at() <= to) {
                    bySender[arrival.server()]++;
                    if (arrival.at() < first) {
                        first = arrival.at();
                        firstFrom = arrival.server();
                    }
                }
            }
            String phase = k == 0 ? "before the first kill" : "after kill " + k + " (node " + NAMES[kills.get(k - 1).node()] + ")";
            String takeover = k == 0 || firstFrom < 0 ? "" : String.format("; the next email %.1f s after the kill, from %s", (first - from) / 1e9,
                    NAMES[firstFrom]);
            System.out.printf("  %s: A sent %,d, B sent %,d%s%n", phase, bySender[0], bySender[1], takeover);
        }
        long resent = 0;
        for (Kill kill : kills) {
            for (long cut : new long[] {kill.at(), kill.restartedAt()}) {
                Set<String> before = new HashSet<>();
                long again = 0;
                for (GreenMailInbox.Arrival arrival : arrivals) {
                    if (arrival.at() <= cut) {
                        before.add(arrival.address());
                    } else if (before.contains(arrival.address())) {
                        again++;
                    }
                }
                resent += again;
            }
        }
        System.out.printf("  emails after a kill or a restart to an address that had one before it: %d%n", resent);
        GreenMailInbox.Arrival last = arrivals.isEmpty() ? null : arrivals.get(arrivals.size() - 1);
        if (last != null) {
            System.out.printf("  the last email arrived %.1f s after %s (from %s)%n", (last.at() - start) / 1e9, since, NAMES[last.server()]);
        }

        check(duplicates == 0, duplicates + " duplicate emails: " + byAddress.entrySet().stream().filter(e -> e.getValue() > 1).limit(20).toList());
        check(resent == 0, resent + " emails went again after a kill or restart");
        check(strangers == 0, strangers + " emails to addresses without a nurture_email row");
        check(sentNotReceived == 0, sentNotReceived + " SENT rows whose email never arrived");
        check(received == sent + cutOffReceived.size(), "received " + received + " != SENT " + sent + " + cut-off rows received " + cutOffReceived.size());
        check(rows == n && sent + unknown + sending == n, "SENT " + sent + " + UNKNOWN " + unknown + " + SENDING " + sending + " != " + n
                + " (rows " + rows + ", states " + states + ")");
        check(emailedEntries == sent, emailedEntries + " \"Emailed\" timeline entries for " + sent + " SENT rows");
        check(unknownEntries == unknown, unknownEntries + " \"may or may not have gone\" entries for " + unknown + " UNKNOWN rows");
        System.out.println("  exactly once (at most one email an address, none again after a kill, every SENT row received once): "
                + (failures.isEmpty() ? "yes" : "NO"));
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    /** Rows of nurture_email matching {@code where}: id, lead, address, state, next_try_at, error (at most 20). */
    private static List<String> rows(ServerDatabase sdb, String where) throws Exception {
        List<String> out = new ArrayList<>();
        synchronized (sdb) {
            try (Statement s = sdb.connection().createStatement(); ResultSet r = s.executeQuery("SELECT id, lead_id, to_address, state, next_try_at,"
                    + " error FROM nurture_email WHERE " + where + " ORDER BY id LIMIT 20")) {
                while (r.next()) {
                    out.add("#" + r.getLong(1) + " lead " + r.getLong(2) + " " + r.getString(3) + " " + r.getString(4) + " since " + r.getString(5)
                            + (r.getString(6) == null ? "" : " (" + r.getString(6) + ")"));
                }
            }
        }
        return out;
    }

    /** Node {@code i} on its own home, port and SMTP server, on the shared database; its plugins off at the first start. */
    private ServerProcess start(int i) throws Exception {
        Path home = dir.resolve("node-" + NAMES[i].toLowerCase(Locale.ROOT));
        Files.createDirectories(home);
        Files.writeString(home.resolve("leadline.yml"), NurtureBench.team());
        int port = basePort + i;
        Map<String, String> env = new HashMap<>(Map.of("LEADLINE_CONFIG", home.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", home.resolve("no-plugins").toString(), "LEADLINE_DATA_DIR", home.resolve("data").toString(),
                "LEADLINE_PUBLIC_URL", "http://127.0.0.1:" + port,
                "LEADLINE_SMTP_MAX_PER_SENDER_HOUR", "1000000", "LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR", "1000000",
                "LEADLINE_DB_URL", db.jdbcUrl(), "LEADLINE_DB_USER", db.credentials().user(), "LEADLINE_DB_PASSWORD", db.credentials().password()));
        env.putAll(Map.of("LEADLINE_SMTP_HOST", "127.0.0.1", "LEADLINE_SMTP_PORT", Integer.toString(inbox.port(i)),
                "LEADLINE_SMTP_TLS", "none", "LEADLINE_SMTP_FROM", NurtureBench.SENDER));
        ServerProcess server = ServerProcess.start(home, port, env, "-Xmx512m");
        // each node keeps its plugin switches in its plugins directory: turned off once, off again after a restart
        if (!Files.exists(home.resolve("no-plugins/disabled.txt")) && !"on".equals(System.getProperty("plugins"))) {
            MergeImportBench.pluginsOff(NurtureBench.HTTP, server);
        }
        return server;
    }

    private void stopNodes() throws InterruptedException {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    /** Waits until the condition holds, looking every {@code poll}; false when it still does not after {@code atMost}. */
    private static boolean within(Duration atMost, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
